"""Concept recognition: dictionary matches, abbreviations and ambiguity, per document.

A document is a few named fields (title, abstract, keywords...).  Recognition runs in three
steps, so that what one field says can decide what another field's short form means:

1. every field is folded (:func:`kg.nlp.normalize.normalize_text`, same length as the text)
   and run through the automaton once; each hit is a candidate with exact offsets;
2. abbreviations the document defines ("systemic lupus erythematosus (SLE)") bind their short
   form to the concept of the long form everywhere in the document; a short form defined as
   something the lexicon does not know ("mass spectrometry (MS)") silences the lexicon's
   reading of it (multiple sclerosis) in this document;
3. ambiguous short forms (RA, CIA, MS...) survive only if the concept is also named in full or
   defined; then overlapping candidates are resolved leftmost-longest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.nlp.abbreviations import find_abbreviations
from kg.nlp.lexicon import CompiledLexicon, KeyInfo
from kg.nlp.normalize import normalize_text

__all__ = ["Mention", "Recognizer"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A grounded mention: concept, its node label, where it is and how it was found."""

    concept: str
    label: str
    field: str
    start: int
    end: int
    text: str
    via: str = "lexicon"  # lexicon | abbreviation | mesh


@dataclass(slots=True)
class _Candidate:
    field: int
    start: int
    end: int
    concept: int
    ambiguous: bool
    via: str

    @property
    def length(self) -> int:
        return self.end - self.start


class Recognizer:
    """Finds grounded mentions of lexicon concepts in documents."""

    def __init__(self, lexicon: CompiledLexicon) -> None:
        self.lexicon = lexicon
        self._automaton = lexicon.automaton
        self._by_xref = lexicon.by_xref()

    def recognize(self, fields: Sequence[tuple[str, str]]) -> list[Mention]:
        """Mentions in ``fields`` (pairs of field name and text), in field and offset order."""
        texts = [text for _, text in fields]
        candidates: list[_Candidate] = []
        for number, text in enumerate(texts):
            candidates.extend(self._dictionary_candidates(number, text))
        defined, foreign = self._abbreviations(texts, candidates)
        if defined:
            candidates.extend(_short_form_candidates(texts, defined))
        if foreign:
            candidates = [
                candidate
                for candidate in candidates
                if candidate.via != "lexicon"
                or _stem(texts[candidate.field][candidate.start : candidate.end]) not in foreign
            ]
        supported = {candidate.concept for candidate in candidates if not candidate.ambiguous}
        chosen = _leftmost_longest(
            [c for c in candidates if not c.ambiguous or c.concept in supported]
        )
        concepts = self.lexicon.concepts
        return [
            Mention(
                concept=concepts[c.concept].id,
                label=concepts[c.concept].label,
                field=fields[c.field][0],
                start=c.start,
                end=c.end,
                text=texts[c.field][c.start : c.end],
                via=c.via,
            )
            for c in chosen
        ]

    def ground_mesh(self, descriptor: str, descriptor_id: str | None) -> str | None:
        """The concept id a MeSH heading stands for (by its id, else by its name)."""
        if descriptor_id:
            position = self._by_xref.get(f"MESH:{descriptor_id}")
            if position is not None:
                return self.lexicon.concepts[position].id
        entry = self.lexicon.lookup(descriptor)
        return None if entry is None else self.lexicon.concepts[entry.concept].id

    def _dictionary_candidates(self, field: int, text: str) -> list[_Candidate]:
        padded = f" {normalize_text(text)} "
        found: list[_Candidate] = []
        entry: KeyInfo
        for end, (length, entry) in self._automaton.iter(padded):
            start = end - length - 1
            stop = end - 1
            if entry.acronym and not _case_matches(text[start:stop]):
                continue
            found.append(_Candidate(field, start, stop, entry.concept, entry.ambiguous, "lexicon"))
        return found

    def _abbreviations(
        self, texts: list[str], candidates: list[_Candidate]
    ) -> tuple[dict[str, int], set[str]]:
        """Short forms this document defines: grounded ones, and ones defined as unknown."""
        defined: dict[str, int] = {}
        foreign: set[str] = set()
        for number, text in enumerate(texts):
            for abbreviation in find_abbreviations(text):
                concept = _concept_ending_at(
                    candidates, number, abbreviation.long_start, abbreviation.long_end
                )
                short = _stem(abbreviation.short)
                if concept is None:
                    foreign.add(short)
                else:
                    defined.setdefault(short, concept)
        return defined, foreign - set(defined)


def _stem(short_form: str) -> str:
    """A short form without its plural s ("MSCs" -> "MSC"), the key definitions use."""
    if len(short_form) > 2 and short_form.endswith("s") and short_form[-2].isupper():
        return short_form[:-1]
    return short_form


def _case_matches(span: str) -> bool:
    """An acronym key matched case-blind; the text must write it in capitals too."""
    return sum(1 for char in span if char.isupper()) >= 2 or (span.isupper() and len(span) > 1)


def _concept_ending_at(
    candidates: list[_Candidate], field: int, start: int, end: int
) -> int | None:
    """The concept of the longest unambiguous candidate inside [start, end) that ends at end."""
    best: _Candidate | None = None
    for candidate in candidates:
        if (
            candidate.field == field
            and not candidate.ambiguous
            and candidate.start >= start
            and end - 1 <= candidate.end <= end
            and (best is None or candidate.length > best.length)
        ):
            best = candidate
    return None if best is None else best.concept


def _short_form_candidates(texts: list[str], defined: dict[str, int]) -> list[_Candidate]:
    """Every whole-word occurrence of a defined short form (singular or plural)."""
    alternatives = "|".join(re.escape(short) for short in sorted(defined, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w])({alternatives})(s?)(?![\w])")
    found: list[_Candidate] = []
    for number, text in enumerate(texts):
        for match in pattern.finditer(text):
            concept = defined[match.group(1)]
            found.append(
                _Candidate(number, match.start(), match.end(), concept, False, "abbreviation")
            )
    return found


def _leftmost_longest(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates: leftmost first, then longest, then a defined short form."""
    ordered = sorted(
        candidates,
        key=lambda c: (c.field, c.start, -c.length, c.via != "abbreviation", c.concept),
    )
    chosen: list[_Candidate] = []
    field = -1
    reach = -1
    for candidate in ordered:
        if candidate.field != field:
            field, reach = candidate.field, -1
        if candidate.start >= reach:
            chosen.append(candidate)
            reach = candidate.end
    return chosen
