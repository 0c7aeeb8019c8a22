"""Sentence boundaries in titles and abstracts, as character spans into the original text.

Relations are stated sentence by sentence and every edge cites its sentence by offsets, so the
splitter must keep offsets exact and must be cheap: it runs once per abstract on the hot path of
annotation (> 2,000 abstracts/s in total).  One compiled regular expression finds the few
*candidate* boundaries (terminal punctuation before whitespace, or a line break); only those
candidates are looked at in Python, to veto the ones that end an abbreviation rather than a
sentence.  There is no per-character loop.

Rules, chosen for biomedical abstracts:

* ``.`` ends a sentence only before whitespace and a plausible sentence start: an upper-case
  letter, a digit, a Greek letter, a gene-like token (``mRNA``, ``p53``), possibly behind an
  opening bracket or quote.  Decimals (``2.5 mg``, ``p < 0.05``) and species (``E. coli``) never
  qualify because no upper-case start follows.
* A ``.`` after a known abbreviation (``e.g.``, ``i.e.``, ``et al.``, ``vs.``, ``Fig.``,
  ``Dr.``, ``approx.``, ``ca.``, ``Ph.D.`` ...) is not a boundary; ``No.`` only before a digit;
  ``i.v.``, ``p.o.`` and other dotted lower-case abbreviations only before a capitalised word
  (``given i.p. The mice``, but ``125 mg i.v. MP``).  An all-capitals section heading
  (``RESULTS:``) after the full stop always starts a new sentence.
* ``0. 968`` (a decimal broken by a space, common in the NCBI-disease and BC5CDR texts) is not a
  boundary, at the price of missing the rare sentence that opens with a numeral after a number.
* A single capital letter (``J. Smith``) is an initial when it opens a sentence, follows another
  initial, a first name, a title or ``by``/``and``, and the next word is not a usual sentence
  opener.  ``vitamin D. The`` and ``hepatitis B. Patients`` therefore still split.
* ``?`` and ``!`` before whitespace always end a sentence.
* Closing brackets and quotes after the punctuation (``.)``, ``."``) stay with the sentence;
  ``).`` and ``].`` end it like any other full stop.
* A line break is a boundary (structured abstracts put each ``BACKGROUND:``/``METHODS:`` section
  on its own line) unless the next line starts with an all-lower-case word, which marks a
  hard-wrapped sentence continuing.

Known limits: a sentence that really ends in an abbreviation (``... by Smith et al. The``) is
not split, and a title without final punctuation joined to its abstract by a single space is
not split from the first abstract sentence; join them with a line break instead.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["split_sentences"]

_CLOSERS: Final = "\"')]}»”’"
_OPENERS: Final = "\"'([{«“‘"


def _words(spaced: str) -> frozenset[str]:
    """The set of the whitespace-separated words of ``spaced`` (long word lists stay readable)."""
    return frozenset(spaced.split())


# Tokens that end in a full stop without ending the sentence, whatever follows.  Case matters:
# "Ca." may be calcium at the end of a sentence, "ca." is circa.
_ABBREVIATIONS: Final = _words(
    """
    e.g eg i.e ie cf viz al vs Vs approx Approx ca Fig Figs fig figs FIG FIGS Eq Eqs eq
    Ref Refs ref refs Suppl suppl Vol vol pp resp Dr Drs Prof Mr Mrs Ms Mt St Jr Sr Inc Ltd
    Co Corp Ph.D PhD M.D M.Sc B.Sc U.S U.K U.S.A a.k.a sp spp subsp var cv Jan Feb Mar Apr
    Jun Jul Aug Sep Sept Oct Nov Dec Tab Nr
    """
)
# Lower-case abbreviations written with inner full stops, such as routes of administration
# ("i.v.", "i.p.", "s.c.", "b.i.d."): followed by an acronym they are inside the sentence
# ("125 mg i.v. MP"), followed by a capitalised word they end it ("given i.p. The mice").
_DOTTED: Final = re.compile(r"(?:[a-z]\.)+[a-z]")
# Abbreviations that only count as such before a number ("No. 5", but "... answered no. The").
_BEFORE_NUMBER: Final = frozenset({"No", "no", "Nos", "nos", "Nr", "p", "pp"})
# Words after which a single capital letter is a person's initial rather than, say, the "D" of
# "vitamin D" ending a sentence.
_BEFORE_INITIAL: Final = frozenset({"by", "and", "&", "et", "Dr.", "Prof.", "Mr.", "Mrs.", "Ms."})
# Words that usually open a sentence; a capital letter before one of them ends a sentence even
# where it could be an initial ("hepatitis B and C. We found").
_SENTENCE_OPENERS: Final = _words(
    """
    A After All Although Among An And As At Because Both But By Collectively Compared
    Conclusion Conclusions Consequently Consistent During Each Finally For Further Furthermore
    Here Hence However If Importantly In Interestingly It Its Moreover Most No Notably Of On
    Our Overall Patients Results Similarly Since Some Such Taken That The Their There These
    They This Those Thus To Together Treatment Two Using We What When Whereas Which While With
    """
)


def _not_after(words: frozenset[str]) -> str:
    """Negative look-behinds that stop a full stop after any of ``words`` (one per length)."""
    by_length: dict[int, list[str]] = {}
    for word in sorted(words):
        by_length.setdefault(len(word), []).append(re.escape(word))
    return "".join(rf"(?<!\b(?:{'|'.join(alternatives)})\.)" for alternatives in by_length.values())


# The whitespace and start of a plausible next sentence: an upper-case or Greek letter or a
# digit, possibly behind an opening bracket or quote, or a gene-like token ("mRNA", "p53").
_NEXT: Final = (
    rf"(?=\s+[{re.escape(_OPENERS)}]*"
    r"(?:[A-Z0-9\u00C0-\u00D6\u00D8-\u00DE\u0370-\u03FF]|[a-z]+[A-Z0-9]))\s+"
)
# A word that cannot be an abbreviation: three lower-case letters, two capitals, a closing
# bracket or a per cent sign before the full stop, and not one of the listed abbreviations.
_PLAIN: Final = r"(?:(?<=[a-z]{3}\.)|(?<=[A-Z]{2}\.)|(?<=[)\]%]\.))" + _not_after(
    frozenset(
        word
        for word in _ABBREVIATIONS | _BEFORE_NUMBER
        if re.search(r"(?:[a-z]{3}|[A-Z]{2}|[)\]%])\Z", word)
    )
)
_STOPS: Final = rf"[.…]*[{re.escape(_CLOSERS)}]*"  # more full stops, then closing brackets
_MARKS: Final = rf"[?!.…]*[{re.escape(_CLOSERS)}]*"  # after "?" or "!"

# A candidate boundary is the terminator (kept in the sentence, up to the end of the one group
# that takes part in the match) and the whitespace after it (dropped).  Every alternative starts
# with a literal character so that the engine can skip quickly to the next candidate.
#   1. "." after a plain word: certainly a boundary when a plausible sentence start follows;
#   2. "." after anything else: a boundary unless _ends_abbreviation says otherwise;
#   3. "?" or "!" before whitespace: always a boundary;
#   4. a line break, unless the next line continues with an all-lower-case word.
_BOUNDARY: Final = re.compile(
    rf"\.{_PLAIN}(?P<plain>{_STOPS}){_NEXT}"
    rf"|\.(?P<other>{_STOPS}){_NEXT}"
    rf"|\?(?P<question>{_MARKS})\s+"
    rf"|!(?P<exclamation>{_MARKS})\s+"
    r"|\n\s*+(?![a-z]+[^A-Za-z0-9])"
)
_CHECK: Final = _BOUNDARY.groupindex["other"]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the sentences of ``text``, trimmed of surrounding spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        group = match.lastindex
        if group is None:  # a line break: the sentence ends before it
            end = match.start()
        else:
            end = match.end(group)
            if (
                group == _CHECK
                and end == match.start() + 1
                and _ends_abbreviation(text, match.start(), match.end())
            ):
                continue
        _append(spans, text, start, end)
        start = match.end()
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Add ``text[start:end]`` without surrounding whitespace (usually there is none)."""
    if start < end and (text[start].isspace() or text[end - 1].isspace()):
        chunk = text[start:end]
        stripped = chunk.lstrip()
        start += len(chunk) - len(stripped)
        end = start + len(stripped.rstrip())
    if start < end:
        spans.append((start, end))


def _ends_abbreviation(text: str, dot: int, next_start: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation, judged by the words around it."""
    before = text[max(0, dot - 40) : dot].split()
    if not before:
        return False
    following = text[next_start : next_start + 40].split(maxsplit=1)
    next_word = following[0].lstrip(_OPENERS) if following else ""
    if next_word.endswith(":") and next_word.isupper():
        return False  # a section heading ("et al. RESULTS:") starts a sentence whatever precedes
    token = before[-1].lstrip(_OPENERS)
    if not token:
        return False
    if token in _ABBREVIATIONS or token[-1] in "=<>":  # "P <. 001" is a broken "P < .001"
        return True
    previous = before[-2] if len(before) > 1 else ""
    if token in _BEFORE_NUMBER:
        return next_word[:1].isdigit()
    if token[-1:].isdigit() and next_word[:1].isdigit():
        return True  # "0. 968": a decimal broken by a space, frequent in the annotated corpora
    if _DOTTED.fullmatch(token):  # "i.v.", "p.o.": a route of administration ends a sentence
        return not (next_word[:1].isupper() and next_word[1:2].islower())  # only before "The"
    if len(token) != 1:
        return False
    if token in "eg" and previous in ("e.", "i."):  # "e. g." and "i. e." written with a space
        return True
    if not token.isupper() or next_word[:1].isdigit() or next_word in _SENTENCE_OPENERS:
        return False  # a single lower-case letter is a unit: "for 24 h. In"
    return (
        len(before) == 1
        or previous in _BEFORE_INITIAL
        or (len(previous) == 2 and previous[0].isupper() and previous[1] == ".")
        or (previous.istitle() and previous.isalpha())  # a first name: "Marc J. Philippon"
        or (previous != "" and previous[-1] in ".?!:;,")  # opens a sentence or follows a comma
    )
