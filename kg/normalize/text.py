"""Text helpers for readers of human-oriented exports: spaces, citation strings, abstracts.

Citation listings and saved web pages state a paper as one free-text citation
(``Authors. Title. Journal Year; Vol(Issue):Pages.``) rather than as tagged fields.  Splitting
such a string on ``". "`` is ambiguous: titles contain full stops, question marks and quotes.
These helpers therefore read it from both ends, where the structure is regular:

* from the right, the *source tail* (year, optional month and day, ``;`` volume, issue and
  pages), see :func:`find_source_tail`;
* from the left, the *author list*: comma-separated ``Surname Initials`` tokens ending in
  ``". "``, see :func:`split_authors`;
* what remains in the middle is ``Title. Journal``, split at its last sentence boundary by
  :func:`split_title_journal`.

They are pure functions on strings so every reader of this family can share them and tests can
exercise them without files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import AbstractSection, PartialDate
from kg.normalize.dates import parse_date
from kg.normalize.names import NAME_PARTICLES

__all__ = [
    "AuthorSplit",
    "SourceTail",
    "VolumeInfo",
    "abstract_sections",
    "clean_spaces",
    "find_source_tail",
    "is_et_al",
    "is_initials",
    "is_short_name",
    "is_truncated",
    "parse_volume_info",
    "split_authors",
    "split_title_journal",
]

# -- spaces ------------------------------------------------------------------------------------

_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_RUNS = re.compile(r" {2,}")


def clean_spaces(text: str) -> str:
    """Non-breaking, thin and tab spaces as plain spaces, runs collapsed, ends stripped.

    Browsers save ``&nbsp;`` as U+00A0 (``Radmanesh\\u00a0 et al.``), which would otherwise
    defeat every regular expression written with ``" "``.
    """
    return _RUNS.sub(" ", _ODD_SPACES.sub(" ", text)).strip()


# -- abstracts ---------------------------------------------------------------------------------

_LABEL = re.compile(
    r"^(?P<label>[A-Z][A-Za-z]*(?:[ /&,\-]{1,3}[A-Za-z]+){0,5})\s*:(?:\s+(?P<text>\S.*))?$"
)
_LABEL_WORDS = frozenset(
    [
        "abstract",
        "aim",
        "aims",
        "analysis",
        "applications",
        "approach",
        "background",
        "case",
        "cases",
        "clinical",
        "conclusion",
        "conclusions",
        "context",
        "data",
        "design",
        "diagnosis",
        "discussion",
        "evidence",
        "expert",
        "findings",
        "funding",
        "goal",
        "goals",
        "highlights",
        "hypothesis",
        "implications",
        "importance",
        "interpretation",
        "intervention",
        "interventions",
        "introduction",
        "key",
        "limitations",
        "main",
        "materials",
        "measurements",
        "method",
        "methodology",
        "methods",
        "objective",
        "objectives",
        "observations",
        "outcome",
        "outcomes",
        "participants",
        "patients",
        "perspective",
        "perspectives",
        "plain",
        "population",
        "presentation",
        "purpose",
        "rationale",
        "recent",
        "registration",
        "relevance",
        "research",
        "result",
        "results",
        "review",
        "scope",
        "setting",
        "significance",
        "sources",
        "study",
        "subjects",
        "summary",
        "systematic",
        "trial",
        "what",
        "why",
    ]
)
_TRUNCATION = re.compile(r"(?:\[\s*(?:\.\.\.|…)\s*\]|\s\.\.\.|…)[\s.]*$")


def _label(paragraph: str) -> tuple[str, str | None] | None:
    """``("Background", "text")`` for a labelled paragraph, ``("Methods", None)`` for a bare
    label line; ``None`` for prose, even prose like ``Two forms exist: ...``."""
    match = _LABEL.match(paragraph) if ":" in paragraph[:60] else None
    if match is None or len(match.group("label")) > 40:
        return None
    label = match.group("label")
    first = re.split(r"[ /&,\-]", label, maxsplit=1)[0].lower()
    if not (label.isupper() or first in _LABEL_WORDS):
        return None
    return label, match.group("text")


def abstract_sections(paragraphs: Iterable[str]) -> tuple[AbstractSection, ...]:
    """Paragraphs of an abstract as sections, using ``Label:`` paragraph starts when present.

    Structured abstracts on web pages show their labels (``Background:``) either at the start
    of a paragraph or alone on a line above it; both become ``AbstractSection.label``.  A
    label must be in capitals or start with a word used in structured abstracts, so a sentence
    with an early colon stays prose.  The NLM category is left ``None``: the page does not
    state it.
    """
    sections: list[AbstractSection] = []
    pending: str | None = None
    for raw in paragraphs:
        paragraph = clean_spaces(raw)
        if not paragraph:
            continue
        labelled = _label(paragraph)
        if labelled is not None:
            label, text = labelled
            if text is None:
                pending = label
                continue
            sections.append(AbstractSection(text=text, label=label))
            pending = None
            continue
        sections.append(AbstractSection(text=paragraph, label=pending))
        pending = None
    return tuple(sections)


def is_truncated(text: str) -> bool:
    """True when an abstract ends in an elision mark (``[...]``, ``…``, `` ...``).

    Sites that list many papers cut long abstracts this way; the record keeps the text as
    shown and says it is incomplete rather than passing a fragment off as the abstract.
    """
    return bool(_TRUNCATION.search(text.rstrip()[-40:]))


# -- author lists ------------------------------------------------------------------------------

_NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV", "2nd", "3rd"})
_NAME_WORD = re.compile(r"[^\W\d_][\w'’\-]*|[^\W\d_]{1,3}\.")
_ET_AL = re.compile(r"et\.?\s+al\.?", re.IGNORECASE)
_NO_AUTHORS = re.compile(r"^\s*\[No authors listed\]\.?\s*", re.IGNORECASE)
_CUT = re.compile(r"\.\s+")
_GROUP_WORDS = re.compile(
    r"\b(?:group|consortium|committee|society|collaborat\w*|network|investigators|team|"
    r"association|council|panel|task force|working|alliance|foundation|organi[sz]ation|"
    r"academy|college|federation|initiative|registry|trialists|study|board|experts)\b",
    re.IGNORECASE,
)


# Longer than any byline that lists its authors one by one; bounds the work on garbage lines.
_MAX_AUTHOR_LIST = 20000


@dataclass(frozen=True, slots=True)
class AuthorSplit:
    """The author list at the start of a citation and the text after it.

    ``names`` are the tokens as written (``"Lee BW"``, a group name); ``et_al`` says the list
    was cut short; ``recognised`` is False when no author list could be told apart from the
    title, in which case ``rest`` is the whole input.
    """

    names: tuple[str, ...]
    et_al: bool
    rest: str
    recognised: bool


def is_et_al(token: str) -> bool:
    """``et al`` / ``et al.`` as the last token of an author list."""
    return bool(_ET_AL.fullmatch(token.strip()))


def is_short_name(token: str) -> bool:
    """A citation-style personal name: ``Lee BW``, ``Gil-Kulik P``, ``Seo H-B``, ``Yañez Í``.

    One to three surname words then 1-4 capital initials (any script, as PubMed keeps
    diacritics; hyphens allowed), optionally a suffix.  Every surname word must start with a
    capital, be a particle (``van``, ``de``...), or be a short abbreviation such as ``St.``;
    this keeps title fragments (``Role of IL``) out.
    """
    words = token.split()
    if len(words) > 2 and words[-1] in _NAME_SUFFIXES:
        words.pop()
    if not 2 <= len(words) <= 4 or not is_initials(words[-1]):
        return False
    surname = words[:-1]
    if not surname[-1][0].isupper():
        return False
    return all(
        _NAME_WORD.fullmatch(word) and (word[0].isupper() or word.lower() in NAME_PARTICLES)
        for word in surname
    )


def is_initials(word: str) -> bool:
    """``BW``, ``H-B``, ``Í``: 1-4 capital letters, hyphens between them allowed."""
    letters = word.replace("-", "")
    return (
        1 <= len(letters) <= 4
        and letters.isalpha()
        and letters.isupper()
        and not word.startswith("-")
        and not word.endswith("-")
    )


def _is_group(token: str) -> bool:
    words = token.split()
    return (
        0 < len(words) <= 15
        and bool(_GROUP_WORDS.search(token))
        and not any(char in token for char in ":?!;")
    )


def _tokens(prefix: str) -> list[str]:
    return [token.strip() for token in prefix.split(",")]


def _valid_list(tokens: list[str], *, allow_groups: bool) -> bool:
    for index, token in enumerate(tokens):
        if not token:
            return False
        if is_et_al(token):
            if index != len(tokens) - 1 or index == 0:
                return False
            continue
        if is_short_name(token) or (allow_groups and _is_group(token)):
            continue
        return False
    return True


def _split(tokens: list[str], rest: str) -> AuthorSplit:
    et_al = bool(tokens) and is_et_al(tokens[-1])
    names = tuple(tokens[:-1] if et_al else tokens)
    return AuthorSplit(names=names, et_al=et_al, rest=rest, recognised=True)


def split_authors(text: str) -> AuthorSplit:
    """Take the author list off the start of ``Authors. Title...``.

    The list ends at the first ``". "`` before which every comma-separated token is a
    personal short name (or a final ``et al``).  A surname such as ``St. John`` only moves the
    cut further right, because the earlier cut leaves an invalid token.  When no such cut
    exists, group names (``... Study Group``) are allowed at the first cut; failing that the
    list is reported as not recognised instead of guessing.
    """
    no_authors = _NO_AUTHORS.match(text)
    if no_authors:
        return AuthorSplit(names=(), et_al=False, rest=text[no_authors.end() :], recognised=True)
    cuts = list(_CUT.finditer(text, 0, _MAX_AUTHOR_LIST))
    for cut in cuts:
        tokens = _tokens(text[: cut.start()])
        if _valid_list(tokens, allow_groups=False):
            return _split(tokens, text[cut.end() :])
        if not all(is_short_name(token) for token in tokens[:-1]):
            break  # later cuts only extend the last token: they cannot become valid
    if cuts:
        first = cuts[0]
        tokens = _tokens(text[: first.start()])
        rest = text[first.end() :]
        if rest.strip() and _valid_list(tokens, allow_groups=True):
            return _split(tokens, rest)
    return AuthorSplit(names=(), et_al=False, rest=text, recognised=False)


# -- source tail: Journal Year; Volume(Issue):Pages. -------------------------------------------

_MONTH = r"[A-Z][a-z]{2,8}\.?"
_TAIL = re.compile(
    r"(?:^|(?<=[\s.]))(?P<year>(?:1[6-9]|20)\d\d)"
    rf"(?P<when>(?:\s+{_MONTH}(?:\s*-\s*{_MONTH})?(?:\s+\d{{1,2}})?)?)"
    r"(?:\s*;\s*(?P<volinfo>[^;]*?))?\s*\.?\s*$"
)
_VOLINFO = re.compile(
    r"(?P<volume>[^\s():;,]+(?:\s+(?:Suppl|Pt|Spec No)\.?\s*\w+)?)?"
    r"\s*(?:\((?P<issue>[^()]*)\))?"
    r"\s*(?::\s*(?P<pages>[^\s:;,]+(?:\s*,\s*[^\s:;,]+)*))?"
)
# The tail is short; searching only the end keeps garbage lines from costing quadratic time.
_TAIL_WINDOW = 400
_NO_VOLUME = re.compile(r"epub|ahead of print|in press|online", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class VolumeInfo:
    """Volume, issue and pages (or article number) as stated; any may be absent."""

    volume: str | None
    issue: str | None
    pages: str | None


@dataclass(frozen=True, slots=True)
class SourceTail:
    """The end of a citation from the year on; ``start`` is where the year begins.

    ``volume_text`` is what followed the ``;`` (``None`` when there was none) and ``volume``
    its parse, ``None`` when it was not understood (the caller decides whether to warn).
    """

    start: int
    year: int
    date: PartialDate | None
    volume_text: str | None
    volume: VolumeInfo | None


def parse_volume_info(text: str) -> VolumeInfo | None:
    """``25(2):1269``, ``30:e945331``, ``72(11):2366-2381``, ``11``, ``(Suppl 1):S12``.

    Returns ``None`` for text that is not a volume statement, and an empty
    :class:`VolumeInfo` for Epub-ahead-of-print wording, which says there is no volume yet.
    """
    value = text.strip().rstrip(".").strip()
    if not value or _NO_VOLUME.search(value):
        return VolumeInfo(None, None, None)
    match = _VOLINFO.fullmatch(value)
    if match is None:
        head, dot, _ = value.partition(". ")  # "5:12. Epub 2021 Jan 3"
        match = _VOLINFO.fullmatch(head) if dot else None
    if match is None or not any(match.groups()):
        return None
    return VolumeInfo(
        volume=match.group("volume"),
        issue=(match.group("issue") or "").strip() or None,
        pages=match.group("pages"),
    )


def find_source_tail(text: str) -> SourceTail | None:
    """The ``Year[ Month[ Day]][; Volume(Issue):Pages][.]`` that ends ``text``, if any.

    Anchoring at the end (not splitting on ``". "``) is what makes titles with full stops,
    colons, question marks or years in them harmless.
    """
    offset = max(0, len(text) - _TAIL_WINDOW)
    match = _TAIL.search(text, offset)
    if match is None:
        return None
    year = int(match.group("year"))
    when = match.group("when") or ""
    date = parse_date(f"{year}{when}") if when.strip() else PartialDate(year)
    volume_text = match.group("volinfo")
    volume = parse_volume_info(volume_text) if volume_text is not None else None
    return SourceTail(
        start=match.start(), year=year, date=date, volume_text=volume_text, volume=volume
    )


# -- title and journal -------------------------------------------------------------------------

_BOUNDARY = re.compile(r"[.?!][\"”’')\]]*\s+")
_ABBREVIATION = re.compile(r"[A-Z][a-z]{0,3}")


def split_title_journal(
    text: str, *, dotted_journal: bool = False
) -> tuple[str | None, str | None]:
    """Split ``Title. Journal`` at its last sentence boundary; absent parts are ``None``.

    NLM journal abbreviations (``Front Med (Lausanne)``) have no full stops, so the journal is
    the text after the last ``.``/``?``/``!`` followed by a space.  With ``dotted_journal``
    (free-text reference lists) single short abbreviations before it are taken back into the
    journal (``J. Immunol``, ``Proc. Natl. Acad. Sci``), but the title always keeps one part.
    The title keeps its closing punctuation, as MEDLINE titles do (``Treatment".``).
    """
    value = text.strip()
    if value.endswith("."):
        value = value[:-1].rstrip()
    boundaries = list(_BOUNDARY.finditer(value))
    if not boundaries:
        return None, value or None
    cut = len(boundaries) - 1
    if dotted_journal:
        while cut > 0:
            segment = value[boundaries[cut - 1].end() : boundaries[cut].start()].strip()
            if not _ABBREVIATION.fullmatch(segment):
                break
            cut -= 1
    boundary = boundaries[cut]
    title = value[: boundary.end()].strip()
    journal = value[boundary.end() :].strip()
    return title or None, journal or None
