from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from writers.sample_graph import reordered, snapshot

from kg.errors import OutputError
from kg.graph.contract import KnowledgeGraph, new_graph
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


def test_streamed_file_is_what_networkx_node_link_data_gives(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    """Same content as networkx's own node-link data, in output order, lists kept as lists."""
    path = tmp_path / "graph.json"
    write_node_link(sample_graph, path)
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and text.count("\n") == 1
    data = json.loads(text)
    assert list(data) == ["directed", "graph", "multigraph", "nodes", "edges"]
    expected = nx.node_link_data(sample_graph, edges="edges")
    expected["nodes"].sort(key=lambda node: node["id"])
    expected["edges"].sort(key=lambda edge: (edge["source"], edge["target"], edge["key"]))
    assert data == expected
    back = nx.node_link_graph(data, edges="edges")
    assert _typed(snapshot(back)) == _typed(snapshot(sample_graph))
    treats = back.edges["therapy:msc-therapy", "MESH:D012595", "TREATS"]
    assert treats["confidence"] == [0.8, 0.65] and treats["start"] == [0, 150]


def test_each_element_is_compact_sorted_json(tmp_path: Path) -> None:
    graph = new_graph()
    graph.add_node("b", label="Paper", title='x "y" é\n', year=2024)
    graph.add_node("a", label="Author", open_access=True)
    graph.add_edge("b", "a", key="CITES", type="CITES", papers=["p1", "p2"], weight=0.5)
    path = tmp_path / "graph.json"
    write_node_link(graph, path)
    assert path.read_text(encoding="utf-8") == (
        '{"directed":true,"graph":{"name":"kg"},"multigraph":true,"nodes":['
        '{"id":"a","label":"Author","open_access":true},'
        '{"id":"b","label":"Paper","title":"x \\"y\\" é\\n","year":2024}],"edges":['
        '{"key":"CITES","papers":["p1","p2"],"source":"b","target":"a","type":"CITES",'
        '"weight":0.5}]}\n'
    )


def test_edges_are_sorted_by_source_target_and_key_across_many_nodes(tmp_path: Path) -> None:
    graph = new_graph()
    for number in range(30):
        graph.add_edge(f"n{number % 7}", f"n{(number * 11) % 13}", key=f"T{number % 3}")
        graph.add_edge(f"n{number % 7}", f"n{(number * 11) % 13}", key=f"S{number % 2}")
    path = tmp_path / "graph.json"
    write_node_link(graph, path)
    edges = [(e["source"], e["target"], e["key"]) for e in json.loads(path.read_text())["edges"]]
    assert edges == sorted(graph.edges(keys=True))


def test_non_string_ids_are_ordered_as_text(tmp_path: Path) -> None:
    """Outside the contract (ids are strings) the order is still total and by str(id)."""
    graph = new_graph()
    graph.add_edge(10, 2, key=1)
    graph.add_edge(10, 2, key=0)
    graph.add_edge(2, 10, key="x")
    path = tmp_path / "graph.json"
    write_node_link(graph, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [node["id"] for node in data["nodes"]] == [10, 2]
    assert [(e["source"], e["target"], e["key"]) for e in data["edges"]] == [
        (10, 2, 0),
        (10, 2, 1),
        (2, 10, "x"),
    ]


def test_nan_is_rejected(tmp_path: Path) -> None:
    graph = new_graph()
    graph.add_node("a", score=float("nan"))
    with pytest.raises(ValueError, match="not JSON compliant"):
        write_node_link(graph, tmp_path / "graph.json")


def _typed(value: object) -> object:
    """``value`` with every scalar paired with its type, so 1, 1.0 and True differ."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_typed(item) for item in value]
    return (type(value).__name__, value)
