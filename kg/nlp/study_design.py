"""The evidence level of a claim, from the study design its paper or sentence states.

Cues are words and word pairs looked up in sets, not regular expressions: a regular
expression of alternatives costs ~100 µs per abstract, a set lookup of its words ~15 µs.

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

_TOKEN: Final = re.compile(r"[a-z0-9]+(?:[/-][a-z0-9]+)*")

# Each design's cue words and word pairs, most specific design first.
_CUES: Final[tuple[tuple[str, frozenset[str], frozenset[str]], ...]] = (
    (
        RCT,
        frozenset(
            [
                "randomized",
                "randomised",
                "randomly",
                "rct",
                "rcts",
                "double-blind",
                "double-blinded",
                "placebo-controlled",
            ]
        ),
        frozenset({"controlled trial", "controlled trials", "double blind", "placebo controlled"}),
    ),
    (
        CLINICAL,
        frozenset(["patient", "patients", "participants", "volunteers", "cohort", "enrolled"]),
        frozenset(
            {
                "clinical trial",
                "clinical trials",
                "clinical study",
                "clinical studies",
                "case series",
                "case report",
                *(f"phase {number}" for number in ("i", "ii", "iii", "1", "2", "3")),
            }
        ),
    ),
    (
        ANIMAL,
        frozenset(
            [
                "mice",
                "mouse",
                "murine",
                "rat",
                "rats",
                "rabbit",
                "rabbits",
                "canine",
                "dog",
                "dogs",
                "equine",
                "horse",
                "horses",
                "porcine",
                "pig",
                "pigs",
                "primate",
                "primates",
                "monkey",
                "monkeys",
                "zebrafish",
                "xenograft",
                "xenografts",
                "mrl/lpr",
                "nzb/w",
                "cia",
                "aia",
                "knockout",
                "knock-out",
            ]
        ),
        frozenset({"in vivo", "animal model", "animal models"}),
    ),
    (
        IN_VITRO,
        frozenset(
            ["cultured", "co-culture", "co-cultured", "coculture", "cocultured", "transwell"]
        ),
        frozenset({"in vitro", "ex vivo", "cell line", "cell lines"}),
    ),
)
_REVIEW_OPENERS: Final = frozenset({"this", "our", "we", "present", "a"})
_REVIEW_PAIRS: Final = frozenset({"systematic review", "systematic reviews", "meta analysis"})
_REVIEW_TYPES: Final = frozenset({"review", "systematic review", "meta-analysis"})
_RCT_TYPES: Final = frozenset({"randomized controlled trial", "controlled clinical trial"})
_CLINICAL_TYPES: Final = re.compile(
    r"clinical (?:trial|study)|observational study|case reports|multicenter study",
    re.IGNORECASE,
)


class _Cues:
    """The words of a text, and the text as single-spaced words for word-pair lookups."""

    __slots__ = ("joined", "tokens", "words")

    def __init__(self, text: str) -> None:
        self.tokens: list[str] = _TOKEN.findall(text.lower())
        self.words = set(self.tokens)
        self.joined = f" {' '.join(self.tokens).replace('-', ' ')} "

    def has_pair(self, pairs: frozenset[str]) -> bool:
        return any(f" {pair} " in self.joined for pair in pairs)

    def designs(self) -> list[str]:
        return [
            level
            for level, cue_words, cue_pairs in _CUES
            if self.words & cue_words or self.has_pair(cue_pairs)
        ]

    def states_review(self) -> bool:
        if self.has_pair(_REVIEW_PAIRS) or "meta-analysis" in self.words:
            return True
        if "review" not in self.joined:
            return False
        tokens = self.tokens
        return any(
            token.startswith("review") and _REVIEW_OPENERS.intersection(tokens[max(0, i - 4) : i])
            for i, token in enumerate(tokens)
        )


def sentence_design(sentence: str) -> str | None:
    """The strongest study design a sentence names, or None."""
    designs = _Cues(sentence).designs()
    return designs[0] if designs else None


def paper_design(publication_types: Iterable[str], sentences: Iterable[str]) -> str:
    """The design of a paper: its publication types first, then what its abstract states."""
    types = {kind.strip().lower() for kind in publication_types}
    if types & _REVIEW_TYPES:
        return REVIEW
    if types & _RCT_TYPES:
        return RCT
    cues = _Cues("\n".join(sentences))
    if cues.states_review():
        return REVIEW
    found = set(cues.designs())
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
