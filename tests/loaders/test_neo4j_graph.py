"""graph.json as Neo4j rows: grouping, counts, the property encoding, refusals (no server)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kg.errors import OutputError
from kg.loaders.neo4j_graph import (
    MARKER,
    encode_properties,
    encode_value,
    read_property_graph,
)
from kg.writers.nodelink import read_node_link


def test_rows_group_the_build_by_label_and_by_type_and_end_labels(lupus_build: Path) -> None:
    graph = read_property_graph(lupus_build)
    source = read_node_link(lupus_build / "graph.json")
    labels = {node: data["label"] for node, data in source.nodes(data=True)}
    assert graph.nodes_by_label() == dict(sorted(Counter(labels.values()).items()))
    edge_types = Counter(data["type"] for _, _, data in source.edges(data=True))
    assert graph.relationships_by_type() == dict(sorted(edge_types.items()))
    for (kind, start, end), rows in graph.relationships.items():
        for row in rows:
            assert (labels[row["s"]], labels[row["t"]]) == (start, end)
            assert source.has_edge(row["s"], row["t"], key=kind)
    paper = next(row for row in graph.nodes["Paper"] if row["p"].get("in_corpus"))
    assert {"id", "label"}.isdisjoint(paper["p"])  # structural keys are not properties
    assert paper["p"]["title"] == source.nodes[paper["id"]]["title"]


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("text", "text"),
        (True, True),
        (3, 3),
        (0.25, 0.25),
        (["a", "b"], ["a", "b"]),
        ([1, 2], [1, 2]),
        ([1, 0.5], [1.0, 0.5]),  # numbers kept, as floats: Neo4j lists have one type
        ([True, False], [True, False]),
        (["", "x"], ["", "x"]),
    ],
)
def test_values_neo4j_can_hold_are_stored_as_they_are(value: Any, stored: Any) -> None:
    assert encode_value(value) == stored
    assert type(encode_value(value)) is type(stored)


@pytest.mark.parametrize(
    "value",
    [{"a": 1}, [["x"]], ["a", None], ["a", 1], 2**70, [1, 2**64], [{"a": 1}]],
)
def test_other_values_become_json_text_under_a_suffixed_name(value: Any) -> None:
    properties = encode_properties(
        {"id": "x", "label": "Paper", "details": value}, frozenset({"id", "label"}), where=_WHERE
    )
    assert properties == {"details_json": json.dumps(value, separators=(",", ":"))}
    assert json.loads(properties["details_json"]) == value


def test_empty_lists_and_nulls_are_not_stored() -> None:
    properties = encode_properties(
        {"synonyms": [], "orcid": None, "name": "x"}, frozenset(), where=_WHERE
    )
    assert properties == {"name": "x"}


def test_a_property_name_that_is_not_an_identifier_is_refused() -> None:
    with pytest.raises(OutputError, match=r"graph.json: pmid:1: attribute name 'a b}' is not"):
        encode_properties({"a b}": 1}, frozenset(), where=_WHERE)


_WHERE = (Path("graph.json"), "pmid:1")


def _write(folder: Path, nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> Path:
    (folder / "graph.json").write_text(
        json.dumps({"directed": True, "multigraph": True, "nodes": nodes, "edges": edges}),
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    ("nodes", "edges", "message"),
    [
        ([{"id": "a", "label": "Person"}], [], "has label 'Person', which is not a node label"),
        ([{"label": "Paper"}], [], "node 0 has no string 'id'"),
        (
            [{"id": "a", "label": "Paper"}, {"id": "a", "label": "Paper"}],
            [],
            "node 'a' appears twice",
        ),
        (
            [{"id": "a", "label": "Paper"}],
            [{"source": "a", "target": "a", "type": "LIKES", "key": "LIKES"}],
            "has type 'LIKES', which is not an edge type",
        ),
        (
            [{"id": "a", "label": "Paper"}],
            [{"source": "a", "target": "b", "type": "CITES", "key": "CITES"}],
            "CITES edge 0 ends at 'b', which is no node",
        ),
    ],
)
def test_a_graph_outside_the_contract_is_refused(
    tmp_path: Path, nodes: list[dict[str, Any]], edges: list[dict[str, Any]], message: str
) -> None:
    with pytest.raises(OutputError) as raised:
        read_property_graph(_write(tmp_path, nodes, edges))
    assert str(raised.value).startswith(f"{tmp_path / 'graph.json'}: ")
    assert message in str(raised.value)


def test_missing_or_broken_graph_json(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is not a kg build directory"):
        read_property_graph(tmp_path)
    (tmp_path / "graph.json").write_text('{"nodes": [', encoding="utf-8")
    with pytest.raises(OutputError, match="cannot read node-link JSON"):
        read_property_graph(tmp_path)


def test_the_marker_label_is_not_a_contract_label() -> None:
    from kg.graph.contract import NODE_LABELS

    assert MARKER not in NODE_LABELS
