"""The biomedical layer: concept nodes, MENTIONS, evidence-carrying relations and IS_A.

Each paper is annotated (:mod:`kg.nlp.annotate`); its mentions become ``MENTIONS`` edges
{count, fields} and its relations become typed edges between concept nodes.  One edge per
(source, type, target) gathers the evidence of every paper that states the relation, as
parallel lists (``paper``, ``sentence``, ``start``, ``end``, ``field``, ``extractor``,
``confidence``, ``modality`` and, where they apply, ``levels`` and ``directions``), the form
every writer carries (RDF turns each position into an evidence node).  Scalars summarise the
lists: ``weight`` (papers stating it), ``asserted`` (some evidence is neither hedged nor a
low-precision ``candidate``),
``evidence_level`` (the strongest asserted level, for TREATS) and ``direction`` (the majority,
for TARGETS).

IS_A edges bring in the ontology ancestors of every grounded concept, so a question about
"autoimmune disease" reaches papers that only say "lupus".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kg.graph.contract import EVIDENCE_LISTS, OPTIONAL_EVIDENCE_LISTS, KnowledgeGraph
from kg.model import Record
from kg.nlp.annotate import Annotator
from kg.nlp.lexicon import ConceptInfo
from kg.nlp.recognize import Mention
from kg.nlp.relations import ASSERTED, CANDIDATE, SPECULATIVE, Relation
from kg.nlp.study_design import LEVELS

__all__ = ["BiomedicalSummary", "add_biomedical_layer"]

MENTIONS = "MENTIONS"
_MADE_BY = {
    "Mechanism": "kg relation extractor: a change of a molecule named as a mechanism",
    "Chemical": "kg recogniser: a drug name known by its INN stem, not in the lexicon",
}
IS_A = "IS_A"
_LIST_ATTRIBUTES = EVIDENCE_LISTS


@dataclass
class BiomedicalSummary:
    """Counts for the manifest."""

    papers_annotated: int = 0
    mentions: int = 0
    relations: int = 0
    speculative_relations: int = 0
    candidate_relations: int = 0
    study_designs: dict[str, int] = field(default_factory=dict)
    concepts_by_label: dict[str, int] = field(default_factory=dict)


def add_biomedical_layer(
    graph: KnowledgeGraph,
    papers: Iterable[tuple[str, Record]],
    annotator: Annotator,
    *,
    on_paper: Callable[[], None] = lambda: None,
) -> BiomedicalSummary:
    """Annotate every (paper node, record) pair and add what it says to ``graph``."""
    summary = BiomedicalSummary()
    designs: Counter[str] = Counter()
    for node, record in papers:
        annotation = annotator.annotate_record(record)
        summary.papers_annotated += 1
        designs[annotation.study_design] += 1
        graph.nodes[node]["study_design"] = annotation.study_design
        _add_mentions(graph, annotator, node, annotation.mentions)
        summary.mentions += len(annotation.mentions)
        for relation in annotation.relations:
            _add_relation(graph, annotator, node, relation)
            summary.relations += 1
            summary.speculative_relations += relation.modality == SPECULATIVE
            summary.candidate_relations += relation.modality == CANDIDATE
        on_paper()
    _add_ancestors(graph, annotator)
    _finish_relations(graph)
    summary.study_designs = dict(sorted(designs.items()))
    labels: Counter[str] = Counter()
    for _, data in graph.nodes(data=True):
        if "concept_id" in data:
            labels[str(data["label"])] += 1
    summary.concepts_by_label = dict(sorted(labels.items()))
    return summary


def _concept_attributes(info: ConceptInfo) -> dict[str, object]:
    attributes: dict[str, object] = {
        "label": info.label,
        "name": info.name,
        "concept_id": info.id,
        "ontology": info.id.partition(":")[0],
    }
    if info.synonyms:
        attributes["synonyms"] = list(info.synonyms)
    if info.xrefs:
        attributes["xrefs"] = list(info.xrefs)
    if info.standard_id:
        attributes["standard_id"] = info.standard_id
    for key in ("direction", "curated"):
        value = info.extra.get(key)
        if isinstance(value, str | bool):
            attributes[key] = value
    return attributes


def _ensure_concept(
    graph: KnowledgeGraph,
    annotator: Annotator,
    concept_id: str,
    name: str | None = None,
    label: str = "Mechanism",
) -> bool:
    """Add the node of ``concept_id`` if missing; False when the id is unknown and unnamed.

    Concepts outside the lexicon are the extractor's own: a molecule's change named as a
    mechanism, or a drug known only by its INN stem.
    """
    if concept_id in graph:
        return True
    info = annotator.lexicon.concept(concept_id)
    if info is not None:
        graph.add_node(concept_id, **_concept_attributes(info))
        return True
    if name is None:
        return False
    graph.add_node(
        concept_id,
        label=label,
        name=name,
        concept_id=concept_id,
        ontology="KG",
        grounded=False,
        made_by=_MADE_BY.get(label, "kg"),
    )
    return True


def _add_mentions(
    graph: KnowledgeGraph, annotator: Annotator, paper: str, mentions: list[Mention]
) -> None:
    counts: Counter[str] = Counter()
    fields: dict[str, set[str]] = {}
    first: dict[str, Mention] = {}
    for mention in mentions:
        counts[mention.concept] += 1
        fields.setdefault(mention.concept, set()).add(mention.field)
        first.setdefault(mention.concept, mention)
    for concept_id, count in counts.items():
        seen = first[concept_id]
        if _ensure_concept(graph, annotator, concept_id, seen.text, seen.label):
            graph.add_edge(
                paper,
                concept_id,
                key=MENTIONS,
                type=MENTIONS,
                count=count,
                fields=sorted(fields[concept_id]),
            )


def _add_relation(
    graph: KnowledgeGraph, annotator: Annotator, paper: str, relation: Relation
) -> None:
    if not _ensure_concept(graph, annotator, relation.source, relation.source_name):
        return
    if not _ensure_concept(graph, annotator, relation.target, relation.target_name):
        return
    if graph.has_edge(relation.source, relation.target, key=relation.type):
        data = graph.edges[relation.source, relation.target, relation.type]
    else:
        graph.add_edge(relation.source, relation.target, key=relation.type, type=relation.type)
        data = graph.edges[relation.source, relation.target, relation.type]
        for name in _LIST_ATTRIBUTES:
            data[name] = []
    sentence = relation.sentence
    row: dict[str, object] = {
        "paper": paper,
        "sentence": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
        "field": sentence.field,
        "extractor": relation.extractor,
        "confidence": relation.confidence,
        "modality": relation.modality,
    }
    if relation.evidence_level is not None:
        row["levels"] = relation.evidence_level
    if relation.direction is not None:
        row["directions"] = relation.direction
    for existing_paper, existing_start, existing_field, existing_rule in zip(
        data["paper"], data["start"], data["field"], data["extractor"], strict=True
    ):
        if (existing_paper, existing_start, existing_field, existing_rule) == (
            paper,
            sentence.start,
            sentence.field,
            relation.extractor,
        ):
            return  # the same sentence said it twice (two mentions of one concept)
    optional = OPTIONAL_EVIDENCE_LISTS
    for name in optional:
        if name in row and name not in data:
            data[name] = [""] * len(data["paper"])
    for name in (*_LIST_ATTRIBUTES, *optional):
        if name in data:
            data[name].append(row.get(name, ""))


def _finish_relations(graph: KnowledgeGraph) -> None:
    """Scalars that summarise each relation's evidence."""
    rank = {level: position for position, level in enumerate(LEVELS)}
    for _, _, data in graph.edges(data=True):
        if "modality" not in data:
            continue
        data["weight"] = len(set(data["paper"]))
        asserted = [value == ASSERTED for value in data["modality"]]
        data["asserted"] = any(asserted)
        if "levels" in data:
            levels = [
                level
                for level, fact in zip(data["levels"], asserted, strict=True)
                if level and (fact or not any(asserted))
            ]
            if levels:
                data["evidence_level"] = min(levels, key=lambda level: rank.get(level, 99))
        if "directions" in data:
            directions = Counter(value for value in data["directions"] if value)
            if directions:
                data["direction"] = _majority(directions)


def _majority(counts: Counter[str]) -> str:
    (value, _), *_rest = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return value


def _add_ancestors(graph: KnowledgeGraph, annotator: Annotator) -> None:
    """IS_A edges from every concept node up through its ontology parents."""
    pending = [node for node, data in graph.nodes(data=True) if "concept_id" in data]
    seen = set(pending)
    while pending:
        concept_id = pending.pop()
        info = annotator.lexicon.concept(concept_id)
        if info is None:
            continue
        for parent in info.parents:
            if parent == concept_id or not _ensure_concept(graph, annotator, parent):
                continue
            graph.add_edge(
                concept_id, parent, key=IS_A, type=IS_A, ontology=parent.partition(":")[0]
            )
            if parent not in seen:
                seen.add(parent)
                pending.append(parent)
