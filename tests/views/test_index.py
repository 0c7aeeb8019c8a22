"""index.html of a build: links, reasons for missing views, the ego command, escaping."""

from __future__ import annotations

import html
import shlex
from pathlib import Path

from kg.graph.contract import KnowledgeGraph
from kg.views import BUILD_VIEWS
from kg.views.ego import find_node
from kg.views.index import IndexEntry, ego_example, render_index


def test_example_centre_is_the_best_connected_disease(example_graph: KnowledgeGraph) -> None:
    centre = ego_example(example_graph)
    assert centre is not None
    node = find_node(example_graph, centre)
    assert example_graph.nodes[node]["label"] == "Disease"
    diseases = [n for n, label in example_graph.nodes(data="label") if label == "Disease"]
    assert example_graph.degree(node) == max(example_graph.degree(n) for n in diseases)
    assert ego_example(KnowledgeGraph()) is None


def test_index_escapes_and_quotes_what_it_shows() -> None:
    page = render_index(
        [
            IndexEntry("overview", "Overview <all>", ["All 3 nodes & 2 edges."], "overview.html"),
            IndexEntry("biomedical", "Therapies", ["0 relations."], None),
        ],
        build="my build/<x>",
        example="Crohn's disease",
        max_nodes=500,
    )
    assert "<title>kg views of my build/&lt;x&gt;</title>" in page
    assert "Overview &lt;all&gt;" in page and "All 3 nodes &amp; 2 edges." in page
    assert "Therapies (not written: nothing to show)" in page
    assert "kg view &#x27;my build/&lt;x&gt;&#x27; ego --center &#x27;Crohn&#x27;&quot;" in page
    assert "default-src 'none'" in page and "<script" not in page


def test_the_build_writes_an_index_of_its_views(
    example_build: Path, example_graph: KnowledgeGraph
) -> None:
    index = (example_build / "index.html").read_text(encoding="utf-8")
    for kind in BUILD_VIEWS:
        assert f'<a href="{kind}.html">' in index
    centre = html.escape(shlex.quote(str(ego_example(example_graph))))
    assert f"ego --center {centre} --hops 2 --out ego.html" in index
