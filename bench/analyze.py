"""Benchmark: the co-authorship network of every PubMed XML record we have, igraph next to networkx.

The network is that of all records in ``../shared/data/pubmed/xml`` together (every .xml and
.xml.gz, examples/ included: about 176k author mentions).  By default it is made the way
``kg build`` makes it -- kg's readers, paper merging, bibliographic layer and derived
CO_AUTHORED_WITH edges, in memory, without the writers -- or, with ``--build DIR``, read
from an existing build's graph.json as ``kg analyze`` does.  Then:

1. every measure of ``kg analyze`` / the build's write-back (kg.analysis.metrics.analyse,
   python-igraph) is timed, in a forked child so its peak memory is its own;
2. the same measures with networkx in another child: betweenness from the *same* sampled
   sources (networkx's ``k``/``seed`` draw the sample kg draws, so the values must agree
   to rounding; ``--betweenness auto`` uses kg's own rule instead, exact where that is
   cheap), PageRank converged tightly (tol=1e-12 per node), Louvain communities (the
   community algorithm networkx has) and modularity;
3. a table of seconds per measure and the ratio, the agreement of the values, wall and CPU
   time (the machine is shared: CPU time is the steadier figure) and peak memory.

Both children run with Python's cyclic garbage collector paused, as ``kg analyze`` and the
build's write-back do (kg/analysis/gc_pause.py): the parent holds the parsed graph, and the
collector walking it would be timed as part of whichever measure triggered it.

    python bench/analyze.py                        # parse ../shared/data/pubmed/xml (~1 min)
    python bench/analyze.py --build /tmp/analyze_bench_build
    python bench/analyze.py --sources 500 --seed 42 --skip-networkx
    python bench/analyze.py --build /tmp/analyze_bench_build --betweenness auto
"""

from __future__ import annotations

import argparse
import multiprocessing
import multiprocessing.connection
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.analysis.gc_pause import paused_gc  # noqa: E402
from kg.analysis.metrics import (  # noqa: E402
    DEFAULT_BETWEENNESS_SOURCES,
    DEFAULT_SEED,
    EXACT_BETWEENNESS_WORK,
    analyse,
)
from kg.analysis.networks import Network, build_network  # noqa: E402
from kg.analysis.source import (  # noqa: E402
    Collaboration,
    collaboration_from_graph,
    read_collaboration,
)

DEFAULT_DATA = REPO.parent / "shared" / "data" / "pubmed" / "xml"
LIMIT_SECONDS = 60.0
STEPS = ("graph", "degree", "strength", "betweenness", "pagerank", "clustering")
STEPS += ("components", "communities")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of PubMed XML")
    parser.add_argument("--build", type=Path, help="read an existing build's graph.json")
    parser.add_argument("--sources", type=int, default=DEFAULT_BETWEENNESS_SOURCES)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--betweenness",
        choices=("sampled", "auto"),
        default="sampled",
        help="sampled: always --sources sampled sources (the comparison asked for); auto: "
        "kg's own rule, exact when cheap enough",
    )
    parser.add_argument("--skip-networkx", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    if args.build:
        collaboration = read_collaboration(args.build)
        origin = f"graph.json of the build {args.build}"
    else:
        collaboration, origin = _parse(args.data)
    read_seconds = time.perf_counter() - started
    network_started, network_cpu = time.perf_counter(), time.process_time()
    network = build_network(collaboration, "coauthors")
    network_seconds = time.perf_counter() - network_started
    network_cpu = time.process_time() - network_cpu
    mentions = sum(len(papers) for papers in collaboration.author_papers.values())
    print(f"network from {origin}, read in {read_seconds:.1f} s")
    print(
        f"  {len(collaboration.years):,} papers, {mentions:,} author mentions, "
        f"{len(network):,} authors, {len(network.edges):,} co-authorship links "
        f"(network assembled in {network_seconds:.2f} s, {network_cpu:.2f} s CPU)"
    )
    base_mb = _rss_mb()
    print(f"  process memory with the network loaded: {base_mb:.0f} MB")
    exact_work = 0 if args.betweenness == "sampled" else EXACT_BETWEENNESS_WORK
    kg_result = _in_child(_run_igraph, network, args.sources, args.seed, exact_work)
    k = args.sources if kg_result["sampled"] else 0  # networkx: k=None is exact
    nx_result = None if args.skip_networkx else _in_child(_run_networkx, network, k, args.seed)
    _report(network, network_seconds, kg_result, nx_result)
    return 0 if kg_result["wall"] + network_seconds < LIMIT_SECONDS else 1


def _parse(data: Path) -> tuple[Collaboration, str]:
    """All records of ``data`` through the build's own read and graph stages, in memory."""
    from kg.graph.bibliographic import build_bibliographic_graph
    from kg.graph.derived import add_derived_edges
    from kg.graph.papers import PaperIndex
    from kg.ingest import Ingest
    from kg.model import Deletion

    files = sorted(str(path) for path in data.rglob("*") if path.name.endswith((".xml", ".xml.gz")))
    if not files:
        raise SystemExit(f"no .xml or .xml.gz files under {data}")
    ingest = Ingest(files)
    index = PaperIndex()
    for item in ingest.items():
        if not isinstance(item, Deletion):  # a deletion only removes records of earlier files
            index.add(item, ingest.reports[-1].file)
    layer = build_bibliographic_graph(index)
    add_derived_edges(layer)
    records = sum(report.records_read for report in ingest.reports)
    collaboration = collaboration_from_graph(layer.graph)
    return collaboration, f"{len(files)} files under {data} ({records:,} records parsed)"


def _run_igraph(network: Network, sources: int, seed: int, exact_work: int) -> dict[str, Any]:
    import igraph  # noqa: F401 -- a one-off import, not a measure

    wall, cpu = time.perf_counter(), time.process_time()
    analysis = analyse(network, seed=seed, betweenness_sources=sources, exact_work=exact_work)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    summary = analysis.summary
    return {
        "seconds": {step: summary.seconds[step] for step in STEPS},
        "cpu_seconds": {step: summary.cpu_seconds[step] for step in STEPS},
        "wall": wall,
        "cpu": cpu,
        "metrics": analysis.metrics,
        "components": summary.components,
        "communities": summary.communities,
        "modularity": summary.modularity,
        "betweenness": summary.betweenness.describe(),
        "sampled": summary.betweenness.sampled,
    }


def _run_networkx(network: Network, k: int, seed: int) -> dict[str, Any]:
    import networkx as nx

    seconds: dict[str, float] = {}
    cpu_seconds: dict[str, float] = {}
    wall, cpu = time.perf_counter(), time.process_time()

    def timed(step: str, compute: Callable[[], Any]) -> Any:
        begun, begun_cpu = time.perf_counter(), time.process_time()
        result = compute()
        seconds[step] = time.perf_counter() - begun
        cpu_seconds[step] = time.process_time() - begun_cpu
        return result

    def make() -> Any:
        graph = nx.Graph()
        graph.add_nodes_from(range(len(network)))  # vertex order: the sample is drawn from it
        graph.add_weighted_edges_from(
            (i, j, w) for (i, j), w in zip(network.edges, network.weights, strict=True)
        )
        return graph

    graph = timed("graph", make)
    n = len(network)
    degree = timed("degree", lambda: dict(graph.degree()))
    strength = timed("strength", lambda: dict(graph.degree(weight="weight")))
    betweenness = timed(
        "betweenness", lambda: nx.betweenness_centrality(graph, k=k or None, seed=seed)
    )
    pagerank = timed(
        "pagerank", lambda: nx.pagerank(graph, weight="weight", tol=1e-12, max_iter=10_000)
    )
    clustering = timed("clustering", lambda: nx.clustering(graph))
    components = timed("components", lambda: list(nx.connected_components(graph)))

    def louvain() -> tuple[list[set[int]], float]:
        found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
        return found, nx.community.modularity(graph, found, weight="weight")

    communities, modularity = timed("communities", louvain)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "wall": wall,
        "cpu": cpu,
        "degree": [degree[v] for v in range(n)],
        "strength": [float(strength[v]) for v in range(n)],
        "betweenness": [betweenness[v] for v in range(n)],
        "pagerank": [pagerank[v] for v in range(n)],
        "clustering": [clustering[v] for v in range(n)],
        "components": len(components),
        "communities": len(communities),
        "modularity": modularity,
    }


def _in_child(run: Callable[..., dict[str, Any]], network: Network, *args: int) -> dict[str, Any]:
    """Run in a forked child: the parent's memory is shared, the child's growth is its own."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, run, network, *args))
    child.start()
    sender.close()
    result: dict[str, Any] = receiver.recv()
    child.join()
    return result


def _child(
    sender: multiprocessing.connection.Connection,
    run: Callable[..., dict[str, Any]],
    network: Network,
    *args: int,
) -> None:
    start_mb = _rss_mb()
    with paused_gc():  # as kg analyze and the build do; the same for both libraries
        result = run(network, *args)
    result["peak_growth_mb"] = _hwm_mb() - start_mb
    sender.send(result)
    sender.close()


def _report(
    network: Network,
    network_seconds: float,
    kg_result: dict[str, Any],
    nx_result: dict[str, Any] | None,
) -> None:
    print(f"\nbetweenness: {kg_result['betweenness']}")
    print("seconds per measure, wall clock and CPU (the machine is shared: CPU is steadier)")
    head = f"{'measure':<13}{'kg wall':>9}{'kg CPU':>9}"
    if nx_result is not None:
        head += f"{'nx wall':>10}{'nx CPU':>10}{'wall ratio':>12}{'CPU ratio':>11}"
    print(head)
    for step in [*STEPS, "total"]:
        if step == "total":
            ours, ours_cpu = kg_result["wall"], kg_result["cpu"]
        else:
            ours, ours_cpu = kg_result["seconds"][step], kg_result["cpu_seconds"][step]
        line = f"{step:<13}{ours:>9.3f}{ours_cpu:>9.3f}"
        if nx_result is not None:
            if step == "total":
                theirs, theirs_cpu = nx_result["wall"], nx_result["cpu"]
            else:
                theirs, theirs_cpu = nx_result["seconds"][step], nx_result["cpu_seconds"][step]
            line += f"{theirs:>10.3f}{theirs_cpu:>10.3f}"
            line += f"{_ratio(theirs, ours):>12}{_ratio(theirs_cpu, ours_cpu):>11}"
        print(line)
    total = kg_result["wall"]
    print(
        f"kg: network {network_seconds:.2f} s + measures {total:.2f} s = "
        f"{network_seconds + total:.2f} s wall ({kg_result['cpu']:.2f} s CPU for the "
        f"measures); limit {LIMIT_SECONDS:.0f} s: "
        f"{'ok' if network_seconds + total < LIMIT_SECONDS else 'TOO SLOW'}"
    )
    print(f"peak memory growth: igraph {kg_result['peak_growth_mb']:.0f} MB", end="")
    if nx_result is not None:
        print(f", networkx {nx_result['peak_growth_mb']:.0f} MB")
    else:
        print()
    print(f"peak memory of the benchmark process, parsing included: {_maxrss_mb():.0f} MB")
    if nx_result is None:
        return
    ours = kg_result["metrics"]
    print("\nagreement with networkx:")
    print(f"  degree identical: {ours.degree == nx_result['degree']}")
    print(f"  strength identical: {ours.strength == nx_result['strength']}")
    for name in ("betweenness", "pagerank", "clustering"):
        worst = max(
            (abs(a - b) for a, b in zip(getattr(ours, name), nx_result[name], strict=True)),
            default=0.0,
        )
        print(f"  {name}: largest difference {worst:.2e}")
    print(
        f"  components: {kg_result['components']:,} vs {nx_result['components']:,}; "
        f"communities: Leiden {kg_result['communities']:,} (modularity "
        f"{kg_result['modularity']:.4f}) vs Louvain {nx_result['communities']:,} "
        f"({nx_result['modularity']:.4f})"
    )
    print(f"  ({len(network):,} nodes)")


def _ratio(theirs: float, ours: float) -> str:
    return f"{theirs / ours:.1f}x" if ours > 0.0005 else "-"


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _rss_mb() -> float:
    return _status_mb("VmRSS")


def _hwm_mb() -> float:
    return _status_mb("VmHWM")


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
