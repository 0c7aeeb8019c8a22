"""ontology/kg.ttl declares the whole graph contract and uses the one prefix map."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import OWL, RDF, RDFS
from support import EXAMPLES

from kg.cli.main import cli
from kg.graph.contract import EDGE_TYPES, NODE_LABELS
from kg.namespaces import KG, PREFIXES
from kg.writers.rdf import class_iri, property_iri

ONTOLOGY = Path(__file__).parents[2] / "ontology" / "kg.ttl"
EXTERNAL = tuple(ns for name, ns in PREFIXES.items() if name not in {"kg", "kgr"})
ALIGNMENTS = (
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    OWL.equivalentClass,
    rdflib.SKOS.exactMatch,
    rdflib.SKOS.closeMatch,
    rdflib.SKOS.narrowMatch,
    rdflib.SKOS.relatedMatch,
)


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


def _aligned(ontology: rdflib.Graph, term: rdflib.URIRef) -> bool:
    targets = (o for p in ALIGNMENTS for o in ontology.objects(term, p))
    return any(str(target).startswith(EXTERNAL) for target in targets)


@pytest.mark.parametrize("label", NODE_LABELS)
def test_every_node_label_is_a_documented_aligned_class(ontology: rdflib.Graph, label: str) -> None:
    term = rdflib.URIRef(class_iri(label))
    assert (term, RDF.type, OWL.Class) in ontology
    assert ontology.value(term, RDFS.label) is not None
    assert ontology.value(term, RDFS.comment) is not None
    assert _aligned(ontology, term)


@pytest.mark.parametrize("edge_type", EDGE_TYPES)
def test_every_edge_type_is_an_object_property_with_domain_and_range(
    ontology: rdflib.Graph, edge_type: str
) -> None:
    term = rdflib.URIRef(property_iri(edge_type))
    assert (term, RDF.type, OWL.ObjectProperty) in ontology
    assert ontology.value(term, RDFS.domain) is not None
    assert ontology.value(term, RDFS.range) is not None
    assert edge_type in str(ontology.value(term, RDFS.comment))


def test_every_property_has_a_label(ontology: rdflib.Graph) -> None:
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in ontology.subjects(RDF.type, kind):
            assert ontology.value(term, RDFS.label) is not None, term


def test_contract_attributes_are_declared(ontology: rdflib.Graph) -> None:
    attributes = [
        *("pmid", "pmcid", "doi", "title", "abstract", "year", "date", "journal", "volume"),
        *("issue", "pages", "language", "publication_types", "keywords", "mesh", "received"),
        *("revised", "accepted", "epub", "cited_by", "open_access", "sources", "name"),
        *("last_name", "fore_name", "initials", "orcid", "paper_count", "city", "region"),
        *("country", "country_code", "ror", "aliases", "issn", "synonyms", "xrefs"),
        *("position", "weight", "papers", "count", "fields", "evidence_level", "direction"),
        *("paper", "sentence", "start", "end", "extractor", "confidence"),
        *("field", "modality", "asserted", "concept_id", "ontology", "standard_id"),
        *("curated", "grounded", "made_by", "study_design", "in_corpus", "citation"),
        *("author_names", "abstract_truncated", "formats", "affiliations", "mesh_ids"),
    ]
    declared = set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    declared |= set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    missing = [a for a in attributes if rdflib.URIRef(property_iri(a)) not in declared]
    assert not missing


def test_prefixes_agree_with_the_one_prefix_map(ontology: rdflib.Graph) -> None:
    text = ONTOLOGY.read_text(encoding="utf-8")
    for prefix, namespace in ontology.namespaces():
        if f"@prefix {prefix}:" in text:
            assert PREFIXES.get(prefix) == str(namespace), prefix
    assert (rdflib.URIRef(KG.rstrip("#")), RDF.type, OWL.Ontology) in ontology


def test_every_kg_term_a_real_build_uses_is_declared(
    ontology: rdflib.Graph, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("declared")
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    built = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    used = {p for p in built.predicates() if str(p).startswith(KG)}
    used |= {o for o in built.objects(None, RDF.type) if str(o).startswith(KG)}
    declared = set(ontology.subjects(RDF.type, None))
    assert sorted(str(term) for term in used - declared) == []
