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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kg.nlp.abbreviations import find_abbreviations
from kg.nlp.drug_names import STEM_MARKER, drug_concept_id, is_drug_word
from kg.nlp.lexicon import KEY_LENGTH_LIMIT, CompiledLexicon
from kg.nlp.normalize import normalize_text
from kg.nlp.spans import coordinated_start, widen_with_modifiers

__all__ = ["Mention", "Recognizer"]

# A short form glued by a hyphen to another symbol is part of that symbol ("MSC-AS1" is a
# long non-coding RNA, "IL-6-R" a receptor), not a mention of the short form.
_SYMBOL_CONTINUES = re.compile(r"-[A-Z]{1,4}[0-9]")
_PREPOSITIONS = frozenset(
    [
        "in",
        "of",
        "for",
        "with",
        "to",
        "on",
        "by",
        "from",
        "against",
        "at",
        "and",
        "or",
        "into",
        "than",
        "as",
        "via",
        "without",
    ]
)
_PARENTHESISED_SHORT_FORM = re.compile(r"\(\s?([A-Z][A-Za-z0-9\-]{1,9})\s?[);,]")


@dataclass(frozen=True, slots=True)
class Mention:
    """A grounded mention: concept, its node label, where it is and how it was found."""

    concept: str
    label: str
    field: str
    start: int
    end: int
    text: str
    via: str = "lexicon"  # lexicon | abbreviation | morphology | mesh


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
        drug_words: list[tuple[int, int, int]] = []
        for number, text in enumerate(texts):
            candidates.extend(self._dictionary_candidates(number, text, drug_words))
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
        field_order = {name: position for position, (name, _) in enumerate(fields)}
        mentions: list[Mention] = []
        floor = 0
        for position, c in enumerate(chosen):
            text = texts[c.field]
            if position == 0 or chosen[position - 1].field != c.field:
                floor = 0
            start, end = c.start, c.end
            extra: list[int] = []
            ceiling = (
                chosen[position + 1].start
                if position + 1 < len(chosen) and chosen[position + 1].field == c.field
                else len(text)
            )
            if concepts[c.concept].label == "Disease":
                start, extra = coordinated_start(text, start, end, floor, self._disease_key)
                start, end = widen_with_modifiers(text, start, end, floor)
                end = min(end, ceiling)
            for concept in (c.concept, *extra):
                mentions.append(
                    Mention(
                        concept=concepts[concept].id,
                        label=concepts[concept].label,
                        field=fields[c.field][0],
                        start=start,
                        end=end,
                        text=text[start:end],
                        via=c.via,
                    )
                )
            floor = end
        mentions.extend(_drug_mentions(fields, drug_words, mentions))
        mentions.sort(key=lambda m: (field_order[m.field], m.start, -m.end, m.concept))
        return mentions

    def _disease_key(self, name: str) -> int | None:
        entry = self.lexicon.lookup(name)
        if entry is None or self.lexicon.concepts[entry.concept].label != "Disease":
            return None
        return entry.concept

    def ground_mesh(self, descriptor: str, descriptor_id: str | None) -> str | None:
        """The concept id a MeSH heading stands for (by its id, else by its name)."""
        if descriptor_id:
            position = self._by_xref.get(f"MESH:{descriptor_id}")
            if position is not None:
                return self.lexicon.concepts[position].id
        entry = self.lexicon.lookup(descriptor)
        return None if entry is None else self.lexicon.concepts[entry.concept].id

    def _dictionary_candidates(
        self, field: int, text: str, drug_words: list[tuple[int, int, int]]
    ) -> list[_Candidate]:
        padded = f" {normalize_text(text)} "
        found: list[_Candidate] = []
        for end, value in self._automaton.iter(padded):
            # decode_key inlined: this loop runs for every match of every abstract
            flags = value & 7
            concept, length = divmod(value >> 3, KEY_LENGTH_LIMIT)
            if concept == STEM_MARKER:
                stop = end - 1
                start = padded.rfind(" ", 0, stop) + 1 - 1  # word start, in text offsets
                if is_drug_word(text[start:stop]):
                    drug_words.append((field, start, stop))
                continue
            start = end - length - 1
            stop = end - 1
            capitals = flags >> 1
            if capitals and (
                not _case_matches(text[start:stop], capitals) or _SYMBOL_CONTINUES.match(text, stop)
            ):
                continue
            found.append(_Candidate(field, start, stop, concept, bool(flags & 1), "lexicon"))
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
                    texts, candidates, number, abbreviation.long_start, abbreviation.long_end
                )
                short = _stem(abbreviation.short)
                if concept is None:
                    foreign.add(short)
                else:
                    defined.setdefault(short, concept)
            # "Myotonic dystrophy (DM)": a recognised name right before a parenthesised short
            # form whose letters it contains defines it, even where the letters are out of the
            # order Schwartz & Hearst need.
            for match in _PARENTHESISED_SHORT_FORM.finditer(text):
                short = _stem(match.group(1))
                if short in defined or short in foreign:
                    continue
                before = match.start()
                while before > 0 and text[before - 1] == " ":
                    before -= 1
                named = _candidate_ending_at(candidates, number, before)
                if named is not None and _letters_fit(short, text[named.start : named.end]):
                    defined[short] = named.concept
        return defined, foreign - set(defined)


def _stem(short_form: str) -> str:
    """A short form without its plural s ("MSCs" -> "MSC"), the key definitions use."""
    if len(short_form) > 2 and short_form.endswith("s") and short_form[-2].isupper():
        return short_form[:-1]
    return short_form


def _case_matches(span: str, capitals: int) -> bool:
    """A short form matched case-blind; the text must write it with its capitals too."""
    return sum(1 for char in span if char.isupper()) >= capitals


def _concept_ending_at(
    texts: list[str], candidates: list[_Candidate], field: int, start: int, end: int
) -> int | None:
    """The concept of the long form [start, end): a candidate that ends there and is its head.

    "contrast-induced nephropathy (CIN)" defines CIN as a nephropathy, but in "deleted in
    colorectal carcinoma (DCC)" the carcinoma is the object of a preposition: DCC is a gene.
    """
    best = _candidate_ending_at(candidates, field, end, start)
    if best is None:
        return None
    before = texts[field][start : best.start].split()
    if before and before[-1].lower() in _PREPOSITIONS:
        return None
    return best.concept


def _candidate_ending_at(
    candidates: list[_Candidate], field: int, end: int, start: int = 0
) -> _Candidate | None:
    """The longest unambiguous candidate that ends at ``end`` (or one character before)."""
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
    return best


def _letters_fit(short: str, long: str) -> bool:
    """The short form starts like a word of the long form and all its letters occur in it."""
    words = re.findall(r"[^\W_]+", long.lower())
    letters = [char for char in short.lower() if char.isalnum()]
    if not letters or not words or letters[0] not in {word[0] for word in words}:
        return False
    return all(char in long.lower() for char in letters)


def _short_form_candidates(texts: list[str], defined: dict[str, int]) -> list[_Candidate]:
    """Every whole-word occurrence of a defined short form (singular or plural)."""
    found: list[_Candidate] = []
    for number, text in enumerate(texts):
        for short, concept in defined.items():
            position = text.find(short)
            while position >= 0:
                end = position + len(short)
                if end < len(text) and text[end] == "s":
                    end += 1
                if (position == 0 or not text[position - 1].isalnum()) and (
                    end == len(text) or not (text[end].isalnum() or text[end] == "_")
                ):
                    found.append(_Candidate(number, position, end, concept, False, "abbreviation"))
                position = text.find(short, position + 1)
    return found


def _drug_mentions(
    fields: Sequence[tuple[str, str]],
    drug_words: list[tuple[int, int, int]],
    found: list[Mention],
) -> Iterator[Mention]:
    """Drug-like words (INN stems) that no lexicon mention covers."""
    for field, start, end in sorted(set(drug_words)):
        name, text = fields[field]
        if any(m.field == name and start < m.end and m.start < end for m in found):
            continue
        yield Mention(
            concept=drug_concept_id(text[start:end]),
            label="Chemical",
            field=name,
            start=start,
            end=end,
            text=text[start:end],
            via="morphology",
        )


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
