"""Fitting a view into its node budget: keep the strongest part, group by group.

A view larger than its budget keeps, in every group (a node label, a community, a
country), the members that score highest (PageRank, papers, connections), with the budget
shared in proportion to group size; whatever a share leaves over goes to the best remaining
nodes of any group.  Proportional shares keep the shape of the whole (a big community stays
big on screen) while the top of each group stays visible.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

__all__ = ["keep_connected", "pick", "proportional", "quotas", "typed_edges"]

K = TypeVar("K", bound=Hashable)


def quotas(sizes: Mapping[K, int], budget: int) -> dict[K, int]:
    """One node per group (largest groups first if the budget is tiny), the rest pro rata."""
    groups = sorted(sizes, key=lambda group: (-sizes[group], str(group)))
    shares = {group: 1 if rank < budget else 0 for rank, group in enumerate(groups)}
    spare = budget - sum(shares.values())
    remaining = sum(sizes[group] - shares[group] for group in groups)
    if spare > 0 and remaining > 0:
        for group in groups:
            shares[group] += spare * (sizes[group] - shares[group]) // remaining
    return shares


def proportional(sizes: Mapping[K, int], budget: int) -> dict[K, int]:
    """Pro-rata shares rounded down: groups too small for one seat get none."""
    total = sum(sizes.values())
    if total == 0:
        return dict.fromkeys(sizes, 0)
    return {group: budget * size // total for group, size in sizes.items()}


def pick(
    groups: Mapping[K, list[str]],
    score: Mapping[str, float],
    budget: int,
    *,
    every_group: bool = True,
) -> list[str]:
    """The nodes to keep, sorted: per group its best by score, then the best of the rest.

    With ``every_group`` each group keeps at least one node while the budget allows (node
    labels); without it small groups may lose all (thousands of two-author communities).
    """
    members = {
        group: sorted(nodes, key=lambda node: (-score.get(node, 0.0), node))
        for group, nodes in groups.items()
    }
    sizes = {group: len(nodes) for group, nodes in members.items()}
    if sum(sizes.values()) <= budget:
        return sorted(node for nodes in members.values() for node in nodes)
    shares = quotas(sizes, budget) if every_group else proportional(sizes, budget)
    chosen = {node for group, nodes in members.items() for node in nodes[: shares[group]]}
    spare = budget - len(chosen)
    if spare > 0:
        rest = sorted(
            (node for nodes in members.values() for node in nodes if node not in chosen),
            key=lambda node: (-score.get(node, 0.0), node),
        )
        chosen.update(rest[:spare])
    return sorted(chosen)


def keep_connected(
    chosen: list[str],
    links: Iterable[tuple[str, str, float]],
    score: Mapping[str, float],
    budget: int,
) -> list[str]:
    """The kept nodes, sorted, with those left without a link among them swapped for the
    best-scoring nodes that do link to the rest.

    Top nodes by PageRank of a large network are often not each other's neighbours (every
    big group has its own hubs): a reduced view would show hundreds of unconnected dots.
    Keeping the nodes joined to the rest shows the strongest connected part instead.
    """
    neighbours: dict[str, set[str]] = defaultdict(set)
    for source, target, _ in links:
        neighbours[source].add(target)
        neighbours[target].add(source)
    everyone = set(chosen)
    kept = {node for node in everyone if not neighbours[node].isdisjoint(everyone)}
    ranked = sorted(neighbours, key=lambda node: (-score.get(node, 0.0), node))
    for node in ranked:
        if len(kept) >= budget:
            break
        if node not in kept and not neighbours[node].isdisjoint(kept):
            kept.add(node)
    for node in ranked:  # nothing else links in: the best of the rest
        if len(kept) >= budget:
            break
        kept.add(node)
    return sorted(kept)


def typed_edges(
    adjacency: Mapping[str, Mapping[str, Mapping[str, Mapping[str, object]]]],
    sources: Iterable[str],
    edge_type: str,
) -> list[tuple[str, str, float]]:
    """(source, target, weight) of every ``edge_type`` edge leaving ``sources``.

    Reads the graph's successor dicts directly: on a build of a million edges, walking the
    out-edges of one label's nodes is far cheaper than filtering ``graph.edges``.
    """
    found: list[tuple[str, str, float]] = []
    for source in sources:
        for target, keyed in adjacency[source].items():
            data = keyed.get(edge_type)
            if data is not None:
                weight = data.get("weight", 1)
                found.append(
                    (source, target, float(weight) if isinstance(weight, int | float) else 1.0)
                )
    return found
