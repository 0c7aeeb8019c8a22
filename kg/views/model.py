"""What a view is, independent of how it is drawn: nodes, edges, legends and a caption.

Each view kind (:mod:`kg.views.kinds`) selects and describes; :mod:`kg.views.render` turns the
result into a page.  Everything here is plain data whose strings come from records and are
escaped only when rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

__all__ = [
    "DEFAULT_MAX_NODES",
    "EDGE_DETAILS_LIMIT",
    "Evidence",
    "LegendItem",
    "View",
    "ViewEdge",
    "ViewNode",
    "ViewOptions",
    "ViewSummary",
]

DEFAULT_MAX_NODES: Final = 2000
# Hovering and clicking edges needs sigma.js to draw every edge a second time (into a picking
# buffer): on 2,000 nodes and 14,000 edges that was a third of the time to first draw in
# headless Chromium.  Views with more edges leave edge events off, so their edges carry no
# facts or evidence either (nobody could open them; the page stays small).
EDGE_DETAILS_LIMIT: Final = 5_000


@dataclass(frozen=True, slots=True)
class ViewOptions:
    """What a user can ask of a view."""

    max_nodes: int = DEFAULT_MAX_NODES
    center: str | None = None  # ego views: a node id or name
    hops: int = 1  # ego views
    title: str | None = None


@dataclass(frozen=True, slots=True)
class ViewSummary:
    """How much of what the view covers it shows (for the caption, manifest and tests)."""

    nodes_shown: int
    nodes_total: int
    edges_shown: int
    edges_total: int

    @property
    def reduced(self) -> bool:
        return self.nodes_shown < self.nodes_total or self.edges_shown < self.edges_total

    def as_dict(self) -> dict[str, int | bool]:
        return {
            "nodes_shown": self.nodes_shown,
            "nodes_total": self.nodes_total,
            "edges_shown": self.edges_shown,
            "edges_total": self.edges_total,
            "reduced": self.reduced,
        }


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One colour of a legend: what it stands for and how many items have it."""

    name: str
    colour: str
    shown: int
    total: int
    faint: bool = False  # drawn see-through (relations that are not asserted)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One line of an edge's support: a sentence (or a joint paper's title) and its paper."""

    text: str
    paper: str
    link: str | None = None
    level: str = ""
    modality: str = ""


@dataclass(slots=True)
class ViewNode:
    """A node to draw; ``group`` indexes the view's colour legend."""

    id: str
    name: str
    label: str
    colour: str
    group: int
    size: float
    years: tuple[int, ...] = ()
    facts: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    emphasis: bool = False  # always labelled (the centre of an ego view)


@dataclass(slots=True)
class ViewEdge:
    """An edge to draw; ``group`` indexes the edge legend (-1: none)."""

    source: str
    target: str
    type: str
    colour: str
    size: float
    directed: bool
    group: int = -1
    weight: float = 1.0  # pulls the layout: joint papers, papers stating a relation
    faint: bool = False  # drawn see-through: a relation that is not asserted
    years: tuple[int, ...] = ()
    facts: list[tuple[str, str]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    evidence_total: int = 0


@dataclass(slots=True)
class View:
    """A finished view: positions are filled in by the layout before rendering."""

    kind: str
    title: str
    caption: list[str]  # sentences: what is shown, what was left out and why
    nodes: list[ViewNode]
    edges: list[ViewEdge]
    summary: ViewSummary
    labels: list[LegendItem]  # node types, for the type filter
    legend_title: str
    legend: list[LegendItem]  # node colours (the labels again when coloured by label)
    edge_legend_title: str = ""
    edge_legend: list[LegendItem] = field(default_factory=list)
    encoding: list[str] = field(default_factory=list)  # what size and width stand for
    focus: str | None = None  # the node an ego view is centred on
    positions: list[tuple[int, int]] = field(default_factory=list)
