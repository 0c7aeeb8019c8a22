"""Measures for views: the build's when stored, else PageRank and Louvain computed here."""

from __future__ import annotations

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from kg.graph.contract import KnowledgeGraph
from kg.views.metrics import louvain, pagerank, stored


def _network(graph: KnowledgeGraph) -> tuple[list[str], list[tuple[str, str, float]]]:
    nodes = sorted(n for n, label in graph.nodes(data="label") if label == "Author")
    edges = [
        (u, v, float(d["weight"]))
        for u, v, k, d in graph.edges(keys=True, data=True)
        if k == "CO_AUTHORED_WITH"
    ]
    return nodes, edges


def test_pagerank_matches_networkx_on_the_example_coauthors(
    example_graph: KnowledgeGraph,
) -> None:
    nodes, edges = _network(example_graph)
    network = nx.Graph()
    network.add_nodes_from(nodes)
    network.add_weighted_edges_from(edges)
    expected = _pagerank_python(network, weight="weight", tol=1e-12, max_iter=500)
    ours = pagerank(nodes, edges)
    assert sum(ours.values()) == pytest.approx(1.0)
    assert max(abs(ours[node] - expected[node]) for node in nodes) < 1e-8
    isolated = [node for node in nodes if network.degree(node) == 0]
    assert isolated and all(ours[node] < max(ours.values()) for node in isolated)


def test_louvain_is_seeded_and_numbers_communities_by_size(
    example_graph: KnowledgeGraph,
) -> None:
    nodes, edges = _network(example_graph)
    first = louvain(nodes, edges)
    assert first == louvain(nodes, edges)
    sizes = [list(first.values()).count(number) for number in range(max(first.values()) + 1)]
    assert sizes == sorted(sizes, reverse=True)
    joined = [(u, v) for u, v, _ in edges]
    same = sum(first[u] == first[v] for u, v in joined)
    assert same / len(joined) > 0.9  # co-authors mostly share a community


def test_stored_values_are_used_only_when_some_node_has_them() -> None:
    attributes = {"a": {"pagerank": 0.5}, "b": {}, "c": {"pagerank": True}}
    assert stored(attributes, ["a", "b", "c"], "pagerank") == {"a": 0.5, "b": 0.0, "c": 0.0}
    assert stored(attributes, ["b", "c"], "pagerank") is None
