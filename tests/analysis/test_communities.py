"""Community numbering and seeding."""

from __future__ import annotations

import igraph
import pytest

from kg.analysis.communities import detect_communities, renumber


def test_renumber_puts_the_largest_group_first() -> None:
    assert renumber([7, 7, 3, 3, 3, 9]) == [1, 1, 0, 0, 0, 2]
    assert renumber([5, 4, 4, 5]) == [0, 1, 1, 0]  # equal sizes: order of first vertex
    assert renumber([]) == []


def _two_triangles_and_a_bridge() -> igraph.Graph:
    graph = igraph.Graph(n=6, edges=[(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    graph.es["weight"] = [3, 3, 3, 3, 3, 3, 1]
    return graph


def test_two_dense_groups_joined_by_a_weak_link_are_two_communities() -> None:
    membership, modularity = detect_communities(_two_triangles_and_a_bridge(), seed=1)
    assert membership == [0, 0, 0, 1, 1, 1]
    # m = 19; each group: 9 inside, degree sum 19: 2 * (9/19 - (19/38)^2) = 0.4474
    assert modularity == pytest.approx(2 * (9 / 19 - 0.25))


def test_without_edges_modularity_is_undefined() -> None:
    graph = igraph.Graph(n=3)
    graph.es["weight"] = []
    assert detect_communities(graph, seed=1) == ([0, 1, 2], None)
    assert detect_communities(igraph.Graph(), seed=1) == ([], None)
