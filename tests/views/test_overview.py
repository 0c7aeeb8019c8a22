"""The overview view: every label kept, the best-connected first, a caption that says so."""

from __future__ import annotations

from collections import Counter

import pytest
from writers.sample_graph import build_sample_graph

from kg.errors import ConfigError
from kg.graph.contract import KnowledgeGraph
from kg.views.make import make_view
from kg.views.model import ViewOptions
from kg.views.overview import select_nodes
from kg.views.palette import LABEL_COLOURS


def test_selection_keeps_every_label_and_the_best_connected() -> None:
    graph = build_sample_graph()
    labels = {label for _, label in graph.nodes(data="label")}
    chosen = select_nodes(graph, len(labels) + 2)
    assert len(chosen) == len(labels) + 2
    assert {graph.nodes[node]["label"] for node in chosen} == labels
    assert "pmid:39882532" in chosen  # the paper with most connections
    assert select_nodes(graph, 10_000) == sorted(graph.nodes)
    with pytest.raises(ConfigError, match="max_nodes"):
        select_nodes(graph, 0)


def test_works_only_cited_come_after_the_inputs_papers(example_graph: KnowledgeGraph) -> None:
    inputs = sum(1 for _, inside in example_graph.nodes(data="in_corpus") if inside is not False)
    chosen = select_nodes(example_graph, inputs)
    assert all(example_graph.nodes[node].get("in_corpus") is not False for node in chosen)
    cited = [node for node in select_nodes(example_graph, inputs + 10) if node not in chosen]
    assert len(cited) == 10
    assert all(example_graph.nodes[node]["in_corpus"] is False for node in cited)


def test_reduced_overview_says_what_it_shows_and_leaves_out(
    example_graph: KnowledgeGraph,
) -> None:
    view = make_view(example_graph, "overview", ViewOptions(max_nodes=300))
    summary = view.summary
    assert (summary.nodes_shown, summary.nodes_total) == (300, example_graph.number_of_nodes())
    assert summary.edges_total == example_graph.number_of_edges()
    assert summary.edges_shown == len(view.edges) < summary.edges_total
    caption = " ".join(view.caption)
    assert f"Showing 300 of {summary.nodes_total:,} nodes" in caption
    left = summary.edges_total - summary.edges_shown
    assert f"Left out: {summary.nodes_total - 300:,} nodes and {left:,} edges." in caption
    shown = Counter(node.label for node in view.nodes)
    totals = Counter(label for _, label in example_graph.nodes(data="label"))
    assert [(item.name, item.shown, item.total) for item in view.labels] == [
        (label, shown[label], totals[label]) for label in LABEL_COLOURS if label in totals
    ]
    assert all(node.colour == LABEL_COLOURS[node.label] for node in view.nodes)
    assert len(view.positions) == 300


def test_small_graph_is_shown_whole() -> None:
    graph = build_sample_graph()
    view = make_view(graph, "overview")
    assert not view.summary.reduced
    assert view.caption == [
        f"All {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges."
    ]
    paper = next(node for node in view.nodes if node.id == "pmid:39882532")
    assert ("Year", "2025") in paper.facts and ("Journal", "Front Med (Lausanne)") in paper.facts
    assert ("Authors", "Liting Chen, Rongshan Huang, Anping Chen") in paper.facts
    assert ("PubMed", "https://pubmed.ncbi.nlm.nih.gov/39882532") in paper.links
    assert ("DOI", "https://doi.org/10.3389/fmed.2024.1530887") in paper.links
    assert paper.years == (2025,)
    author = next(node for node in view.nodes if node.id == "author:lee-bw")
    assert ("Institutions", "The Catholic University of Korea") in author.facts
    assert ("Papers", "2") in author.facts
    assert author.years == (2024, 2025)


def test_empty_graph_gives_an_empty_view() -> None:
    view = make_view(KnowledgeGraph(), "overview")
    assert view.nodes == [] and view.positions == []
    assert view.summary.as_dict() == {
        "nodes_shown": 0,
        "nodes_total": 0,
        "edges_shown": 0,
        "edges_total": 0,
        "reduced": False,
    }
