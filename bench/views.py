"""Benchmark: HTML views of 200, 2,000 and 20,000 nodes, kg's page next to pyvis's.

For each size a literature-shaped graph is generated (papers with 3-8 authors from research
groups, their institutions, journals and the concepts they mention, citations, and the
derived co-authorship and collaboration edges), then:

* kg's overview page (sigma.js/WebGL, layout computed in Python) is built with a node budget
  as large as the graph, so every node is drawn, and again with the default budget of
  ``kg view`` (2,000), which reduces the 20,000-node graph to its strongest part;
* a pyvis page (vis-network on a 2-D canvas, ``cdn_resources="in_line"``, physics off, the
  same precomputed positions, nodes and edges handed to the template as lists because
  ``Network.add_edge`` is quadratic) is built for the same graph;

and each page is opened in headless Chromium (Debian's package, network off) to measure the
time from navigation until it is drawn (two animation frames after the graph was handed to
the renderer) and the time of one full redraw (what every pan or zoom costs).  Build times
are medians of ``--repeat`` runs in this process; browser times are medians of ``--repeat``
fresh tabs.

    pip install -e '.[bench]'      # pyvis
    python bench/views.py          # 200, 2,000, 20,000 nodes
    python bench/views.py --sizes 2000 --repeat 5
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.graph.contract import KnowledgeGraph, new_graph  # noqa: E402
from kg.views.make import make_view, write_view  # noqa: E402
from kg.views.model import DEFAULT_MAX_NODES, ViewOptions  # noqa: E402


def _load_chromium() -> Any:
    """The tests' DevTools client (tests/views/chromium.py), loaded by path: the name
    ``views`` is this script's own."""
    spec = importlib.util.spec_from_file_location(
        "kg_bench_chromium", REPO / "tests" / "views" / "chromium.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


chromium = _load_chromium()

SEED = 11
CONCEPT_LABELS = ("Disease", "Therapy", "Chemical", "Mechanism", "CellType", "Molecule")


def literature_graph(size: int, seed: int = SEED) -> KnowledgeGraph:
    """A graph of about ``size`` nodes shaped like a build of PubMed records."""
    rng = np.random.default_rng(seed)
    graph = new_graph()
    papers = int(size * 0.40)
    authors = int(size * 0.35)
    places = max(int(size * 0.06), 2)
    journals = max(int(size * 0.03), 1)
    concepts = size - papers - authors - places - journals
    for number in range(authors):
        graph.add_node(f"author:a{number}", label="Author", name=f"Author {number}")
    for number in range(places):
        country = ["US", "CN", "DE", "GB", "JP", "FR", "IT", "KR", "BR", "IN", "ES", "NL"][
            number % 12
        ]
        graph.add_node(
            f"inst:i{number}",
            label="Institution",
            name=f"Institute {number}",
            country_code=country,
            country=country,
        )
    for number in range(journals):
        graph.add_node(f"journal:j{number}", label="Journal", name=f"J {number}")
    for number in range(concepts):
        label = CONCEPT_LABELS[number % len(CONCEPT_LABELS)]
        graph.add_node(f"KG:c{number}", label=label, name=f"{label} {number}", concept_id="x")
    group_size = 12
    home = {f"author:a{n}": f"inst:i{(n // group_size) % places}" for n in range(authors)}
    pairs: dict[tuple[str, str], list[str]] = {}
    place_pairs: dict[tuple[str, str], list[str]] = {}
    for number in range(papers):
        paper = f"pmid:{number + 1}"
        graph.add_node(
            paper,
            label="Paper",
            pmid=str(number + 1),
            title=f"Paper {number}",
            year=int(2000 + number * 25 // max(papers, 1)),
            journal=f"J {number % journals}",
        )
        group = int(rng.integers(0, max(authors // group_size, 1)))
        members = [
            group * group_size + int(k)
            for k in rng.choice(group_size, size=int(rng.integers(3, 9)), replace=True)
        ]
        if rng.random() < 0.15:  # a guest from another group
            members.append(int(rng.integers(0, authors)))
        byline = sorted({f"author:a{m % authors}" for m in members})
        for position, author in enumerate(byline, start=1):
            graph.add_edge(author, paper, key="AUTHORED", type="AUTHORED", position=position)
            graph.add_edge(
                author, home[author], key="AFFILIATED_WITH", type="AFFILIATED_WITH", weight=1
            )
        for first, second in combinations(byline, 2):
            pairs.setdefault((first, second), []).append(paper)
        for first, second in combinations(sorted({home[a] for a in byline}), 2):
            place_pairs.setdefault((first, second), []).append(paper)
        graph.add_edge(
            paper, f"journal:j{number % journals}", key="PUBLISHED_IN", type="PUBLISHED_IN"
        )
        for concept in rng.choice(concepts, size=min(4, concepts), replace=False):
            graph.add_edge(paper, f"KG:c{concept}", key="MENTIONS", type="MENTIONS", count=1)
        for cited in rng.integers(0, max(number, 1), size=2 if number else 0):
            graph.add_edge(paper, f"pmid:{cited + 1}", key="CITES", type="CITES")
    for kind, found in (("CO_AUTHORED_WITH", pairs), ("COLLABORATES_WITH", place_pairs)):
        for (first, second), joint in found.items():
            graph.add_edge(first, second, key=kind, type=kind, weight=len(joint), papers=joint)
    return graph


def kg_page(graph: KnowledgeGraph, path: Path, budget: int) -> dict[str, Any]:
    view = make_view(graph, "overview", ViewOptions(max_nodes=budget))
    summary = write_view(view, path)
    return {"nodes": summary.nodes_shown, "edges": summary.edges_shown}


def pyvis_page(graph: KnowledgeGraph, path: Path, budget: int) -> dict[str, Any]:
    """What the overview was before kg.views: pyvis's template, physics off, kg's layout."""
    from pyvis.network import Network

    view = make_view(graph, "overview", ViewOptions(max_nodes=budget))
    nodes = [
        {"id": node.id, "label": node.name[:40], "title": node.name, "color": node.colour,
         "value": node.size, "x": x, "y": y}
        for node, (x, y) in zip(view.nodes, view.positions, strict=True)
    ]  # fmt: skip
    edges = [{"from": edge.source, "to": edge.target} for edge in view.edges]
    network = Network(height="90vh", width="100%", directed=True, cdn_resources="in_line")
    options = {
        "physics": {"enabled": False},
        "edges": {"smooth": False, "color": {"color": "#c4c4c4"}},
        "nodes": {"shape": "dot"},
        "interaction": {"hover": True, "hideEdgesOnDrag": True},
    }
    page = network.templateEnv.get_template(network.path).render(
        height="90vh", width="100%", nodes=nodes, edges=edges, heading="",
        options=json.dumps(options), physics_enabled=False, use_DOT=False, dot_lang=[],
        widget=False, bgcolor="#ffffff", conf=False, tooltip_link=False,
        neighborhood_highlight=False, select_menu=False, filter_menu=False, notebook=False,
        cdn_resources="in_line",
    )  # fmt: skip
    path.write_text(page, encoding="utf-8")
    return {"nodes": len(nodes), "edges": len(edges)}


def drawn_after(page: Any, path: Path, kind: str) -> tuple[float, float]:
    """(ms from navigation until drawn, ms of one full redraw) of a page."""
    page.open(path, timeout=600)
    if kind == "kg":
        page.wait_for("window.kgView && window.kgView.ready", timeout=600)
        drawn = float(page.evaluate("window.kgView.timings.drawn"))
        redraw = (
            "(() => { const t = performance.now(); window.kgView.sigma.refresh();"
            " return performance.now() - t; })()"
        )
    else:
        page.wait_for("typeof network !== 'undefined' && network !== null", timeout=600)
        drawn = float(
            page.evaluate(
                "new Promise(r => requestAnimationFrame(() => requestAnimationFrame("
                "() => r(performance.now()))))",
                await_promise=True,
            )
        )
        redraw = (
            "(() => { const t = performance.now(); network.redraw();"
            " return performance.now() - t; })()"
        )
    return drawn, float(page.evaluate(redraw))


def median_seconds(step: Callable[..., object], arguments: tuple[Any, ...], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        step(*arguments)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(
    kind: str,
    make: Callable[..., dict[str, Any]],
    graph: KnowledgeGraph,
    path: Path,
    budget: int,
    repeat: int,
) -> tuple[str, ...]:
    """One table row: what the page draws, how long building and drawing took."""
    counts = make(graph, path, budget)
    build = median_seconds(make, (graph, path, budget), repeat)
    timings = []
    errors: list[str] = []
    for _ in range(repeat):  # a fresh browser each time: nothing left over from the last page
        browser = chromium.Chromium()
        try:
            page = browser.new_page(1280, 800)
            timings.append(drawn_after(page, path, kind))
            errors = page.errors
        finally:
            browser.close()
    drawn = statistics.median(t[0] for t in timings) / 1000
    redraw = statistics.median(t[1] for t in timings)
    return (
        f"{graph.number_of_nodes():,}", kind, f"{counts['nodes']:,}", f"{counts['edges']:,}",
        f"{build:.2f}", f"{path.stat().st_size / 1e6:.1f}", f"{drawn:.2f}", f"{redraw:.0f}",
        str(len(errors)),
    )  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-pyvis", action="store_true")
    args = parser.parse_args()
    probe = chromium.Chromium()
    print(f"browser: {probe.version}; repeat {args.repeat}")
    probe.close()
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-views-") as scratch:
        for size in args.sizes:
            graph = literature_graph(size)
            nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
            print(f"graph of {size:,}: {nodes:,} nodes, {edges:,} edges", flush=True)
            cases = [("kg", size, kg_page)]
            if size > DEFAULT_MAX_NODES:
                cases.append(("kg", DEFAULT_MAX_NODES, kg_page))
            if not args.skip_pyvis:
                cases.append(("pyvis", size, pyvis_page))
            for kind, budget, make in cases:
                path = Path(scratch) / f"{kind}-{size}-{budget}.html"
                rows.append(measure(kind, make, graph, path, budget, args.repeat))
                print("  ".join(rows[-1]), flush=True)
    header = ("graph nodes", "page", "nodes drawn", "edges drawn", "build s", "MB", "drawn s",
              "redraw ms", "console errors")  # fmt: skip
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
