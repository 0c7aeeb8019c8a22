"""What tooltips and the details panel say about a node or an edge, and the years it spans.

Everything is plain text pairs; the page puts them in the DOM with ``textContent``, never as
HTML.  Links are made here only from identifiers :mod:`kg.namespaces` validates (PubMed,
DOI, ORCID, ROR, ontology terms), so a record cannot smuggle a ``javascript:`` address in.
Years come from papers: a paper's own year, the years of the papers an author wrote or a
concept is mentioned in, the papers behind a collaboration or a relation; the page's year
filter keeps an item when one of its years is in range.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from kg.graph.contract import DERIVED_EDGE_TYPES, KnowledgeGraph
from kg.namespaces import KGR, node_iri
from kg.views.model import Evidence

__all__ = ["Describer", "display_name"]

_MAX_EVIDENCE: Final = 25  # lines per edge in the page; the panel says how many more exist
_MAX_LISTED: Final = 3  # authors of a paper, institutions of an author, synonyms
_NAME_CHARS: Final = 300
_LINKED_SCHEMES: Final = (("PubMed", "pmid"), ("DOI", "doi"), ("ORCID", "orcid"), ("ROR", "ror"))
_PAPER_LISTS: Final = ("papers", "paper")
_UNEVEN_SPACE: Final = re.compile(r"\s\s|[^\S ]|^\s|\s$")  # runs, tabs, newlines, ends


def display_name(node: str, attributes: Mapping[str, Any]) -> str:
    """A node's name as people know it: name, title, citation text, else its id."""
    for key in ("name", "title", "citation"):
        value = attributes.get(key)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split()) if _UNEVEN_SPACE.search(value) else value
            return text if len(text) <= _NAME_CHARS else text[: _NAME_CHARS - 1] + "…"
    return node


class Describer:
    """Facts, links, evidence and years of the items of one graph."""

    def __init__(self, graph: KnowledgeGraph) -> None:
        self.graph = graph
        self._nodes = graph.nodes
        self._succ: Mapping[str, Any] = graph._succ  # raw dicts: the views cost 3x per edge
        self._pred: Mapping[str, Any] = graph._pred
        self._years: dict[str, int] | None = None

    # -- years ---------------------------------------------------------------------------

    def paper_year(self, node: str) -> int | None:
        if self._years is None:  # one pass, then a dict lookup per paper asked for
            attributes: Mapping[str, Mapping[str, Any]] = self.graph._node
            self._years = {
                paper: data["year"]
                for paper, data in attributes.items()
                if type(data.get("year")) is int and data.get("label") == "Paper"
            }
        return self._years.get(node)

    def node_years(self, node: str) -> tuple[int, ...]:
        """A paper's year, else the years of the papers around the node."""
        own = self.paper_year(node)
        if own is not None:
            return (own,)
        years: set[int] = set()
        for adjacency in (self._succ[node], self._pred[node]):
            for other, keyed in adjacency.items():
                year = self.paper_year(other)
                if year is not None:
                    years.add(year)  # an edge to a paper lists no other papers
                    continue
                for data in keyed.values():
                    years.update(self._listed_years(data))
        return tuple(sorted(years))

    def edge_years(self, source: str, target: str, data: Mapping[str, Any]) -> tuple[int, ...]:
        """The years of the papers behind an edge (the citing paper's for CITES)."""
        listed = self._listed_years(data)
        if listed:
            return tuple(sorted(listed))
        for end in (source, target):
            year = self.paper_year(end)
            if year is not None:
                return (year,)
        return ()

    def _listed_years(self, data: Mapping[str, Any]) -> set[int]:
        years: set[int] = set()
        for key in _PAPER_LISTS:
            papers = data.get(key)
            if isinstance(papers, list):
                for paper in papers:
                    year = self.paper_year(paper) if isinstance(paper, str) else None
                    if year is not None:
                        years.add(year)
        return years

    # -- nodes ---------------------------------------------------------------------------

    def name(self, node: str) -> str:
        return display_name(node, self._nodes[node])

    def facts(self, node: str) -> list[tuple[str, str]]:
        """(what, value) lines for the node's tooltip and panel, most useful first."""
        attributes = self._nodes[node]
        label = str(attributes.get("label", ""))
        facts: list[tuple[str, str]] = []
        if label == "Paper":
            facts += self._paper_facts(node, attributes)
        elif label == "Author":
            facts += self._author_facts(node, attributes)
        elif label == "Institution":
            facts += _present(attributes, ("city", "City"), ("country", "Country"))
            facts += _present(attributes, ("paper_count", "Papers"))
            authors = sum(1 for keyed in self._pred[node].values() if "AFFILIATED_WITH" in keyed)
            facts.append(("Authors", f"{authors:,}"))
            facts += _metrics(attributes)
        elif label == "Journal":
            facts += _present(attributes, ("title", "Title"), ("issn", "ISSN"))
            papers = sum(1 for keyed in self._pred[node].values() if "PUBLISHED_IN" in keyed)
            facts.append(("Papers here", f"{papers:,}"))
        elif "concept_id" in attributes:
            facts += _present(attributes, ("ontology", "Ontology"))
            facts += _listed(attributes.get("synonyms"), "Also called")
            papers = sum(1 for keyed in self._pred[node].values() if "MENTIONS" in keyed)
            facts.append(("Papers mentioning it", f"{papers:,}"))
        facts.append(("Id", node))
        return facts

    def _paper_facts(self, node: str, attributes: Mapping[str, Any]) -> list[tuple[str, str]]:
        facts = _present(attributes, ("year", "Year"), ("journal", "Journal"))
        authors = sorted(
            (keyed["AUTHORED"].get("position", 0), self.name(author))
            for author, keyed in self._pred[node].items()
            if "AUTHORED" in keyed
        )
        facts += _listed([name for _, name in authors], "Authors", more="et al.")
        facts += _present(attributes, ("study_design", "Study design"))
        if attributes.get("in_corpus") is False:
            facts.append(("Source", "cited by the inputs, not among them"))
        return facts

    def _author_facts(self, node: str, attributes: Mapping[str, Any]) -> list[tuple[str, str]]:
        places = sorted(
            (
                -_number(keyed["AFFILIATED_WITH"].get("weight", 1)),
                self.name(place),
            )
            for place, keyed in self._succ[node].items()
            if "AFFILIATED_WITH" in keyed
        )
        facts = _listed([name for _, name in places], "Institutions")
        papers = attributes.get("paper_count")
        if not isinstance(papers, int):
            papers = sum(1 for keyed in self._succ[node].values() if "AUTHORED" in keyed)
        facts.append(("Papers", f"{papers:,}"))
        return facts + _metrics(attributes)

    def links(self, node: str) -> list[tuple[str, str]]:
        """(text, https address) of every public record of the node."""
        attributes = self._nodes[node]
        found: list[tuple[str, str]] = []
        for text, scheme in _LINKED_SCHEMES:
            value = attributes.get(scheme)
            if isinstance(value, str) and value:
                iri = _resolvable(f"{scheme}:{value}")
                if iri:
                    found.append((text, iri))
        own = _resolvable(node)
        if own and own not in {iri for _, iri in found}:
            found.append((node.partition(":")[0], own))
        return found

    # -- edges ---------------------------------------------------------------------------

    def edge_facts(self, edge_type: str, data: Mapping[str, Any]) -> list[tuple[str, str]]:
        facts: list[tuple[str, str]] = []
        weight = data.get("weight")
        if isinstance(weight, int | float) and edge_type in DERIVED_EDGE_TYPES:
            facts.append(("Joint papers", f"{weight:,}"))
        elif isinstance(weight, int | float):
            facts.append(("Papers", f"{weight:,}"))
        if "evidence_level" in data:
            facts.append(("Strongest evidence", str(data["evidence_level"])))
        if "asserted" in data:
            facts.append(
                ("Asserted", "yes" if data["asserted"] else "no: hedged or low-precision only")
            )
        facts += _present(data, ("direction", "Direction"), ("count", "Mentions"))
        facts += _present(data, ("position", "Author position"), ("ontology", "Ontology"))
        return facts

    def evidence(self, data: Mapping[str, Any]) -> tuple[list[Evidence], int]:
        """Supporting sentences of a relation, or the joint papers of a collaboration."""
        sentences = data.get("sentence")
        papers = data.get("paper")
        if isinstance(sentences, list) and isinstance(papers, list):
            levels = data.get("levels") or [""] * len(sentences)
            modalities = data.get("modality") or [""] * len(sentences)
            rows = [
                Evidence(str(text), str(paper), _resolvable(str(paper)), str(level), str(mode))
                for text, paper, level, mode in zip(
                    sentences, papers, levels, modalities, strict=False
                )
            ]
            return rows[:_MAX_EVIDENCE], len(rows)
        joint = data.get("papers")
        if isinstance(joint, list):
            rows = [
                Evidence(
                    self.name(paper) if paper in self._nodes else str(paper),
                    str(paper),
                    _resolvable(str(paper)),
                )
                for paper in joint
            ]
            return rows[:_MAX_EVIDENCE], len(rows)
        return [], 0


def _present(attributes: Mapping[str, Any], *pairs: tuple[str, str]) -> list[tuple[str, str]]:
    facts = []
    for key, title in pairs:
        value = attributes.get(key)
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        if value is not None and value != "":
            facts.append((title, str(value)))
    return facts


def _listed(values: object, title: str, more: str = "") -> list[tuple[str, str]]:
    if not isinstance(values, list) or not values:
        return []
    shown = ", ".join(str(value) for value in values[:_MAX_LISTED])
    rest = len(values) - _MAX_LISTED
    if rest > 0:
        shown += f" {more}" if more else f" and {rest:,} more"
    return [(title, shown)]


def _metrics(attributes: Mapping[str, Any]) -> list[tuple[str, str]]:
    facts = []
    for key, title in (("community", "Community"), ("degree", "Collaborators")):
        value = attributes.get(key)
        if isinstance(value, int):
            facts.append((title, f"{value:,}"))
    for key, title in (("pagerank", "PageRank"), ("betweenness", "Betweenness")):
        value = attributes.get(key)
        if isinstance(value, float):
            facts.append((title, f"{value:.4g}"))
    return facts


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _resolvable(node_id: str) -> str | None:
    """The public address of an id, or None when only kg's own namespace would name it."""
    iri = node_iri(node_id)
    return None if iri.startswith(KGR) else iri
