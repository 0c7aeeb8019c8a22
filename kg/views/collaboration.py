"""Collaboration views: co-authorship (authors by community) and institutions (by country).

Both draw one derived network of the build (``CO_AUTHORED_WITH`` or ``COLLABORATES_WITH``,
weight = joint papers): node size is PageRank, edge width joint papers.  Authors are
coloured by community, institutions by country.  Nodes without a single collaboration are
not part of the network and are left out (the caption says how many).

Reduction keeps the most central nodes (PageRank) of every community or country, each
group's share of the budget in proportion to its size, then the most central of the rest;
groups too small for a seat of their own compete in that rest.  The measures come from the
build when ``kg build`` stored them on the nodes, else from :mod:`kg.views.metrics`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from kg.graph.contract import (
    AUTHOR,
    CO_AUTHORED_WITH,
    COLLABORATES_WITH,
    INSTITUTION,
    KnowledgeGraph,
)
from kg.views import metrics
from kg.views.assemble import (
    edge_entry,
    edge_width,
    edges_among,
    label_legend,
    node_entry,
    scaled,
)
from kg.views.details import Describer
from kg.views.model import EDGE_DETAILS_LIMIT, LegendItem, View, ViewOptions, ViewSummary
from kg.views.palette import CATEGORY_COLOURS, EDGE_COLOUR, OTHER_COLOUR
from kg.views.reduce import keep_connected, pick, typed_edges

__all__ = ["coauthors_view", "institutions_view"]

_NO_GROUP: Final = "—"


@dataclass(frozen=True, slots=True)
class _Network:
    label: str
    edge_type: str
    nodes_word: str  # "authors"
    edges_word: str  # "co-author pairs"
    isolated_word: str  # "authors without a co-author"
    group_title: str  # legend title
    other_groups: str  # name of the grey legend item


_COAUTHORS: Final = _Network(
    AUTHOR,
    CO_AUTHORED_WITH,
    "authors",
    "co-author pairs",
    "authors without a co-author",
    "Communities",
    "Other communities",
)
_INSTITUTIONS: Final = _Network(
    INSTITUTION,
    COLLABORATES_WITH,
    "institutions",
    "collaborating pairs",
    "institutions without a collaboration",
    "Countries",
    "Other countries",
)


def coauthors_view(graph: KnowledgeGraph, options: ViewOptions) -> View:
    """Authors linked by joint papers, coloured by community, sized by PageRank."""
    return _collaboration_view(graph, options, _COAUTHORS, "Co-authorship network")


def institutions_view(graph: KnowledgeGraph, options: ViewOptions) -> View:
    """Institutions linked by joint papers, coloured by country, sized by PageRank."""
    return _collaboration_view(graph, options, _INSTITUTIONS, "Institution collaboration")


def _collaboration_view(
    graph: KnowledgeGraph, options: ViewOptions, network: _Network, title: str
) -> View:
    attributes: Mapping[str, Mapping[str, Any]] = graph.nodes
    members = [node for node, label in graph.nodes(data="label") if label == network.label]
    links = typed_edges(graph._succ, members, network.edge_type)
    candidates = sorted({node for edge in links for node in edge[:2]})
    notes: list[str] = []
    rank = metrics.stored(attributes, candidates, metrics.PAGERANK)
    if rank is None:
        rank = metrics.pagerank(candidates, links)
        notes.append("PageRank computed for this view (the build stores none)")
    if network is _COAUTHORS:
        chosen, group_of, how = _by_community(attributes, candidates, links, rank, options)
    else:
        chosen, group_of, how = _by_country(attributes, candidates, links, rank, options)
    notes.extend(how)
    totals = Counter(group_of(node) for node in candidates)
    legend, slot = _group_legend(chosen, group_of, totals, network, attributes, rank)
    describer = Describer(graph)
    sizes = scaled({node: rank[node] for node in chosen})
    nodes = [
        node_entry(
            describer,
            node,
            colour=legend[slot[group_of(node)]].colour,
            group=slot[group_of(node)],
            size=sizes[node],
        )
        for node in chosen
    ]
    rows = edges_among(graph, set(chosen), {network.edge_type})
    heaviest = max((float(row[3].get("weight", 1)) for row in rows), default=1.0)
    edges = [
        edge_entry(
            describer,
            row,
            colour=_edge_colour(legend, slot, group_of(row[0]), group_of(row[1])),
            size=edge_width(float(row[3].get("weight", 1)), heaviest),
            details=len(rows) <= EDGE_DETAILS_LIMIT,
        )
        for row in rows
    ]
    summary = ViewSummary(len(nodes), len(candidates), len(edges), len(links))
    labels, _ = label_legend((node.label for node in nodes), {network.label: len(candidates)})
    isolated = len(members) - len(candidates)
    return View(
        kind="coauthors" if network is _COAUTHORS else "institutions",
        title=options.title or title,
        caption=_caption(summary, network, isolated, notes),
        nodes=nodes,
        edges=edges,
        summary=summary,
        labels=labels,
        legend_title=network.group_title,
        legend=legend,
        encoding=[
            f"Colour: {'community' if network is _COAUTHORS else 'country'}.",
            "Size: PageRank in this network.",
            "Edge width: joint papers.",
        ],
    )


def _by_community(
    attributes: Mapping[str, Mapping[str, Any]],
    candidates: list[str],
    links: list[tuple[str, str, float]],
    rank: Mapping[str, float],
    options: ViewOptions,
) -> tuple[list[str], Callable[[str], str], list[str]]:
    """Kept authors and their communities: the build's, else Louvain on the kept authors."""
    stored = metrics.stored(attributes, candidates, metrics.COMMUNITY)
    if stored is not None:
        built = {node: f"{int(value)}" for node, value in stored.items()}
        groups: dict[str, list[str]] = defaultdict(list)
        for node in candidates:
            groups[built[node]].append(node)
        chosen = pick(groups, rank, options.max_nodes, every_group=False)
        chosen = _strongest(chosen, candidates, links, rank, options)
        return chosen, built.__getitem__, ["communities from the build"]
    chosen = _strongest(
        pick({"": candidates}, rank, options.max_nodes), candidates, links, rank, options
    )
    kept = set(chosen)
    found = metrics.louvain(chosen, [edge for edge in links if edge[0] in kept and edge[1] in kept])
    local = {node: f"{number}" for node, number in found.items()}

    def community(node: str) -> str:  # authors left out belong to no community found here
        return local.get(node, _NO_GROUP)

    return chosen, community, ["communities found by Louvain among the authors shown"]


def _by_country(
    attributes: Mapping[str, Mapping[str, Any]],
    candidates: list[str],
    links: list[tuple[str, str, float]],
    rank: Mapping[str, float],
    options: ViewOptions,
) -> tuple[list[str], Callable[[str], str], list[str]]:
    def country(node: str) -> str:
        code = attributes[node].get("country_code")
        return code if isinstance(code, str) and code else _NO_GROUP

    groups: dict[str, list[str]] = defaultdict(list)
    for node in candidates:
        groups[country(node)].append(node)
    chosen = pick(groups, rank, options.max_nodes, every_group=False)
    return _strongest(chosen, candidates, links, rank, options), country, []


def _strongest(
    chosen: list[str],
    candidates: list[str],
    links: list[tuple[str, str, float]],
    rank: Mapping[str, float],
    options: ViewOptions,
) -> list[str]:
    """A reduced selection keeps only nodes linked to others in it (see keep_connected)."""
    if len(candidates) <= options.max_nodes:
        return chosen
    return keep_connected(chosen, links, rank, options.max_nodes)


def _group_legend(
    chosen: list[str],
    group_of: Callable[[str], str],
    totals: Mapping[str, int],
    network: _Network,
    attributes: Mapping[str, Mapping[str, Any]],
    rank: Mapping[str, float],
) -> tuple[list[LegendItem], dict[str, int]]:
    """Legend items (the ten largest groups on screen in colour, the rest in one grey item)
    and the item of every group."""
    shown = Counter(group_of(node) for node in chosen)
    ranked = sorted((group for group in shown if group != _NO_GROUP), key=lambda g: (-shown[g], g))
    coloured = ranked[: len(CATEGORY_COLOURS)]
    best: dict[str, str] = {}
    for node in sorted(chosen, key=lambda node: (-rank.get(node, 0.0), node)):
        best.setdefault(group_of(node), node)
    items = [
        LegendItem(
            _group_name(group, network, attributes, best[group]),
            colour,
            shown[group],
            totals[group],
        )
        for group, colour in zip(coloured, CATEGORY_COLOURS, strict=False)
    ]
    slot = {group: number for number, group in enumerate(coloured)}
    rest = [group for group in totals if group not in slot]
    if rest:
        slot.update(dict.fromkeys(rest, len(items)))
        items.append(
            LegendItem(
                network.other_groups,
                OTHER_COLOUR,
                sum(shown[group] for group in rest),
                sum(totals[group] for group in rest),
            )
        )
    return items, slot


def _edge_colour(legend: list[LegendItem], slot: Mapping[str, int], first: str, second: str) -> str:
    """Links inside a coloured group take its colour; all others are grey."""
    if first == second and legend[slot[first]].colour != OTHER_COLOUR:
        return legend[slot[first]].colour
    return EDGE_COLOUR


def _group_name(
    group: str, network: _Network, attributes: Mapping[str, Mapping[str, Any]], best: str
) -> str:
    if network is _COAUTHORS:
        name = attributes[best].get("name") or best
        return f"Community {group}: around {name}"
    country = attributes[best].get("country")
    return f"{country} ({group})" if isinstance(country, str) and country else group


def _caption(summary: ViewSummary, network: _Network, isolated: int, notes: list[str]) -> list[str]:
    words = network.nodes_word
    sentences = [
        f"{summary.nodes_total:,} {words} linked by {summary.edges_total:,} "
        f"{network.edges_word} (joint papers)."
    ]
    if summary.reduced:
        sentences.append(
            f"Showing the {summary.nodes_shown:,} most central {words} (PageRank) of every "
            f"{'community' if network is _COAUTHORS else 'country'} in proportion to its "
            f"size that are linked to others shown, and the {summary.edges_shown:,} links "
            "among them; left out: "
            f"{summary.nodes_total - summary.nodes_shown:,} {words} and "
            f"{summary.edges_total - summary.edges_shown:,} links."
        )
    if isolated:
        sentences.append(f"Not part of this network: {isolated:,} {network.isolated_word}.")
    if notes:
        sentences.append(f"Measures: {'; '.join(notes)}.")
    return sentences
