"""Co-authorship and institution views: groups, sizes, reduction, measures with fallbacks."""

from __future__ import annotations

from collections import Counter

from kg.graph.contract import KnowledgeGraph
from kg.views.make import make_view
from kg.views.model import View, ViewOptions
from kg.views.palette import CATEGORY_COLOURS, OTHER_COLOUR

MEASURES = ("community", "pagerank", "betweenness", "degree", "strength", "clustering")


def _without_measures(graph: KnowledgeGraph) -> KnowledgeGraph:
    bare = graph.copy()
    for _, attributes in bare.nodes(data=True):
        for name in MEASURES:
            attributes.pop(name, None)
    return bare


def _legend_colour(view: View) -> dict[int, str]:
    return {number: item.colour for number, item in enumerate(view.legend)}


def test_coauthors_use_the_builds_communities_and_pagerank(
    example_graph: KnowledgeGraph,
) -> None:
    view = make_view(example_graph, "coauthors")
    authors = [n for n, label in example_graph.nodes(data="label") if label == "Author"]
    pairs = sum(1 for *_, key in example_graph.edges(keys=True) if key == "CO_AUTHORED_WITH")
    assert view.summary.edges_total == pairs
    isolated = len(authors) - view.summary.nodes_total
    assert isolated > 0
    caption = " ".join(view.caption)
    assert f"Not part of this network: {isolated:,} authors without a co-author." in caption
    assert "communities from the build" in caption and "computed" not in caption
    assert all(node.label == "Author" for node in view.nodes)
    colours = _legend_colour(view)
    assert all(node.colour == colours[node.group] for node in view.nodes)
    community = {node: example_graph.nodes[node]["community"] for node in authors}
    for node in view.nodes:  # one colour per community
        same = {other.colour for other in view.nodes if community[other.id] == community[node.id]}
        assert same == {node.colour}
    best = max(view.nodes, key=lambda node: example_graph.nodes[node.id]["pagerank"])
    assert best.size == max(node.size for node in view.nodes)
    assert [item.colour for item in view.legend[:10]] == list(CATEGORY_COLOURS)
    assert view.legend[-1].colour == OTHER_COLOUR
    assert sum(item.total for item in view.legend) == view.summary.nodes_total
    heaviest = max(view.edges, key=lambda edge: edge.weight)
    assert heaviest.size == max(edge.size for edge in view.edges)
    assert heaviest.evidence and heaviest.facts[0][0] == "Joint papers"


def test_reduced_coauthors_keep_big_communities_in_proportion(
    example_graph: KnowledgeGraph,
) -> None:
    view = make_view(example_graph, "coauthors", ViewOptions(max_nodes=100))
    assert view.summary.nodes_shown == 100
    caption = " ".join(view.caption)
    assert "Showing the 100 most central authors (PageRank) of every community" in caption
    community = Counter(
        example_graph.nodes[node]["community"]
        for node, label in example_graph.nodes(data="label")
        if label == "Author" and example_graph.degree(node) > 0
    )
    largest, size = community.most_common(1)[0]
    kept = sum(1 for node in view.nodes if example_graph.nodes[node.id]["community"] == largest)
    assert kept >= 100 * size // view.summary.nodes_total
    linked = {edge.source for edge in view.edges} | {edge.target for edge in view.edges}
    assert linked == {node.id for node in view.nodes}  # no lonely dots in a reduced view


def test_without_stored_measures_they_are_computed_and_said(
    example_graph: KnowledgeGraph,
) -> None:
    view = make_view(_without_measures(example_graph), "coauthors", ViewOptions(max_nodes=120))
    caption = " ".join(view.caption)
    assert "PageRank computed for this view" in caption
    assert "communities found by Louvain among the authors shown" in caption
    assert view.summary.nodes_shown == 120
    assert len(view.legend) > 1 and view.legend[0].shown >= view.legend[1].shown


def test_institutions_are_coloured_by_country(example_graph: KnowledgeGraph) -> None:
    view = make_view(example_graph, "institutions")
    assert view.nodes and all(node.label == "Institution" for node in view.nodes)
    colours = _legend_colour(view)
    by_country: dict[str, set[str]] = {}
    for node in view.nodes:
        assert node.colour == colours[node.group]
        code = example_graph.nodes[node.id].get("country_code", "")
        by_country.setdefault(code, set()).add(node.colour)
    coloured = [codes for codes in by_country.values() if codes != {OTHER_COLOUR}]
    assert coloured and all(len(codes) == 1 for codes in coloured)
    top = Counter(example_graph.nodes[node.id].get("country_code") for node in view.nodes)
    code, _ = top.most_common(1)[0]
    assert view.legend[0].name.endswith(f"({code})")
    assert view.encoding[0] == "Colour: country."
