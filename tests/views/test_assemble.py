"""Entries shared by the view kinds, on the example build."""

from __future__ import annotations

from kg.graph.contract import KnowledgeGraph
from kg.views.assemble import label_entries, label_legend
from kg.views.details import Describer
from kg.views.palette import label_colour


def test_label_entries_colour_and_group_each_node_by_its_label(
    example_graph: KnowledgeGraph,
) -> None:
    chosen = ["DOID:9074", *sorted(example_graph.successors("DOID:9074"))[:5]]
    labels = [str(example_graph.nodes[node]["label"]) for node in chosen]
    _, index = label_legend(labels, dict.fromkeys(labels, 1))
    sizes = {node: float(number) for number, node in enumerate(chosen, 3)}
    entries = label_entries(Describer(example_graph), chosen, index, sizes, emphasis="DOID:9074")
    assert [entry.id for entry in entries] == chosen
    for entry, label in zip(entries, labels, strict=True):
        assert (entry.colour, entry.group, entry.label) == (
            label_colour(label),
            index[label],
            label,
        )
        assert entry.size == sizes[entry.id]
    assert [entry.emphasis for entry in entries] == [True] + [False] * (len(chosen) - 1)
