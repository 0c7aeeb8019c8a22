"""ontology/context.jsonld: generated from kg.ttl, every kg term and prefix, no clashes."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.namespaces import KG, PREFIXES
from kg.writers.context import CONTEXT_FILE, build_context, load_context, render_context

ONTOLOGY = Path(__file__).parents[2] / "ontology"


@pytest.fixture(scope="module")
def context() -> dict[str, object]:
    return load_context()


def _declared_terms() -> dict[str, set[str]]:
    """kg: local name -> its rdf:types in kg.ttl."""
    terms: dict[str, set[str]] = {}
    for quad in ox.parse(path=str(ONTOLOGY / "kg.ttl"), format=ox.RdfFormat.TURTLE):
        if quad.predicate.value == PREFIXES["rdf"] + "type" and quad.subject.value.startswith(KG):
            terms.setdefault(quad.subject.value[len(KG) :], set()).add(quad.object.value)
    return terms


def test_committed_context_is_what_the_ontology_gives() -> None:
    committed = (ONTOLOGY / CONTEXT_FILE).read_text(encoding="utf-8")
    generated = render_context(build_context(ONTOLOGY / "kg.ttl"))
    assert committed == generated, (
        "ontology/context.jsonld is out of date with ontology/kg.ttl; "
        "regenerate it with `python -m kg.writers.context`"
    )


def test_every_kg_class_and_property_has_a_short_term(context: dict[str, object]) -> None:
    declared = _declared_terms()
    assert len(declared) > 50
    for name in declared:
        definition = context[name]
        iri = definition if isinstance(definition, str) else definition["@id"]  # type: ignore[index]
        assert iri == f"kg:{name}"


def test_object_properties_take_node_strings_and_doubles_are_exact_strings(
    context: dict[str, object],
) -> None:
    owl = PREFIXES["owl"]
    for name, kinds in _declared_terms().items():
        definition = context[name]
        coerced = definition.get("@type") if isinstance(definition, dict) else None
        if owl + "ObjectProperty" in kinds:
            assert coerced == "@id", name
        elif owl + "Class" in kinds:
            assert isinstance(definition, str), name
    assert context["confidence"] == {"@id": "kg:confidence", "@type": "xsd:double"}
    assert context["year"] == "kg:year"  # an integer: native JSON numbers are exact
    for link in ("rdf:subject", "rdf:predicate", "rdf:object"):
        assert context[link] == {"@type": "@id"}


def test_prefixes_are_all_there_unless_a_kg_term_has_the_name(
    context: dict[str, object],
) -> None:
    terms = set(_declared_terms())
    shadowed = {name for name in PREFIXES if name in terms}
    assert shadowed == {"doi", "orcid", "ror", "mesh"}  # kg properties of those names
    for name, namespace in PREFIXES.items():
        if name in shadowed:
            assert context[name] == f"kg:{name}"
        else:
            assert context[name] == namespace


def test_rdflib_reads_a_document_under_the_context(context: dict[str, object]) -> None:
    document = {
        "@context": context,
        "@id": "pubmed:39882532",
        "@type": "Paper",
        "doi": "10.3389/fmed.2024.1530887",
        "year": 2025,
        "cites": "https://doi.org/10.1136/ard-2023-224520",
    }
    graph = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    paper = rdflib.URIRef("https://pubmed.ncbi.nlm.nih.gov/39882532")
    kg = rdflib.Namespace(KG)
    assert set(graph) == {
        (paper, rdflib.RDF.type, kg.Paper),
        (paper, kg.doi, rdflib.Literal("10.3389/fmed.2024.1530887")),
        (paper, kg.year, rdflib.Literal(2025)),
        (paper, kg.cites, rdflib.URIRef("https://doi.org/10.1136/ard-2023-224520")),
    }
