"""The graph contract (DESIGN.md §3): node labels, edge types and how the graph is held.

The in-memory graph is a :class:`networkx.MultiDiGraph` whose node ids are the stable
identifiers (``pmid:39882532``, ``doi:10.3389/...``, ``orcid:...``, ``author:...``,
``inst:...``, ``journal:...``), whose node attribute ``label`` is the Neo4j label / RDF class,
and whose edges are keyed by their ``type`` so there is at most one edge of a type between two
nodes.  Attribute values are ``str``, ``int``, ``float``, ``bool`` or lists of ``str``/``int``;
``None`` values are never stored.  Every writer reads only this structure.
"""

from __future__ import annotations

from typing import Final, TypeAlias

import networkx as nx

__all__ = [
    "DERIVED_EDGE_TYPES",
    "EDGE_TYPES",
    "EVIDENCE_LISTS",
    "NODE_LABELS",
    "OPTIONAL_EVIDENCE_LISTS",
    "SYMMETRIC_EDGE_TYPES",
    "KnowledgeGraph",
    "new_graph",
]

KnowledgeGraph: TypeAlias = nx.MultiDiGraph

PAPER: Final = "Paper"
AUTHOR: Final = "Author"
INSTITUTION: Final = "Institution"
JOURNAL: Final = "Journal"

NODE_LABELS: Final = (
    PAPER,
    AUTHOR,
    INSTITUTION,
    JOURNAL,
    "Disease",
    "Therapy",
    "Chemical",
    "Mechanism",
    "CellType",
    "Molecule",
)

AUTHORED: Final = "AUTHORED"
AFFILIATED_WITH: Final = "AFFILIATED_WITH"
PUBLISHED_IN: Final = "PUBLISHED_IN"
CITES: Final = "CITES"
CO_AUTHORED_WITH: Final = "CO_AUTHORED_WITH"
COLLABORATES_WITH: Final = "COLLABORATES_WITH"

EDGE_TYPES: Final = (
    AUTHORED,
    AFFILIATED_WITH,
    PUBLISHED_IN,
    CITES,
    "MENTIONS",
    "TREATS",
    "ACTS_VIA",
    "IMPLICATED_IN",
    "TARGETS",
    "DERIVED_FROM",
    "IS_A",
    CO_AUTHORED_WITH,
    COLLABORATES_WITH,
)
# Evidence of an extracted relation: parallel lists on the edge, one position per supporting
# sentence (DESIGN.md §3).  The optional ones exist only on the types they apply to (levels on
# TREATS, directions on TARGETS); a position where they do not apply holds "".
EVIDENCE_LISTS: Final = (
    "paper",
    "sentence",
    "start",
    "end",
    "field",
    "extractor",
    "confidence",
    "modality",
)
OPTIONAL_EVIDENCE_LISTS: Final = ("levels", "directions")

# Derived from other edges; stored once per unordered pair (source id < target id).
DERIVED_EDGE_TYPES: Final = (CO_AUTHORED_WITH, COLLABORATES_WITH)
SYMMETRIC_EDGE_TYPES: Final = DERIVED_EDGE_TYPES


def new_graph() -> KnowledgeGraph:
    """An empty graph with the attributes writers put in their headers."""
    graph: KnowledgeGraph = nx.MultiDiGraph()
    graph.graph["name"] = "kg"
    return graph
