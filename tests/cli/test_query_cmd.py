"""``kg query`` end to end on a real build: named queries, any SPARQL, and clear errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from support import EXAMPLES

from kg.cli.main import cli
from kg.sparql.queries import load_library


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def kg(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin)


def test_a_named_query_prints_a_table(build: Path) -> None:
    result = kg("query", str(build), "therapies_for_disease", "--param", "disease=SLE")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["therapy", "therapy_name", "kind"]
    assert any("mesenchymal stem cell therapy" in line for line in lines[2:])
    assert lines[-1].startswith(f"({len(lines) - 3} rows")


def test_csv_and_json_carry_the_same_rows(build: Path) -> None:
    args = ["query", str(build), "top_authors", "-p", "topic=autoimmune disease"]
    as_csv = list(csv.DictReader(io.StringIO(kg(*args, "--format", "csv").stdout, newline="")))
    as_json = json.loads(kg(*args, "--format", "json").stdout)
    assert len(as_csv) == len(as_json["results"]["bindings"]) > 5
    for row, binding in zip(as_csv, as_json["results"]["bindings"], strict=True):
        assert row["author"] == binding["author"]["value"]
        assert row["author"].startswith(("https://orcid.org/", "https://w3id.org/kg/id/author/"))
        assert int(row["papers"]) == int(binding["papers"]["value"]) >= 1


def test_limit_prints_the_first_rows(build: Path) -> None:
    result = kg("query", str(build), "journals_by_count", "--limit", "3")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 6 and lines[-1].startswith("(first 3 of ")


@pytest.mark.parametrize("where", [[], ["BUILD"]])
def test_list_shows_every_named_query_with_its_parameters(where: list[str], build: Path) -> None:
    args = [str(build) if arg == "BUILD" else arg for arg in where]
    result = kg("query", *args, "--list")
    assert result.exit_code == 0, result.output
    for name, query in load_library().items():
        assert f"{name}: {query.title}" in result.stdout
    assert "--param disease (concept Disease, required): the disease" in result.stdout
    assert '--param root (concept Disease, default "autoimmune disease")' in result.stdout
    listing = json.loads(kg("query", "--list", "--format", "json").stdout)
    assert {entry["name"] for entry in listing} == set(load_library())


def test_any_select_from_a_file(build: Path, tmp_path: Path) -> None:
    query = tmp_path / "diseases.rq"
    query.write_text(
        "PREFIX kg: <https://w3id.org/kg/schema#>\n"
        "SELECT (COUNT(?d) AS ?diseases) WHERE { ?d a kg:Disease }\n",
        encoding="utf-8",
    )
    result = kg("query", str(build), "--sparql", str(query), "--format", "csv")
    assert result.exit_code == 0, result.output
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    expected = f"diseases\r\n{manifest['nodes_by_label']['Disease']}\r\n"
    assert result.stdout_bytes.decode("utf-8") == expected  # .stdout turns CRLF into LF


def test_ask_and_construct_from_standard_input(build: Path) -> None:
    asked = kg(
        "query",
        str(build),
        "--sparql",
        "-",
        stdin='ASK { ?p <https://w3id.org/kg/schema#pmid> "34030135" }',
    )
    assert (asked.exit_code, asked.stdout) == (0, "true\n")
    built = kg(
        "query",
        str(build),
        "--sparql",
        "-",
        stdin="PREFIX kg: <https://w3id.org/kg/schema#>\n"
        "CONSTRUCT { ?j kg:published ?p } WHERE { ?p kg:publishedIn ?j }",
    )
    assert built.exit_code == 0, built.output
    triples = list(ox.parse(built.stdout, ox.RdfFormat.N_TRIPLES))
    assert len(triples) == 66


def test_a_query_file_with_a_header_takes_parameters(build: Path, tmp_path: Path) -> None:
    query = tmp_path / "by_year.rq"
    query.write_text(
        "# title: Papers of a year\n"
        "# description: Papers read that were published in the year.\n"
        "# parameters:\n"
        "#   - year (integer): the year.\n"
        "# example: kg query build/ --sparql by_year.rq --param year=2020\n"
        "PREFIX kg: <https://w3id.org/kg/schema#>\n"
        "SELECT ?paper WHERE { ?paper kg:year ?year ; kg:inCorpus true }\n",
        encoding="utf-8",
    )
    result = kg("query", str(build), "--sparql", str(query), "-p", "year=2020", "--format", "csv")
    assert result.exit_code == 0, result.output
    nodes = json.loads((build / "graph.json").read_text(encoding="utf-8"))["nodes"]
    of_2020 = [node for node in nodes if node.get("in_corpus") and node.get("year") == 2020]
    assert len(result.stdout.splitlines()) == 1 + len(of_2020) > 1
    missing = kg("query", str(build), "--sparql", str(query))
    assert missing.exit_code == 2
    assert "query by_year: missing parameter 'year'" in missing.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["therapies"], 2, "unknown query 'therapies'; the named queries are: autoimmune_papers"),
        (
            ["therapies_for_disease"],
            2,
            "query therapies_for_disease: missing parameter 'disease' (disease (concept Disease, "
            "required)",
        ),
        (
            ["coauthor_pairs", "-p", "min=2"],
            2,
            "query coauthor_pairs: unknown parameter 'min'; it takes: min_papers",
        ),
        (
            ["coauthor_pairs", "-p", "min_papers=two"],
            2,
            "parameter 'min_papers' (integer): expected a whole number such as 3; found 'two'",
        ),
        (["coauthor_pairs", "-p", "min_papers"], 2, "--param 'min_papers': expected KEY=VALUE"),
        (
            ["therapies_for_disease", "-p", "disease=lupus nephritis x"],
            2,
            "no Disease in BUILD has the name, synonym or concept id 'lupus nephritis x'",
        ),
    ],
)
def test_errors_are_one_line_naming_query_parameter_and_expectation(
    build: Path, args: list[str], code: int, message: str
) -> None:
    result = kg("query", str(build), *args)
    assert result.exit_code == code
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("kg: error: ")
    assert message.replace("BUILD", str(build)) in result.stderr
    assert not result.stdout


def test_malformed_sparql_names_the_file_line_and_column(build: Path, tmp_path: Path) -> None:
    query = tmp_path / "broken.rq"
    query.write_text("PREFIX kg: <https://w3id.org/kg/schema#>\nSELECT ?x WHERE { ?x kg:name }\n")
    result = kg("query", str(build), "--sparql", str(query))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kg: error: {query}: not valid SPARQL: error at 2:")
    assert result.stderr.count("\n") == 1


def test_a_scalar_parameter_where_no_constant_may_stand_is_explained(
    build: Path, tmp_path: Path
) -> None:
    query = tmp_path / "projected.rq"
    query.write_text(
        "# title: T\n# description: D.\n# parameters:\n#   - year (integer): the year.\n"
        "# example: kg query build/ --sparql projected.rq\n"
        "SELECT ?year WHERE { ?p <https://w3id.org/kg/schema#year> ?year }\n",
        encoding="utf-8",
    )
    result = kg("query", str(build), "--sparql", str(query), "-p", "year=2021")
    assert result.exit_code == 1
    assert "cannot stand in SELECT, GROUP BY or AS" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give the build DIRECTORY"),
        (["BUILD"], "give either a query NAME or --sparql FILE"),
        (["BUILD", "papers_per_year", "--sparql", "-"], "give either a query NAME or --sparql"),
    ],
)
def test_usage_errors(build: Path, args: list[str], message: str) -> None:
    result = kg("query", *[str(build) if arg == "BUILD" else arg for arg in args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_directory_that_is_not_a_build(tmp_path: Path) -> None:
    result = kg("query", str(tmp_path), "papers_per_year")
    assert result.exit_code == 1
    assert f"{tmp_path} is not a kg build directory (no manifest.json)" in result.stderr


def test_help_ends_with_an_example() -> None:
    result = kg("query", "--help")
    assert result.exit_code == 0
    last = result.stdout.rstrip().splitlines()[-1].strip()
    assert last == "Example: kg query build/ therapies_for_disease --param disease=SLE"
