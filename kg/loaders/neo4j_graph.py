"""A build's graph as Neo4j holds it: node rows by label, relationship rows by type and ends.

Both ways into Neo4j — ``kg load --neo4j-uri`` (:mod:`kg.loaders.neo4j`) and the CSV files
of ``neo4j-admin database import`` (:mod:`kg.writers.neo4j_csv`) — read the build through
this module, so they store the same nodes, relationships and property values.

Source: the build's ``graph.json`` (node-link JSON, the lossless output).  A node becomes
a node with the label of its ``label`` attribute plus the marker label :data:`MARKER` (so
kg's nodes can be told from other data in the same database) and the property ``id``;
an edge becomes a relationship of its ``type``.  Labels and types are checked against the
graph contract (:mod:`kg.graph.contract`): they are written into Cypher and CSV headers
as names, so a graph.json naming anything else is refused, never passed on.

Property values, because Neo4j stores only scalars and homogeneous lists of scalars (no
maps, no nested lists, no nulls inside a list):

* ``str``, ``bool``, ``int`` (64-bit) and ``float`` are stored as they are;
* a list of strings, of booleans or of integers is stored as that list; a list mixing
  integers and floats as a list of floats (the numbers are the same);
* an empty list is not stored, exactly like ``None``: Neo4j's bulk importer cannot tell an
  empty array from a missing value, and kg's contract gives both the same meaning;
* anything else (a map, a nested list, a list holding nulls or mixing strings and numbers,
  an integer beyond 64 bits) is stored as its JSON text under the property name with
  :data:`JSON_SUFFIX` appended (``details`` -> ``details_json``), so nothing is lost and
  a reader knows to decode it.  kg's own builds have no such values today; the rule is
  there for attributes other kg stages may add.

The evidence of an extracted relation stays what it is in graph.json: parallel lists on
the relationship (``paper``, ``sentence``, ``start``, ``end``, ``field``, ``extractor``,
``confidence``, ``modality``, ``levels``, ``directions``), one position per supporting
sentence, which Cypher reads back with ``UNWIND range(0, size(r.paper) - 1) AS i``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeAlias

import msgspec

from kg.errors import OutputError
from kg.graph.contract import EDGE_TYPES, NODE_LABELS

__all__ = [
    "JSON_SUFFIX",
    "MARKER",
    "NodeRow",
    "PropertyGraph",
    "RelationshipKey",
    "RelationshipRow",
    "encode_properties",
    "encode_value",
    "read_property_graph",
]

# The extra label of every node kg loads: `kg load --replace` deletes only these.
MARKER: Final = "KG"
JSON_SUFFIX: Final = "_json"
_INT64: Final = (-(2**63), 2**63 - 1)
# Node-link's structural keys: the node's id and label, the edge's ends, key and type.
_NODE_KEYS: Final = frozenset({"id", "label"})
_EDGE_KEYS: Final = frozenset({"source", "target", "key", "type"})
_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LABELS: Final = frozenset(NODE_LABELS)
_TYPES: Final = frozenset(EDGE_TYPES)
_STORED_AS_IS: Final = frozenset({str, float, bool})
# Property names already found to be identifiers (a build has a few dozen, seen millions
# of times: checking each once keeps reading the 1.4M elements of a large build fast).
_NAMES_SEEN: set[str] = set()

NodeRow: TypeAlias = dict[str, Any]  # {"id": str, "p": {property: value}}
RelationshipRow: TypeAlias = dict[str, Any]  # {"s": start id, "t": end id, "p": {...}}
RelationshipKey: TypeAlias = tuple[str, str, str]  # (type, start label, end label)


class _Drop:
    """The encoding of a value Neo4j does not store (an empty list)."""


class _AsJson:
    """The encoding of a value Neo4j cannot hold as it is: stored as JSON text."""


_DROP: Final = _Drop()
_AS_JSON: Final = _AsJson()


@dataclass
class PropertyGraph:
    """The nodes and relationships of a build, grouped the way Neo4j takes them.

    ``nodes`` maps a label to its node rows; ``relationships`` maps (type, start label, end
    label) to relationship rows, so every Cypher statement and CSV file names one label
    per end and can use that label's uniqueness constraint.  Rows keep graph.json's order.
    """

    source: Path
    nodes: dict[str, list[NodeRow]] = field(default_factory=dict)
    relationships: dict[RelationshipKey, list[RelationshipRow]] = field(default_factory=dict)

    @property
    def node_count(self) -> int:
        return sum(len(rows) for rows in self.nodes.values())

    @property
    def relationship_count(self) -> int:
        return sum(len(rows) for rows in self.relationships.values())

    def nodes_by_label(self) -> dict[str, int]:
        """How many nodes each label has, labels sorted."""
        return {label: len(self.nodes[label]) for label in sorted(self.nodes)}

    def relationships_by_type(self) -> dict[str, int]:
        """How many relationships each type has, types sorted."""
        counts: Counter[str] = Counter()
        for (kind, _, _), rows in self.relationships.items():
            counts[kind] += len(rows)
        return dict(sorted(counts.items()))

    def groups(self) -> Iterator[tuple[RelationshipKey, list[RelationshipRow]]]:
        """The relationship groups in a stable order (type, then the end labels)."""
        for key in sorted(self.relationships):
            yield key, self.relationships[key]


def read_property_graph(build: Path) -> PropertyGraph:
    """The graph of the build in ``build`` (its graph.json) as Neo4j rows.

    OutputError naming the file and the element when it is not a kg build's graph: no
    graph.json, malformed JSON, a label or type outside the graph contract, an edge whose
    end is not a node.
    """
    path = build / "graph.json"
    if not path.is_file():
        hint = "" if (build / "manifest.json").is_file() else "; run `kg build INPUT... --out DIR`"
        raise OutputError(f"{build} is not a kg build directory (no graph.json){hint}")
    try:
        data = msgspec.json.decode(path.read_bytes())
    except (OSError, msgspec.DecodeError) as error:
        raise OutputError(f"{path}: cannot read node-link JSON: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise OutputError(f"{path}: expected node-link JSON with 'nodes' and 'edges' lists")
    edges = data.get("edges", data.get("links"))
    if not isinstance(edges, list):
        raise OutputError(f"{path}: expected node-link JSON with 'nodes' and 'edges' lists")
    graph = PropertyGraph(path)
    labels: dict[str, str] = {}
    for number, node in enumerate(data["nodes"]):
        node_id, label = _node_identity(path, number, node)
        if node_id in labels:
            raise OutputError(f"{path}: node {node_id!r} appears twice")
        labels[node_id] = label
        graph.nodes.setdefault(label, []).append(
            {"id": node_id, "p": encode_properties(node, _NODE_KEYS, where=(path, node_id))}
        )
    data["nodes"] = None  # let the decoded nodes go while the edges are converted
    for number, edge in enumerate(edges):
        kind, start, end = _edge_identity(path, number, edge, labels)
        key = (kind, labels[start], labels[end])
        graph.relationships.setdefault(key, []).append(
            {
                "s": start,
                "t": end,
                "p": encode_properties(edge, _EDGE_KEYS, where=(path, f"{kind} edge {number}")),
            }
        )
    return graph


def _node_identity(path: Path, number: int, node: Any) -> tuple[str, str]:
    if not isinstance(node, dict) or not isinstance(node.get("id"), str):
        raise OutputError(f"{path}: node {number} has no string 'id'")
    label = node.get("label")
    if label not in _LABELS:
        raise OutputError(
            f"{path}: node {node['id']!r} has label {label!r}, which is not a node label of "
            f"the graph contract ({', '.join(NODE_LABELS)}); refusing to load it"
        )
    return node["id"], label


def _edge_identity(
    path: Path, number: int, edge: Any, labels: Mapping[str, str]
) -> tuple[str, str, str]:
    if not isinstance(edge, dict):
        raise OutputError(f"{path}: edge {number} is not an object")
    kind, start, end = edge.get("type"), edge.get("source"), edge.get("target")
    if kind not in _TYPES:
        raise OutputError(
            f"{path}: edge {number} ({start!r} -> {end!r}) has type {kind!r}, which is not an "
            f"edge type of the graph contract ({', '.join(EDGE_TYPES)}); refusing to load it"
        )
    for end_id in (start, end):
        if not isinstance(end_id, str) or end_id not in labels:
            raise OutputError(f"{path}: {kind} edge {number} ends at {end_id!r}, which is no node")
    return str(kind), str(start), str(end)


def encode_properties(
    attributes: Mapping[str, Any], structural: frozenset[str], *, where: tuple[Path, str]
) -> dict[str, Any]:
    """The Neo4j properties of a node's or edge's attributes (see the module docstring).

    ``structural`` names the node-link keys that are not properties; ``where`` (file,
    element) names the element in the error for a property name that is not an identifier.
    """
    properties: dict[str, Any] = {}
    for name, value in attributes.items():
        if name in structural or value is None:
            continue
        if name not in _NAMES_SEEN:
            if not _NAME.fullmatch(name):
                raise OutputError(
                    f"{where[0]}: {where[1]}: attribute name {name!r} is not an identifier "
                    "(letters, digits and '_'), which Neo4j property names from kg must be"
                )
            _NAMES_SEEN.add(name)
        if type(value) in _STORED_AS_IS:  # the common case, without a call
            properties[name] = value
            continue
        encoded = encode_value(value)
        if encoded is _DROP:
            continue
        if encoded is _AS_JSON:
            properties[name + JSON_SUFFIX] = json.dumps(
                value, ensure_ascii=False, sort_keys=True, separators=(",", ":")
            )
        else:
            properties[name] = encoded
    return properties


def encode_value(value: Any) -> Any:
    """``value`` as Neo4j stores it, or a marker: drop it, or store its JSON text."""
    if isinstance(value, bool | str | float):
        return value
    if isinstance(value, int):
        return value if _INT64[0] <= value <= _INT64[1] else _AS_JSON
    if isinstance(value, list):
        return _encode_list(value)
    return _AS_JSON


def _encode_list(values: list[Any]) -> Any:
    if not values:
        return _DROP
    first = type(values[0])
    if (first is str or first is bool) and all(type(item) is first for item in values):
        return values
    kinds = {type(item) for item in values}
    if kinds == {str} or kinds == {bool}:
        return values
    if kinds <= {int, float}:
        if float in kinds:
            return [float(item) for item in values]
        return values if all(_INT64[0] <= item <= _INT64[1] for item in values) else _AS_JSON
    return _AS_JSON
