"""Every named question gives the same rows in Cypher on Neo4j as in SPARQL on the build.

One build of examples/ plus the seven PubMed records that cite each other
(tests/sparql/data, as tests/test_queries.py uses, so that most_cited_in_set has answers) is
loaded with ``kg load --neo4j-uri`` into the real Neo4j of tests/servers/neo4j.py.  Each
question then runs twice on that same build, SPARQL on the build's embedded store and its
Cypher twin on Neo4j, for its example's values and the variations tests/test_queries.py
checks against graph.json, and the answers must match row for row (cypher/answers.py says
what is normalised) and in the order the .rq's ORDER BY gives.  Then ``kg query`` itself:
``--neo4j-uri``, ``--cypher FILE|-``, and its one-line errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from cypher.answers import ORDER_KEYS, as_multiset, example_values, rows, sparql_answer
from servers.neo4j import Neo4j, session_server, wipe
from support import EXAMPLES, ROOT

from kg.cli.main import cli
from kg.cypher.run import run_cypher
from kg.loaders.neo4j import Connection, load_build
from kg.sparql import find_query, load_library

CITATIONS = ROOT / "tests" / "sparql" / "data" / "in_set_citations.xml.gz"

# Values beyond each example's: synonyms, concept ids, case, defaults, thresholds.
_VARIATIONS: dict[str, list[dict[str, str]]] = {
    "therapies_for_disease": [
        {"disease": "systemic lupus erythematosus"},
        {"disease": "RHEUMATOID ARTHRITIS", "asserted_only": "true"},
        {"disease": "autoimmune disease"},
        {"disease": "DOID:9074"},
    ],
    "mechanism_evidence": [
        {
            "therapy": "mesenchymal stem cell therapy",
            "mechanism": "immunomodulation",
            "min_confidence": "0.5",
        }
    ],
    "shared_mechanisms": [
        {
            "therapy_a": "MSCs",
            "therapy_b": "mesenchymal stem cell-derived extracellular vesicles",
        }
    ],
    "diseases_for_mechanism": [{"mechanism": "Macrophage Polarization"}],
    "autoimmune_papers": [{"root": "arthritis"}],
    "top_authors": [{"topic": "mesenchymal stem cell therapy", "min_papers": "1"}],
    "coauthor_pairs": [{"min_papers": "1"}, {"min_papers": "3"}],
    "cross_country_collaborations": [{"country": ""}, {"country": "us"}],
    "most_cited_in_set": [{"min_citations": "2"}],
    "therapy_papers_per_year": [{"therapy": "adalimumab"}],
    "bridging_authors": [{"community_a": "china", "community_b": "Iran"}],
}
_CASES = [
    (name, values)
    for name, query in sorted(load_library().items())
    for values in [example_values(query), *_VARIATIONS.get(name, [])]
]


@pytest.fixture(scope="session")
def neo4j(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Neo4j:
    return session_server(request, tmp_path_factory)


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("twins-build")
    command = ["build", str(EXAMPLES), str(CITATIONS), "--out", str(out), "-q"]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def connection(neo4j: Neo4j) -> Connection:
    return Connection.from_options(neo4j.uri, user=neo4j.user, password=neo4j.password)


@pytest.fixture(scope="module")
def loaded(neo4j: Neo4j, build: Path, connection: Connection) -> Path:
    """The build, alone in the database."""
    wipe(neo4j)
    load_build(build, connection)
    return build


@pytest.mark.parametrize(
    ("name", "values"), _CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(_CASES)]
)
def test_sparql_and_cypher_give_the_same_rows(
    name: str, values: dict[str, str], loaded: Path, connection: Connection
) -> None:
    query = find_query(name)
    expected = sparql_answer(loaded, query, values)
    found = run_cypher(connection, query, values, source=name)
    assert found.variables == expected.variables
    pairs = name == "cross_country_collaborations" and not values.get("country")
    assert as_multiset(found, unordered_pairs=pairs) == as_multiset(expected, unordered_pairs=pairs)
    assert expected.rows, f"{name} {values}: no answer on the build to compare"
    # A pair's orientation is the engine's when no country is given: only its weight orders.
    key = (lambda row: (-row["papers"],)) if pairs else ORDER_KEYS[name]
    assert [key(row) for row in rows(found)] == [key(row) for row in rows(expected)]


def test_every_question_is_compared() -> None:
    assert {name for name, _ in _CASES} == set(load_library()) == set(ORDER_KEYS)


def _kg(neo4j: Neo4j, *args: str, stdin: str | None = None) -> Result:
    env = {"NEO4J_USERNAME": neo4j.user, "NEO4J_PASSWORD": neo4j.password}
    return CliRunner().invoke(cli, list(args), env=env, input=stdin)


def test_kg_query_prints_the_same_table_from_both_stores(loaded: Path, neo4j: Neo4j) -> None:
    for name in ("papers_per_year", "most_cited_in_set"):
        sparql = _kg(neo4j, "query", str(loaded), name, "--format", "csv")
        cypher = _kg(neo4j, "query", str(loaded), name, "--format", "csv", "--neo4j-uri", neo4j.uri)
        assert sparql.exit_code == cypher.exit_code == 0, cypher.output
        assert cypher.stdout == sparql.stdout
    table = _kg(neo4j, "query", "journals_by_count", "--neo4j-uri", neo4j.uri, "--limit", "2")
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].split() == ["journal", "name", "title", "papers"]
    assert table.stdout.splitlines()[2].startswith("kgr:journal/")  # IRIs, as SPARQL prints
    assert "(first 2 of " in table.stdout


def test_kg_query_runs_any_cypher_from_a_file_or_standard_input(
    loaded: Path, neo4j: Neo4j, tmp_path: Path
) -> None:
    query = tmp_path / "since.cypher"
    query.write_text(
        "// title: Papers since a year\n"
        "// description: How many papers of the build appeared in or after the year.\n"
        "// parameters:\n"
        "//   - year (integer): the first year counted.\n"
        "// example: kg query --cypher since.cypher --param year=2020\n"
        "\n"
        "MATCH (p:Paper) WHERE p.in_corpus AND p.year >= $year RETURN count(p) AS papers\n",
        encoding="utf-8",
    )
    years = [
        row["year"]
        for row in rows(sparql_answer(loaded, find_query("papers_per_year"), {}))
        for _ in range(int(row["papers"]))
    ]
    result = _kg(
        neo4j, "query", "--cypher", str(query), "--param", "year=2020", "--neo4j-uri", neo4j.uri
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2] == str(sum(year >= 2020 for year in years))
    piped = CliRunner().invoke(
        cli,
        ["query", "--cypher", "-", "--format", "json"],
        input="MATCH (p:Paper {id: 'pmid:10704411'}) RETURN p.pmid AS pmid, p AS paper",
        env={"NEO4J_URI": neo4j.uri, "NEO4J_PASSWORD": neo4j.password},
    )
    assert piped.exit_code == 0, piped.output
    assert '"value": "10704411"' in piped.stdout
    assert '"value": "https://pubmed.ncbi.nlm.nih.gov/10704411"' in piped.stdout


def test_kg_query_errors_are_one_line(loaded: Path, neo4j: Neo4j) -> None:
    unknown = _kg(
        neo4j, "query", "therapies_for_disease", "--param", "disease=lupus erythematosu",
        "--neo4j-uri", neo4j.uri,
    )  # fmt: skip
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith(
        "kg: error: query therapies_for_disease: parameter 'disease': no Disease in the database "
        "has the name, synonym or concept id 'lupus erythematosu'"
    )
    assert "names containing it: " in unknown.stderr and "lupus erythematosus" in unknown.stderr
    broken = _kg(
        neo4j, "query", "--cypher", "-", "--neo4j-uri", neo4j.uri, stdin="MATCH (n RETURN n"
    )
    assert broken.exit_code == 1
    assert broken.stderr.startswith("kg: error: <stdin>: not valid Cypher: ")
    assert len(broken.stderr.splitlines()) == 1
    writing = _kg(neo4j, "query", "--cypher", "-", "--neo4j-uri", neo4j.uri,
                  stdin="MATCH (n:KG) DETACH DELETE n")  # fmt: skip
    assert writing.exit_code == 1 and "kg: error: " in writing.stderr
    assert len(writing.stderr.splitlines()) == 1
    counted = _kg(neo4j, "query", "papers_per_year", "--neo4j-uri", neo4j.uri)
    assert counted.exit_code == 0 and len(counted.stdout.splitlines()) > 3  # nothing deleted
    no_server = CliRunner().invoke(cli, ["query", "--cypher", "-"], input="RETURN 1", env={})
    assert no_server.exit_code == 2 and "give --neo4j-uri URI or set NEO4J_URI" in no_server.stderr
    both = _kg(neo4j, "query", str(loaded), "--sparql", "-", "--neo4j-uri", neo4j.uri)
    assert both.exit_code == 2
