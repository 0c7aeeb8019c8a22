"""writers stage of the kg pipeline (DESIGN.md §2): the graph out to files.

A lazy registry in the manner of rdflib's ``plugin.py``: format names map to
``module:function`` strings and a module is imported only when its writer is asked for, so
``kg --help`` does not import pyoxigraph or pyvis.  The CLI's ``--format`` choices come from
:data:`WRITERS`.  Every writer is called as ``writer(graph, path)``; the HTML writer returns an
:class:`~kg.writers.html.OverviewSummary` for the manifest, the others return None.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, cast

from kg.errors import ConfigError

if TYPE_CHECKING:
    import os

    from kg.graph.contract import KnowledgeGraph

__all__ = ["WRITERS", "Writer", "WriterSpec", "get_writer"]

Writer = Callable[["KnowledgeGraph", "str | os.PathLike[str]"], object]


@dataclass(frozen=True, slots=True)
class WriterSpec:
    """A registered output format: where its writer lives and the build file it produces."""

    name: str
    target: str  # "module:function"
    filename: str
    media_type: str


WRITERS: Final[dict[str, WriterSpec]] = {
    spec.name: spec
    for spec in (
        WriterSpec("json", "kg.writers.nodelink:write_node_link", "graph.json", "application/json"),
        WriterSpec("turtle", "kg.writers.rdf:write_turtle", "graph.ttl", "text/turtle"),
        WriterSpec(
            "graphml",
            "kg.writers.graphml:write_graphml",
            "graph.graphml",
            "application/graphml+xml",
        ),
        WriterSpec("html", "kg.writers.html:write_overview", "overview.html", "text/html"),
    )
}


def get_writer(name: str) -> Writer:
    """The writer function of a format name; ConfigError (exit 2) naming the known formats."""
    spec = WRITERS.get(name)
    if spec is None:
        known = ", ".join(sorted(WRITERS))
        raise ConfigError(f"unknown output format {name!r}; expected one of: {known}")
    module_name, _, function_name = spec.target.partition(":")
    return cast(Writer, getattr(importlib.import_module(module_name), function_name))
