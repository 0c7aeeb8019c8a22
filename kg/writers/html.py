"""The HTML outputs of a build: the overview page and the other views, linked from index.html.

``write_overview`` is the ``html`` format of the writers' registry (``overview.html``);
``write_build_views`` is what ``kg build`` calls: the overview, co-authorship, institution and
biomedical views and an index page linking them, with the ``kg view`` command for the
neighbourhood of any node (an ego view needs a centre, so it is not written ahead).

The pages are made by :mod:`kg.views`: positions computed in Python, drawn with WebGL by
sigma.js inlined in the page, so they open offline and fast.  They used to be pyvis pages;
pyvis loads Bootstrap from a CDN in every mode, renders tooltips as HTML, and its canvas
renderer draws large graphs slowly (``bench/views.py`` measures both).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

from kg.graph.contract import KnowledgeGraph
from kg.views import BUILD_VIEWS, INDEX_FILE
from kg.views.model import ViewOptions, ViewSummary
from kg.views.palette import LABEL_COLOURS

__all__ = [
    "LABEL_COLOURS",
    "OverviewSummary",
    "select_nodes",
    "write_build_views",
    "write_overview",
]

OverviewSummary = ViewSummary  # the name the manifest code and older callers know
DEFAULT_BUILD_NODES: Final = 500


def write_overview(
    graph: KnowledgeGraph,
    path: str | os.PathLike[str],
    *,
    max_nodes: int = DEFAULT_BUILD_NODES,
    title: str = "Overview",
) -> ViewSummary:
    """Write the offline overview page of ``graph`` to ``path`` and say what it shows."""
    from kg.views.make import make_view, write_view

    view = make_view(graph, "overview", ViewOptions(max_nodes=max_nodes, title=title))
    return write_view(view, path)


def select_nodes(graph: KnowledgeGraph, max_nodes: int) -> list[str]:
    """The nodes the overview draws (see :func:`kg.views.overview.select_nodes`)."""
    from kg.views.overview import select_nodes as overview_nodes

    return overview_nodes(graph, max_nodes)


def write_build_views(
    graph: KnowledgeGraph,
    directory: str | os.PathLike[str],
    *,
    max_nodes: int = DEFAULT_BUILD_NODES,
    build_name: str | None = None,
) -> dict[str, Any]:
    """Write every build view and ``index.html`` into ``directory``; details for the manifest.

    A view with nothing to show (no co-authorship in a one-author corpus, no relations in a
    build made with ``--no-annotate``) is not written; the index says why.
    """
    from kg.views.index import IndexEntry, ego_example, render_index
    from kg.views.make import make_view, write_view

    folder = Path(directory)
    entries: list[IndexEntry] = []
    written: dict[str, Any] = {}
    for kind in BUILD_VIEWS:
        view = make_view(graph, kind, ViewOptions(max_nodes=max_nodes))
        file = f"{kind}.html"
        if view.nodes or kind == "overview":
            summary = write_view(view, folder / file)
            written[kind] = {"path": file, **summary.as_dict()}
            entries.append(IndexEntry(kind, view.title, view.caption, file))
        else:
            entries.append(IndexEntry(kind, view.title, view.caption, None))
    name = build_name if build_name is not None else str(directory)
    (folder / INDEX_FILE).write_text(
        render_index(entries, build=name, example=ego_example(graph), max_nodes=max_nodes),
        encoding="utf-8",
    )
    return {"view": {k: v for k, v in written["overview"].items() if k != "path"}, "views": written}
