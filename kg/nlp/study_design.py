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

import itertools
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


def _words_and_pairs(text: str) -> tuple[list[str], set[str], set[str]]:
    tokens = _TOKEN.findall(text.lower())
    pairs = {f"{first} {second}" for first, second in itertools.pairwise(tokens)}
    pairs.update(token.replace("-", " ") for token in tokens if "-" in token)
    return tokens, set(tokens), pairs


def _designs(words: set[str], pairs: set[str]) -> list[str]:
    return [
        level for level, cue_words, cue_pairs in _CUES if words & cue_words or pairs & cue_pairs
    ]


def _states_review(tokens: list[str], pairs: set[str]) -> bool:
    if pairs & _REVIEW_PAIRS or "meta-analysis" in tokens:
        return True
    return any(
        token.startswith("review") and _REVIEW_OPENERS.intersection(tokens[max(0, i - 4) : i])
        for i, token in enumerate(tokens)
    )


def sentence_design(sentence: str) -> str | None:
    """The strongest study design a sentence names, or None."""
    _, words, pairs = _words_and_pairs(sentence)
    designs = _designs(words, pairs)
    return designs[0] if designs else None


def paper_design(publication_types: Iterable[str], sentences: Iterable[str]) -> str:
    """The design of a paper: its publication types first, then what its abstract states."""
    types = {kind.strip().lower() for kind in publication_types}
    if types & _REVIEW_TYPES:
        return REVIEW
    if types & _RCT_TYPES:
        return RCT
    tokens, words, pairs = _words_and_pairs("\n".join(sentences))
    if _states_review(tokens, pairs):
        return REVIEW
    found = set(_designs(words, pairs))
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
