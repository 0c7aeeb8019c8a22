from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from kg.errors import ConfigError
from kg.graph.contract import KnowledgeGraph
from kg.writers.html import select_nodes, write_overview

XSS = "<img src=x onerror=alert(1)>"
# any script or link tag whose src/href points off the machine (http:, https: or //host)
REMOTE = re.compile(
    r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE
)


def _data(page: str, name: str) -> list[dict[str, Any]]:
    """The nodes or edges handed to vis-network, decoded from the page."""
    match = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);", page, re.DOTALL)
    assert match is not None, f"no {name} data in the page"
    items: list[dict[str, Any]] = json.loads(match.group(1))
    return items


@pytest.fixture
def hostile_graph(sample_graph: KnowledgeGraph) -> KnowledgeGraph:
    sample_graph.add_node(
        "pmid:1", label="Paper", pmid="1", title=XSS, year=2024, journal="<b>J</b> & Co"
    )
    sample_graph.add_node(
        "author:x", label="Author", name="<script>alert('name')</script>", paper_count=1
    )
    sample_graph.add_node(
        'doi:10.1/"><script>alert(2)</script>',
        label="Paper",
        doi='10.1/"><script>alert(2)</script>',
    )
    sample_graph.add_edge("author:x", "pmid:1", key="AUTHORED", type="AUTHORED", position=1)
    return sample_graph


def test_page_loads_nothing_from_the_network(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "overview.html"
    write_overview(sample_graph, path)
    page = path.read_text(encoding="utf-8")
    assert not REMOTE.findall(page)
    assert "vis.Network" in page and "<script src" not in page


def test_record_text_is_escaped_in_tooltips_and_labels(
    hostile_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = tmp_path / "overview.html"
    write_overview(hostile_graph, path)
    page = path.read_text(encoding="utf-8")
    assert "<img src=x" not in page
    nodes = {node["id"]: node for node in _data(page, "nodes")}
    paper = nodes["pmid:1"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in paper["title"]
    assert "<img" not in paper["title"] and "<img" not in paper["label"]
    assert "&lt;b&gt;J&lt;/b&gt; &amp; Co" in paper["title"]
    author = nodes["author:x"]
    assert "<script" not in author["title"] and "&lt;script&gt;" in author["label"]
    for node in nodes.values():
        assert "<script" not in node["title"] and "<script" not in node["label"]


def test_links_are_built_from_validated_ids(hostile_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "overview.html"
    write_overview(hostile_graph, path)
    nodes = {node["id"]: node for node in _data(path.read_text(encoding="utf-8"), "nodes")}
    paper = nodes["pmid:39882532"]["title"]
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/39882532"' in paper
    assert '<a href="https://doi.org/10.3389/fmed.2024.1530887"' in paper
    hostile = nodes['doi:10.1/"><script>alert(2)</script>']["title"]
    assert 'href="https://doi.org/10.1/%22%3E%3Cscript%3Ealert(2)%3C/script%3E"' in hostile
    assert "ORCID" in nodes["orcid:0000-0002-1825-0097"]["title"]


def test_caption_states_what_a_reduced_page_shows(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = tmp_path / "overview.html"
    summary = write_overview(sample_graph, path, max_nodes=12, title="MSC <field>")
    page = path.read_text(encoding="utf-8")
    nodes, edges = _data(page, "nodes"), _data(page, "edges")
    assert summary.reduced
    assert (summary.nodes_shown, summary.nodes_total) == (12, sample_graph.number_of_nodes())
    assert (summary.edges_shown, summary.edges_total) == (
        len(edges),
        sample_graph.number_of_edges(),
    )
    assert len(nodes) == 12
    caption = (
        f"Showing 12 of {summary.nodes_total} nodes and "
        f"{summary.edges_shown} of {summary.edges_total} edges"
    )
    assert caption in page
    assert "<title>MSC &lt;field&gt;</title>" in page
    assert summary.as_dict()["reduced"] is True


def test_unreduced_page_shows_everything(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "overview.html"
    summary = write_overview(sample_graph, path)
    page = path.read_text(encoding="utf-8")
    assert not summary.reduced
    assert len(_data(page, "nodes")) == sample_graph.number_of_nodes()
    assert len(_data(page, "edges")) == sample_graph.number_of_edges()
    assert f"All {sample_graph.number_of_nodes()} nodes" in page


def test_layout_is_precomputed_and_physics_off(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = tmp_path / "overview.html"
    write_overview(sample_graph, path)
    page = path.read_text(encoding="utf-8")
    assert '"physics": {"enabled": false}' in page
    nodes = _data(page, "nodes")
    assert all(isinstance(node["x"], int) and isinstance(node["y"], int) for node in nodes)
    second = tmp_path / "again.html"
    write_overview(sample_graph, second)
    assert second.read_bytes() == path.read_bytes()


def test_legend_lists_every_label_with_counts(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "overview.html"
    write_overview(sample_graph, path, max_nodes=12)
    page = path.read_text(encoding="utf-8")
    labels = {label for _, label in sample_graph.nodes(data="label")}
    for label in labels:
        assert re.search(rf"</span>{label} \(\d+ of \d+\)</li>", page), label


def test_selection_keeps_every_label_and_the_best_connected(
    sample_graph: KnowledgeGraph,
) -> None:
    labels = {label for _, label in sample_graph.nodes(data="label")}
    chosen = select_nodes(sample_graph, len(labels) + 2)
    assert len(chosen) == len(labels) + 2
    assert {sample_graph.nodes[node]["label"] for node in chosen} == labels
    assert "pmid:39882532" in chosen  # the paper with most connections
    assert select_nodes(sample_graph, 10_000) == sorted(sample_graph.nodes)


def test_max_nodes_must_be_positive(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="max_nodes"):
        write_overview(sample_graph, tmp_path / "overview.html", max_nodes=0)


def test_empty_graph_gives_a_page(tmp_path: Path) -> None:
    path = tmp_path / "overview.html"
    summary = write_overview(KnowledgeGraph(), path)
    assert summary.as_dict() == {
        "nodes_shown": 0,
        "nodes_total": 0,
        "edges_shown": 0,
        "edges_total": 0,
        "reduced": False,
    }
    assert _data(path.read_text(encoding="utf-8"), "nodes") == []


def test_large_selection_is_laid_out_without_scipy(tmp_path: Path) -> None:
    """networkx's spring_layout needs scipy from 500 nodes; kg's own layout does not."""
    graph = KnowledgeGraph()
    for number in range(700):
        graph.add_node(f"author:a{number}", label="Author", name=f"Author {number}")
        if number:
            graph.add_edge(
                f"author:a{number}",
                f"author:a{number // 2}",
                key="CO_AUTHORED_WITH",
                type="CO_AUTHORED_WITH",
            )
    path = tmp_path / "overview.html"
    summary = write_overview(graph, path, max_nodes=600)
    nodes = _data(path.read_text(encoding="utf-8"), "nodes")
    assert summary.nodes_shown == len(nodes) == 600
    assert len({(node["x"], node["y"]) for node in nodes}) > 590  # spread out, not stacked
