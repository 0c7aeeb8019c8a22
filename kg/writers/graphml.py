"""GraphML output for Gephi, Cytoscape and yEd, and the reader that undoes its encodings.

GraphML has only scalar attribute types and one type per attribute name, so an attribute that
holds a list on any node (or edge), or scalars of different types (``3`` here, ``"3"`` there),
is written as JSON text on *every* node (edge) of that scope, and its name is recorded in the
graph attribute :data:`JSON_ATTRIBUTES_KEY`.  Encoding all values of such an attribute, not
just the odd ones, lets :func:`read_graphml` decode exactly: a plain string can never be
mistaken for an encoded list, and ``3`` comes back an int while ``"3"`` stays a string.  Every
other attribute keeps its type: ``boolean``, ``long`` (what networkx writes for Python ints;
Java's 32-bit ``int`` would overflow on large counts), ``double`` or ``string``.  So Gephi
sees one column per name, never two ``<key>`` declarations with one name.

Each edge gets a document-unique GraphML id (``e0``, ``e1``... in output order) because Gephi
drops edges whose ids repeat, and the networkx key (the edge type, by contract) is kept in the
edge attribute ``key``.  Keys are declared sorted by scope and name, nodes are written sorted
by id, each element's data by attribute name and edges by (source, target, key), so the same
graph always gives the same bytes.

The writer streams (DESIGN.md §7): one pass over the attributes finds each name's type, a
second writes the elements as escaped text through a buffered file.  Going through
``networkx.write_graphml`` needed an encoded copy of the whole graph plus networkx's element
tree of the whole document, several times the graph's own memory on a large build.  Text
values are XML-escaped, and characters XML 1.0 forbids (control characters other than tab,
line feed and carriage return, lone surrogates, U+FFFE/U+FFFF) are dropped: record texts can
contain them and a single one makes the file unreadable to every XML parser.  Carriage
returns are written as ``&#13;`` because parsers turn a literal one into a line feed.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Final, TextIO

import networkx as nx

from kg.errors import OutputError
from kg.graph.contract import KnowledgeGraph
from kg.writers.nodelink import iter_sorted_edges

__all__ = ["JSON_ATTRIBUTES_KEY", "read_graphml", "write_graphml"]

JSON_ATTRIBUTES_KEY: Final = "kg_json_attributes"
_EDGE_KEY_ATTRIBUTE: Final = "key"
_SCOPES: Final = ("graph", "node", "edge")
_JSON: Final = "json"  # not a GraphML type: a string key whose values are JSON text

_HEADER: Final = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
# Everything outside XML 1.0's Char production.
_ILLEGAL: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What _text or _attribute would change (markup, whitespace parsers rewrite, characters not in
# XML): one search lets most values through untouched.  A single negated class is 2x faster
# than an alternation.
_SPECIAL: Final = re.compile(
    "[^\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_LIST_ENCODER: Final = json.JSONEncoder(ensure_ascii=False)  # = json.dumps(ensure_ascii=False)
_BATCH: Final = 2000  # elements joined per write()
_DATA_INDENT: Final = "  "  # networkx's layout: only <data> is indented, to keep files small


def write_graphml(graph: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as GraphML to ``path``, lists JSON-encoded, in a deterministic order."""
    nodes = sorted(graph.nodes, key=str)
    columns = _columns(graph)
    graph_data = {
        **{name: value for name, value in graph.graph.items() if name != JSON_ATTRIBUTES_KEY},
        JSON_ATTRIBUTES_KEY: json.dumps(
            {
                scope: sorted(name for name, column in columns[scope].items() if column.is_json)
                for scope in _SCOPES
            }
        ),
    }
    with Path(path).open("w", encoding="utf-8", newline="\n") as sink:
        sink.write(_HEADER)
        sink.writelines(
            f'<key id="{column.key_id}" for="{scope}" attr.name="{_attribute(name)}" '
            f'attr.type="{column.xml_type}"/>\n'
            for scope in _SCOPES
            for name, column in sorted(columns[scope].items())
        )
        sink.write('<graph edgedefault="directed">\n')
        sink.write(_data(graph_data, columns["graph"]))
        _write_batched(sink, (_node(node, graph.nodes[node], columns["node"]) for node in nodes))
        _write_batched(
            sink,
            (
                _edge(number, source, target, {**data, _EDGE_KEY_ATTRIBUTE: key}, columns["edge"])
                for number, (source, target, key, data) in enumerate(
                    iter_sorted_edges(graph, nodes)
                )
            ),
        )
        sink.write("</graph>\n</graphml>\n")


class _Column:
    """One declared attribute: its ``<key>`` id, GraphML type and how values become text."""

    __slots__ = ("format", "is_json", "key_id", "opening", "xml_type")

    def __init__(self, key_id: str, kind: str, indent: str) -> None:
        self.key_id = key_id
        self.is_json = kind == _JSON
        self.xml_type = "string" if self.is_json else kind
        self.format: Callable[[Any], str] = _FORMATS[kind]
        self.opening = f'{indent}<data key="{key_id}">'


def _columns(graph: KnowledgeGraph) -> dict[str, dict[str, _Column]]:
    """Each scope's attributes with their column, ids ``d0``, ``d1``... by scope then name.

    The pass collects (name, type) pairs with C-level ``zip``/``map`` per element, so it
    costs little next to writing; no attribute values are kept.
    """
    edge_pairs: set[tuple[str, type]] = set()
    key_types: set[type] = set()
    for neighbours in graph._adj.values():  # the raw dicts: 3x faster than graph.edges
        for keyed in neighbours.values():
            key_types.update(map(type, keyed))
            for data in keyed.values():
                edge_pairs.update(zip(data, map(type, data.values()), strict=True))
    # The edge key replaces any attribute named "key" (write_graphml adds it last).
    edge_pairs = {pair for pair in edge_pairs if pair[0] != _EDGE_KEY_ATTRIBUTE}
    edge_pairs.update((_EDGE_KEY_ATTRIBUTE, key_type) for key_type in key_types)
    node_pairs: set[tuple[str, type]] = set()
    for data in graph.nodes.values():
        node_pairs.update(zip(data, map(type, data.values()), strict=True))
    graph_pairs = {
        (name, type(value)) for name, value in graph.graph.items() if name != JSON_ATTRIBUTES_KEY
    }
    graph_pairs.add((JSON_ATTRIBUTES_KEY, str))
    columns: dict[str, dict[str, _Column]] = {}
    number = 0
    for scope, pairs in zip(_SCOPES, (graph_pairs, node_pairs, edge_pairs), strict=True):
        kinds: dict[str, set[str]] = {}
        for name, value_type in pairs:
            kinds.setdefault(name, set()).add(_kind(value_type))
        columns[scope] = {}
        for name in sorted(kinds):
            (kind,) = kinds[name] if len(kinds[name]) == 1 else {_JSON}
            columns[scope][name] = _Column(f"d{number}", kind, _DATA_INDENT)
            number += 1
    return columns


def _kind(value_type: type) -> str:
    """The GraphML type of a Python type; anything not scalar (lists, dicts, None) is JSON."""
    if issubclass(value_type, bool):
        return "boolean"
    if issubclass(value_type, int):
        return "long"
    if issubclass(value_type, float):
        return "double"
    if issubclass(value_type, str):
        return "string"
    return _JSON


def _node(node: object, data: Mapping[str, object], columns: Mapping[str, _Column]) -> str:
    if not data:
        return f'<node id="{_attribute(str(node))}"/>\n'
    return f'<node id="{_attribute(str(node))}">\n{_data(data, columns)}</node>\n'


def _edge(
    number: int,
    source: object,
    target: object,
    data: Mapping[str, object],
    columns: Mapping[str, _Column],
) -> str:
    return (
        f'<edge id="e{number}" source="{_attribute(str(source))}" '
        f'target="{_attribute(str(target))}">\n{_data(data, columns)}</edge>\n'
    )


def _data(data: Mapping[str, object], columns: Mapping[str, _Column]) -> str:
    """``<data>`` elements in attribute-name order."""
    parts = []
    for name in sorted(data):
        column = columns[name]
        parts.append(column.opening + column.format(data[name]) + "</data>\n")
    return "".join(parts)


def _text(value: str) -> str:
    """``value`` as XML character data: escaped, illegal characters dropped, CR kept."""
    if _SPECIAL.search(value) is None:
        return value
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = value.replace("\r", "&#13;")
    return _ILLEGAL.sub("", value) if _ILLEGAL.search(value) else value


def _attribute(value: str) -> str:
    """``value`` as a double-quoted attribute value; whitespace escaped so parsers keep it."""
    if _SPECIAL.search(value) is None:
        return value
    value = _text(value).replace('"', "&quot;")
    return value.replace("\n", "&#10;").replace("\t", "&#9;")


def _json_text(value: object) -> str:
    return _text(_LIST_ENCODER.encode(value))


_FORMATS: Final[dict[str, Callable[[Any], str]]] = {
    "boolean": lambda value: "true" if value else "false",
    "long": lambda value: str(int(value)),
    "double": lambda value: repr(float(value)),
    "string": _text,
    _JSON: _json_text,
}


def _write_batched(sink: TextIO, elements: Iterable[str]) -> None:
    """Write elements joined in batches: fewer write() calls, never much text held."""
    batch: list[str] = []
    for element in elements:
        batch.append(element)
        if len(batch) >= _BATCH:
            sink.write("".join(batch))
            batch.clear()
    sink.write("".join(batch))


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
