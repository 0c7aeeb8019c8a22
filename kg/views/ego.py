"""The ego view: everything within N hops of one node, whatever the edge type or direction.

The centre is named by id (``pmid:39882532``, ``DOID:9074``) or by name ("systemic lupus
erythematosus", matched without regard to case, exactly first, then as a part of names);
a name that fits several nodes is an error listing them, so a user never looks at the
wrong neighbourhood without knowing.  Over budget, the nodes nearest the centre are kept
(by hops, then by connections), so the view stays connected around it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from typing import Any, Final

from kg.errors import ConfigError
from kg.graph.contract import KnowledgeGraph
from kg.views.assemble import (
    degrees,
    edge_entry,
    edges_among,
    label_entries,
    label_legend,
    scaled,
)
from kg.views.details import Describer, display_name
from kg.views.model import EDGE_DETAILS_LIMIT, View, ViewOptions, ViewSummary
from kg.views.palette import EDGE_COLOUR

__all__ = ["ego_view", "find_node", "neighbourhood"]

_LISTED: Final = 5


def ego_view(graph: KnowledgeGraph, options: ViewOptions) -> View:
    """The neighbourhood of ``options.center`` within ``options.hops`` hops."""
    if not options.center:
        raise ConfigError("an ego view needs a centre: --center ID_OR_NAME")
    if options.hops < 1:
        raise ConfigError(f"hops must be at least 1, got {options.hops}")
    centre = find_node(graph, options.center)
    distance = neighbourhood(graph, centre, options.hops)
    connections = degrees(graph, distance)
    order = sorted(distance, key=lambda node: (distance[node], -connections[node], node))
    chosen = sorted(order[: options.max_nodes])
    rows = edges_among(graph, set(chosen))
    total_edges = (
        len(edges_among(graph, set(distance))) if len(chosen) < len(distance) else len(rows)
    )
    describer = Describer(graph)
    attributes: Mapping[str, Mapping[str, Any]] = graph.nodes
    labels = {node: str(attributes[node].get("label", "")) for node in chosen}
    totals = Counter(str(attributes[node].get("label", "")) for node in distance)
    legend, index = label_legend(labels.values(), totals)
    sizes = scaled({node: math.log1p(connections[node]) for node in chosen})
    sizes[centre] = max(sizes.values())
    nodes = label_entries(describer, chosen, index, sizes, emphasis=centre)
    details = len(rows) <= EDGE_DETAILS_LIMIT
    edges = [edge_entry(describer, row, colour=EDGE_COLOUR, details=details) for row in rows]
    summary = ViewSummary(len(nodes), len(distance), len(edges), total_edges)
    name = describer.name(centre)
    return View(
        kind="ego",
        title=options.title or f"Around {name}",
        caption=_caption(summary, name, labels[centre], centre, options.hops, distance),
        nodes=nodes,
        edges=edges,
        summary=summary,
        labels=legend,
        legend_title="Node types",
        legend=legend,
        encoding=["Colour: node type.", "Size: connections in the whole graph."],
        focus=centre,
    )


def find_node(graph: KnowledgeGraph, wanted: str) -> str:
    """The node with this id, else the one node with this name (or with it in its name)."""
    if wanted in graph:
        return wanted
    text = " ".join(wanted.split()).casefold()
    if not text:
        raise ConfigError("the centre of an ego view cannot be empty")
    exact: list[str] = []
    partial: list[str] = []
    everything: Mapping[str, Mapping[str, Any]] = graph._node  # the raw dict: 300k nodes
    for node, attributes in everything.items():
        name = display_name(node, attributes).casefold()
        if name == text or node.casefold() == text:
            exact.append(node)
        elif text in name:
            partial.append(node)
    found = exact or partial
    if len(found) == 1:
        return found[0]
    if not found:
        raise ConfigError(
            f"no node has the id or name {wanted!r}; node ids are in graph.json "
            "(e.g. pmid:39882532, DOID:9074, orcid:0000-0002-1825-0097)"
        )
    found.sort(key=lambda node: (-graph.degree(node), node))
    listed = "; ".join(
        f"{node} ({graph.nodes[node].get('label', 'node')}: "
        f"{display_name(node, graph.nodes[node])[:60]})"
        for node in found[:_LISTED]
    )
    more = f" and {len(found) - _LISTED} more" if len(found) > _LISTED else ""
    raise ConfigError(f"{len(found)} nodes match {wanted!r}: {listed}{more}; give one of their ids")


def neighbourhood(graph: KnowledgeGraph, centre: str, hops: int) -> dict[str, int]:
    """Hops from ``centre`` of every node within ``hops``, edges taken in either direction."""
    distance = {centre: 0}
    frontier = [centre]
    for step in range(1, hops + 1):
        reached: list[str] = []
        for node in frontier:
            for other in (*graph._succ[node], *graph._pred[node]):
                if other not in distance:
                    distance[other] = step
                    reached.append(other)
        frontier = reached
    return distance


def _caption(
    summary: ViewSummary,
    name: str,
    label: str,
    centre: str,
    hops: int,
    distance: Mapping[str, int],
) -> list[str]:
    rings = Counter(distance.values())
    per_hop = ", ".join(
        f"{rings[step]:,} at {step} hop{'s' if step > 1 else ''}" for step in range(1, hops + 1)
    )
    sentences = [
        f"Everything within {hops} hop{'s' if hops > 1 else ''} of {name} ({label} {centre}): "
        f"{summary.nodes_total:,} nodes ({per_hop}) and {summary.edges_total:,} edges."
    ]
    if summary.reduced:
        sentences.append(
            f"Showing the {summary.nodes_shown:,} nodes nearest to it (fewest hops, then most "
            f"connections) and the {summary.edges_shown:,} edges among them; left out: "
            f"{summary.nodes_total - summary.nodes_shown:,} nodes and "
            f"{summary.edges_total - summary.edges_shown:,} edges."
        )
    return sentences
