"""Network measures for sizing, colouring and reducing views: the build's, else our own.

``kg build`` stores measures of the co-authorship and institution networks on Author and
Institution nodes (``community``, ``pagerank``, ``betweenness``, ``degree``, ``strength``,
``clustering``, ``component``).  A view uses them when the graph has them, so the page
agrees with ``kg analyze``.  A graph without them (an older build, a graph made in Python)
still gets a view: PageRank is computed here with numpy (power iteration on the weighted
network, which takes well under a second on 200k authors), and communities with networkx's
seeded Louvain on the nodes the view keeps only, because Louvain in pure Python on a whole
large network would take minutes.  The caption says which was used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import numpy as np

__all__ = ["COMMUNITY", "PAGERANK", "louvain", "pagerank", "stored"]

COMMUNITY: Final = "community"
PAGERANK: Final = "pagerank"
_DAMPING: Final = 0.85
_TOLERANCE: Final = 1e-10
_MAX_ROUNDS: Final = 200
_LOUVAIN_SEED: Final = 7


def stored(
    attributes: Mapping[str, Mapping[str, object]], nodes: Iterable[str], name: str
) -> dict[str, float] | None:
    """The numeric attribute ``name`` of ``nodes`` (absent counts 0), or None if none has it."""
    values: dict[str, float] = {}
    present = False
    for node in nodes:
        value = attributes[node].get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            values[node] = float(value)
            present = True
        else:
            values[node] = 0.0
    return values if present else None


def pagerank(nodes: Sequence[str], edges: Sequence[tuple[str, str, float]]) -> dict[str, float]:
    """Weighted PageRank of an undirected network (each edge counts both ways).

    Nodes without edges get the teleport share; rank that would leak from them is spread
    evenly, as networkx does, so the values sum to 1 and match ``nx.pagerank``.
    """
    count = len(nodes)
    if count == 0:
        return {}
    index = {node: number for number, node in enumerate(nodes)}
    pairs = [(index[s], index[t], w) for s, t, w in edges if s in index and t in index and s != t]
    sources = np.array([p[0] for p in pairs] + [p[1] for p in pairs], dtype=np.intp)
    targets = np.array([p[1] for p in pairs] + [p[0] for p in pairs], dtype=np.intp)
    weights = np.array([p[2] for p in pairs] * 2, dtype=float)
    out_weight = np.bincount(sources, weights, minlength=count)
    dangling = out_weight == 0
    share = weights / out_weight[sources] if len(weights) else weights
    rank = np.full(count, 1.0 / count)
    for _ in range(_MAX_ROUNDS):
        spread = np.bincount(targets, rank[sources] * share, minlength=count)
        leaked = rank[dangling].sum()
        new = _DAMPING * (spread + leaked / count) + (1 - _DAMPING) / count
        change = float(np.abs(new - rank).sum())
        rank = new
        if change < count * _TOLERANCE:
            break
    return {node: float(rank[number]) for node, number in index.items()}


def louvain(nodes: Sequence[str], edges: Sequence[tuple[str, str, float]]) -> dict[str, int]:
    """Seeded Louvain communities numbered 0, 1, ... from the largest."""
    import networkx as nx

    network = nx.Graph()
    network.add_nodes_from(nodes)
    network.add_weighted_edges_from(
        (s, t, w) for s, t, w in edges if s in network and t in network and s != t
    )
    found = nx.community.louvain_communities(network, weight="weight", seed=_LOUVAIN_SEED)
    ordered = sorted(found, key=lambda members: (-len(members), min(members)))
    return {node: number for number, members in enumerate(ordered) for node in members}
