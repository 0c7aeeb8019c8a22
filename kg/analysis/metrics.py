"""Centrality, clustering, components and communities of a :class:`~kg.analysis.networks.Network`.

All measures come from python-igraph (C code; DESIGN.md §9 measured 19x networkx for
PageRank and 49x for sampled betweenness on a network of this kind).  Definitions, chosen to
match networkx's so the two can be compared value for value (``bench/analyze.py`` does):

* ``degree``: distinct collaborators; ``strength``: joint papers summed over them;
* ``pagerank``: weighted, damping 0.85, solved by PRPACK (exact up to rounding, not stopped
  early as power iteration with a loose tolerance is);
* ``betweenness``: share of shortest paths through a vertex, normalised to 0..1 as networkx
  does, paths counted in hops (a weight is a number of joint papers, not a length).  Exact
  costs one breadth-first search per vertex, each over the vertex's component: the work is
  the sum over components of vertices x (vertices + edges).  Co-authorship networks are
  mostly small components, so exact is often cheap even on 170k authors (1.25e8 steps, 2.6 s
  measured), while one well-connected component makes it slow (institutions of the same
  build: 1.6e9 steps, 29 s).  Above ``exact_work`` steps it is estimated from ``sources``
  source vertices drawn with ``random.Random(seed)`` -- exactly the sample and the scaling
  of ``networkx.betweenness_centrality(k=sources, seed=seed)``;
* ``clustering``: local clustering coefficient, unweighted, 0 below two neighbours;
* ``component``: connected component, 0 the largest; ``community``: see
  :mod:`kg.analysis.communities`.

Every value is a plain ``int`` or finite ``float``, as the graph contract and the JSON
writers require.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

from kg.analysis.communities import detect_communities, renumber
from kg.analysis.networks import Network

__all__ = [
    "DEFAULT_BETWEENNESS_SOURCES",
    "DEFAULT_SEED",
    "EXACT_BETWEENNESS_WORK",
    "METRICS",
    "Analysis",
    "Betweenness",
    "Metrics",
    "Summary",
    "analyse",
    "to_igraph",
]

DEFAULT_SEED: Final = 42
# Exact betweenness up to this many search steps (igraph does ~5e7 a second: about 3 s);
# above, sampled sources.
EXACT_BETWEENNESS_WORK: Final = 150_000_000
DEFAULT_BETWEENNESS_SOURCES: Final = 500
METRICS: Final = (
    "degree",
    "strength",
    "pagerank",
    "betweenness",
    "clustering",
    "component",
    "community",
)
_DAMPING: Final = 0.85
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Betweenness:
    """How betweenness was computed: exactly, or from a seeded sample of source vertices."""

    sampled: bool
    sources: int  # source vertices used (all of them when exact)
    nodes: int
    seed: int | None
    work: int  # search steps exact betweenness takes: sum of component size x (size + edges)

    def describe(self) -> str:
        if not self.sampled:
            return "exact"
        return (
            f"estimated from {self.sources:,} of {self.nodes:,} source nodes (seed {self.seed}; "
            f"exact would take {self.work:.2g} search steps)"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "sampled": self.sampled,
            "sources": self.sources,
            "seed": self.seed,
            "work": self.work,
        }


@dataclass(frozen=True, slots=True)
class Metrics:
    """One value per vertex of the network, in vertex order."""

    degree: list[int]
    strength: list[float]
    pagerank: list[float]
    betweenness: list[float]
    clustering: list[float]
    component: list[int]
    community: list[int]

    def of(self, vertex: int) -> dict[str, int | float]:
        """All measures of one vertex, by name (the node properties of the write-back)."""
        return {name: getattr(self, name)[vertex] for name in METRICS}


@dataclass(frozen=True)
class Summary:
    """Whole-network figures, for the terminal, JSON output and the build manifest."""

    nodes: int
    edges: int
    isolated: int
    components: int
    largest_component: int
    communities: int
    largest_communities: list[int]
    modularity: float | None
    average_clustering: float
    transitivity: float
    betweenness: Betweenness
    seed: int
    seconds: dict[str, float] = field(default_factory=dict)  # wall clock, per step
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # this process's CPU

    def as_dict(self, *, timings: bool = True) -> dict[str, Any]:
        """Plain data; without ``timings`` the same analysis always gives the same dict."""
        data = {
            "nodes": self.nodes,
            "edges": self.edges,
            "isolated": self.isolated,
            "components": self.components,
            "largest_component": self.largest_component,
            "communities": self.communities,
            "largest_communities": self.largest_communities,
            "modularity": self.modularity,
            "average_clustering": self.average_clustering,
            "transitivity": self.transitivity,
            "betweenness": self.betweenness.as_dict(),
            "seed": self.seed,
        }
        if timings:
            data["seconds"] = self.seconds
            data["cpu_seconds"] = self.cpu_seconds
        return data


@dataclass(frozen=True)
class Analysis:
    """A network with its measures."""

    network: Network
    metrics: Metrics
    summary: Summary


def to_igraph(network: Network) -> Any:
    """The network as an undirected ``igraph.Graph`` with edge attribute ``weight``."""
    import igraph

    graph = igraph.Graph(n=len(network), edges=network.edges, directed=False)
    graph.es["weight"] = network.weights
    return graph


def analyse(
    network: Network,
    *,
    seed: int = DEFAULT_SEED,
    betweenness_sources: int = DEFAULT_BETWEENNESS_SOURCES,
    exact_work: float = EXACT_BETWEENNESS_WORK,
) -> Analysis:
    """Every measure of ``network``; betweenness is exact up to ``exact_work`` search steps.

    ``summary.seconds`` and ``summary.cpu_seconds`` time each step (igraph's import, a
    one-off, is not counted).
    """
    import igraph  # noqa: F401 -- loaded here so its import is not timed as "graph"

    clock = _Stopwatch()
    graph = clock.time("graph", lambda: to_igraph(network))
    n = len(network)
    degree = clock.time("degree", lambda: [int(d) for d in graph.degree()])
    strength = clock.time("strength", lambda: [float(s) for s in graph.strength(weights="weight")])
    component, work = clock.time("components", lambda: _components(graph, network.edges))
    sampled = work > exact_work and betweenness_sources < n
    plan = Betweenness(
        sampled, betweenness_sources if sampled else n, n, seed if sampled else None, work
    )
    betweenness = clock.time("betweenness", lambda: _betweenness(graph, plan))
    pagerank = clock.time("pagerank", lambda: _pagerank(graph))
    clustering = clock.time(
        "clustering",
        lambda: [_finite(c) for c in graph.transitivity_local_undirected(mode="zero")],
    )
    community, modularity = clock.time("communities", lambda: detect_communities(graph, seed))
    clock.add_totals()
    component_sizes = Counter(component)
    community_sizes = Counter(community)
    summary = Summary(
        nodes=n,
        edges=len(network.edges),
        isolated=sum(1 for d in degree if d == 0),
        components=len(component_sizes),
        largest_component=max(component_sizes.values(), default=0),
        communities=len(community_sizes),
        largest_communities=[size for _, size in community_sizes.most_common(5)],
        modularity=modularity,
        average_clustering=sum(clustering) / n if n else 0.0,
        transitivity=_finite(graph.transitivity_undirected()) if n else 0.0,
        betweenness=plan,
        seed=seed,
        seconds=clock.wall,
        cpu_seconds=clock.cpu,
    )
    metrics = Metrics(degree, strength, pagerank, betweenness, clustering, component, community)
    return Analysis(network, metrics, summary)


def _components(graph: Any, edges: list[tuple[int, int]]) -> tuple[list[int], int]:
    """Component of each vertex (0 the largest), and the steps exact betweenness would take:
    one search per vertex over its component, i.e. the sum of size x (size + edges)."""
    component = renumber(graph.connected_components().membership)
    sizes = Counter(component)
    inside = Counter(component[first] for first, _ in edges)
    work = sum(size * (size + inside[group]) for group, size in sizes.items())
    return component, work


def _betweenness(graph: Any, plan: Betweenness) -> list[float]:
    """Normalised betweenness as networkx defines it, exact or from sampled sources.

    Sampled: the sum over the sampled sources s of each vertex's dependency on s, scaled to
    all pairs by 2 / (k (n - 2)) -- by 2 / ((k - 1)(n - 2)) for a vertex that is itself a
    source, since it never lies inside its own paths.  That is networkx's estimator, and
    with the same sample it gives the same numbers.
    """
    n = plan.nodes
    if n <= 2:
        return [0.0] * n
    if not plan.sampled:
        scale = 2.0 / ((n - 1) * (n - 2))
        return [_finite(b) * scale for b in graph.betweenness(directed=False)]
    k = plan.sources
    sources = random.Random(plan.seed).sample(range(n), k)
    raw = graph.betweenness(directed=False, sources=sources, targets=range(n))
    scale_other = 2.0 / (k * (n - 2))
    scale_source = 2.0 / ((k - 1) * (n - 2)) if k > 1 else 0.0
    chosen = set(sources)
    return [
        _finite(b) * (scale_source if vertex in chosen else scale_other)
        for vertex, b in enumerate(raw)
    ]


def _pagerank(graph: Any) -> list[float]:
    if graph.vcount() == 0:
        return []
    weights = "weight" if graph.ecount() else None
    values = graph.pagerank(directed=False, damping=_DAMPING, weights=weights)
    return [_finite(value) for value in values]


def _finite(value: Any) -> float:
    number = float(value)
    return number if math.isfinite(number) else 0.0


class _Stopwatch:
    """Wall and CPU seconds per step: on a shared machine CPU time is the steadier figure."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def time(self, name: str, compute: Callable[[], _T]) -> _T:
        wall, cpu = time.perf_counter(), time.process_time()
        result = compute()
        self.wall[name] = round(time.perf_counter() - wall, 3)
        self.cpu[name] = round(time.process_time() - cpu, 3)
        return result

    def add_totals(self) -> None:
        self.wall["total"] = round(sum(self.wall.values()), 3)
        self.cpu["total"] = round(sum(self.cpu.values()), 3)
