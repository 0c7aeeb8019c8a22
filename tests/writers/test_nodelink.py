from __future__ import annotations

import json
from pathlib import Path

import pytest
from writers.sample_graph import reordered, snapshot

from kg.errors import OutputError
from kg.graph.contract import KnowledgeGraph
from kg.writers.nodelink import read_node_link, write_node_link


def test_round_trip_keeps_nodes_edges_and_attributes(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = tmp_path / "graph.json"
    write_node_link(sample_graph, path)
    back = read_node_link(path)
    assert back.is_directed() and back.is_multigraph()
    assert snapshot(back) == snapshot(sample_graph)


def test_file_is_networkx_node_link_with_edges_key(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = tmp_path / "graph.json"
    write_node_link(sample_graph, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["directed"] is True and data["multigraph"] is True
    assert len(data["nodes"]) == sample_graph.number_of_nodes()
    assert len(data["edges"]) == sample_graph.number_of_edges()
    assert [node["id"] for node in data["nodes"]] == sorted(sample_graph.nodes)
    assert all(edge["key"] == edge["type"] for edge in data["edges"])


def test_same_graph_gives_same_bytes_whatever_the_insertion_order(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    first, second, third = (tmp_path / f"{n}.json" for n in range(3))
    write_node_link(sample_graph, first)
    write_node_link(sample_graph, second)
    write_node_link(reordered(sample_graph), third)
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()


def test_non_ascii_is_written_as_utf8(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    write_node_link(sample_graph, path)
    assert "(α/β)" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [("not json", "cannot read node-link JSON"), ('{"nodes": []}', "expected node-link JSON")],
)
def test_unreadable_file_raises_output_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "graph.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(OutputError, match=message):
        read_node_link(path)
