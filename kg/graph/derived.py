"""Derived networks: co-authorship between authors, collaboration between institutions.

Each pair is stored once (source id < target id) with ``weight`` = number of joint papers and
``papers`` = their ids.  Papers with very long bylines (consortia with hundreds of authors)
would add hundreds of thousands of pairs that say little about who works with whom, so
papers above ``max_authors`` authors (or institutions) add no pairs; the build reports how
many papers that skipped, as bibliometric tools commonly do.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from kg.graph.bibliographic import BibliographicLayer
from kg.graph.contract import CO_AUTHORED_WITH, COLLABORATES_WITH, KnowledgeGraph

__all__ = ["DerivedSummary", "add_derived_edges"]

DEFAULT_MAX_AUTHORS = 100


@dataclass(frozen=True, slots=True)
class DerivedSummary:
    """What the derivation did, for the manifest."""

    co_authorship_pairs: int
    collaboration_pairs: int
    papers_skipped_for_size: int
    max_authors: int


def add_derived_edges(
    layer: BibliographicLayer, max_authors: int = DEFAULT_MAX_AUTHORS
) -> DerivedSummary:
    """Add CO_AUTHORED_WITH and COLLABORATES_WITH edges to ``layer.graph``."""
    skipped = 0
    co_authors = 0
    collaborations = 0
    for paper, authors in layer.paper_authors.items():
        if len(authors) > max_authors:
            skipped += 1
            continue
        co_authors += _link_pairs(layer.graph, authors, paper, CO_AUTHORED_WITH)
    for paper, places in layer.paper_institutions.items():
        if len(places) > max_authors:
            continue
        collaborations += _link_pairs(layer.graph, places, paper, COLLABORATES_WITH)
    return DerivedSummary(co_authors, collaborations, skipped, max_authors)


def _link_pairs(graph: KnowledgeGraph, members: list[str], paper: str, kind: str) -> int:
    """Add or strengthen one edge per unordered pair; returns how many pairs were new."""
    new = 0
    for first, second in combinations(sorted(set(members)), 2):
        data = graph.get_edge_data(first, second, key=kind)
        if data is None:
            graph.add_edge(first, second, key=kind, type=kind, weight=1, papers=[paper])
            new += 1
        elif data["papers"][-1] != paper:
            data["papers"].append(paper)
            data["weight"] += 1
    return new
