"""Pieces every view kind is made of: node and edge entries, sizes, the label legend.

The view kinds decide which nodes and edges to show and how to colour them; the entries
themselves (names, facts, links, years, evidence) are made the same way everywhere.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import Any, Final

from kg.graph.contract import NODE_LABELS, SYMMETRIC_EDGE_TYPES, KnowledgeGraph
from kg.views.details import Describer
from kg.views.model import LegendItem, ViewEdge, ViewNode
from kg.views.palette import label_colour

__all__ = [
    "MAX_EDGE",
    "MIN_EDGE",
    "degrees",
    "edge_entry",
    "edge_width",
    "edges_among",
    "label_entries",
    "label_legend",
    "label_totals",
    "node_entry",
    "scaled",
]

MIN_NODE: Final = 3.0
MAX_NODE: Final = 18.0
MIN_EDGE: Final = 0.6
MAX_EDGE: Final = 6.0

EdgeRow = tuple[str, str, str, Mapping[str, Any]]


def node_entry(
    describer: Describer,
    node: str,
    *,
    colour: str,
    group: int,
    size: float,
    emphasis: bool = False,
) -> ViewNode:
    """A node with its name, facts, links and years."""
    attributes = describer.graph.nodes[node]
    return ViewNode(
        id=node,
        name=describer.name(node),
        label=str(attributes.get("label", "")),
        colour=colour,
        group=group,
        size=size,
        years=describer.node_years(node),
        facts=describer.facts(node),
        links=describer.links(node),
        emphasis=emphasis,
    )


def label_entries(
    describer: Describer,
    chosen: Iterable[str],
    index: Mapping[str, int],
    sizes: Mapping[str, float],
    emphasis: str | None = None,
) -> list[ViewNode]:
    """The entries of views coloured by node label: each node in its label's colour and
    legend group (``index`` from :func:`label_legend`), ``emphasis`` marking one of them."""
    entries = []
    for node in chosen:
        label = str(describer.graph.nodes[node].get("label", ""))
        entries.append(
            node_entry(
                describer,
                node,
                colour=label_colour(label),
                group=index[label],
                size=sizes[node],
                emphasis=node == emphasis,
            )
        )
    return entries


def edge_entry(
    describer: Describer,
    row: EdgeRow,
    *,
    colour: str,
    size: float = MIN_EDGE,
    group: int = -1,
    directed: bool | None = None,
    faint: bool = False,
    details: bool = True,
) -> ViewEdge:
    """An edge with its years and, with ``details``, its facts and evidence.

    Symmetric types are drawn undirected.  Pass ``details=False`` for views with more than
    :data:`~kg.views.model.EDGE_DETAILS_LIMIT` edges, whose edges cannot be opened.
    """
    source, target, edge_type, data = row
    evidence, total = describer.evidence(data) if details else ([], 0)
    weight = data.get("weight", 1)
    return ViewEdge(
        source=source,
        target=target,
        type=edge_type,
        colour=colour,
        size=size,
        directed=edge_type not in SYMMETRIC_EDGE_TYPES if directed is None else directed,
        group=group,
        years=describer.edge_years(source, target, data),
        facts=describer.edge_facts(edge_type, data) if details else [],
        evidence=evidence,
        evidence_total=total,
        weight=float(weight) if isinstance(weight, int | float) else 1.0,
        faint=faint,
    )


def edges_among(
    graph: KnowledgeGraph, nodes: Collection[str], types: Collection[str] | None = None
) -> list[EdgeRow]:
    """Every edge (of ``types``, or any) between two of ``nodes``, in a stable order."""
    inside = nodes if isinstance(nodes, set | frozenset) else set(nodes)
    adjacency: Mapping[str, Mapping[str, Mapping[str, Mapping[str, Any]]]] = graph._succ
    rows: list[EdgeRow] = []
    for source in sorted(inside):
        for target, keyed in adjacency[source].items():
            if target not in inside:
                continue
            for key, data in keyed.items():
                edge_type = str(data.get("type", key))
                if types is None or edge_type in types:
                    rows.append((source, target, edge_type, data))
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    return rows


def degrees(graph: KnowledgeGraph, nodes: Iterable[str] | None = None) -> dict[str, int]:
    """Edges at each node (both directions, every type), read from the raw adjacency dicts:
    networkx's degree view costs several times as much, which shows on a 300k-node build."""
    succ: Mapping[str, Mapping[str, Mapping[str, Any]]] = graph._succ
    pred: Mapping[str, Mapping[str, Mapping[str, Any]]] = graph._pred
    return {
        node: sum(map(len, succ[node].values())) + sum(map(len, pred[node].values()))
        for node in (graph if nodes is None else nodes)
    }


def scaled(values: Mapping[str, float]) -> dict[str, float]:
    """Node sizes (screen pixels) growing with the square root of the value (area ~ value).

    The largest size shrinks as the view grows (18 px for a few dozen nodes, 6 px from
    about 2,000), so big views do not drown in overlapping discs; zooming in enlarges them.
    """
    high = min(MAX_NODE, max(6.0, 4.0 + 100.0 / math.sqrt(max(len(values), 1))))
    low = max(1.5, min(MIN_NODE, high / 4))
    top = max((value for value in values.values() if value > 0), default=0.0)
    if top <= 0:
        return dict.fromkeys(values, low)
    return {
        node: round(low + (high - low) * math.sqrt(max(value, 0.0) / top), 2)
        for node, value in values.items()
    }


def edge_width(weight: float, heaviest: float) -> float:
    """Edge widths from MIN_EDGE to MAX_EDGE growing with the logarithm of the weight."""
    if heaviest <= 1:
        return MIN_EDGE
    return round(
        MIN_EDGE + (MAX_EDGE - MIN_EDGE) * math.log(max(weight, 1)) / math.log(heaviest), 2
    )


def label_totals(graph: KnowledgeGraph, labels: Iterable[str] | None = None) -> Counter[str]:
    """Nodes per label in the whole graph (only ``labels`` when given)."""
    wanted = set(labels) if labels is not None else None
    totals: Counter[str] = Counter()
    for _, label in graph.nodes(data="label", default=""):
        if wanted is None or label in wanted:
            totals[str(label)] += 1
    return totals


def label_legend(
    shown: Iterable[str], totals: Mapping[str, int]
) -> tuple[list[LegendItem], dict[str, int]]:
    """One item per label (contract order, then others) and each label's index in it.

    ``shown`` holds the label of every node drawn; ``totals`` the nodes per label that the
    view covers.
    """
    drawn = Counter(shown)
    order = [label for label in NODE_LABELS if label in totals] + sorted(
        set(totals) - set(NODE_LABELS)
    )
    items = [
        LegendItem(label or "unlabelled", label_colour(label), drawn[label], totals[label])
        for label in order
    ]
    return items, {label: number for number, label in enumerate(order)}
