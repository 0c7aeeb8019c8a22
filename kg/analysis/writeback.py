"""Network measures stored on the graph's Author and Institution nodes before it is written.

``kg build`` calls :func:`write_back_metrics` once the graph is complete, so graph.json,
GraphML, RDF (``kg:pagerank``... declared in ontology/kg.ttl), the HTML views and Neo4j all
carry the same numbers without recomputing them: ``community``, ``component`` and ``degree``
(int), ``pagerank``, ``betweenness``, ``strength`` and ``clustering`` (float).  They are the
measures of the full networks (all years); ``kg analyze`` recomputes them for time slices.

Every vertex of a network gets all seven properties, so a property is never missing on one
node and present on another (GraphML would need a default, SPARQL an OPTIONAL).  Values are
deterministic for a given graph: vertices are numbered in id order and the random parts
(Leiden, sampled betweenness) are seeded.
"""

from __future__ import annotations

import time
from typing import Any, Final

from kg.analysis.gc_pause import paused_gc
from kg.analysis.metrics import DEFAULT_SEED, METRICS, Metrics, analyse
from kg.analysis.networks import NetworkKind, build_network
from kg.analysis.source import collaboration_from_graph
from kg.graph.contract import KnowledgeGraph

__all__ = ["METRIC_PROPERTIES", "write_back_metrics"]

METRIC_PROPERTIES: Final = METRICS
_NETWORKS: Final[tuple[NetworkKind, ...]] = ("coauthors", "institutions")


def write_back_metrics(graph: KnowledgeGraph, *, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """Set the measures on every Author and Institution node; returns what the manifest
    records per network (sizes, communities, modularity, how betweenness was computed,
    seconds per step)."""
    started = time.perf_counter()
    report: dict[str, Any] = {}
    with paused_gc():  # the graph is millions of objects the collector would walk again
        collaboration = collaboration_from_graph(graph)
        report["read_seconds"] = round(time.perf_counter() - started, 3)
        for kind in _NETWORKS:
            network = build_network(collaboration, kind)
            analysis = analyse(network, seed=seed)
            _store(graph, network.ids, analysis.metrics)
            summary = analysis.summary.as_dict()
            summary.pop("largest_communities")
            report[kind] = summary
    report["seconds"] = round(time.perf_counter() - started, 3)
    return report


def _store(graph: KnowledgeGraph, ids: list[str], metrics: Metrics) -> None:
    """Set the seven properties on each node; ``ids[v]`` is the node of vertex ``v``."""
    columns = [getattr(metrics, name) for name in METRIC_PROPERTIES]
    nodes = graph.nodes
    for vertex, node in enumerate(ids):
        values = [column[vertex] for column in columns]
        nodes[node].update(zip(METRIC_PROPERTIES, values, strict=True))
