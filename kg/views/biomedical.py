"""The biomedical view: therapies and chemicals, mechanisms, diseases and targets.

It draws the relations read from the papers -- ``TREATS``, ``ACTS_VIA``, ``IMPLICATED_IN``,
``TARGETS`` -- between the concepts they link, with the evidence as edge style: a TREATS
edge is coloured by its strongest evidence level (randomised trial to in vitro, review), the
other relations by type, and a relation no sentence asserts (only hedged, or only from the
low-precision rules) is drawn faint.  Width is the number of papers stating it; clicking an
edge lists its sentences.  Mentions, ontology hierarchy (IS_A) and DERIVED_FROM are left out.

Reduction keeps, per node type, the concepts with the most papers behind their relations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any, Final

from kg.graph.contract import KnowledgeGraph
from kg.nlp.study_design import LEVELS, UNSPECIFIED
from kg.views.assemble import (
    EdgeRow,
    edge_entry,
    edge_width,
    edges_among,
    label_entries,
    label_legend,
    scaled,
)
from kg.views.details import Describer
from kg.views.model import EDGE_DETAILS_LIMIT, LegendItem, View, ViewOptions, ViewSummary
from kg.views.palette import EVIDENCE_COLOURS, RELATION_COLOURS
from kg.views.reduce import pick

__all__ = ["RELATION_TYPES", "biomedical_view"]

RELATION_TYPES: Final = ("TREATS", "ACTS_VIA", "IMPLICATED_IN", "TARGETS")
_SOURCE_LABELS: Final = frozenset({"Therapy", "Chemical", "Mechanism"})
_FAINT_ALPHA: Final = "59"  # ~35% opacity appended to the colour


def biomedical_view(graph: KnowledgeGraph, options: ViewOptions) -> View:
    """Concepts linked by the relations the papers state, evidence as edge style."""
    attributes: Mapping[str, Mapping[str, Any]] = graph.nodes
    sources = [node for node, label in graph.nodes(data="label") if label in _SOURCE_LABELS]
    relations = _relations(graph, sources)
    papers: Counter[str] = Counter()
    for source, target, _, data in relations:
        weight = data.get("weight", 1)
        papers[source] += weight if isinstance(weight, int) else 1
        papers[target] += weight if isinstance(weight, int) else 1
    candidates = sorted(papers)
    groups: dict[str, list[str]] = {}
    for node in candidates:
        groups.setdefault(str(attributes[node].get("label", "")), []).append(node)
    chosen = pick(groups, {node: float(count) for node, count in papers.items()}, options.max_nodes)
    labels = {node: str(attributes[node].get("label", "")) for node in chosen}
    legend, index = label_legend(
        labels.values(), Counter(attributes[n].get("label", "") for n in candidates)
    )
    describer = Describer(graph)
    sizes = scaled({node: float(papers[node]) for node in chosen})
    nodes = label_entries(describer, chosen, index, sizes)
    rows = edges_among(graph, set(chosen), set(RELATION_TYPES))
    styles = _styles()
    slot = {name: number for number, (name, _) in enumerate(styles)}
    heaviest = max((float(row[3].get("weight", 1)) for row in rows), default=1.0)
    edges = []
    for row in rows:
        style = _style_of(row)
        asserted = bool(row[3].get("asserted", True))
        colour = dict(styles)[style]
        edges.append(
            edge_entry(
                describer,
                row,
                colour=colour if asserted else colour + _FAINT_ALPHA,
                size=edge_width(float(row[3].get("weight", 1)), heaviest),
                group=slot[style],
                directed=True,
                faint=not asserted,
                details=len(rows) <= EDGE_DETAILS_LIMIT,
            )
        )
    shown_styles = Counter(_style_of(row) for row in rows)
    total_styles = Counter(_style_of(row) for row in relations)
    edge_legend = [
        LegendItem(name, colour, shown_styles[name], total_styles[name]) for name, colour in styles
    ]
    summary = ViewSummary(len(nodes), len(candidates), len(edges), len(relations))
    return View(
        kind="biomedical",
        title=options.title or "Therapies, mechanisms and diseases",
        caption=_caption(summary, Counter(row[2] for row in relations)),
        nodes=nodes,
        edges=edges,
        summary=summary,
        labels=legend,
        legend_title="Node types",
        legend=legend,
        edge_legend_title="Relations (faint: not asserted)",
        edge_legend=edge_legend,
        encoding=[
            "Colour: concept type.",
            "Size: papers behind its relations.",
            "Edge colour: strongest evidence level of a TREATS relation, else the relation "
            "type; faint: only hedged or low-precision statements.",
            "Edge width: papers stating it. Click an edge for its sentences.",
        ],
    )


def _relations(graph: KnowledgeGraph, sources: list[str]) -> list[EdgeRow]:
    adjacency: Mapping[str, Mapping[str, Mapping[str, Mapping[str, Any]]]] = graph._succ
    rows: list[EdgeRow] = []
    for source in sources:
        for target, keyed in adjacency[source].items():
            for key, data in keyed.items():
                edge_type = str(data.get("type", key))
                if edge_type in RELATION_TYPES:
                    rows.append((source, target, edge_type, data))
    return rows


def _styles() -> list[tuple[str, str]]:
    """(legend name, colour) of every edge style: TREATS by level, then the other types."""
    treats = [(f"TREATS: {level}", EVIDENCE_COLOURS[level]) for level in LEVELS]
    return treats + list(RELATION_COLOURS.items())


def _style_of(row: EdgeRow) -> str:
    if row[2] == "TREATS":
        level = row[3].get("evidence_level")
        return f"TREATS: {level if level in EVIDENCE_COLOURS else UNSPECIFIED}"
    return row[2]


def _caption(summary: ViewSummary, by_type: Counter[str]) -> list[str]:
    counts = ", ".join(f"{kind} {by_type[kind]:,}" for kind in RELATION_TYPES if by_type[kind])
    sentences = [
        f"{summary.nodes_total:,} therapies, chemicals, mechanisms, diseases and targets "
        f"linked by {summary.edges_total:,} relations read from the papers"
        + (f" ({counts})." if counts else ".")
    ]
    if summary.reduced:
        sentences.append(
            f"Showing {summary.nodes_shown:,} concepts, those of every type with the most "
            f"papers behind their relations, and the {summary.edges_shown:,} relations among "
            f"them; left out: {summary.nodes_total - summary.nodes_shown:,} concepts and "
            f"{summary.edges_total - summary.edges_shown:,} relations."
        )
    sentences.append(
        "Not drawn: mentions, the ontology hierarchy (IS_A) and DERIVED_FROM; concepts "
        "without such a relation."
    )
    return sentences
