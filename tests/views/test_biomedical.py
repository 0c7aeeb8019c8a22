"""The biomedical view: relations between concepts, evidence level and assertion as style."""

from __future__ import annotations

from collections import Counter

from kg.graph.contract import KnowledgeGraph
from kg.views.biomedical import RELATION_TYPES
from kg.views.make import make_view
from kg.views.model import ViewOptions
from kg.views.palette import EVIDENCE_COLOURS, RELATION_COLOURS


def test_relations_and_only_relations_are_drawn(example_graph: KnowledgeGraph) -> None:
    view = make_view(example_graph, "biomedical")
    relations = Counter(key for *_, key in example_graph.edges(keys=True) if key in RELATION_TYPES)
    assert view.summary.edges_total == sum(relations.values())
    assert Counter(edge.type for edge in view.edges) == relations  # nothing left out here
    assert {node.label for node in view.nodes} <= {
        "Therapy", "Chemical", "Mechanism", "Disease", "Molecule", "CellType",
    }  # fmt: skip
    caption = " ".join(view.caption)
    assert f"TREATS {relations['TREATS']}" in caption and "IS_A" in caption
    assert sum(item.total for item in view.edge_legend) == view.summary.edges_total


def test_evidence_level_colours_treats_and_unasserted_relations_are_faint(
    example_graph: KnowledgeGraph,
) -> None:
    view = make_view(example_graph, "biomedical")
    faint = 0
    for edge in view.edges:
        data = example_graph.edges[edge.source, edge.target, edge.type]
        if edge.type == "TREATS":
            colour = EVIDENCE_COLOURS[data.get("evidence_level", "unspecified")]
            assert view.edge_legend[edge.group].name.startswith("TREATS: ")
        else:
            colour = RELATION_COLOURS[edge.type]
            assert view.edge_legend[edge.group].name == edge.type
        assert edge.colour.startswith(colour)
        assert edge.faint == (not data["asserted"])
        assert (edge.colour != colour) == edge.faint
        faint += edge.faint
        assert edge.directed
        assert [item.text for item in edge.evidence] == data["sentence"][:25]
        assert edge.evidence_total == len(data["sentence"])
    assert 0 < faint < len(view.edges)


def test_reduction_keeps_the_concepts_with_most_papers(example_graph: KnowledgeGraph) -> None:
    full = make_view(example_graph, "biomedical")
    small = make_view(example_graph, "biomedical", ViewOptions(max_nodes=20))
    assert small.summary.nodes_shown == 20 and small.summary.reduced
    assert {node.label for node in small.nodes} == {node.label for node in full.nodes}
    biggest = max(full.nodes, key=lambda node: node.size)
    assert biggest.id in {node.id for node in small.nodes}
    assert "left out:" in " ".join(small.caption)


def test_a_graph_without_relations_gives_an_empty_view(example_graph: KnowledgeGraph) -> None:
    bare = example_graph.copy()
    bare.remove_edges_from(
        [(u, v, k) for u, v, k in example_graph.edges(keys=True) if k in RELATION_TYPES]
    )
    view = make_view(bare, "biomedical")
    assert view.nodes == [] and view.summary.nodes_total == 0
