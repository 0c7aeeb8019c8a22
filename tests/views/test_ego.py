"""The ego view: a centre found by id or name, its neighbourhood, the nearest kept first."""

from __future__ import annotations

import pytest

from kg.errors import ConfigError
from kg.graph.contract import KnowledgeGraph
from kg.views.ego import find_node, neighbourhood
from kg.views.make import make_view
from kg.views.model import ViewOptions


def test_the_centre_is_found_by_id_then_name_then_part_of_a_name(
    example_graph: KnowledgeGraph,
) -> None:
    assert find_node(example_graph, "DOID:9074") == "DOID:9074"
    assert find_node(example_graph, "systemic LUPUS  erythematosus") == "DOID:9074"
    with pytest.raises(ConfigError, match=r"nodes match 'lupus': .*DOID:9074"):
        find_node(example_graph, "lupus")
    with pytest.raises(ConfigError, match="no node has the id or name 'no such thing'"):
        find_node(example_graph, "no such thing")
    with pytest.raises(ConfigError, match="cannot be empty"):
        find_node(example_graph, "  ")


def test_neighbourhood_follows_edges_both_ways(example_graph: KnowledgeGraph) -> None:
    one = neighbourhood(example_graph, "DOID:9074", 1)
    expected = set(example_graph.successors("DOID:9074")) | set(
        example_graph.predecessors("DOID:9074")
    )
    assert set(one) == expected | {"DOID:9074"}
    two = neighbourhood(example_graph, "DOID:9074", 2)
    assert set(one) < set(two) and max(two.values()) == 2


def test_ego_view_keeps_the_nearest_nodes_and_says_so(example_graph: KnowledgeGraph) -> None:
    whole = make_view(example_graph, "ego", ViewOptions(center="DOID:9074", hops=2))
    assert whole.focus == "DOID:9074" and not whole.summary.reduced
    centre = next(node for node in whole.nodes if node.id == "DOID:9074")
    assert centre.emphasis and centre.size == max(node.size for node in whole.nodes)
    first_ring = set(neighbourhood(example_graph, "DOID:9074", 1))
    budget = len(first_ring) + 3
    small = make_view(
        example_graph, "ego", ViewOptions(center="DOID:9074", hops=2, max_nodes=budget)
    )
    assert first_ring <= {node.id for node in small.nodes}
    assert small.summary.nodes_total == whole.summary.nodes_total
    assert small.summary.edges_total == whole.summary.edges_total
    caption = " ".join(small.caption)
    assert "Everything within 2 hops of systemic lupus erythematosus (Disease DOID:9074)" in caption
    assert f"Showing the {budget} nodes nearest to it" in caption


def test_ego_view_needs_a_centre_and_a_positive_hop_count(
    example_graph: KnowledgeGraph,
) -> None:
    with pytest.raises(ConfigError, match="needs a centre"):
        make_view(example_graph, "ego")
    with pytest.raises(ConfigError, match="hops must be at least 1"):
        make_view(example_graph, "ego", ViewOptions(center="DOID:9074", hops=0))
    with pytest.raises(ConfigError, match="unknown view 'egg'"):
        make_view(example_graph, "egg")
