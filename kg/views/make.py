"""One entry point for every view kind: select and describe, lay out, write the page."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Final

from kg.errors import ConfigError
from kg.graph.contract import KnowledgeGraph
from kg.views.model import View, ViewOptions, ViewSummary

__all__ = ["KINDS", "make_view", "write_view"]

ViewMaker = Callable[[KnowledgeGraph, ViewOptions], View]

KINDS: Final = ("overview", "coauthors", "institutions", "biomedical", "ego")
_SCALE: Final = 1000  # layout units per half-width in the page (sigma rescales anyway)


def _maker(kind: str) -> ViewMaker:
    """The function making a view kind (imported on demand, like the writers' registry)."""
    if kind == "overview":
        from kg.views.overview import overview_view

        return overview_view
    if kind == "coauthors":
        from kg.views.collaboration import coauthors_view

        return coauthors_view
    if kind == "institutions":
        from kg.views.collaboration import institutions_view

        return institutions_view
    if kind == "biomedical":
        from kg.views.biomedical import biomedical_view

        return biomedical_view
    if kind == "ego":
        from kg.views.ego import ego_view

        return ego_view
    raise ConfigError(f"unknown view {kind!r}; expected one of: {', '.join(KINDS)}")


def make_view(graph: KnowledgeGraph, kind: str, options: ViewOptions | None = None) -> View:
    """The view ``kind`` of ``graph``, laid out and ready to render."""
    options = options or ViewOptions()
    if options.max_nodes < 1:
        raise ConfigError(f"max_nodes must be at least 1, got {options.max_nodes}")
    view = _maker(kind)(graph, options)
    place(view)
    return view


def place(view: View) -> None:
    """Fill ``view.positions`` with the layout of its nodes and edges."""
    from kg.views.layout import layout

    index = {node.id: number for number, node in enumerate(view.nodes)}
    links = [(index[edge.source], index[edge.target], edge.weight) for edge in view.edges]
    focus = index.get(view.focus) if view.focus is not None else None
    coordinates = layout(len(view.nodes), links, pinned=focus)
    view.positions = [(round(x * _SCALE), round(y * _SCALE)) for x, y in coordinates.tolist()]


def write_view(view: View, path: str | os.PathLike[str]) -> ViewSummary:
    """Render ``view`` to an HTML file at ``path`` and return what it shows."""
    from kg.views.render import write_page

    write_page(view, path)
    return view.summary
