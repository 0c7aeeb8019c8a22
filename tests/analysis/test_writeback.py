"""``kg build`` stores the network measures on Author and Institution nodes, in every format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS

from kg.analysis.writeback import METRIC_PROPERTIES, write_back_metrics
from kg.graph.contract import AUTHOR, INSTITUTION
from kg.namespaces import KG
from kg.resources import data_dir
from kg.writers.graphml import read_graphml
from kg.writers.nodelink import read_node_link
from kg.writers.rdf import property_iri

INTEGERS = {"community", "component", "degree"}
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def nodes(collaboration_build: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((collaboration_build / "graph.json").read_text(encoding="utf-8"))
    return {node["id"]: node for node in data["nodes"]}


def _named(nodes: dict[str, dict[str, Any]], name: str) -> dict[str, Any]:
    return next(node for node in nodes.values() if node.get("name") == name)


def test_every_author_and_institution_carries_all_measures(
    nodes: dict[str, dict[str, Any]],
) -> None:
    for node in nodes.values():
        if node["label"] in (AUTHOR, INSTITUTION):
            for name in METRIC_PROPERTIES:
                expected = int if name in INTEGERS else float
                assert type(node[name]) is expected, (node["id"], name)
        else:
            assert not set(METRIC_PROPERTIES) & set(node), node["id"]


def test_the_stored_measures_are_those_of_the_full_networks(
    nodes: dict[str, dict[str, Any]],
) -> None:
    brown = _named(nodes, "Jamie Brown")
    assert (brown["degree"], brown["strength"], brown["component"]) == (6, 7.0, 0)
    assert brown["betweenness"] == pytest.approx(7 / 105)
    assert brown["community"] == _named(nodes, "Thierry Gagné")["community"]
    assert brown["community"] != _named(nodes, "Adrian Leemann")["community"]
    lazar = _named(nodes, "Harold L Lazar")
    assert (lazar["degree"], lazar["clustering"]) == (0, 0.0)
    oxford = next(n for n in nodes.values() if n["label"] == INSTITUTION and "Oxford" in n["name"])
    assert (oxford["degree"], oxford["strength"]) == (2, 4.0)
    authors = [node for node in nodes.values() if node["label"] == AUTHOR]
    assert sum(node["pagerank"] for node in authors) == pytest.approx(1.0)


def test_the_manifest_says_what_the_analysis_did(collaboration_build: Path) -> None:
    manifest = json.loads((collaboration_build / "manifest.json").read_text(encoding="utf-8"))
    coauthors = manifest["analysis"]["coauthors"]
    assert (coauthors["nodes"], coauthors["edges"], coauthors["communities"]) == (16, 21, 4)
    assert 0.5 < coauthors["modularity"] < 1
    assert coauthors["betweenness"] == {
        "sampled": False,
        "sources": 16,
        "seed": None,
        "work": 7 * 19 + 5 * 11 + 3 * 6 + 1,  # size x (size + edges) per component
    }
    assert set(coauthors["seconds"]) >= {"pagerank", "betweenness", "communities", "total"}
    assert "institutions" in manifest["analysis"]
    assert manifest["timings_seconds"]["analyze"] >= 0
    assert "igraph" in manifest["versions"]


def test_graphml_keeps_the_types(collaboration_build: Path) -> None:
    graph = read_graphml(collaboration_build / "graph.graphml")
    brown = next(data for _, data in graph.nodes(data=True) if data.get("name") == "Jamie Brown")
    assert brown["degree"] == 6 and isinstance(brown["degree"], int)
    assert brown["strength"] == 7.0 and isinstance(brown["strength"], float)


def test_rdf_carries_them_as_typed_literals(collaboration_build: Path) -> None:
    store = ox.Store()
    store.bulk_load(path=str(collaboration_build / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    answer = store.query(
        f"SELECT ?degree ?pagerank ?community WHERE {{ ?a <{KG}name> 'Jamie Brown' ; "
        f"<{KG}degree> ?degree ; <{KG}pagerank> ?pagerank ; <{KG}community> ?community }}"
    )
    rows = list(answer)
    assert len(rows) == 1
    degree, pagerank, community = rows[0]["degree"], rows[0]["pagerank"], rows[0]["community"]
    assert degree.value == "6" and degree.datatype == ox.NamedNode(XSD + "integer")
    assert pagerank.datatype == ox.NamedNode(XSD + "double")
    assert community.datatype == ox.NamedNode(XSD + "integer")


def test_the_ontology_declares_each_measure_with_its_range() -> None:
    ontology = rdflib.Graph().parse(data_dir("ontology") / "kg.ttl", format="turtle")
    for name in METRIC_PROPERTIES:
        term = rdflib.URIRef(property_iri(name))
        assert (term, RDF.type, OWL.DatatypeProperty) in ontology, name
        expected = rdflib.URIRef(XSD + ("integer" if name in INTEGERS else "double"))
        assert ontology.value(term, RDFS.range) == expected, name
        assert ontology.value(term, RDFS.comment) is not None


def test_the_write_back_repeats_exactly(collaboration_build: Path) -> None:
    first = read_node_link(collaboration_build / "graph.json")
    second = read_node_link(collaboration_build / "graph.json")
    for node in first.nodes:
        for name in METRIC_PROPERTIES:
            first.nodes[node].pop(name, None)
    report = write_back_metrics(first)
    assert report["coauthors"]["nodes"] == 16
    assert dict(first.nodes(data=True)) == dict(second.nodes(data=True))
