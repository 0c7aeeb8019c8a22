"""The evidence level of a claim, from the study design its paper or sentence states.

Levels, strongest first: a randomised controlled trial, another clinical study, an animal
model, an in-vitro study, a review.  A review restates other people's findings, so every claim
of a review is review-level whatever design its sentence names; in a primary paper the design
named in the sentence itself wins (an abstract may report a mouse experiment and a cell
culture), else the strongest design the abstract states.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

__all__ = [
    "ANIMAL",
    "CLINICAL",
    "IN_VITRO",
    "LEVELS",
    "RCT",
    "REVIEW",
    "UNSPECIFIED",
    "claim_level",
    "paper_design",
    "sentence_design",
]

RCT: Final = "randomised controlled trial"
CLINICAL: Final = "clinical study"
ANIMAL: Final = "animal model"
IN_VITRO: Final = "in vitro"
REVIEW: Final = "review"
UNSPECIFIED: Final = "unspecified"
LEVELS: Final = (RCT, CLINICAL, ANIMAL, IN_VITRO, REVIEW, UNSPECIFIED)

_CUES: Final = (
    (
        RCT,
        re.compile(
            r"\brandomi[sz]ed\b|\bplacebo[- ]controlled\b|\bdouble[- ]blind|\bRCTs?\b"
            r"|\bcontrolled (?:clinical )?trials?\b",
            re.IGNORECASE,
        ),
    ),
    (
        CLINICAL,
        re.compile(
            r"\bpatients?\b|\bclinical (?:trials?|stud(?:y|ies))\b|\bphase (?:I{1,3}|[1-3])\b"
            r"|\bparticipants\b|\bvolunteers\b|\bcohort\b|\bcase (?:series|report)\b|\benrolled\b",
            re.IGNORECASE,
        ),
    ),
    (
        ANIMAL,
        re.compile(
            r"\b(?:mice|mouse|murine|rats?|rabbits?|canine|dogs?|equine|horses?|porcine|pigs?"
            r"|primates?|monkeys?|zebrafish|in vivo|animal models?|xenograft)\b"
            r"|MRL/lpr|NZB/W|\bCIA\b|\bAIA\b|\bknock-?out\b",
            re.IGNORECASE,
        ),
    ),
    (
        IN_VITRO,
        re.compile(
            r"\bin vitro\b|\bex vivo\b|\bco-?cultur|\bcultured\b|\bcell lines?\b|\btranswell\b",
            re.IGNORECASE,
        ),
    ),
)
_REVIEW_TEXT: Final = re.compile(
    r"\b(?:this|our|the present|we) (?:\w+ ){0,2}review\b|\bsystematic review\b|\bmeta-analys",
    re.IGNORECASE,
)
_REVIEW_TYPES: Final = frozenset({"review", "systematic review", "meta-analysis"})
_RCT_TYPES: Final = frozenset({"randomized controlled trial", "controlled clinical trial"})
_CLINICAL_TYPES: Final = re.compile(
    r"clinical (?:trial|study)|observational study|case reports|multicenter study",
    re.IGNORECASE,
)


def sentence_design(sentence: str) -> str | None:
    """The strongest study design a sentence names, or None."""
    for level, cue in _CUES:
        if cue.search(sentence):
            return level
    return None


def paper_design(publication_types: Iterable[str], sentences: Iterable[str]) -> str:
    """The design of a paper: its publication types first, then what its abstract states."""
    types = {kind.strip().lower() for kind in publication_types}
    if types & _REVIEW_TYPES:
        return REVIEW
    if types & _RCT_TYPES:
        return RCT
    texts = list(sentences)
    if any(_REVIEW_TEXT.search(text) for text in texts):
        return REVIEW
    found = {level for level in map(sentence_design, texts) if level is not None}
    if any(_CLINICAL_TYPES.search(kind) for kind in types):
        found.add(CLINICAL)
    for level in LEVELS:
        if level in found:
            return level
    return UNSPECIFIED


def claim_level(paper_level: str, sentence: str) -> str:
    """The evidence level of one sentence's claim in a paper of ``paper_level``."""
    if paper_level == REVIEW:
        return REVIEW
    level = sentence_design(sentence)
    if level is None or (paper_level == RCT and level == CLINICAL):
        return paper_level  # the patients of a trial are the trial's
    return level
