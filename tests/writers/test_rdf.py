from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDF
from writers.sample_graph import reordered

from kg.graph.contract import KnowledgeGraph
from kg.namespaces import KG, node_iri
from kg.writers.rdf import class_iri, iter_triples, lower_camel, property_iri, write_turtle

ONTOLOGY = Path(__file__).parents[2] / "ontology" / "kg.ttl"
KGNS = rdflib.Namespace(KG)
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture
def parsed(sample_graph: KnowledgeGraph, tmp_path: Path) -> rdflib.Graph:
    path = tmp_path / "graph.ttl"
    write_turtle(sample_graph, path)
    return rdflib.Graph().parse(path, format="turtle")


def _node_classes(rdf: rdflib.Graph) -> dict[rdflib.term.Node, list[rdflib.term.Node]]:
    classes: dict[rdflib.term.Node, list[rdflib.term.Node]] = {}
    for subject, cls in rdf.subject_objects(RDF.type):
        if cls not in (KGNS.Statement, KGNS.Evidence):
            classes.setdefault(subject, []).append(cls)
    return classes


def test_one_class_per_node_and_same_counts_per_label(
    sample_graph: KnowledgeGraph, parsed: rdflib.Graph
) -> None:
    classes = _node_classes(parsed)
    assert len(classes) == sample_graph.number_of_nodes()
    assert all(len(types) == 1 for types in classes.values())
    for node, label in sample_graph.nodes(data="label"):
        assert classes[rdflib.URIRef(node_iri(node))] == [rdflib.URIRef(KG + label)]
    expected = Counter(label for _, label in sample_graph.nodes(data="label"))
    assert Counter(str(types[0]).removeprefix(KG) for types in classes.values()) == expected


def test_one_plain_triple_per_edge_and_same_counts_per_type(
    sample_graph: KnowledgeGraph, parsed: rdflib.Graph
) -> None:
    for source, target, data in sample_graph.edges(data=True):
        triple = (
            rdflib.URIRef(node_iri(source)),
            rdflib.URIRef(property_iri(data["type"])),
            rdflib.URIRef(node_iri(target)),
        )
        assert triple in parsed
    expected = Counter(edge_type for _, _, edge_type in sample_graph.edges(data="type"))
    for edge_type, count in expected.items():
        assert (
            len(list(parsed.triples((None, rdflib.URIRef(property_iri(edge_type)), None)))) == count
        )


def test_edges_with_attributes_are_reified_once(
    sample_graph: KnowledgeGraph, parsed: rdflib.Graph
) -> None:
    with_attributes = [d for _, _, d in sample_graph.edges(data=True) if set(d) - {"type"}]
    statements = list(parsed.subjects(RDF.type, KGNS.Statement))
    assert len(statements) == len(with_attributes)
    query = """
        SELECT ?position WHERE {
          ?s rdf:subject ?author ; rdf:predicate kg:authored ; rdf:object ?paper ;
             kg:position ?position .
        }"""
    rows = parsed.query(
        query,
        initNs={"rdf": RDF, "kg": KGNS},
        initBindings={
            "author": rdflib.URIRef(node_iri("orcid:0000-0002-1825-0097")),
            "paper": rdflib.URIRef(node_iri("pmid:39882532")),
        },
    )
    assert [row[0] for row in rows] == [rdflib.Literal(3)]  # type: ignore[index]  # ResultRow


def test_paper_references_are_iris(parsed: rdflib.Graph) -> None:
    papers = set(parsed.objects(None, KGNS.papers))
    assert rdflib.URIRef("https://pubmed.ncbi.nlm.nih.gov/39882532") in papers
    assert all(isinstance(paper, rdflib.URIRef) for paper in papers)


def test_parallel_evidence_lists_become_evidence_nodes(parsed: rdflib.Graph) -> None:
    evidence = list(parsed.subjects(RDF.type, KGNS.Evidence))
    assert len(evidence) == 2
    spans = {(_int(parsed, node, KGNS.start), _int(parsed, node, KGNS.end)) for node in evidence}
    assert spans == {(0, 76), (150, 214)}
    for node in evidence:
        assert parsed.value(node, KGNS.paper) == rdflib.URIRef(node_iri("pmid:39882532"))
        statement = parsed.value(None, KGNS.hasEvidence, node)
        assert parsed.value(statement, RDF.predicate) == KGNS.treats


def _int(rdf: rdflib.Graph, subject: rdflib.term.Node, predicate: rdflib.URIRef) -> int:
    value = rdf.value(subject, predicate)
    assert isinstance(value, rdflib.Literal)
    return int(value)


def _datatype(rdf: rdflib.Graph, node_id: str, predicate: rdflib.URIRef) -> str:
    value = rdf.value(rdflib.URIRef(node_iri(node_id)), predicate)
    assert isinstance(value, rdflib.Literal)
    return str(value.datatype)


def test_literals_are_typed(parsed: rdflib.Graph) -> None:
    paper = rdflib.URIRef(node_iri("pmid:39882532"))
    assert parsed.value(paper, KGNS.year) == rdflib.Literal(2025)
    assert parsed.value(paper, KGNS.openAccess) == rdflib.Literal(True)
    assert _datatype(parsed, "pmid:39882532", KGNS.date) == XSD + "gYearMonth"
    assert _datatype(parsed, "pmid:39882532", KGNS.received) == XSD + "date"
    assert _datatype(parsed, "pmid:39874108", KGNS.date) == XSD + "gYear"
    assert set(parsed.objects(paper, KGNS.publicationTypes)) == {
        rdflib.Literal("Journal Article"),
        rdflib.Literal("Review"),
    }


def test_text_survives_escaping(sample_graph: KnowledgeGraph, parsed: rdflib.Graph) -> None:
    for node in ("pmid:39882532", "doi:10.12659/msm.945331"):
        title = parsed.value(rdflib.URIRef(node_iri(node)), KGNS.title)
        assert str(title) == sample_graph.nodes[node]["title"]


def test_malformed_date_stays_a_plain_string(sample_graph: KnowledgeGraph) -> None:
    sample_graph.nodes["pmid:39882532"]["epub"] = "2024-02-30"
    objects = [t.object for t in iter_triples(sample_graph) if t.predicate.value == KG + "epub"]
    assert all(isinstance(term, ox.Literal) for term in objects)
    assert [term.datatype.value for term in objects if isinstance(term, ox.Literal)] == [
        XSD + "string"
    ]


def test_every_kg_term_in_the_output_is_declared_in_the_ontology(parsed: rdflib.Graph) -> None:
    ontology = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    used = {p for p in parsed.predicates() if str(p).startswith(KG)}
    used |= {c for c in parsed.objects(None, RDF.type) if str(c).startswith(KG)}
    undeclared = {term for term in used if (term, RDF.type, None) not in ontology}
    assert not undeclared


def test_same_graph_gives_same_bytes_whatever_the_insertion_order(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    first, second, third = (tmp_path / f"{n}.ttl" for n in range(3))
    write_turtle(sample_graph, first)
    write_turtle(sample_graph, second)
    write_turtle(reordered(sample_graph), third)
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()
    assert first.read_text(encoding="utf-8").startswith("@prefix kg: <https://w3id.org/kg/schema#>")


def test_empty_graph_writes_valid_turtle(tmp_path: Path) -> None:
    path = tmp_path / "empty.ttl"
    write_turtle(KnowledgeGraph(), path)
    assert len(rdflib.Graph().parse(path, format="turtle")) == 0


def test_unsupported_attribute_value_is_a_type_error(sample_graph: KnowledgeGraph) -> None:
    sample_graph.nodes["pmid:39882532"]["grants"] = [{"agency": "NIH"}]
    with pytest.raises(TypeError, match="'grants'"):
        list(iter_triples(sample_graph))


@pytest.mark.parametrize(
    ("name", "local"),
    [
        ("AUTHORED", "authored"),
        ("AFFILIATED_WITH", "affiliatedWith"),
        ("CO_AUTHORED_WITH", "coAuthoredWith"),
        ("IS_A", "isA"),
        ("ACTS_VIA", "actsVia"),
        ("cited_by", "citedBy"),
        ("publication_types", "publicationTypes"),
        ("countryCode", "countryCode"),
        ("pmid", "pmid"),
        ("odd name", "odd%20name"),
    ],
)
def test_lower_camel(name: str, local: str) -> None:
    assert lower_camel(name) == local
    assert property_iri(name) == KG + local


def test_class_iri_is_the_label() -> None:
    assert class_iri("CellType") == KG + "CellType"
