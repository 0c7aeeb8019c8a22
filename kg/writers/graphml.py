"""GraphML output for Gephi, Cytoscape and yEd, and the reader that undoes its encodings.

GraphML has only scalar attribute types, so an attribute that holds a list on any node (or
edge) is written as JSON text on *every* node (edge) of that scope, and its name is recorded
in the graph attribute :data:`JSON_ATTRIBUTES_KEY`.  Encoding all values of such an attribute,
not just the lists, lets :func:`read_graphml` decode exactly: a plain string can never be
mistaken for an encoded list.

Each edge gets a document-unique GraphML id (``e0``, ``e1``... in output order) because Gephi
drops edges whose ids repeat, and the networkx key (the edge type, by contract) is kept in the
edge attribute ``key``.  Scalar types survive as GraphML types (networkx writes one ``<key>``
per attribute name and Python type).  Nodes are written sorted by id, attributes by name and
edges by (source, target, key), so the same graph always gives the same bytes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from typing import Final

import networkx as nx

from kg.errors import OutputError
from kg.graph.contract import KnowledgeGraph

__all__ = ["JSON_ATTRIBUTES_KEY", "read_graphml", "write_graphml"]

JSON_ATTRIBUTES_KEY: Final = "kg_json_attributes"
_EDGE_KEY_ATTRIBUTE: Final = "key"
_SCOPES: Final = ("graph", "node", "edge")


def write_graphml(graph: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as GraphML to ``path``, lists JSON-encoded, in a deterministic order."""
    nx.write_graphml(_encoded_copy(graph), os.fspath(path))


def read_graphml(path: str | os.PathLike[str]) -> KnowledgeGraph:
    """Read a file written by :func:`write_graphml` back into the graph that was written."""
    try:
        raw = nx.read_graphml(os.fspath(path), edge_key_type=str, force_multigraph=True)
    except (nx.NetworkXError, OSError, SyntaxError, ValueError) as error:
        raise OutputError(f"{os.fspath(path)}: cannot read GraphML: {error}") from error
    if not raw.is_directed():
        raise OutputError(f"{os.fspath(path)}: expected a directed graph, found an undirected one")
    encoded = _json_attribute_names(raw.graph.pop(JSON_ATTRIBUTES_KEY, "{}"), path)
    for bookkeeping in ("node_default", "edge_default"):  # added by networkx's reader
        raw.graph.pop(bookkeeping, None)
    graph: KnowledgeGraph = nx.MultiDiGraph()
    graph.graph.update(_decoded(raw.graph, encoded["graph"]))
    for node, data in raw.nodes(data=True):
        graph.add_node(node, **_decoded(data, encoded["node"]))
    for source, target, graphml_id, data in raw.edges(keys=True, data=True):
        attributes = _decoded(data, encoded["edge"])
        key = attributes.pop(_EDGE_KEY_ATTRIBUTE, graphml_id)
        graph.add_edges_from([(source, target, key, attributes)])
    return graph


def _encoded_copy(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    """A copy in output order, with list-valued attributes JSON-encoded and recorded."""
    edges = sorted(
        graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))
    )
    encoded = {
        "graph": _list_attributes([graph.graph]),
        "node": _list_attributes(data for _, data in graph.nodes(data=True)),
        "edge": _list_attributes(data for _, _, _, data in edges),
    }
    copy = nx.MultiDiGraph()
    copy.graph.update(_encoded(graph.graph, encoded["graph"]))
    copy.graph[JSON_ATTRIBUTES_KEY] = json.dumps(
        {scope: sorted(encoded[scope]) for scope in _SCOPES}
    )
    for node in sorted(graph.nodes, key=str):
        copy.add_node(node, **_encoded(graph.nodes[node], encoded["node"]))
    for number, (source, target, key, data) in enumerate(edges):
        attributes = _encoded(data, encoded["edge"])
        attributes[_EDGE_KEY_ATTRIBUTE] = key
        copy.add_edges_from([(source, target, f"e{number}", attributes)])
    return copy


def _list_attributes(records: Iterable[Mapping[str, object]]) -> set[str]:
    return {
        name for data in records for name, value in data.items() if isinstance(value, list | tuple)
    }


def _encoded(data: Mapping[str, object], json_names: set[str]) -> dict[str, object]:
    """Attributes sorted by name, those in ``json_names`` as JSON text."""
    return {
        name: json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
        if name in json_names
        else value
        for name, value in sorted(data.items())
    }


def _decoded(data: Mapping[str, object], json_names: set[str]) -> dict[str, object]:
    return {
        name: json.loads(value) if name in json_names and isinstance(value, str) else value
        for name, value in data.items()
    }


def _json_attribute_names(text: object, path: str | os.PathLike[str]) -> dict[str, set[str]]:
    """The per-scope names of JSON-encoded attributes recorded in the file's graph data."""
    try:
        recorded = json.loads(str(text))
        return {scope: set(recorded.get(scope, ())) for scope in _SCOPES}
    except (ValueError, AttributeError, TypeError) as error:
        raise OutputError(
            f"{os.fspath(path)}: graph attribute {JSON_ATTRIBUTES_KEY!r} should be a JSON object "
            f"of attribute names per scope, found {str(text)[:80]!r}"
        ) from error
