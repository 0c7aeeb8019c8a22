"""The overview: every node type, coloured by label, reduced to the best-connected nodes.

Reduction keeps every label visible (one node each at least, the rest of the budget shared
in proportion to label size) and, within a label, the nodes with most connections.  Papers
of the inputs come before works they only cite, so a reduced view shows the corpus rather
than its bibliography.
"""

from __future__ import annotations

import math
from collections import defaultdict

from kg.errors import ConfigError
from kg.graph.contract import KnowledgeGraph
from kg.views.assemble import (
    degrees,
    edge_entry,
    edges_among,
    label_entries,
    label_legend,
    label_totals,
    scaled,
)
from kg.views.details import Describer
from kg.views.model import EDGE_DETAILS_LIMIT, View, ViewOptions, ViewSummary
from kg.views.palette import EDGE_COLOUR
from kg.views.reduce import pick

__all__ = ["overview_view", "select_nodes"]


def overview_view(graph: KnowledgeGraph, options: ViewOptions) -> View:
    """All node types and the edges among the nodes kept."""
    chosen = select_nodes(graph, options.max_nodes)
    describer = Describer(graph)
    labels = {node: str(graph.nodes[node].get("label", "")) for node in chosen}
    legend, index = label_legend(labels.values(), label_totals(graph))
    connections = degrees(graph, chosen)
    sizes = scaled({node: math.log1p(degree) for node, degree in connections.items()})
    nodes = label_entries(describer, chosen, index, sizes)
    rows = edges_among(graph, set(chosen))
    details = len(rows) <= EDGE_DETAILS_LIMIT
    edges = [
        edge_entry(describer, row, colour=EDGE_COLOUR, directed=False, details=details)
        for row in rows
    ]
    summary = ViewSummary(len(nodes), graph.number_of_nodes(), len(edges), graph.number_of_edges())
    return View(
        kind="overview",
        title=options.title or "Overview",
        caption=_caption(summary),
        nodes=nodes,
        edges=edges,
        summary=summary,
        labels=legend,
        legend_title="Node types",
        legend=legend,
        encoding=["Colour: node type.", "Size: connections in the whole graph."],
    )


def select_nodes(graph: KnowledgeGraph, max_nodes: int) -> list[str]:
    """The nodes to draw, sorted: all of them, or the best-connected ones of every label."""
    if max_nodes < 1:
        raise ConfigError(f"max_nodes must be at least 1, got {max_nodes}")
    if graph.number_of_nodes() <= max_nodes:
        return sorted(graph.nodes)
    connections = degrees(graph)
    cited_only = {node for node, inside in graph.nodes(data="in_corpus") if inside is False}
    by_label: dict[str, list[str]] = defaultdict(list)
    for node, label in graph.nodes(data="label", default=""):
        if node not in cited_only:
            by_label[str(label)].append(node)
    chosen = pick(by_label, {node: float(count) for node, count in connections.items()}, max_nodes)
    spare = max_nodes - len(chosen)
    if spare > 0:  # the budget exceeds the inputs' own nodes: add the most-cited works
        taken = set(chosen)
        rest = sorted(cited_only - taken, key=lambda node: (-connections[node], node))
        chosen = sorted(taken.union(rest[:spare]))
    return chosen


def _caption(summary: ViewSummary) -> list[str]:
    if not summary.reduced:
        return [f"All {summary.nodes_total:,} nodes and {summary.edges_total:,} edges."]
    return [
        f"Showing {summary.nodes_shown:,} of {summary.nodes_total:,} nodes and "
        f"{summary.edges_shown:,} of {summary.edges_total:,} edges: the best-connected nodes "
        "of every type (each type's share in proportion to its size; works the inputs only "
        "cite come last) and the edges among them.",
        f"Left out: {summary.nodes_total - summary.nodes_shown:,} nodes and "
        f"{summary.edges_total - summary.edges_shown:,} edges.",
    ]
