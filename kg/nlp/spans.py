"""Where a disease mention begins and ends: clinical modifiers and coordinated names.

A dictionary finds "colorectal cancer"; the text says "stage II colorectal cancer", "sporadic
aniridia" or "breast or ovarian cancer".  The annotated corpora (and a reader) take the whole
phrase as the mention, and "breast or ovarian cancer" names two diseases.  These rules widen a
disease mention over the modifiers that name a kind of disease (inheritance, onset, type,
sporadic/familial) and over a coordinated name whose own form is in the
lexicon ("breast" + "cancer" = breast cancer).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

__all__ = ["coordinated_start", "widen_with_modifiers"]

# Modifiers that name a kind of the disease (how it is inherited, when it starts, its type);
# not the state of one patient's disease (stage, grade, recurrent, metastatic), which the
# corpora and readers keep out of the disease's name.
_MODIFIER: Final = re.compile(
    r"(?:\b(?:sporadic|familial|hereditary|inherited|congenital|classical"
    r"|(?:adult|early|late|childhood|juvenile|infantile)[- ]onset"
    r"|autosomal(?: dominant| recessive)?|X-linked(?: recessive| dominant)?"
    r"|type (?:[IVX]+|[0-9]+)[A-Za-z]?)\s+)$",
    re.IGNORECASE,
)
_TYPE_SUFFIX: Final = re.compile(r"\s+types?\s+(?:[IVX]+|[0-9]+)[A-Za-z]?\b")
_LOOKBACK: Final = 40
_CONJUNCTS: Final = re.compile(
    r"((?:[A-Za-z][\w-]*,\s+){0,4}[A-Za-z][\w-]*,?\s+(?:and/or|and|or)\s+)$"
)


_MODIFIER_LAST_WORDS: Final = frozenset(
    [
        "sporadic",
        "familial",
        "hereditary",
        "inherited",
        "congenital",
        "classical",
        "onset",
        "dominant",
        "recessive",
        "autosomal",
        "x-linked",
    ]
)


def _may_end_modifier(word: str) -> bool:
    """Cheap test before the regular expression: can ``word`` end a modifier?"""
    lowered = word.lower()
    return (
        lowered in _MODIFIER_LAST_WORDS
        or lowered.endswith("-onset")
        or lowered.rstrip("abcdefgh").isdigit()
        or re.fullmatch(r"[ivx]+[a-h]?", lowered) is not None
    )


def widen_with_modifiers(text: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """The span widened over classifying modifiers before it (not before ``floor``) and a
    ``type N`` after it."""
    while True:
        previous = text[max(floor, start - 20) : start].rsplit(None, 1)
        if not previous or not _may_end_modifier(previous[-1]):
            break
        window_start = max(floor, start - _LOOKBACK)
        match = _MODIFIER.search(text, window_start, start)
        if match is None or match.end() != start:
            break
        start = match.start()
    suffix = _TYPE_SUFFIX.match(text, end)
    if suffix is not None:
        end = suffix.end()
    return start, end


def coordinated_start(
    text: str, start: int, end: int, floor: int, lookup: Callable[[str], int | None]
) -> tuple[int, list[int]]:
    """Start of "A, B and <mention>" and the concepts of "A <head>", "B <head>" when the
    lexicon knows them; ``(start, [])`` when the words before are not such conjuncts."""
    previous = text[max(floor, start - 8) : start].rsplit(None, 1)
    if not previous or previous[-1] not in ("and", "or", "and/or"):
        return start, []
    window_start = max(floor, start - 4 * _LOOKBACK)
    match = _CONJUNCTS.search(text, window_start, start)
    if match is None or match.end() != start:
        return start, []
    words = text[start:end].split()
    head = " ".join(words[1:]) if len(words) > 1 else " ".join(words)
    conjuncts = re.findall(r"[A-Za-z][\w-]*", match.group(1))
    conjuncts = [word for word in conjuncts if word.lower() not in ("and", "or")]
    concepts: list[int] = []
    for word in conjuncts:
        concept = lookup(f"{word} {head}")
        if concept is None:
            return start, []
        concepts.append(concept)
    return match.start(), concepts
