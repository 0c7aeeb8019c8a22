"""The embedded store `kg build` leaves in DIR/store, and running queries on it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from support import EXAMPLES, ROOT

from kg.cli.main import cli
from kg.errors import ConfigError, InputError, OutputError
from kg.sparql.queries import find_query
from kg.sparql.results import BooleanResult, GraphResult, SelectResult
from kg.sparql.store import (
    check_syntax,
    execute,
    open_store,
    remove_store,
    resolve_concepts,
    write_store,
)

CITATIONS = ROOT / "tests" / "sparql" / "data" / "in_set_citations.xml.gz"


def _build(*inputs: Path, out: Path) -> Path:
    result = CliRunner().invoke(cli, ["build", *map(str, inputs), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(EXAMPLES, out=tmp_path_factory.mktemp("build"))


def _turtle(build: Path) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(path=str(build / "graph.ttl"))}


def test_the_store_holds_exactly_the_triples_of_graph_ttl(build: Path) -> None:
    store = open_store(build)
    stored = {quad.triple for quad in store}
    assert stored == _turtle(build)
    assert all(quad.graph_name == ox.DefaultGraph() for quad in store)
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["outputs"]["store"]["path"] == "store"
    assert manifest["outputs"]["store"]["triples"] == len(stored) > 50_000
    assert manifest["outputs"]["store"]["bytes"] > 0
    assert manifest["timings_seconds"]["write_store"] >= 0


def test_a_rebuild_replaces_the_store(tmp_path: Path) -> None:
    out = _build(EXAMPLES, out=tmp_path / "out")
    before = len(open_store(out))
    _build(CITATIONS, out=out)
    store = open_store(out)
    assert len(store) < before
    assert {quad.triple for quad in store} == _turtle(out)
    examples_paper = ox.NamedNode("https://pubmed.ncbi.nlm.nih.gov/34030135")
    assert not list(store.quads_for_pattern(examples_paper, None, None))


def test_the_store_is_opened_read_only(build: Path) -> None:
    store = open_store(build)
    with pytest.raises(RuntimeError):
        store.update("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }")


def test_a_directory_without_a_store_says_what_to_do(tmp_path: Path, build: Path) -> None:
    with pytest.raises(OutputError, match="is not a kg build directory"):
        open_store(tmp_path)
    shutil.copy(build / "manifest.json", tmp_path / "manifest.json")
    with pytest.raises(OutputError, match=r"has no SPARQL store .*run `kg build` again"):
        open_store(tmp_path)


def test_a_store_that_cannot_be_written_leaves_nothing_behind(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot write the SPARQL store"):
        write_store(tmp_path)  # no graph.ttl
    assert not (tmp_path / "store").exists()
    (tmp_path / "graph.ttl").write_text("<http://e/a> <http://e/b> .\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"graph\.ttl"):
        write_store(tmp_path)  # not Turtle
    assert not (tmp_path / "store").exists()


def test_remove_store_removes_a_directory_or_a_file(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "000001.sst").write_bytes(b"x")
    remove_store(tmp_path)
    assert not (tmp_path / "store").exists()
    (tmp_path / "store").write_text("a file in the way", encoding="utf-8")
    remove_store(tmp_path)
    assert not (tmp_path / "store").exists()
    remove_store(tmp_path)  # nothing to remove


def test_execute_returns_rows_a_truth_value_or_triples(build: Path) -> None:
    store = open_store(build)
    rows = execute(
        store,
        "PREFIX kg: <https://w3id.org/kg/schema#>\n"
        'SELECT ?paper ?title WHERE { ?paper kg:pmid "34030135" OPTIONAL { ?paper kg:x ?title } }',
        source="test",
    )
    assert isinstance(rows, SelectResult)
    assert rows.variables == ("paper", "title")
    assert rows.rows == ((ox.NamedNode("https://pubmed.ncbi.nlm.nih.gov/34030135"), None),)
    asked = execute(store, "ASK { ?s a <https://w3id.org/kg/schema#Disease> }", source="test")
    assert asked == BooleanResult(True)
    built = execute(
        store,
        "CONSTRUCT { ?p a <http://e/Read> } "
        "WHERE { ?p <https://w3id.org/kg/schema#inCorpus> true }",
        source="test",
    )
    assert isinstance(built, GraphResult) and len(built.triples) == 66


def test_a_syntax_error_names_the_source_line_and_column() -> None:
    with pytest.raises(InputError) as raised:
        check_syntax("SELECT ?x\nWHERE { ?x ?y }", source="mine.rq")
    message = str(raised.value)
    assert message.startswith("mine.rq: not valid SPARQL: error at 2:")
    assert "\n" not in message and len(message) < 320


def test_concepts_resolve_by_name_synonym_or_id_in_any_case(build: Path) -> None:
    store = open_store(build)
    query = find_query("therapies_for_disease")
    sle = ("http://purl.obolibrary.org/obo/DOID_9074",)
    for value in ("systemic lupus erythematosus", "SLE", "doid:9074"):
        assert resolve_concepts(store, query, {"disease": value}, where="b") == {"disease": sle}
    given_as_iri = {"disease": "<http://purl.obolibrary.org/obo/DOID_9074>"}
    assert resolve_concepts(store, query, given_as_iri, where="b") == {}
    with pytest.raises(ConfigError) as raised:
        resolve_concepts(store, query, {"disease": "Lupus Nephritis X"}, where="build/")
    assert str(raised.value) == (
        "query therapies_for_disease: parameter 'disease': no Disease in build/ has the name, "
        "synonym or concept id 'Lupus Nephritis X' (matched case-insensitively)"
    )
    with pytest.raises(ConfigError, match=r"names containing it: .*systemic lupus erythematosus"):
        resolve_concepts(store, query, {"disease": "lupus e"}, where="build/")


def test_a_concept_of_another_class_does_not_match(build: Path) -> None:
    """'immunomodulation' is a Mechanism, so it is no Disease."""
    store = open_store(build)
    with pytest.raises(ConfigError, match="no Disease in"):
        resolve_concepts(
            store, find_query("therapies_for_disease"), {"disease": "immunomodulation"}, where=""
        )
    mechanism = find_query("diseases_for_mechanism")
    assert resolve_concepts(store, mechanism, {"mechanism": "immunomodulation"}, where="")
