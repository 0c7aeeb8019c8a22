"""Abbreviations defined in a text, found with the algorithm of Schwartz & Hearst (2003).

Abstracts define their short forms once ("systemic lupus erythematosus (SLE)") and then use
them bare; recognition needs the definitions to ground later mentions of "SLE", and to trust an
ambiguous short form (CIA, AD, MS, RA ...) only where the text says what it means.

The algorithm, as Schwartz and Hearst describe it:

* Candidates are parentheses.  In ``long form (SF)`` the short form is the parenthesised text, up
  to a ``;`` or ``,`` (so ``(SLE; n = 20)`` gives ``SLE``); if that is not a plausible short
  form, the ``SF (long form)`` order is tried with the word before the parenthesis.
* A short form has 2 to 10 characters, starts with a letter or digit and contains a letter.
* The long-form candidate is at most ``min(|SF| + 5, |SF| * 2)`` words (|SF| in characters)
  immediately before the parenthesis, and does not reach back over a sentence end or another
  bracket.
* The short form's letters and digits are matched right to left against the candidate, each one
  further left than the one before, case-insensitively; the short form's first character must
  start a word.  The long form runs from that word to the parenthesis, and must be longer than
  the short form and must not contain it as a word.

Extensions that real abstracts need: hyphens, digits and Greek letters in short forms
(``MSC-sEVs``, ``IL-1β``, ``TNF-α``; a Greek letter also matches the initial of its spelled name,
so ``TNF-α`` fits "tumour necrosis factor alpha"); a plural short form whose final "s" the long
form does not spell ("mesenchymal stem cell (MSCs)").

Precision rules added because a wrong definition makes every later mention wrong, measured on
the NCBI-disease, BC5CDR and BioRED texts:

* a short form holds an upper-case letter and no space, comparison or statistics sign, which
  rules out ``(p < 0.05)``, ``(n = 12)``, ``(Fig. 2)``, ``(2019)``, ``(ng/ml)``;
* a long form neither starts nor ends with a function word ("to a premature termination codon
  (TAA)", "... has recently been mapped to ... (HRPT2)");
* ``DMT1 (IRE)``: when the word before the parenthesis is itself a symbol (two capitals) that
  spells nothing of the short form, the parenthesis names a variant of it, not a definition;
* in ``SF (long form)`` the long form fills the parentheses (at most a leading article) and does
  not begin with another symbol (``HBV (HBsAg-negative)``).

Speed: one regular expression finds the parentheses; the character matching runs per candidate
with ``str.rfind``, a handful of calls per parenthesis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["Abbreviation", "find_abbreviations"]


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """A short form and the long form it was defined with; offsets are into the searched text."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


# The innermost parentheses of one line; long contents are prose asides, never definitions.
_PARENTHESES: Final = re.compile(r"\(([^()\n]{1,160})\)")
# Where a long-form candidate stops reaching back: brackets, clause punctuation, sentence ends.
# The match of the greedy prefix ends just after the last of them.
_LAST_BARRIER: Final = re.compile(r"(?s:.*)(?:[()\[\]{};:=]|\.\s|\n)")
# Signs of statistics ("p < 0.05", "n = 12", "5 ± 2", "40%"), never part of a definition.
_STATISTICS: Final = re.compile(r"[=<>±≤≥%]")
# Characters a short form never contains besides those: whitespace and clause punctuation.
_NOT_IN_SHORT_FORM: Final = re.compile(r"[=<>±≤≥%\s,;:!?\"]")
_LOOK_BACK: Final = 300  # characters before "(" that can hold a long form of up to 15 words
_OPENERS: Final = "\"'([{“‘"


def _words(spaced: str) -> frozenset[str]:
    """The set of the whitespace-separated words of ``spaced`` (long word lists stay readable)."""
    return frozenset(spaced.split())


# Words a long form never starts or ends with; S&H's matching can reach back to them.
_FUNCTION_WORDS: Final = _words(
    """
    a also an and are as at be been being but by for from had has have in into is it its not
    of on or than that the then there these this those thus to was we were when where which
    while who whose with
    """
)
# Words that may precede the long form inside the parentheses of ``SF (the long form)``.
_ARTICLES: Final = frozenset({"a", "an", "the", "for"})
# A Greek letter in a short form also matches the first letter of its spelled-out name.
_GREEK_INITIAL: Final = dict(
    zip("αβγδεζηθικλμνξοπρστυφχψω", "abgdezetiklmnxoprstupcpo", strict=True)
)


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Every ``long form (SF)`` and ``SF (long form)`` definition in ``text``, in text order."""
    found: list[Abbreviation] = []
    for match in _PARENTHESES.finditer(text):
        inner_start, inner_end = match.span(1)
        abbreviation = _short_in_parentheses(text, match.start(), inner_start, inner_end)
        if abbreviation is None:
            abbreviation = _long_in_parentheses(text, match.start(), inner_start, inner_end)
        if abbreviation is not None:
            found.append(abbreviation)
    return found


def _short_in_parentheses(
    text: str, opening: int, inner_start: int, inner_end: int
) -> Abbreviation | None:
    """``long form (SF)``: the short form is the parenthesised text up to ``;`` or ``,``."""
    inner = text[inner_start:inner_end]
    cut = min((i for i in (inner.find(";"), inner.find(",")) if i >= 0), default=len(inner))
    head = inner[:cut]
    short = head.strip()
    if not _is_short_form(short):
        return None
    short_start = inner_start + (len(head) - len(head.lstrip()))
    window_start = max(0, opening - _LOOK_BACK)
    window = text[window_start:opening]
    barrier_match = _LAST_BARRIER.match(window)
    segment_start = barrier_match.end() if barrier_match else 0
    segment = window[segment_start:].rstrip()
    # Words, not characters, are limited: keep the last min(|SF| + 5, |SF| * 2) of them.
    parts = segment.rsplit(None, _word_limit(short))
    if not parts:
        return None
    candidate = segment[len(parts[0]) if len(parts) > _word_limit(short) else 0 :].lstrip()
    candidate_start = window_start + segment_start + len(segment) - len(candidate)
    fit = _fit(short, candidate)
    if fit is None:
        return None
    first, last = fit
    # "DMT1 (IRE)": the parenthesis names a variant of the symbol before it, not a definition.
    last_word = parts[-1]
    if last < len(candidate) - len(last_word) and sum(c.isupper() for c in last_word) >= 2:
        return None
    long_start = candidate_start + first
    long = candidate[first:]
    return Abbreviation(
        short, long, short_start, short_start + len(short), long_start, long_start + len(long)
    )


def _long_in_parentheses(
    text: str, opening: int, inner_start: int, inner_end: int
) -> Abbreviation | None:
    """``SF (long form)``: the short form is the word just before the parenthesis."""
    window_start = max(0, opening - 24)  # longer than any short form: a cut word fails
    before = text[window_start:opening]
    stripped = before.rstrip(" ")
    if len(before) - len(stripped) > 1 or not stripped or stripped[-1].isspace():
        return None
    short = stripped.split()[-1].lstrip(_OPENERS)
    if not _is_short_form(short):
        return None
    short_end = window_start + len(stripped)
    inner = text[inner_start:inner_end]
    cut = min((i for i in (inner.find("; "), inner.find(", ")) if i >= 0), default=len(inner))
    head = inner[:cut]
    candidate = head.strip()
    words = candidate.split()
    if (
        not words
        or len(words) > _word_limit(short)
        or not candidate[0].isalpha()
        or sum(char.isupper() for char in words[0]) >= 2  # "HBV (HBsAg-negative)": no definition
        or _STATISTICS.search(candidate)
    ):
        return None
    fit = _fit(short, candidate)
    if fit is None:
        return None
    first = fit[0]
    skipped = candidate[:first].split()
    if skipped and (len(skipped) > 1 or skipped[0].lower() not in _ARTICLES):
        return None  # the definition must fill the parentheses ("MCC (for mutated in ...)")
    long = candidate[first:]
    long_start = inner_start + (len(head) - len(head.lstrip())) + first
    return Abbreviation(
        short, long, short_end - len(short), short_end, long_start, long_start + len(long)
    )


def _word_limit(short: str) -> int:
    """The most words a long form of ``short`` may have: min(|SF| + 5, |SF| * 2)."""
    return min(len(short) + 5, len(short) * 2)


def _is_short_form(candidate: str) -> bool:
    """2-10 characters, first one a letter or digit, an upper-case letter, no spaces or signs."""
    return (
        2 <= len(candidate) <= 10
        and candidate[0].isalnum()
        and candidate[-1] != "."
        and candidate.lower() != candidate  # an upper-case letter
        and _NOT_IN_SHORT_FORM.search(candidate) is None
    )


def _fit(short: str, candidate: str) -> tuple[int, int] | None:
    """Where the long form of ``short`` starts in ``candidate`` and where its last letter is.

    Tries a plural short form without its "s" if the whole one does not fit, then checks the
    long form: longer than the short form, not containing it as a word, and neither starting
    nor ending with a function word ("to a premature termination codon (TAA)").
    """
    fit = _match_backwards(short, candidate)
    if fit is None and len(short) > 2 and short[-1] == "s" and short[-2].isupper():
        fit = _match_backwards(short[:-1], candidate)  # "mesenchymal stem cell (MSCs)"
    if fit is None:
        return None
    long = candidate[fit[0] :]
    if len(long) <= len(short):
        return None
    words = long.split()
    if words[0] in _FUNCTION_WORDS or words[-1] in _FUNCTION_WORDS:  # lower case only: "A"
        return None  # may be the letter of "serum amyloid A (SAA)"
    folded = short.lower()
    if any(word.strip(".,;:\"'").lower() == folded for word in words):
        return None  # "IL-6 protein (IL-6)"
    return fit


def _match_backwards(short: str, candidate: str) -> tuple[int, int] | None:
    """Positions in ``candidate`` of the short form's first and last letter, or None.

    Each letter or digit of the short form, last to first, is looked for further left in the
    candidate than the previous one, ignoring case; the first must also begin a word.
    """
    folded = candidate.lower()
    if len(folded) != len(candidate):  # a rare letter whose lower case is longer: give up
        return None
    letters = short.lower()
    first_index = next(i for i, char in enumerate(letters) if char.isalnum())
    position = len(folded)
    last = -1
    for index in range(len(letters) - 1, first_index - 1, -1):
        char = letters[index]
        if not char.isalnum():
            continue
        spelled = _GREEK_INITIAL.get(char)
        while True:
            found = folded.rfind(char, 0, position)
            if spelled is not None:
                found = max(found, folded.rfind(spelled, 0, position))
            if found < 0:
                return None
            position = found
            if index != first_index or found == 0 or not folded[found - 1].isalnum():
                break
        if last < 0:
            last = found
    return position, last
