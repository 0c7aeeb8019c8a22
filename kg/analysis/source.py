"""What the collaboration networks are made of, read from a graph or from a build directory.

Only labels, edge types and attributes of the graph contract (DESIGN.md §3) are used, never
the shape of node ids: ``Paper`` nodes give years, ``Author`` and ``Institution`` nodes give
names (and countries), ``AUTHORED`` and ``AFFILIATED_WITH {papers}`` say who is on which
paper, and the derived ``CO_AUTHORED_WITH`` / ``COLLABORATES_WITH {weight, papers}`` edges are
the links.  Links are taken as the build made them (so its ``--max-authors`` rule for
consortium papers holds here too) rather than recomputed from bylines.

A build's ``graph.json`` is decoded with msgspec into small typed structs that keep only
these fields: loading it with networkx would build every attribute of every node (abstracts,
evidence) for a network that needs a few percent of them.  The structs are not tracked by
the cyclic garbage collector (``gc=False``: strings and lists of strings cannot form cycles),
see :mod:`kg.analysis.gc_pause` for why that matters at this size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeAlias

import msgspec

from kg.analysis.gc_pause import paused_gc
from kg.errors import OutputError
from kg.graph.contract import (
    AFFILIATED_WITH,
    AUTHOR,
    AUTHORED,
    CO_AUTHORED_WITH,
    COLLABORATES_WITH,
    INSTITUTION,
    PAPER,
    KnowledgeGraph,
)

__all__ = [
    "GRAPH_FILE",
    "Collaboration",
    "Link",
    "Place",
    "collaboration_from_graph",
    "read_collaboration",
]

GRAPH_FILE = "graph.json"


# One derived edge: (source, target, papers, weight) -- the two members, the papers they
# share and how many.  A plain tuple: a build has about a million of them, and making a
# NamedTuple costs five times as much.
Link: TypeAlias = tuple[str, str, Sequence[str], int]


@dataclass(frozen=True, slots=True)
class Place:
    """An institution as the country network needs it."""

    name: str
    country_code: str | None = None
    country: str | None = None


@dataclass
class Collaboration:
    """Papers, people and places of a graph, and the derived links between them.

    ``years`` holds every paper read from the inputs (cited-only works are not in it), with
    ``None`` where the year is unknown.
    """

    years: dict[str, int | None] = field(default_factory=dict)
    authors: dict[str, str] = field(default_factory=dict)
    institutions: dict[str, Place] = field(default_factory=dict)
    author_papers: dict[str, list[str]] = field(default_factory=dict)
    institution_papers: dict[str, list[str]] = field(default_factory=dict)
    co_authorship: list[Link] = field(default_factory=list)
    collaboration: list[Link] = field(default_factory=list)


class _Attributes(Protocol):
    """A node's attributes: the graph's dict, or the struct decoded from graph.json."""

    def get(self, name: str, /) -> Any: ...


class _Collector:
    """Fills a :class:`Collaboration` from nodes and edges in any order."""

    def __init__(self) -> None:
        self.result = Collaboration()
        self._institution_papers: dict[str, dict[str, None]] = {}

    def node(self, node: str, attributes: _Attributes) -> None:
        """Take one node given its attributes (a dict of the graph or a decoded struct)."""
        label = attributes.get("label")
        if label == PAPER:
            if attributes.get("in_corpus") is not False:
                self.result.years[node] = _year(attributes.get("year"))
        elif label == AUTHOR:
            self.result.authors[node] = str(attributes.get("name") or node)
        elif label == INSTITUTION:
            self.result.institutions[node] = Place(
                str(attributes.get("name") or node),
                _text(attributes.get("country_code")),
                _text(attributes.get("country")),
            )

    def edge(self, source: str, target: str, kind: str, weight: Any, papers: Any) -> None:
        """Take one edge of any type; types other than the four used here are ignored."""
        if kind == AUTHORED:
            self.result.author_papers.setdefault(source, []).append(target)
        elif kind == AFFILIATED_WITH:
            seen = self._institution_papers.setdefault(target, {})
            for paper in papers or ():
                seen[paper] = None
        elif kind in (CO_AUTHORED_WITH, COLLABORATES_WITH) and source != target:
            shared = papers if isinstance(papers, list) else []
            count = len(shared) if shared else int(weight or 0)
            links = (
                self.result.co_authorship if kind == CO_AUTHORED_WITH else self.result.collaboration
            )
            links.append((source, target, shared, count))

    def finish(self) -> Collaboration:
        self.result.institution_papers = {
            place: list(papers) for place, papers in self._institution_papers.items()
        }
        return self.result


def collaboration_from_graph(graph: KnowledgeGraph) -> Collaboration:
    """Read a :class:`Collaboration` from an in-memory contract graph (used by ``kg build``).

    Only the out-edges of authors and institutions are visited: every edge read here starts
    at one of them, and a build has many more MENTIONS and CITES edges than these.  The
    adjacency dicts are read directly, as the writers do: networkx's views cost three times
    as much per edge, and the build waits for this.
    """
    collector = _Collector()
    members: list[str] = []
    for node, attributes in graph.nodes(data=True):
        collector.node(node, attributes)
        if attributes.get("label") in (AUTHOR, INSTITUTION):
            members.append(node)
    adjacency = graph._adj
    take = collector.edge
    for node in members:
        for target, keyed in adjacency[node].items():
            for key, data in keyed.items():
                take(node, target, data.get("type", key), data.get("weight"), data.get("papers"))
    return collector.finish()


class _Node(msgspec.Struct, gc=False):
    """The node fields the networks need; msgspec skips all others without building them."""

    id: str
    label: str | None = None
    name: str | None = None
    year: int | None = None
    in_corpus: bool | None = None
    country_code: str | None = None
    country: str | None = None

    def get(self, name: str) -> Any:
        return getattr(self, name, None)


class _Edge(msgspec.Struct, gc=False):
    source: str
    target: str
    type: str | None = None
    key: str | None = None
    weight: float | None = None
    papers: list[str] | None = None


class _NodeLink(msgspec.Struct, gc=False):
    nodes: list[_Node]
    edges: list[_Edge]


def read_collaboration(directory: Path) -> Collaboration:
    """Read a :class:`Collaboration` from ``directory/graph.json`` of a build.

    Raises :class:`~kg.errors.OutputError` with one line saying what is wrong when the
    directory is not a build or its graph.json is not node-link JSON of the contract.
    """
    path = directory / GRAPH_FILE
    if not path.is_file():
        what = "does not exist" if not directory.exists() else "has no graph.json"
        raise OutputError(
            f"{directory} is not a kg build directory ({what}); "
            "run `kg build INPUT... --out DIR` first"
        )
    with paused_gc():  # a million small objects, none of them in a cycle
        return _collect(_decode(path))


def _decode(path: Path) -> _NodeLink:
    try:
        return msgspec.json.decode(path.read_bytes(), type=_NodeLink)
    except OSError as error:
        raise OutputError(f"{path}: cannot read: {error.strerror or error}") from error
    except msgspec.ValidationError as error:
        raise OutputError(
            f"{path}: not node-link JSON of a kg graph (expected nodes with id and label, "
            f"edges with source, target and type): {error}"
        ) from error
    except msgspec.DecodeError as error:
        raise OutputError(f"{path}: not valid JSON: {error}") from error


def _collect(data: _NodeLink) -> Collaboration:
    collector = _Collector()
    for node in data.nodes:
        collector.node(node.id, node)
    for edge in data.edges:
        kind = edge.type or edge.key or ""
        collector.edge(edge.source, edge.target, kind, edge.weight, edge.papers)
    return collector.finish()


def _year(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
