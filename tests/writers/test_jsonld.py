"""JSON-LD writer: exact triples back (rdflib and pyoxigraph), readable as plain JSON."""

from __future__ import annotations

import io
import json
from typing import Any

import pyoxigraph as ox
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.graph.contract import KnowledgeGraph
from kg.namespaces import KG, PREFIXES, node_iri
from kg.writers.context import CONTEXT_IRI, load_context
from kg.writers.jsonld import Compactor, write_jsonld
from kg.writers.rdf import iter_triples

XSD = PREFIXES["xsd"]


def _jsonld(triples: list[ox.Triple], *, embed: bool = True) -> bytes:
    sink = io.BytesIO()
    write_jsonld(triples, sink, embed=embed)
    return sink.getvalue()


def _rdflib_set(data: bytes, fmt: str) -> set[Any]:
    return set(rdflib.Graph().parse(data=data, format=fmt))


def _nodes(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["@id"]: node for node in document["@graph"]}


def test_sample_graph_parses_back_to_the_same_triples(sample_graph: KnowledgeGraph) -> None:
    triples = list(iter_triples(sample_graph))
    data = _jsonld(triples)
    ntriples = ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES)
    assert ntriples is not None
    assert _rdflib_set(data, "json-ld") == _rdflib_set(ntriples, "nt")
    for fmt in (ox.RdfFormat.JSON_LD, ox.RdfFormat.STREAMING_JSON_LD):
        assert {quad.triple for quad in ox.parse(data, format=fmt)} == set(triples)


def test_reads_as_plain_json_with_short_keys(sample_graph: KnowledgeGraph) -> None:
    document = json.loads(_jsonld(list(iter_triples(sample_graph))))
    assert document["@context"] == load_context()
    nodes = _nodes(document)
    paper = nodes["pubmed:39882532"]
    assert paper["@type"] == "Paper"
    assert paper["doi"] == "10.3389/fmed.2024.1530887"
    assert paper["year"] == 2025 and paper["openAccess"] is True
    assert paper["received"] == {"@value": "2024-11-19", "@type": "xsd:date"}
    assert set(paper["keywords"]) == {"scleroderma", "mesenchymal stem cells", "CAR-T"}
    # No doi: prefix (kg:doi owns the key), so DOI IRIs are written in full.
    assert set(paper["cites"]) == {"pubmed:39874108", "https://doi.org/10.12659/msm.945331"}
    assert all(not key.startswith("http") for node in nodes.values() for key in node)
    evidence = [node for node in nodes.values() if node.get("@type") == "Evidence"]
    assert sorted(node["confidence"] for node in evidence) == ["0.65", "0.8"]
    assert {node["paper"] for node in evidence} == {"pubmed:39882532"}
    treats = [node for node in nodes.values() if node.get("rdf:predicate") == "kg:treats"]
    assert {node["rdf:subject"] for node in treats} == {
        "kgr:therapy/msc-therapy",
        "obo:CHEBI_44185",
    }


def test_one_node_object_per_line_in_triple_order(sample_graph: KnowledgeGraph) -> None:
    triples = list(iter_triples(sample_graph))
    lines = _jsonld(triples).decode().splitlines()
    assert lines[1] == '"@graph":[' and lines[-1] == "]}"
    subjects = [json.loads(line.rstrip(","))["@id"] for line in lines[2:-1]]
    compactor = Compactor(load_context())
    runs = [
        compactor.node(triple.subject)
        for before, triple in zip([None, *triples], triples, strict=False)
        if before is None or triple.subject != before.subject
    ]
    assert subjects == runs


def test_referenced_context_differs_only_in_the_context(sample_graph: KnowledgeGraph) -> None:
    triples = list(iter_triples(sample_graph))
    embedded = json.loads(_jsonld(triples))
    referenced = json.loads(_jsonld(triples, embed=False))
    assert referenced["@context"] == CONTEXT_IRI
    assert referenced["@graph"] == embedded["@graph"]


def test_empty_input_is_a_valid_empty_document() -> None:
    data = _jsonld([])
    assert json.loads(data)["@graph"] == []
    assert _rdflib_set(data, "json-ld") == set()


def test_compactor_never_writes_a_compact_iri_that_reads_back_otherwise() -> None:
    compactor = Compactor(load_context())
    assert compactor.iri(node_iri("pmid:39882532")) == "pubmed:39882532"
    assert compactor.iri(node_iri("author:chen-l")) == "kgr:author/chen-l"
    assert compactor.iri(PREFIXES["kgr"]) == PREFIXES["kgr"]  # empty suffix
    assert compactor.iri(PREFIXES["kgr"] + "//x") == PREFIXES["kgr"] + "//x"
    assert compactor.iri("https://orcid.org/0000-0002-1825-0097").startswith("https://")
    assert compactor.key(KG + "treats") == ("treats", "@id")
    assert compactor.key(KG + "notInTheOntology") == ("kg:notInTheOntology", None)


_SUBJECTS = st.text(min_size=1, max_size=30).map(lambda text: ox.NamedNode(node_iri(text)))
_LITERALS = st.one_of(
    st.text(max_size=40).map(ox.Literal),
    st.integers().map(ox.Literal),
    st.floats(allow_nan=False, allow_infinity=False).map(ox.Literal),
    st.booleans().map(ox.Literal),
    st.sampled_from(["05", "+5", "-0", "1e3", "true", "1", ""]).map(
        lambda text: ox.Literal(text, datatype=ox.NamedNode(XSD + "integer"))
    ),
    st.sampled_from(["0", "1", "TRUE"]).map(
        lambda text: ox.Literal(text, datatype=ox.NamedNode(XSD + "boolean"))
    ),
    st.sampled_from(["2024", "2024-11", "0.5", "x"]).map(
        lambda text: ox.Literal(text, datatype=ox.NamedNode(XSD + "gYear"))
    ),
    st.text(max_size=10).map(lambda text: ox.Literal(text, language="en-gb")),
)
_PREDICATES = st.sampled_from(
    [KG + "name", KG + "confidence", KG + "cites", KG + "not%20declared", PREFIXES["rdf"] + "type"]
).map(ox.NamedNode)
_OBJECTS = st.one_of(_LITERALS, _SUBJECTS)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_SUBJECTS, _PREDICATES, _OBJECTS), max_size=12))
def test_any_triples_come_back_exactly(rows: list[tuple[ox.NamedNode, ox.NamedNode, Any]]) -> None:
    """pyoxigraph's JSON-LD parsers are exact (no literal normalisation), so they judge; the
    streaming one also checks the key order of the streaming document form."""
    triples = [ox.Triple(*row) for row in rows]
    data = _jsonld(triples)
    for fmt in (ox.RdfFormat.JSON_LD, ox.RdfFormat.STREAMING_JSON_LD):
        assert {quad.triple for quad in ox.parse(data, format=fmt)} == set(triples)
