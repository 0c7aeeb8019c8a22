"""Institution nodes: which institutions an affiliation names, and adding them to the graph.

One place that every stage asks (the bibliographic layer for nodes, author identity for
"same institution" evidence), so that grounding institutions better improves both at once.
A node is ``ror:<id>`` when the organisation was found in ROR, else ``inst:<name key>-<cc>``
(spelling variants of one name share the key); see :mod:`kg.institutions.grounding`.
"""

from __future__ import annotations

from kg.graph.contract import INSTITUTION, KnowledgeGraph
from kg.institutions.grounding import GroundedInstitution, ground_affiliation

__all__ = ["add_institution", "ground_affiliation", "institution_ids"]

_MAX_ALIASES = 20
_MAX_DEPARTMENTS = 50


def institution_ids(affiliation: str) -> list[str]:
    """The Institution node ids named by ``affiliation``, in order, without repeats."""
    return [institution.id for institution in ground_affiliation(affiliation)]


def add_institution(graph: KnowledgeGraph, institution: GroundedInstitution) -> str:
    """Add the node of ``institution`` or enrich it with this affiliation's details."""
    node = institution.id
    if node not in graph:
        graph.add_node(node, label=INSTITUTION, name=institution.name, paper_count=0)
    attributes = graph.nodes[node]
    for key, value in (
        ("ror", institution.ror),
        ("matched_by", institution.matched_by),
        ("city", institution.city),
        ("region", institution.region),
        ("country", institution.country),
        ("country_code", institution.country_code),
        ("parent", institution.parent),
        ("parent_ror", institution.parent_ror),
        ("inactive_ror", institution.inactive_ror),
    ):
        if value is not None and key not in attributes:
            attributes[key] = value
    if institution.types and "ror_types" not in attributes:
        attributes["ror_types"] = list(institution.types)
    spelling = institution.written_name or institution.name
    _append_capped(attributes, "aliases", spelling, _MAX_ALIASES)
    if institution.department:
        _append_capped(attributes, "departments", institution.department, _MAX_DEPARTMENTS)
    return node


def _append_capped(attributes: dict[str, object], key: str, value: str, cap: int) -> None:
    values = attributes.setdefault(key, [])
    assert isinstance(values, list)
    if value not in values and len(values) < cap:
        values.append(value)
