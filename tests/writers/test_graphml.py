from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from writers.sample_graph import reordered, snapshot

from kg.errors import OutputError
from kg.graph.contract import KnowledgeGraph, new_graph
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


def test_characters_xml_forbids_are_dropped_and_the_rest_survives(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    """Record texts can hold control characters; one would make the file unreadable."""
    sample_graph.nodes["pmid:39882532"]["title"] = (
        'MSC\x00s\x0b & <b>CAR-T</b>\x1f "quoted" ]]> line\r\nbreak\ttab \ud800\ufffe\x7f€😀'
    )
    path = tmp_path / "graph.graphml"
    write_graphml(sample_graph, path)
    etree.parse(str(path))  # well-formed: lxml refuses control characters outright
    back = read_graphml(path)
    assert back.nodes["pmid:39882532"]["title"] == (
        'MSCs & <b>CAR-T</b> "quoted" ]]> line\r\nbreak\ttab \x7f€😀'
    )


def test_ids_with_markup_quotes_and_whitespace_round_trip(tmp_path: Path) -> None:
    graph = new_graph()
    odd = 'inst:a & b <"c">\tline\nnext\r'
    graph.add_node(odd, label="Institution", name="")
    graph.add_node("author:x", label="Author")
    graph.add_edge("author:x", odd, key="AFFILIATED_WITH", type="AFFILIATED_WITH")
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    back = read_graphml(path)
    assert snapshot(back) == snapshot(graph)
    assert back.nodes[odd]["name"] == ""


def test_mixed_type_attribute_is_one_json_column_and_keeps_each_type(tmp_path: Path) -> None:
    graph = new_graph()
    values: dict[str, object] = {"a": 3, "b": "3", "c": True, "d": 1.5, "e": ["3"]}
    for node, volume in values.items():
        graph.add_node(node, label="Paper", volume=volume, year=2020)
    graph.add_node("f", label="Paper", year=2021)
    graph.add_edge("a", "b", key="CITES", type="CITES", weight=1)
    graph.add_edge("b", "c", key="CITES", type="CITES", weight=0.5)
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    keys = list(etree.parse(str(path)).getroot().iter(f"{GRAPHML}key"))
    declared = [(key.get("for"), key.get("attr.name"), key.get("attr.type")) for key in keys]
    assert len(declared) == len({(scope, name) for scope, name, _ in declared})
    assert ("node", "volume", "string") in declared and ("node", "year", "long") in declared
    assert ("edge", "weight", "string") in declared
    back = read_graphml(path)
    for node, volume in values.items():
        assert back.nodes[node]["volume"] == volume
        assert type(back.nodes[node]["volume"]) is type(volume)
    assert "volume" not in back.nodes["f"] and type(back.nodes["f"]["year"]) is int
    assert type(back.edges["a", "b", "CITES"]["weight"]) is int
    assert type(back.edges["b", "c", "CITES"]["weight"]) is float
    assert snapshot(back) == snapshot(graph)


def test_scalar_types_are_graphml_types_networkx_reads(tmp_path: Path) -> None:
    graph = new_graph()
    graph.add_node("a", label="Paper", year=2024, score=0.25, open_access=False, big=2**40)
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    raw = nx.read_graphml(str(path))
    assert raw.nodes["a"] == {
        "label": "Paper",
        "year": 2024,
        "score": 0.25,
        "open_access": False,
        "big": 2**40,
    }
    assert type(raw.nodes["a"]["open_access"]) is bool


def test_file_is_standard_graphml(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(sample_graph, path)
    assert path.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{GRAPHML}graphml"
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == (
        "http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
    )
    (graph,) = root.findall(f"{GRAPHML}graph")
    assert graph.get("edgedefault") == "directed"
    children = [child.tag.removeprefix(GRAPHML) for child in graph]
    assert children == sorted(children, key=["data", "node", "edge"].index)
    node_ids = [node.get("id") for node in graph.iter(f"{GRAPHML}node")]
    assert node_ids == sorted(sample_graph.nodes)
    key_names = {key.get("id"): key.get("attr.name") for key in root.iter(f"{GRAPHML}key")}
    ends = []
    for edge in graph.iter(f"{GRAPHML}edge"):
        data = {key_names[d.get("key")]: d.text for d in edge.iter(f"{GRAPHML}data")}
        ends.append((edge.get("source"), edge.get("target"), data["key"]))
        names = [key_names[d.get("key")] for d in edge.iter(f"{GRAPHML}data")]
        assert names == sorted(names)
    assert ends == sorted(sample_graph.edges(keys=True))
