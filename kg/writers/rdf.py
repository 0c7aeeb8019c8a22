"""RDF output: the graph as triples in the kg schema (``ontology/kg.ttl``), written as Turtle.

Mapping (the same for every label and edge type, so new ones need no change here):

* node ``n`` -> ``<node_iri(n)> a kg:<label>`` (:func:`kg.namespaces.node_iri` makes the IRI);
* node attribute ``a`` -> ``kg:<lowerCamel(a)>`` with a typed literal: ``xsd:boolean``,
  ``xsd:integer``, ``xsd:double``, plain string; attributes named in :data:`DATE_ATTRIBUTES`
  become ``xsd:gYear`` / ``xsd:gYearMonth`` / ``xsd:date`` by their ISO shape (``2024``,
  ``2024-11``, ``2024-11-19``) so SPARQL date comparisons work; a list gives one triple per
  distinct item (RDF properties are multi-valued; list order is not kept);
* edge ``u -[T]-> v`` -> the plain triple ``<u> kg:<lowerCamel(T)> <v>``, so ordinary
  queries need no reification (``?a kg:authored ?p``);
* an edge with attributes besides ``type`` is *also* reified as a ``kg:Statement``
  (``rdfs:subClassOf rdf:Statement``) with ``rdf:subject``/``rdf:predicate``/``rdf:object``
  and the attributes as properties.  Its IRI is ``kgr:edge/<sha256(u, T, v)[:32]>``, stable
  across builds.  Standard RDF reification is used rather than RDF-star because rdflib,
  Jena and every SPARQL 1.1 store read it;
* attributes naming papers (:data:`REFERENCE_ATTRIBUTES`, ``paper``/``papers``) hold node ids
  and become IRIs, so statements join back to papers;
* evidence: when an edge carries ``paper`` and the other :data:`EVIDENCE_ATTRIBUTES` as
  parallel lists of one length (the flattened form DESIGN.md §3 evidence takes in the graph),
  each position becomes a ``kg:Evidence`` node (``rdfs:subClassOf prov:Entity``) linked by
  ``kg:hasEvidence`` and named ``kgr:evidence/<hash of edge and evidence>``.  Parallel lists
  written as plain multi-valued properties would lose which offset belongs to which sentence.

Output is deterministic: nodes sorted by id, attributes by name, edges by (type, target), so
the same graph gives the same bytes.  Turtle is serialised by pyoxigraph (27x faster than
rdflib on 1M triples, DESIGN.md §9) with the prefixes of :data:`kg.namespaces.PREFIXES`,
streaming from :func:`iter_triples`.  Measured on a synthetic 1M-triple build (2 cores):
about 2.6-3.2 s in all, of which pyoxigraph's serialisation is 0.5 s and the rest is making
the terms in Python.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import os
import re
from collections.abc import Container, Iterator, Mapping
from pathlib import Path
from typing import IO, BinaryIO, Final, cast
from urllib.parse import quote

import pyoxigraph as ox

from kg.graph.contract import EVIDENCE_LISTS, OPTIONAL_EVIDENCE_LISTS, KnowledgeGraph
from kg.namespaces import KG, KGR, PREFIXES, node_iri

__all__ = [
    "DATE_ATTRIBUTES",
    "EVIDENCE_ATTRIBUTES",
    "REFERENCE_ATTRIBUTES",
    "class_iri",
    "iter_triples",
    "lower_camel",
    "property_iri",
    "write_turtle",
]

DATE_ATTRIBUTES: Final = frozenset({"date", "received", "revised", "accepted", "epub"})
REFERENCE_ATTRIBUTES: Final = frozenset({"paper", "papers"})
EVIDENCE_ATTRIBUTES: Final = (*EVIDENCE_LISTS, *OPTIONAL_EVIDENCE_LISTS)
# Per-evidence lists named in the plural on the edge (whose singular is the edge's summary)
# are singular on each evidence node.
_EVIDENCE_PROPERTY: Final = {"levels": "evidence_level", "directions": "direction"}

_XSD: Final = PREFIXES["xsd"]
_RDF: Final = PREFIXES["rdf"]
_RDF_TYPE: Final = ox.NamedNode(_RDF + "type")
_RDF_SUBJECT: Final = ox.NamedNode(_RDF + "subject")
_RDF_PREDICATE: Final = ox.NamedNode(_RDF + "predicate")
_RDF_OBJECT: Final = ox.NamedNode(_RDF + "object")
_STATEMENT: Final = ox.NamedNode(KG + "Statement")
_EVIDENCE: Final = ox.NamedNode(KG + "Evidence")
_HAS_EVIDENCE: Final = ox.NamedNode(KG + "hasEvidence")
_DATE_SHAPES: Final = (
    (re.compile(r"[0-9]{4}"), ox.NamedNode(_XSD + "gYear")),
    (re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])"), ox.NamedNode(_XSD + "gYearMonth")),
    (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), ox.NamedNode(_XSD + "date")),
)
_IDENTIFIER: Final = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_NOT_NODE_PROPERTIES: Final = frozenset({"label"})  # the label is the node's class
Triple = ox.Triple


def lower_camel(name: str) -> str:
    """``AFFILIATED_WITH`` -> ``affiliatedWith``, ``cited_by`` -> ``citedBy``, ``IS_A`` -> ``isA``.

    An all-capital part is lower-cased first, so edge types and snake_case attribute names
    follow one rule; camelCase input is kept.  Characters that cannot appear in a Turtle
    local name are percent-encoded so the IRI stays valid whatever the name.
    """
    parts = [part.lower() if part.isupper() else part for part in name.split("_") if part]
    if not parts:
        return quote(name, safe="")
    camel = parts[0][:1].lower() + parts[0][1:]
    camel += "".join(part[:1].upper() + part[1:] for part in parts[1:])
    return camel if _IDENTIFIER.fullmatch(camel) else quote(camel, safe="")


def class_iri(label: str) -> str:
    """The class of a node label: ``Paper`` -> ``kg:Paper`` (the label verbatim)."""
    return KG + quote(label, safe="")


def property_iri(name: str) -> str:
    """The property for an edge type or attribute name: ``kg:`` + :func:`lower_camel`."""
    return KG + lower_camel(name)


def write_turtle(graph: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as Turtle to ``path`` (deterministic bytes for the same graph)."""
    with Path(path).open("wb") as sink:
        ordered = _PrefixOrder(sink)
        output = cast(IO[bytes], ordered)  # pyoxigraph needs only write() and flush()
        ox.serialize(iter_triples(graph), output, ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES))
        ordered.close()


class _PrefixOrder:
    """A byte sink that writes pyoxigraph's ``@prefix`` lines in :data:`PREFIXES` order.

    pyoxigraph declares prefixes in an order of its own (a hash map's): stable within a
    version but arbitrary.  Reordering the header here keeps it readable (``kg`` first) and
    the bytes independent of pyoxigraph internals; everything after the header streams
    through untouched.
    """

    def __init__(self, sink: BinaryIO) -> None:
        self._sink = sink
        self._pending: bytearray | None = bytearray()

    def write(self, data: bytes) -> int:
        if self._pending is None:
            return self._sink.write(data)
        self._pending += data
        end = _header_end(self._pending)
        if end is not None:
            self._release(end)
        return len(data)

    def flush(self) -> None:
        self._sink.flush()

    def close(self) -> None:
        """Release a header that was never followed by a triple (an empty graph)."""
        if self._pending is not None:
            self._release(len(self._pending))

    def _release(self, end: int) -> None:
        assert self._pending is not None
        lines = self._pending[:end].decode("utf-8").splitlines(keepends=True)
        self._sink.write("".join(sorted(lines, key=_prefix_rank)).encode("utf-8"))
        self._sink.write(bytes(self._pending[end:]))
        self._pending = None


_PREFIX_ORDER: Final = {name: rank for rank, name in enumerate(PREFIXES)}


def _prefix_rank(line: str) -> tuple[int, str]:
    name = line.removeprefix("@prefix ").partition(":")[0]
    return _PREFIX_ORDER.get(name, len(_PREFIX_ORDER)), line


def _header_end(buffer: bytearray) -> int | None:
    """Offset just after the leading ``@prefix`` lines, once a complete other line follows."""
    position = 0
    while True:
        newline = buffer.find(b"\n", position)
        if newline < 0:
            return None
        if not buffer.startswith(b"@prefix ", position):
            return position
        position = newline + 1


def iter_triples(graph: KnowledgeGraph) -> Iterator[Triple]:
    """All triples of ``graph`` in output order; any RDF format can be written from them.

    Each node's triples (its type, attributes and outgoing plain edges) come together so
    Turtle groups them under one subject; edge statements follow their source node.  Node
    IRIs are made once per node and predicates once per name: on a million triples this
    halves the time, which is spent here rather than in pyoxigraph.
    """
    iris = {node: ox.NamedNode(node_iri(node)) for node in graph.nodes}
    for node in sorted(graph.nodes):
        subject = iris[node]
        yield from _node_triples(subject, graph.nodes[node])
        out_edges = sorted(
            (
                (_edge_type(key, data), target, data)
                for _, target, key, data in graph.out_edges(node, keys=True, data=True)
            ),
            key=lambda edge: edge[:2],
        )
        for edge_type, target, _ in out_edges:
            yield Triple(subject, _predicate(edge_type), iris[target])
        for edge_type, target, data in out_edges:
            yield from _statement_triples(iris, node, edge_type, target, data)


def _edge_type(key: object, data: Mapping[str, object]) -> str:
    """The edge's ``type`` attribute; the key (which equals it by contract) as a fallback."""
    edge_type = data.get("type", key)
    return str(edge_type)


@functools.cache
def _predicate(name: str) -> ox.NamedNode:
    return ox.NamedNode(property_iri(name))


@functools.cache
def _class(label: str) -> ox.NamedNode:
    return ox.NamedNode(class_iri(label))


def _node_triples(subject: ox.NamedNode, attributes: Mapping[str, object]) -> Iterator[Triple]:
    label = attributes.get("label")
    if isinstance(label, str):
        yield Triple(subject, _RDF_TYPE, _class(label))
    yield from _attribute_triples(subject, attributes, skip=_NOT_NODE_PROPERTIES)


def _attribute_triples(
    subject: ox.NamedNode, attributes: Mapping[str, object], *, skip: Container[str] = ()
) -> Iterator[Triple]:
    """One triple per attribute value, attributes in name order, list items deduplicated."""
    for name in sorted(attributes):
        if name in skip:
            continue
        predicate = _predicate(name)
        value = attributes[name]
        if isinstance(value, list | tuple):
            for term in dict.fromkeys(_term(name, item) for item in value):
                yield Triple(subject, predicate, term)
        else:
            yield Triple(subject, predicate, _term(name, value))


def _term(name: str, value: object) -> ox.NamedNode | ox.Literal:
    if isinstance(value, str):
        if name in REFERENCE_ATTRIBUTES:
            return ox.NamedNode(node_iri(value))
        return _date_literal(value) if name in DATE_ATTRIBUTES else ox.Literal(value)
    if isinstance(value, int | float):  # bool is an int: xsd:boolean
        return ox.Literal(value)
    raise TypeError(
        f"attribute {name!r}: expected str, int, float, bool or a list of them, "
        f"found {type(value).__name__}"
    )


def _date_literal(text: str) -> ox.Literal:
    """An ISO date typed by its shape; a malformed one stays a plain string (never dropped)."""
    for pattern, datatype in _DATE_SHAPES:
        if pattern.fullmatch(text):
            if datatype.value.endswith("#date") and not _is_calendar_date(text):
                break
            return ox.Literal(text, datatype=datatype)
    return ox.Literal(text)


def _is_calendar_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _statement_triples(
    iris: Mapping[str, ox.NamedNode],
    source: str,
    edge_type: str,
    target: str,
    data: Mapping[str, object],
) -> Iterator[Triple]:
    """The reified form of an edge that has attributes; nothing for a bare edge."""
    attributes = {name: value for name, value in data.items() if name != "type"}
    if not attributes:
        return
    digest = _digest(source, edge_type, target)
    statement = ox.NamedNode(f"{KGR}edge/{digest}")
    yield Triple(statement, _RDF_TYPE, _STATEMENT)
    yield Triple(statement, _RDF_SUBJECT, iris[source])
    yield Triple(statement, _RDF_PREDICATE, _predicate(edge_type))
    yield Triple(statement, _RDF_OBJECT, iris[target])
    evidence = _evidence_rows(attributes)
    if evidence is None:
        yield from _attribute_triples(statement, attributes)
        return
    yield from _attribute_triples(statement, attributes, skip=EVIDENCE_ATTRIBUTES)
    yield from _evidence_triples(statement, digest, evidence)


def _evidence_rows(attributes: Mapping[str, object]) -> list[dict[str, object]] | None:
    """Parallel evidence lists as one dict per piece of evidence; None if not in that form."""
    if "paper" not in attributes:
        return None
    columns = {
        name: value if isinstance(value, list | tuple) else [value]
        for name, value in attributes.items()
        if name in EVIDENCE_ATTRIBUTES
    }
    lengths = {len(column) for column in columns.values()}
    if len(lengths) != 1:
        return None
    (length,) = lengths
    return [
        {
            _EVIDENCE_PROPERTY.get(name, name): column[row]
            for name, column in columns.items()
            if column[row] != ""  # a level or direction that does not apply to this row
        }
        for row in range(length)
    ]


def _evidence_triples(
    statement: ox.NamedNode, digest: str, rows: list[dict[str, object]]
) -> Iterator[Triple]:
    """Links first, then each evidence node, so Turtle keeps every subject in one block."""
    nodes = {
        ox.NamedNode(f"{KGR}evidence/{_digest(digest, *map(repr, sorted(row.items())))}"): row
        for row in rows
    }
    ordered = sorted(nodes, key=lambda node: node.value)
    for evidence in ordered:
        yield Triple(statement, _HAS_EVIDENCE, evidence)
    for evidence in ordered:
        yield Triple(evidence, _RDF_TYPE, _EVIDENCE)
        yield from _attribute_triples(evidence, nodes[evidence])


def _digest(*parts: str) -> str:
    """A stable 128-bit name for a statement or evidence node from the ids it stands for."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
