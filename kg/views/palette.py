"""The colours of the views, in one place so every page and its legend agree.

Node labels keep the colours the overview always had (Tableau 10: distinct and kinder to
colour-blind readers than the browser defaults).  Categories without a fixed colour
(communities, countries) take the same ten colours by rank and share one grey beyond them:
more than ten hues cannot be told apart, so the legend says which ten are coloured.
Evidence levels run from dark green (randomised trial) to red (in vitro), purple for
reviews, as in evidence pyramids.
"""

from __future__ import annotations

from typing import Final

from kg.nlp.study_design import ANIMAL, CLINICAL, IN_VITRO, RCT, REVIEW, UNSPECIFIED

__all__ = [
    "CATEGORY_COLOURS",
    "EDGE_COLOUR",
    "EVIDENCE_COLOURS",
    "LABEL_COLOURS",
    "OTHER_COLOUR",
    "RELATION_COLOURS",
    "label_colour",
]

LABEL_COLOURS: Final[dict[str, str]] = {
    "Paper": "#4e79a7",
    "Author": "#f28e2b",
    "Institution": "#59a14f",
    "Journal": "#b07aa1",
    "Disease": "#e15759",
    "Therapy": "#76b7b2",
    "Chemical": "#edc948",
    "Mechanism": "#ff9da7",
    "CellType": "#9c755f",
    "Molecule": "#bab0ac",
}
CATEGORY_COLOURS: Final = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#86bcb6",
)
OTHER_COLOUR: Final = "#9d9d9d"
EDGE_COLOUR: Final = "#c4c4c4"
EVIDENCE_COLOURS: Final[dict[str, str]] = {
    RCT: "#1a7837",
    CLINICAL: "#5aae61",
    ANIMAL: "#f4a442",
    IN_VITRO: "#d6604d",
    REVIEW: "#8073ac",
    UNSPECIFIED: "#878787",
}
# Relations without an evidence level (everything but TREATS) are told apart by type.
RELATION_COLOURS: Final[dict[str, str]] = {
    "ACTS_VIA": "#2c7fb8",
    "IMPLICATED_IN": "#c51b7d",
    "TARGETS": "#7f3b08",
}


def label_colour(label: str) -> str:
    """The colour of a node label; grey for labels outside the contract."""
    return LABEL_COLOURS.get(label, OTHER_COLOUR)
