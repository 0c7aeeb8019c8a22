"""``kg export --to neo4j-csv``: the files of Neo4j's bulk importer, and a real import of them.

The build is examples/ plus the record whose title, authors and abstract hold Cypher and
quotes (tests/data/neo4j).  The files are read back with Python's csv module, then imported
with the real ``neo4j-admin database import full`` of Neo4j 5.26 (the jars of
tests/servers/neo4j.py) into a fresh database, which a server started on it answers: the
counts by label and type, the stored values and a few named questions must be what the
build and its SPARQL store say.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from cypher.answers import as_multiset, example_values, sparql_answer
from servers.neo4j import Neo4j, StartFailed, Unavailable, admin, new_home, running_neo4j
from support import DATA, EXAMPLES

from kg.cli.main import cli
from kg.cypher.run import run_cypher
from kg.errors import OutputError
from kg.graph.contract import NODE_LABELS
from kg.loaders.neo4j import Connection
from kg.sparql import find_query
from kg.writers.neo4j_csv import (
    ARGUMENTS_FILE,
    ARRAY_DELIMITER,
    SCHEMA_FILE,
    column_type,
    write_neo4j_csv,
)
from kg.writers.nodelink import read_node_link

INJECTION = DATA / "neo4j" / "cypher_injection.nbib"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("csv-build")
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES), str(INJECTION), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def exported(build: Path) -> Path:
    result = CliRunner().invoke(cli, ["export", str(build), "--to", "neo4j-csv"])
    assert result.exit_code == 0, result.output
    target = build / "neo4j-csv"
    assert result.stderr.startswith(f"Wrote {target}/ (")
    assert f"cd {target} && neo4j-admin database import full @import.args neo4j" in result.stderr
    return target


def _header(folder: Path, stem: str) -> list[str]:
    return (folder / f"{stem}.header.csv").read_text(encoding="utf-8").rstrip("\n").split(",")


def _rows(folder: Path, stem: str) -> list[dict[str, str]]:
    """The data file read with the header, as the importer pairs them (quotes undone)."""
    names = [
        field.split("(")[0] if field.startswith(":") else field.split(":")[0]
        for field in _header(folder, stem)
    ]
    with (folder / f"{stem}.csv").open(encoding="utf-8", newline="") as source:
        return [dict(zip(names, row, strict=True)) for row in csv.reader(source)]


def test_headers_name_id_spaces_and_typed_columns(exported: Path) -> None:
    paper = _header(exported, "nodes_Paper")
    assert paper[:2] == ["id:ID(Paper)", ":LABEL"]
    for column in ("year:long", "in_corpus:boolean", "keywords:string[]", "title:string"):
        assert column in paper
    assert paper[2:] == sorted(paper[2:])
    treats = _header(exported, "relationships_TREATS_Therapy_Disease")
    assert treats[:3] == [":START_ID(Therapy)", ":END_ID(Disease)", ":TYPE"]
    for column in ("confidence:double[]", "start:long[]", "paper:string[]", "asserted:boolean"):
        assert column in treats


def test_every_node_and_edge_is_one_row_and_reads_back(build: Path, exported: Path) -> None:
    graph = read_node_link(build / "graph.json")
    labels = Counter(data["label"] for _, data in graph.nodes(data=True))
    for label, count in labels.items():
        rows = _rows(exported, f"nodes_{label}")
        assert len(rows) == count
        assert {row[":LABEL"] for row in rows} == {f"{label}{ARRAY_DELIMITER}KG"}
    papers = {row["id"]: row for row in _rows(exported, "nodes_Paper")}
    injected = papers["pmid:99000001"]
    assert injected["title"] == graph.nodes["pmid:99000001"]["title"]
    assert injected["abstract"] == graph.nodes["pmid:99000001"]["abstract"]
    keywords = graph.nodes["pmid:99000001"]["keywords"]
    assert injected["keywords"].split(ARRAY_DELIMITER) == keywords
    types = Counter(data["type"] for _, _, data in graph.edges(data=True))
    written: Counter[str] = Counter()
    for header in exported.glob("relationships_*.header.csv"):
        stem = header.name.removesuffix(".header.csv")
        for row in _rows(exported, stem):
            written[row[":TYPE"]] += 1
            assert graph.has_edge(row[":START_ID"], row[":END_ID"], key=row[":TYPE"])
    assert written == types


def test_argument_and_schema_files(exported: Path) -> None:
    arguments = (exported / ARGUMENTS_FILE).read_text(encoding="utf-8").splitlines()
    options = [line for line in arguments if not line.startswith("#")]
    pairs = [line.split("=", 1)[1] for line in options if line.startswith(("--nodes=", "--rel"))]
    files = {name for pair in pairs for name in pair.split(",")}
    assert files == {path.name for path in exported.glob("*.csv")}
    assert "--array-delimiter=U+001F" in options and "--multiline-fields=true" in options
    assert options[-1] == "--id-type=string"  # single-valued options after the file lists
    schema = (exported / SCHEMA_FILE).read_text(encoding="utf-8")
    for label in NODE_LABELS:
        assert f"FOR (n:`{label}`) REQUIRE n.id IS UNIQUE;" in schema


def test_the_same_build_gives_the_same_bytes(build: Path, exported: Path, tmp_path: Path) -> None:
    again = write_neo4j_csv(build, tmp_path / "again")
    assert sorted(again.files) == sorted(path.name for path in exported.iterdir())
    for name in again.files:
        assert (tmp_path / "again" / name).read_bytes() == (exported / name).read_bytes(), name


def test_column_types_widen_numbers_and_give_up_on_mixed_kinds() -> None:
    assert column_type([1, 2]) == "long"
    assert column_type([1, 2.5]) == "double"
    assert column_type([[1], [2.5]]) == "double[]"
    assert column_type([["a"], ["b", "c"]]) == "string[]"
    assert column_type([True]) == "boolean"
    assert column_type(["a", 1]) is None
    assert column_type([["a"], "b"]) is None


def test_a_string_holding_the_array_delimiter_is_refused(build: Path, tmp_path: Path) -> None:
    copy = tmp_path / "build"
    copy.mkdir()
    (copy / "manifest.json").write_text("{}", encoding="utf-8")
    graph = json.loads((build / "graph.json").read_text(encoding="utf-8"))
    paper = next(node for node in graph["nodes"] if node.get("keywords"))
    paper["keywords"] = ["a\x1fb"]
    (copy / "graph.json").write_text(json.dumps(graph), encoding="utf-8")
    target = tmp_path / "out"
    target.mkdir()
    (target / "previous").write_text("kept", encoding="utf-8")
    with pytest.raises(OutputError, match=rf"{paper['id']}: property 'keywords' holds .*U\+001F"):
        write_neo4j_csv(copy, target)
    assert (target / "previous").read_text(encoding="utf-8") == "kept"  # old export untouched


def test_standard_output_is_refused_for_a_directory_format(build: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(build), "--to", "neo4j-csv", "--out", "-"])
    assert result.exit_code == 2
    assert "neo4j-csv is a directory of files and cannot go to standard output" in result.stderr


# --- The real importer --------------------------------------------------------------------


@pytest.fixture(scope="module")
def imported(exported: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4j]:
    """neo4j-admin database import full of the export into a new DBMS, then a server on it."""
    work = tmp_path_factory.mktemp("neo4j-import")
    try:
        home = new_home(work)
        report = admin(
            home, "database", "import", "full", f"@{exported / ARGUMENTS_FILE}", "neo4j",
            "--report-file", str(work / "import.report"), cwd=exported,
        )  # fmt: skip
        assert "IMPORT DONE" in report.stdout, report.stdout[-2000:]
        with running_neo4j(work, home=home) as server:
            with server.driver() as driver, driver.session() as session:
                for statement in (exported / SCHEMA_FILE).read_text("utf-8").split(";\n"):
                    if statement.strip():
                        session.run(statement).consume()
                session.run("CALL db.awaitIndexes(300)").consume()
            yield server
    except Unavailable as error:
        if os.environ.get("CI"):
            pytest.fail(f"cannot run Neo4j here: {error}")
        pytest.skip(f"cannot run Neo4j here: {error}")
    except StartFailed as error:
        pytest.fail(f"neo4j-admin or Neo4j failed: {error}")


def _query(server: Neo4j, statement: str, **parameters: Any) -> list[dict[str, Any]]:
    with server.driver() as driver:
        records, _, _ = driver.execute_query(statement, parameters)
        return [record.data() for record in records]


def test_neo4j_admin_imports_every_node_and_relationship(build: Path, imported: Neo4j) -> None:
    graph = read_node_link(build / "graph.json")
    labels = Counter(data["label"] for _, data in graph.nodes(data=True))
    types = Counter(data["type"] for _, _, data in graph.edges(data=True))
    by_label = _query(
        imported,
        "MATCH (n:KG) UNWIND [l IN labels(n) WHERE l <> 'KG'] AS label RETURN label, count(*) AS n",
    )
    assert Counter({row["label"]: row["n"] for row in by_label}) == labels
    by_type = _query(imported, "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    assert Counter({row["type"]: row["n"] for row in by_type}) == types
    constraints = _query(imported, "SHOW CONSTRAINTS YIELD labelsOrTypes RETURN labelsOrTypes")
    assert {row["labelsOrTypes"][0] for row in constraints} == set(NODE_LABELS)


def test_imported_values_are_the_builds(build: Path, imported: Neo4j) -> None:
    graph = read_node_link(build / "graph.json")
    for node in ("pmid:99000001", "DOID:9074"):
        stored = _query(imported, "MATCH (n:KG {id: $id}) RETURN properties(n) AS p", id=node)
        expected = {k: v for k, v in graph.nodes[node].items() if k != "label"} | {"id": node}
        assert stored == [{"p": expected}]
    evidence = [
        (u, v, data)
        for u, v, data in graph.edges(data=True)
        if data["type"] in ("TREATS", "TARGETS")
    ]
    for source, target, data in evidence:
        stored = _query(
            imported,
            "MATCH ({id: $s})-[r]->({id: $t}) WHERE type(r) = $type RETURN properties(r) AS p",
            s=source,
            t=target,
            type=data["type"],
        )
        assert stored == [{"p": {k: v for k, v in data.items() if k not in ("type", "key")}}]


@pytest.mark.parametrize("name", ["therapies_for_disease", "papers_per_year", "top_authors"])
def test_named_questions_answer_on_the_import_as_on_the_build(
    name: str, build: Path, imported: Neo4j
) -> None:
    query = find_query(name)
    values = example_values(query)
    connection = Connection.from_options(
        imported.uri, user=imported.user, password=imported.password
    )
    expected = sparql_answer(build, query, values)
    found = run_cypher(connection, query, values, source=name)
    assert found.variables == expected.variables
    assert as_multiset(found) == as_multiset(expected)
    assert expected.rows


def test_export_summary_mentions_what_the_importer_cannot_hold(build: Path, tmp_path: Path) -> None:
    graph = json.loads((build / "graph.json").read_text(encoding="utf-8"))
    first, second = [node for node in graph["nodes"] if node["label"] == "Journal"][:2]
    first["mixed"], second["mixed"] = "text", 3
    copy = tmp_path / "build"
    copy.mkdir()
    (copy / "manifest.json").write_text("{}", encoding="utf-8")
    (copy / "graph.json").write_text(json.dumps(graph), encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(copy), "--to", "neo4j-csv"])
    assert result.exit_code == 0, result.output
    label = "Journal"
    assert f"note: nodes_{label}.csv: mixed: values of mixed kinds, written as text" in (
        result.stderr
    )
    rows = list(csv.reader(io.StringIO((copy / "neo4j-csv" / f"nodes_{label}.csv").read_text())))
    assert "mixed:string" in _header(copy / "neo4j-csv", f"nodes_{label}")
    assert rows  # still written
