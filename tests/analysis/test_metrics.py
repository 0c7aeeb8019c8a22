"""Measures checked by hand on the fixture network, and against networkx on a larger one."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from support import EXAMPLES

from kg.analysis.metrics import Analysis, analyse
from kg.analysis.networks import Network, build_network
from kg.analysis.slicing import YearRange
from kg.analysis.source import Collaboration, read_collaboration
from kg.cli.main import cli


@pytest.fixture(scope="module")
def coauthors(collaboration: Collaboration) -> Analysis:
    return analyse(build_network(collaboration, "coauthors"))


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Network:
    """The co-authorship network of examples/ (about 460 authors): big enough to sample."""
    out = tmp_path_factory.mktemp("examples")
    args = ["build", str(EXAMPLES), "--out", str(out), "-q", "--no-annotate"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    return build_network(read_collaboration(out), "coauthors")


def _of(analysis: Analysis, name: str) -> dict[str, int | float]:
    return analysis.metrics.of(analysis.network.names.index(name))


def _networkx(network: Network) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(range(len(network)))  # vertex order: networkx samples from it
    for (i, j), weight in zip(network.edges, network.weights, strict=True):
        graph.add_edge(i, j, weight=weight)
    return graph


def test_degree_strength_and_betweenness_by_hand(coauthors: Analysis) -> None:
    brown, west = _of(coauthors, "Jamie Brown"), _of(coauthors, "Robert West")
    leemann, lazar = _of(coauthors, "Adrian Leemann"), _of(coauthors, "Harold L Lazar")
    assert (brown["degree"], brown["strength"]) == (6, 7.0)
    assert (west["degree"], west["strength"]) == (5, 6.0)
    assert (leemann["degree"], leemann["strength"]) == (4, 6.0)
    # 16 authors: 15 * 14 / 2 = 105 pairs of others; Brown is on 7 of their shortest paths,
    # West on half of the four from Herbec and Shahab to Jackson and Beard, Leemann on all
    # four from Jeszenszky and Steiner to Gittelson and Tomaschek.
    assert brown["betweenness"] == pytest.approx(7 / 105)
    assert west["betweenness"] == pytest.approx(2 / 105)
    assert leemann["betweenness"] == pytest.approx(4 / 105)
    assert brown["clustering"] == pytest.approx(6 / 15)  # 6 of his 15 co-author pairs linked
    assert (lazar["degree"], lazar["strength"], lazar["clustering"]) == (0, 0.0, 0.0)
    assert sum(coauthors.metrics.strength) == 2 * 28
    assert all(isinstance(value, int) for value in coauthors.metrics.degree)
    assert all(isinstance(value, float) for value in coauthors.metrics.pagerank)


def test_components_are_numbered_largest_first(coauthors: Analysis) -> None:
    summary = coauthors.summary
    assert (summary.components, summary.largest_component, summary.isolated) == (4, 7, 1)
    assert _of(coauthors, "Jamie Brown")["component"] == 0  # the UCL group of 7
    assert _of(coauthors, "Adrian Leemann")["component"] == 1  # linguistics, 5
    assert _of(coauthors, "Nario Tomishige")["component"] == 2  # Strasbourg, 3
    assert _of(coauthors, "Harold L Lazar")["component"] == 3


def test_pagerank_is_the_weighted_stationary_distribution(coauthors: Analysis) -> None:
    """Checked against a plain power iteration (isolated vertices teleport uniformly)."""
    network = coauthors.network
    n = len(network)
    neighbours: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for (i, j), weight in zip(network.edges, network.weights, strict=True):
        neighbours[i].append((j, weight))
        neighbours[j].append((i, weight))
    strength = [sum(w for _, w in pairs) for pairs in neighbours]
    rank = [1 / n] * n
    for _ in range(500):
        dangling = sum(rank[v] for v in range(n) if strength[v] == 0)
        base = (0.15 + 0.85 * dangling) / n
        rank = [
            base + 0.85 * sum(rank[u] * w / strength[u] for u, w in neighbours[v]) for v in range(n)
        ]
    assert coauthors.metrics.pagerank == pytest.approx(rank, abs=1e-12)
    assert sum(coauthors.metrics.pagerank) == pytest.approx(1.0)


def test_communities_split_where_no_one_writes_together(coauthors: Analysis) -> None:
    metrics, summary = coauthors.metrics, coauthors.summary
    assert metrics.community == metrics.component  # the four groups, largest first
    assert summary.communities == 4 and summary.largest_communities == [7, 5, 3, 1]
    graph = _networkx(coauthors.network)
    found = [{v for v, c in enumerate(metrics.community) if c == group} for group in range(4)]
    assert summary.modularity == pytest.approx(
        nx.community.modularity(graph, found, weight="weight")
    )
    # Splitting the UCL group into its 2019 and 2021 papers scores lower: Leiden is right.
    names = coauthors.network.names
    early = {names.index(n) for n in ("Aleksandra Herbec", "Lion Shahab", "Robert West")}
    split = [found[0] - early, early, *found[1:]]
    assert nx.community.modularity(graph, split, weight="weight") < summary.modularity


def test_a_slice_changes_the_measures(collaboration: Collaboration) -> None:
    sliced = analyse(build_network(collaboration, "coauthors", YearRange(since=2021)))
    brown = _of(sliced, "Jamie Brown")
    assert (brown["degree"], brown["strength"]) == (4, 4.0)  # Gagné, Jackson, Beard, West


def test_exact_betweenness_agrees_with_networkx(examples: Network) -> None:
    analysis = analyse(examples)
    assert not analysis.summary.betweenness.sampled
    expected = nx.betweenness_centrality(_networkx(examples))
    assert analysis.metrics.betweenness == pytest.approx(
        [expected[v] for v in range(len(examples))], abs=1e-12
    )
    clustering = nx.clustering(_networkx(examples))
    assert analysis.metrics.clustering == pytest.approx(
        [clustering[v] for v in range(len(examples))], abs=1e-12
    )


def test_sampled_betweenness_is_networkx_estimate_with_the_same_sample(
    examples: Network,
) -> None:
    analysis = analyse(examples, betweenness_sources=50, exact_work=0, seed=7)
    plan = analysis.summary.betweenness
    assert (plan.sampled, plan.sources, plan.seed) == (True, 50, 7)
    assert plan.describe().startswith(
        f"estimated from 50 of {len(examples):,} source nodes (seed 7; exact would take "
    )
    expected = nx.betweenness_centrality(_networkx(examples), k=50, seed=7)
    assert analysis.metrics.betweenness == pytest.approx(
        [expected[v] for v in range(len(examples))], abs=1e-12
    )
    exact = analyse(examples).metrics.betweenness
    assert analysis.metrics.betweenness != exact  # a sample, not the whole


def test_results_repeat_and_leave_the_callers_random_alone(examples: Network) -> None:
    random.seed(1234)
    before = random.random()
    random.seed(1234)
    first = analyse(examples, betweenness_sources=50, exact_work=0)
    assert random.random() == before
    second = analyse(examples, betweenness_sources=50, exact_work=0)
    assert first.metrics == second.metrics
    assert first.summary.modularity == second.summary.modularity


def test_every_community_lies_inside_one_component(examples: Network) -> None:
    metrics = analyse(examples).metrics
    component_of: dict[int, set[int]] = {}
    for community, component in zip(metrics.community, metrics.component, strict=True):
        component_of.setdefault(community, set()).add(component)
    assert all(len(components) == 1 for components in component_of.values())


def test_an_empty_network_has_empty_measures(tmp_path: Path) -> None:
    (tmp_path / "graph.json").write_text('{"nodes": [], "edges": []}', encoding="utf-8")
    analysis = analyse(build_network(read_collaboration(tmp_path), "institutions"))
    assert analysis.metrics.degree == [] and analysis.summary.nodes == 0
    assert analysis.summary.modularity is None and analysis.summary.components == 0
