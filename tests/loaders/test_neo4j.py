"""``kg load --neo4j-uri`` against a real Neo4j 5.26 Community server (tests/servers/neo4j.py).

Every test loads real builds through the real CLI and then asks the server, in Cypher of
its own, what it holds: so these fail if a batch is lost, a load duplicates what is there,
``--replace`` deletes data kg did not load, a list or an evidence sentence changes on the
way, a title is executed instead of stored, or a password reaches the terminal.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from servers.neo4j import Neo4j, session_server, wipe
from support import DATA, run_on_terminal

from kg.cli.main import cli
from kg.graph.contract import EDGE_TYPES, NODE_LABELS
from kg.writers.nodelink import read_node_link

INJECTION = DATA / "neo4j" / "cypher_injection.nbib"
INJECTED_TITLE = "'}) MATCH (n) DETACH DELETE n //\""


@pytest.fixture(scope="session")
def neo4j(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Neo4j:
    return session_server(request, tmp_path_factory)


@pytest.fixture
def empty(neo4j: Neo4j) -> Neo4j:
    """The server with no data in it (constraints and indexes may be there)."""
    wipe(neo4j)
    return neo4j


@pytest.fixture(scope="session")
def injection_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("injection-build")
    result = CliRunner().invoke(cli, ["build", str(INJECTION), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def _kg(server: Neo4j, *args: str, password: str | None = None) -> Result:
    """``kg ARGS`` in-process, the server's address and credentials in the environment."""
    env = {
        "NEO4J_URI": server.uri,
        "NEO4J_USERNAME": server.user,
        "NEO4J_PASSWORD": password or server.password,
    }
    return CliRunner().invoke(cli, list(args), env=env)


def _load(server: Neo4j, build: Path, *options: str) -> Result:
    result = _kg(server, "load", str(build), *options)
    assert result.exit_code == 0, result.output
    return result


def _cypher(server: Neo4j, statement: str, **parameters: Any) -> list[dict[str, Any]]:
    with server.driver() as driver:
        records, _, _ = driver.execute_query(statement, parameters)
        return [record.data() for record in records]


def _graph_counts(*builds: Path) -> tuple[Counter[str], Counter[str]]:
    """Nodes by label and edges by type of the union of the builds' graph.json files."""
    nodes: dict[str, str] = {}
    edges: set[tuple[str, str, str]] = set()
    for build in builds:
        graph = read_node_link(build / "graph.json")
        nodes.update((node, data["label"]) for node, data in graph.nodes(data=True))
        edges.update((u, data["type"], v) for u, v, data in graph.edges(data=True))
    return Counter(nodes.values()), Counter(kind for _, kind, _ in edges)


def _database_counts(server: Neo4j) -> tuple[Counter[str], Counter[str]]:
    """KG nodes by their contract label and relationships by type, counted by the server."""
    labels = _cypher(
        server,
        "MATCH (n:KG) UNWIND [l IN labels(n) WHERE l <> 'KG'] AS label RETURN label, count(*) AS n",
    )
    types = _cypher(server, "MATCH (:KG)-[r]->(:KG) RETURN type(r) AS type, count(*) AS n")
    return (
        Counter({row["label"]: row["n"] for row in labels}),
        Counter({row["type"]: row["n"] for row in types}),
    )


def _snapshot(server: Neo4j) -> Counter[str]:
    """Every node and relationship with all its labels and properties, as comparable text."""
    nodes = _cypher(server, "MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    edges = _cypher(
        server,
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p",
    )
    return Counter(json.dumps(row, sort_keys=True, default=str) for row in nodes + edges)


def test_load_creates_the_schema_first_and_holds_exactly_the_build(
    empty: Neo4j, example_build: Path
) -> None:
    wipe(empty, schema=True)
    result = _load(empty, example_build)
    nodes, edges = _graph_counts(example_build)
    assert _database_counts(empty) == (nodes, edges)
    output = result.stdout
    assert f"Loaded {sum(nodes.values()):,} nodes and {sum(edges.values()):,} relationships" in (
        output
    )
    assert "Checked: node counts by label and relationship counts by type in the database " in (
        output
    )
    assert f"Paper {nodes['Paper']:,}" in output and f"TREATS {edges['TREATS']:,}" in output
    assert result.stderr == ""  # no progress bar when standard error is not a terminal
    constraints = _cypher(
        empty,
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties AS p",
    )
    assert {row["label"] for row in constraints if row["p"] == ["id"]} == set(NODE_LABELS)
    indexes = _cypher(empty, "SHOW INDEXES YIELD labelsOrTypes, properties, state")
    assert {"name"} in [set(row["properties"] or []) for row in indexes]
    assert {row["state"] for row in indexes} == {"ONLINE"}
    # Nothing but KG nodes, and each node exactly once.
    assert _cypher(empty, "MATCH (n) WHERE NOT n:KG RETURN count(n) AS n") == [{"n": 0}]
    assert _cypher(empty, "MATCH (n:KG) RETURN count(DISTINCT n.id) AS n") == [
        {"n": sum(nodes.values())}
    ]


def test_evidence_and_list_properties_survive_the_trip(empty: Neo4j, example_build: Path) -> None:
    _load(empty, example_build)
    graph = read_node_link(example_build / "graph.json")
    treats = [
        (u, v, data)
        for u, v, data in graph.edges(data=True)
        if data["type"] == "TREATS" and len(data["paper"]) > 1
    ]
    assert treats  # a relation supported by several sentences
    for source, target, data in treats:
        stored = _cypher(
            empty,
            "MATCH (a {id: $s})-[r:TREATS]->(b {id: $t}) RETURN properties(r) AS p",
            s=source,
            t=target,
        )
        expected = {k: v for k, v in data.items() if k not in {"type", "key"}}
        assert [row["p"] for row in stored] == [expected]  # order and types of every list kept
    concept = next(
        (node, data) for node, data in graph.nodes(data=True) if len(data.get("synonyms", [])) > 2
    )
    paper = next(
        (node, data) for node, data in graph.nodes(data=True) if len(data.get("keywords", [])) > 2
    )
    for node, data in (concept, paper):
        stored = _cypher(empty, "MATCH (n:KG {id: $id}) RETURN properties(n) AS p", id=node)
        expected = {k: v for k, v in data.items() if k != "label"} | {"id": node}
        assert stored == [{"p": expected}]


def test_loading_the_same_build_twice_changes_nothing(empty: Neo4j, lupus_build: Path) -> None:
    _load(empty, lupus_build)
    before = _snapshot(empty)
    again = _load(empty, lupus_build, "--batch-size", "50")
    assert "0 nodes and 0 relationships new, the rest already there" in again.stdout
    assert _snapshot(empty) == before


def test_a_second_build_merges_without_duplicates(
    empty: Neo4j, example_build: Path, lupus_build: Path
) -> None:
    _load(empty, example_build)
    second = _load(empty, lupus_build)
    assert _database_counts(empty) == _graph_counts(example_build, lupus_build)
    shared = _cypher(empty, "MATCH (n:KG) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id")
    assert shared == []
    assert "the database also holds" in second.stdout  # the first build's own nodes


def test_replace_deletes_only_what_kg_loaded(
    empty: Neo4j, example_build: Path, lupus_build: Path
) -> None:
    _load(empty, example_build)
    examples_only = _only_in(example_build, lupus_build)
    linked = next(node for node, label in examples_only.items() if label == "Paper")
    _cypher(
        empty,
        "CREATE (:Person {name: 'a user of the database'})-[:WROTE]->(:Note {text: 'not from kg'})",
    )
    _cypher(
        empty,
        "MATCH (p:KG {id: $id}) CREATE (:Note {text: 'about a kg paper'})-[:ABOUT]->(p)",
        id=linked,
    )
    replaced = _load(empty, lupus_build, "--replace")
    assert "Replaced: first deleted" in replaced.stdout
    assert "kept 1 node(s) that other data links to" in replaced.stdout
    assert _database_counts(empty) == _graph_counts(lupus_build)
    # The user's data is all there, and so is the kg node it points at, now not kg's.
    assert _cypher(empty, "MATCH (:Person)-[:WROTE]->(n:Note) RETURN n.text AS t") == [
        {"t": "not from kg"}
    ]
    assert _cypher(empty, "MATCH (:Note)-[:ABOUT]->(p) RETURN p.id AS id, labels(p) AS l") == [
        {"id": linked, "l": ["Paper"]}
    ]
    gone = sorted(set(examples_only) - {linked})[:50]
    assert _cypher(empty, "MATCH (n) WHERE n.id IN $ids RETURN n.id AS id", ids=gone) == []


def _only_in(build: Path, other: Path) -> dict[str, str]:
    """Nodes of ``build`` that ``other`` does not have, with their labels."""
    theirs = set(read_node_link(other / "graph.json").nodes)
    return {
        node: data["label"]
        for node, data in read_node_link(build / "graph.json").nodes(data=True)
        if node not in theirs
    }


def test_a_title_with_cypher_and_quotes_loads_as_text(
    empty: Neo4j, example_build: Path, injection_build: Path
) -> None:
    _load(empty, example_build)
    _load(empty, injection_build)
    assert _database_counts(empty) == _graph_counts(example_build, injection_build)
    paper = _cypher(empty, "MATCH (p:Paper {id: 'pmid:99000001'}) RETURN properties(p) AS p")
    graph = read_node_link(injection_build / "graph.json")
    assert paper[0]["p"]["title"] == INJECTED_TITLE
    expected = {k: v for k, v in graph.nodes["pmid:99000001"].items() if k != "label"}
    assert paper[0]["p"] == {**expected, "id": "pmid:99000001"}
    authors = _cypher(empty, "MATCH (a:Author)-[:AUTHORED]->(:Paper {id: 'pmid:99000001'}) "
                      "RETURN a.last_name AS name ORDER BY name")  # fmt: skip
    assert authors == [{"name": "O'Brien"}, {"name": "Smith`) MATCH (n) DELETE n //"}]


def test_labels_and_types_come_only_from_the_contract(
    empty: Neo4j, lupus_build: Path, tmp_path: Path
) -> None:
    _load(empty, lupus_build)
    before = _snapshot(empty)
    for field, bad in (("label", "Paper`) DETACH DELETE n //"), ("type", "CITES]->() DELETE r //")):
        tampered = tmp_path / field
        shutil.copytree(lupus_build, tampered)
        graph = json.loads((tampered / "graph.json").read_text(encoding="utf-8"))
        elements = graph["nodes"] if field == "label" else graph["edges"]
        elements[0][field] = bad
        (tampered / "graph.json").write_text(json.dumps(graph), encoding="utf-8")
        result = _kg(empty, "load", str(tampered))
        assert result.exit_code == 1
        assert result.stderr.startswith(f"kg: error: {tampered / 'graph.json'}: ")
        assert "of the graph contract" in result.stderr and "refusing to load it" in result.stderr
        assert len(result.stderr.splitlines()) == 1
    assert _snapshot(empty) == before  # refused before anything was sent
    assert set(EDGE_TYPES) >= set(_database_counts(empty)[1])


def test_credentials_are_never_printed_or_logged(
    neo4j: Neo4j, lupus_build: Path, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "wrong-" + neo4j.password[::-1]
    refused = _kg(neo4j, "load", str(lupus_build), password=wrong)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"kg: error: {neo4j.uri}: Neo4j refused the credentials of user 'neo4j' (check --user "
        "and the password, or NEO4J_USERNAME / NEO4J_PASSWORD)\n"
    )
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        in_uri = f"bolt://neo4j:{neo4j.password}@{neo4j.uri.removeprefix('bolt://')}"
        loaded = CliRunner().invoke(cli, ["load", str(lupus_build), "--neo4j-uri", in_uri])
        assert loaded.exit_code == 0, loaded.output
        as_option = CliRunner().invoke(
            cli,
            ["load", str(lupus_build), "--neo4j-uri", neo4j.uri, "--password", neo4j.password],
        )
        assert as_option.exit_code == 0, as_option.output
    assert any("LOGON" in record.getMessage() or "HELLO" in record.getMessage()
               for record in caplog.records)  # fmt: skip
    for secret in (neo4j.password, wrong):
        for text in (refused.output, loaded.output, as_option.output, caplog.text):
            assert secret not in text
    assert f"into Neo4j at {neo4j.uri} " in loaded.stdout  # the URI without its user part


def test_the_database_is_chosen_by_option_or_environment(empty: Neo4j, lupus_build: Path) -> None:
    chosen = _load(empty, lupus_build, "--database", "neo4j")
    assert f"into Neo4j at {empty.uri} (database neo4j) " in chosen.stdout
    missing = _kg(empty, "load", str(lupus_build), "--database", "nosuch")
    assert missing.exit_code == 1
    assert missing.stderr.startswith(
        f"kg: error: {empty.uri} (database nosuch): Neo4j refused: "
        "Neo.ClientError.Database.DatabaseNotFound: "
    )
    assert len(missing.stderr.splitlines()) == 1
    from_environment = CliRunner().invoke(
        cli,
        ["load", str(lupus_build), "-q"],
        env={"NEO4J_URI": empty.uri, "NEO4J_PASSWORD": empty.password, "NEO4J_DATABASE": "nosuch"},
    )
    assert from_environment.exit_code == 1 and "(database nosuch)" in from_environment.stderr


def test_bad_calls_are_refused_with_one_line(tmp_path: Path, lupus_build: Path) -> None:
    runner = CliRunner()
    both = runner.invoke(
        cli,
        ["load", str(lupus_build), "--neo4j-uri", "bolt://127.0.0.1:9", "--graph", "urn:x"],
    )
    assert both.exit_code == 2 and "one store per command" in both.output
    not_bolt = runner.invoke(cli, ["load", str(lupus_build), "--neo4j-uri", "http://h:7474"])
    assert not_bolt.exit_code == 2
    assert "--neo4j-uri must be a Bolt URI" in not_bolt.stderr
    nobody = runner.invoke(
        cli,
        ["load", str(lupus_build)],
        env={"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "x"},
    )
    assert nobody.exit_code == 1
    assert nobody.stderr.startswith("kg: error: bolt://127.0.0.1:9: cannot reach Neo4j (")
    assert len(nobody.stderr.splitlines()) == 1
    not_a_build = runner.invoke(cli, ["load", str(tmp_path), "--neo4j-uri", "bolt://127.0.0.1:9"])
    assert not_a_build.exit_code == 1
    assert "is not a kg build directory" in not_a_build.stderr


def _load_under_terminal(server: Neo4j, build: Path, *extra: str) -> str:
    """``kg load`` in a fresh process, standard error on a pseudo-terminal; what it showed."""
    env = {**os.environ, "NEO4J_URI": server.uri, "NEO4J_PASSWORD": server.password}
    argv = [sys.executable, "-m", "kg.cli.main", "load", str(build), *extra]
    return run_on_terminal(argv, env=env, timeout=300)


def test_progress_shows_on_a_terminal_only_and_never_the_password(
    empty: Neo4j, lupus_build: Path
) -> None:
    shown = _load_under_terminal(empty, lupus_build, "--batch-size", "20")
    assert "loading:" in shown and "%|" in shown and " rows" in shown
    assert empty.password not in shown
    assert "%|" not in _load_under_terminal(empty, lupus_build, "--quiet")


def test_a_count_that_differs_from_graph_json_fails_the_load() -> None:
    from kg.errors import BackendError
    from kg.loaders.neo4j import Check, LoadReport, _raise_on_difference

    report = LoadReport(
        source=Path("build/graph.json"),
        server="bolt://db:7687",
        nodes={"Paper": 3, "Author": 2},
        relationships={"AUTHORED": 3},
        created_nodes=5,
        created_relationships=3,
        transactions=2,
        node_seconds=0.1,
        relationship_seconds=0.1,
        check_seconds=0.1,
        check=Check(nodes={"Paper": 3, "Author": 2}, relationships={"AUTHORED": 2}, kg_nodes=5),
    )
    with pytest.raises(BackendError) as raised:
        _raise_on_difference(report)
    assert str(raised.value) == (
        "bolt://db:7687: after the load the database does not hold the build of "
        "build/graph.json: AUTHORED relationships: 2 found, graph.json has 3"
    )
