from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from writers.sample_graph import reordered, snapshot

from kg.errors import OutputError
from kg.graph.contract import KnowledgeGraph
from kg.writers.graphml import read_graphml, write_graphml

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def test_round_trip_keeps_nodes_edges_attributes_and_types(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(sample_graph, path)
    back = read_graphml(path)
    assert snapshot(back) == snapshot(sample_graph)
    paper = back.nodes["pmid:39882532"]
    assert type(paper["year"]) is int and paper["open_access"] is True
    assert paper["publication_types"] == ["Journal Article", "Review"]
    treats = back.edges["therapy:msc-therapy", "MESH:D012595", "TREATS"]
    assert treats["confidence"] == [0.8, 0.65] and treats["start"] == [0, 150]


def test_attribute_that_is_a_list_only_somewhere_round_trips(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    sample_graph.nodes["author:chen-l"]["note"] = '["looks like JSON"]'
    sample_graph.nodes["author:ju-jh"]["note"] = ["a", "b"]
    sample_graph.nodes["author:lee-bw"]["note"] = 3
    path = tmp_path / "graph.graphml"
    write_graphml(sample_graph, path)
    assert snapshot(read_graphml(path)) == snapshot(sample_graph)


def test_edges_have_unique_ids_and_keep_their_key_and_type(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(sample_graph, path)
    edges = etree.parse(str(path)).getroot().iter(f"{GRAPHML}edge")
    ids = [edge.get("id") for edge in edges]
    assert len(ids) == sample_graph.number_of_edges() == len(set(ids))
    names = {key.get("attr.name") for key in etree.parse(str(path)).getroot().iter(f"{GRAPHML}key")}
    assert {"label", "type", "key"} <= names


def test_same_graph_gives_same_bytes_whatever_the_insertion_order(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    first, second, third = (tmp_path / f"{n}.graphml" for n in range(3))
    write_graphml(sample_graph, first)
    write_graphml(sample_graph, second)
    write_graphml(reordered(sample_graph), third)
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()


def test_writing_does_not_change_the_graph(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    before = snapshot(sample_graph)
    write_graphml(sample_graph, tmp_path / "graph.graphml")
    assert snapshot(sample_graph) == before


def test_unreadable_file_raises_output_error(tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    path.write_text("<graphml><graph", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot read GraphML"):
        read_graphml(path)
