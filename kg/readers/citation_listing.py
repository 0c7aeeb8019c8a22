"""Reader for numbered citation listings copied from a journal site (Reference Citation Analysis).

Users copy these listings from the site's "cited by" and search pages.  Each entry looks like::

    1
    |
    Chen L, Huang R, Chen A. Cell therapy for scleroderma... Front Med (Lausanne) 2025;
    11:1530887. [PMID: 39882532 PMCID: PMC11774712 DOI: 10.3389/...] [Citation(s) in RCA: 0]
    ... [Received: 11/19/2024] [Accepted: 12/26/2024] [Indexed: 01/31/2025] Open
    Abstract
    <one paragraph per line; long ones cut with [...]>
    Collapse
    Affiliation(s)
    - Liting Chen
    - Department of ..., China
    | | - Anping Chen
    - Department of ..., China
    - Minda Hospital of ...
    | |
    Collapse
    |

(the citation is one line).  The parser is a small state machine over lines, so entries
without an abstract or without affiliations, or with extra tags, need no special cases.  The
citation line is read from both ends (see :mod:`kg.normalize.text`): the bracketed tag block
and the ``Journal Year; Vol:Pages.`` tail from the right, the ``Surname Initials`` author list
from the left, the title in between.  Full names from the affiliation block are linked to the
short names of the citation line so each author keeps both spellings and their affiliations.

Decisions later stages can rely on:

* ``Source.line`` is the line of the entry's citation line; ``Source.record`` its position in
  the file (a heading copied above entry 1 is reported as a warning and not counted).
* The title keeps its closing punctuation as MEDLINE titles do (``...Treatment".``); the
  abstract is kept as shown, elision mark included, with ``abstract_truncated`` set.
* ``cited_by`` is the listing's own ``Citation(s) in RCA`` count (else Crossref's);
  ``open_access`` is True when the entry ends in ``Open`` and unknown (``None``) otherwise.
* Affiliation lines are verbatim except for a trailing ``;`` and author-initials markers
  such as ``; (B.Z.); (R.C.L.)``.
* A citation line with neither a readable journal/year tail nor identifiers is rejected with
  an error naming its line and reading goes on; a file with no readable entry at all gives
  one error for the file instead of one per paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum, auto
from typing import Literal

from kg.model import AbstractSection, Author, PartialDate, Problem, Record, Source
from kg.normalize.dates import parse_us_date
from kg.normalize.ids import parse_doi, parse_pmcid, parse_pmid
from kg.normalize.names import (
    fold,
    initials_of,
    link_short_to_full,
    parse_short_name,
    split_full_name,
)
from kg.normalize.text import (
    abstract_sections,
    clean_spaces,
    find_source_tail,
    is_initials,
    is_short_name,
    is_truncated,
    split_authors,
    split_title_journal,
)
from kg.readers import ReaderItem
from kg.readers.source import InputSource

__all__ = ["DESCRIPTION", "NAME", "SUFFIXES", "read", "sniff"]

NAME = "citation-listing"
DESCRIPTION = "Numbered citation listing with [PMID: ...] tags and affiliation blocks"
SUFFIXES: tuple[str, ...] = (".txt",)

Severity = Literal["error", "warning"]

_EXPECTED_CITATION = "'Authors. Title. Journal Year; Volume:Pages. [PMID: ... DOI: ...]'"

# -- sniffing ----------------------------------------------------------------------------------

_SNIFF_TAG = re.compile(r"\[(?:PMID|DOI):\s*\S")
_SNIFF_NUMBERED = re.compile(r"^\s*\d{1,5}\s*\n\s*\|\s*$", re.MULTILINE)
_SNIFF_AFFILIATION = re.compile(r"^\s*Affiliation\(s\)\s*$", re.MULTILINE)
_SNIFF_AUTHOR_SEPARATOR = re.compile(r"^\s*\|\s*\|\s*-\s+\S", re.MULTILINE)


def sniff(head: str) -> int:
    """95 for ``[PMID:`` tags with numbered entries or ``Affiliation(s)`` blocks, else low.

    The tag block alone is also how some reference lists cite, hence only 40 for it.
    """
    tagged = bool(_SNIFF_TAG.search(head))
    structured = bool(
        _SNIFF_NUMBERED.search(head)
        or _SNIFF_AFFILIATION.search(head)
        or _SNIFF_AUTHOR_SEPARATOR.search(head)
        or "[Citation(s) in RCA:" in head
    )
    if tagged and structured:
        return 95
    if tagged:
        return 40
    if _SNIFF_AFFILIATION.search(head) and _SNIFF_AUTHOR_SEPARATOR.search(head):
        return 50
    return 0


# -- splitting the listing into entries --------------------------------------------------------


class _State(Enum):
    BETWEEN = auto()  # before the first entry or after a `|` separator
    CITATION = auto()  # after the citation line, before any heading
    ABSTRACT = auto()
    AFFILIATIONS = auto()
    CLOSED = auto()  # after the last Collapse of an entry


@dataclass
class _FullName:
    """One ``- Full Name`` of the affiliation block with the ``- affiliation`` lines after it."""

    name: str
    affiliations: list[str] = field(default_factory=list)


@dataclass
class _Entry:
    """The raw lines of one entry, collected before anything is interpreted."""

    ordinal: int
    line: int
    citation: str
    abstract: list[str] = field(default_factory=list)
    full_names: list[_FullName] = field(default_factory=list)
    expect_name: bool = True
    wrapped: int = 0
    preamble: bool = False


_SEPARATOR = re.compile(r"\|")
_AUTHOR_SEPARATOR = re.compile(r"\|\s*\|")
_NUMBER = re.compile(r"\d{1,5}\.?")
_DASH_ITEM = re.compile(r"(?P<new>\|\s*\|\s*)?-\s*(?P<text>.*)")
_ABSTRACT_HEADINGS = frozenset({"abstract"})
_AFFILIATION_HEADINGS = frozenset({"affiliation(s)", "affiliations", "affiliation"})
_FOLD_WORDS = frozenset({"collapse", "expand", "show more", "show less"})
# A citation copied with line breaks spans a few lines; more is prose, not a citation.
_MAX_WRAPPED = 2
_TAGS_AT_END = re.compile(r"\]\s*[A-Za-z ]{0,20}$")


class _Splitter:
    """Feeds lines through the entry state machine and hands out finished entries."""

    def __init__(self) -> None:
        self.state = _State.BETWEEN
        self.entry: _Entry | None = None
        self.count = 0
        self.numbered = False

    def feed(self, number: int, raw: str) -> _Entry | None:
        """Consume one line; return the entry that this line closed, if any."""
        text = clean_spaces(raw)
        if not text:
            return None
        if _SEPARATOR.fullmatch(text) or _NUMBER.fullmatch(text):
            finished = self.close(marker=True)
            self.numbered = self.numbered or text != "|"
            return finished
        lowered = text.lower()
        if self.state in (_State.BETWEEN, _State.CLOSED):
            if lowered in _FOLD_WORDS:
                return None
            finished = self.close()
            self.count += 1
            self.entry = _Entry(ordinal=self.count, line=number, citation=text)
            self.state = _State.CITATION
            return finished
        self._inside(text, lowered)
        return None

    def close(self, *, marker: bool = False) -> _Entry | None:
        """End the current entry (at a separator or number line, or the end of input)."""
        finished, self.entry = self.entry, None
        self.state = _State.BETWEEN
        if finished is not None and marker and self._is_preamble(finished):
            finished.preamble = True
            finished.ordinal = 0
            self.count -= 1  # the first real entry is record 1
        return finished

    def _is_preamble(self, entry: _Entry) -> bool:
        """Text copied above the first numbered entry (a page heading such as ``Cited by``).

        It is the first block, comes before any entry number, has no abstract or affiliation
        block and reads neither as a citation nor as identifiers.
        """
        if entry.ordinal != 1 or self.numbered or entry.abstract or entry.full_names:
            return False
        citation = _parse_citation(entry.citation)
        return not citation.structured and not citation.identifiers

    def _inside(self, text: str, lowered: str) -> None:
        entry = self.entry
        assert entry is not None
        if lowered in _ABSTRACT_HEADINGS:
            self.state = _State.ABSTRACT
        elif lowered in _AFFILIATION_HEADINGS:
            self.state = _State.AFFILIATIONS
            entry.expect_name = True
        elif lowered in _FOLD_WORDS:
            if self.state is _State.AFFILIATIONS:
                self.state = _State.CLOSED
            elif self.state is _State.ABSTRACT:
                self.state = _State.CITATION
        elif self.state is _State.AFFILIATIONS:
            _affiliation_line(entry, text)
        elif (
            self.state is _State.CITATION
            and not entry.abstract
            and entry.wrapped < _MAX_WRAPPED
            and not _TAGS_AT_END.search(entry.citation)
        ):
            entry.citation += " " + text  # a citation wrapped over several lines
            entry.wrapped += 1
        else:
            entry.abstract.append(text)


def _affiliation_line(entry: _Entry, text: str) -> None:
    """``- Name`` after the heading or after ``| |`` starts an author; other ``- x`` lines are
    that author's affiliations; a bare ``| |`` closes the author."""
    if _AUTHOR_SEPARATOR.fullmatch(text):
        entry.expect_name = True
        return
    item = _DASH_ITEM.fullmatch(text)
    if item is None:  # an affiliation wrapped over two lines
        if entry.full_names and entry.full_names[-1].affiliations:
            entry.full_names[-1].affiliations[-1] += " " + text
        return
    value = item.group("text").strip()
    if not value:
        return
    if item.group("new") or entry.expect_name or not entry.full_names:
        entry.full_names.append(_FullName(name=value))
        entry.expect_name = False
    else:
        entry.full_names[-1].affiliations.append(value)


def _entries(lines: Iterable[tuple[int, str]]) -> Iterator[_Entry]:
    splitter = _Splitter()
    for number, text in lines:
        finished = splitter.feed(number, text)
        if finished is not None:
            yield finished
    last = splitter.close()
    if last is not None:
        yield last


# -- the citation line -------------------------------------------------------------------------

_TAG_BLOCK = re.compile(r"(?:\s*\[[^\[\]]*\])+(?:\s+(?P<words>[A-Za-z]+(?: [A-Za-z]+){0,2}))?\s*$")
# Tag blocks run to a few hundred characters; searching only the end bounds the work.
_TAG_WINDOW = 4000
_TAG = re.compile(r"\[([^\[\]]*)\]")
_ID_FIELD = re.compile(r"\b(PMID|PMCID|DOI)\s*:\s*(\S+)", re.IGNORECASE)
_KEY_VALUE = re.compile(r"(?P<key>[^:]+?)\s*:\s*(?P<value>.*)")
_DATE_TAGS = frozenset({"received", "revised", "accepted", "indexed"})
_CITED_BY_TAGS = (
    "citation(s) in rca",
    "cited by in crossref",
    "cited by in f6publishing",
    "cited by",
)


@dataclass
class _Citation:
    """What the citation line states, with the warnings met while reading it."""

    identifiers: dict[str, str] = field(default_factory=dict)
    dates: dict[str, PartialDate] = field(default_factory=dict)
    cited_by: int | None = None
    open_access: bool | None = None
    short_names: tuple[str, ...] = ()
    et_al: bool = False
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    date: PartialDate | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    structured: bool = False
    warnings: list[tuple[str, str, str]] = field(default_factory=list)

    def warn(self, message: str, expected: str, found: str) -> None:
        self.warnings.append((message, expected, found))


def _read_tags(block: str, citation: _Citation) -> None:
    """Identifiers, dates and counts from the ``[...]`` tags; unknown tags are ignored."""
    counts: dict[str, str] = {}
    for tag in _TAG.findall(block):
        ids = _ID_FIELD.findall(tag)
        for scheme, value in ids:
            _read_identifier(scheme.upper(), value, citation)
        pair = None if ids else _KEY_VALUE.fullmatch(tag.strip())
        if pair is None:
            continue
        key, value = pair.group("key").strip(), pair.group("value").strip()
        if key.lower() in _DATE_TAGS:
            _read_date(key, value, citation)
        elif key.lower() in _CITED_BY_TAGS:
            counts.setdefault(key.lower(), value)
    _read_cited_by(counts, citation)


def _read_date(key: str, value: str, citation: _Citation) -> None:
    date = parse_us_date(value) if value else None
    if date is None:
        citation.warn(f"{key} date not understood; dropped", "mm/dd/yyyy", value)
    else:
        citation.dates[key.lower()] = date


def _read_cited_by(counts: dict[str, str], citation: _Citation) -> None:
    """The listing's own count (``Citation(s) in RCA``) first, then Crossref's, then others."""
    for key in _CITED_BY_TAGS:
        value = counts.get(key)
        if value is None:
            continue
        if value.isdigit():
            citation.cited_by = int(value)
            return
        citation.warn(f"{key} count not understood; dropped", "a whole number", value)


def _read_identifier(scheme: str, value: str, citation: _Citation) -> None:
    parser = {"PMID": parse_pmid, "PMCID": parse_pmcid, "DOI": parse_doi}[scheme]
    try:
        citation.identifiers.setdefault(scheme, parser(value))
    except ValueError as error:
        citation.warn(f"{scheme} dropped: {error}", _ID_EXPECTED[scheme], value)


_ID_EXPECTED = {
    "PMID": "1 to 9 digits",
    "PMCID": "PMC followed by digits",
    "DOI": "10.<registrant>/<suffix>",
}


def _read_body(body: str, citation: _Citation, *, tagged: bool) -> None:
    """``Authors. Title. Journal Year; Vol(Issue):Pages.`` read from both ends.

    Without a tag block the author list must be recognised too, or any sentence ending in a
    year (``... in 2020.``) would pass for a citation.
    """
    tail = find_source_tail(body)
    if tail is None:
        return
    prefix = body[: tail.start].rstrip()
    names = split_authors(prefix)
    title, journal = split_title_journal(names.rest)
    citation.structured = bool(title and journal and (tagged or names.recognised))
    citation.year, citation.date, citation.journal, citation.title = (
        tail.year,
        tail.date,
        journal,
        title,
    )
    if not citation.structured:
        return
    citation.short_names, citation.et_al = names.names, names.et_al
    if not names.recognised:
        citation.warn(
            "author list not recognised; authors left out",
            "'Surname Initials, Surname Initials. Title...'",
            prefix[:80],
        )
    if tail.volume is not None:
        citation.volume, citation.issue, citation.pages = (
            tail.volume.volume,
            tail.volume.issue,
            tail.volume.pages,
        )
    elif tail.volume_text is not None:
        citation.warn(
            "volume, issue and pages not understood; dropped",
            "'Volume(Issue):Pages'",
            tail.volume_text,
        )


def _parse_citation(text: str) -> _Citation:
    citation = _Citation()
    block = _TAG_BLOCK.search(text, max(0, len(text) - _TAG_WINDOW))
    body = text
    if block is not None:
        body = text[: block.start()].rstrip()
        _read_tags(text[block.start() :], citation)
        words = (block.group("words") or "").strip().lower()
        if words.startswith("open"):
            citation.open_access = True
    _read_body(body, citation, tagged=block is not None)
    return citation


# -- authors -----------------------------------------------------------------------------------


def _short_author(token: str) -> Author:
    """``Lee BW`` as an Author; hyphenated initials (``Seo H-B``) keep only their letters.

    Tokens that are not personal short names reached here as group names (see
    :func:`split_authors`) and become collective authors.
    """
    if not is_short_name(token):
        return Author(collective_name=token.strip())
    words = token.split()
    return parse_short_name(" ".join(w.replace("-", "") if is_initials(w) else w for w in words))


def _full_author(full: _FullName) -> Author:
    return replace(
        split_full_name(full.name),
        affiliations=tuple(
            text for text in (_clean_affiliation(item) for item in full.affiliations) if text
        ),
    )


def _family_first(author: Author) -> Author | None:
    """The same words read family-name-first (``Chen Liting`` -> Chen, Liting), if different."""
    words = f"{author.fore_name or ''} {author.last_name or ''}".split()
    if len(words) < 2 or author.collective_name:
        return None
    fore = " ".join(words[1:])
    return replace(author, last_name=words[0], fore_name=fore, initials=initials_of(fore))


def _agrees(short: Author, full: Author) -> bool:
    if not short.last_name or fold(short.last_name) != fold(full.last_name or ""):
        return False
    brief, complete = (short.initials or "").upper(), (full.initials or "").upper()
    return not (brief and complete) or complete.startswith(brief) or brief.startswith(complete)


def _merge(short: Author, full: Author) -> Author:
    return Author(
        last_name=full.last_name,
        fore_name=full.fore_name,
        initials=short.initials or full.initials,
        suffix=full.suffix or short.suffix,
        affiliations=full.affiliations,
    )


def _match(short: Author, full: Author) -> Author | None:
    for reading in (full, _family_first(full)):
        if reading is not None and _agrees(short, reading):
            return _merge(short, reading)
    return None


def _link(short: list[Author], full: list[Author], et_al: bool) -> tuple[list[Author], list[str]]:
    """Authors in byline order with full names and affiliations where they can be paired.

    The shared :func:`link_short_to_full` decides when both lists are complete and agree.
    Otherwise (``et al.``, a family-first full name, a name missing on one side) names are
    paired in order where surname and initials agree; unpaired short names stay short, and
    full names beyond an ``et al.`` list are appended.  No author is dropped: any other
    unpaired full name is appended too and reported.
    """
    if not full:
        return short, []
    if not short:
        return full, []
    linked = link_short_to_full(short, full)
    if linked is not None:
        return linked, []
    result: list[Author] = []
    unpaired_full: list[Author] = []
    unpaired_short = 0
    position = 0
    for author in short:
        for index in range(position, len(full)):
            merged = _match(author, full[index])
            if merged is not None:
                unpaired_full.extend(full[position:index])
                result.append(merged)
                position = index + 1
                break
        else:
            result.append(author)
            unpaired_short += author.collective_name is None
    notes: list[str] = []
    rest = full[position:]
    if not et_al:
        unpaired_full.extend(rest)
        rest = []
    result.extend(rest)
    if unpaired_full:
        result.extend(unpaired_full)
        notes.append(
            f"{len(unpaired_full)} affiliation-block name(s) not in the citation's "
            f"author list, appended at the end: "
            + "; ".join(author.display_name for author in unpaired_full)
        )
    if unpaired_short:
        notes.append(
            f"{unpaired_short} author(s) of the citation line have no full name in "
            f"the affiliation block; kept as short names"
        )
    return result, notes


# Initials markers some publishers append: "...Singapore; (B.Z.); (R.C.L.); (W.K.S.)".
_INITIALS = r"[A-Z][a-z]?\.(?:[\s-]*[A-Za-z]{1,3}\.){0,7}"  # B.Z.  R.C.L.  K.v.d.B.  J.-H.J.
_INITIALS_GROUP = rf"\({_INITIALS}(?:\s*,\s*{_INITIALS})*\)"
_TRAILING_MARKERS = re.compile(rf"(?:\s*[;,]?\s*{_INITIALS_GROUP})+\s*[;,]?\s*$")


_ONE_INITIALS = re.compile(_INITIALS)


def _affiliation_markers(names: list[_FullName]) -> dict[str, frozenset[str]]:
    """Affiliation text -> the authors' initials its trailing markers name (``BZ``, ``RCL``).

    Publishers such as MDPI end an affiliation with the initials of the authors it belongs
    to, and listings copy that string under every author of the paper alike.
    """
    markers: dict[str, frozenset[str]] = {}
    for name in names:
        for item in name.affiliations:
            found = _TRAILING_MARKERS.search(item.strip())
            if found is None:
                continue
            initials = frozenset(
                "".join(char for char in match.upper() if char.isalpha())
                for match in _ONE_INITIALS.findall(found.group(0))
            )
            text = _clean_affiliation(item)
            markers[text] = markers.get(text, frozenset()) | initials
    return markers


def _attribute_by_markers(
    authors: list[Author], markers: dict[str, frozenset[str]]
) -> list[Author]:
    """Give each marked affiliation to exactly the authors its initials name.

    When no author's initials match the markers (different conventions, a typo), the
    affiliations stay as the listing shows them rather than being guessed.
    """
    if not markers:
        return authors
    initials = [_full_initials(author) for author in authors]
    owners = {
        text: {index for index, forms in enumerate(initials) if forms & named}
        for text, named in markers.items()
    }
    owners = {text: members for text, members in owners.items() if members}
    if not owners:
        return authors
    result = []
    for index, author in enumerate(authors):
        kept = [text for text in author.affiliations if index in owners.get(text, {index})]
        kept += [text for text, members in owners.items() if index in members and text not in kept]
        result.append(replace(author, affiliations=tuple(kept)))
    return result


def _full_initials(author: Author) -> frozenset[str]:
    """The ways a publisher writes this author's initials: ``Ruenn Chai Lai`` -> ``RCL``;
    ``Karin van der Berg`` -> ``KVDB`` (K.v.d.B.) or ``KV``; ``Gil-Kulik P`` -> ``PGK``/``PG``.
    """
    if not author.last_name:
        return frozenset()
    given = initials_of(author.fore_name) if author.fore_name else (author.initials or "")
    parts = [part for part in re.split(r"[\s-]+", author.last_name) if part]
    return frozenset(
        (given + family).upper() for family in ("".join(p[0] for p in parts), parts[0][0])
    )


def _clean_affiliation(text: str) -> str:
    """Affiliation text verbatim, minus a trailing ``;`` and author-initials markers."""
    value = _TRAILING_MARKERS.sub("", text.strip())
    return value.rstrip(" ;").strip()


# -- building records --------------------------------------------------------------------------


def _abstract(paragraphs: list[str]) -> tuple[tuple[AbstractSection, ...], bool]:
    sections = abstract_sections(paragraphs)
    truncated = bool(sections) and is_truncated(sections[-1].text)
    return sections, truncated


def _problem(
    file: str,
    entry: _Entry,
    message: str,
    *,
    severity: Severity,
    expected: str | None,
    found: str | None,
    record_id: str | None = None,
) -> Problem:
    return Problem(
        file=file,
        message=message,
        line=entry.line,
        record=entry.ordinal,
        record_id=record_id,
        severity=severity,
        expected=expected,
        found=found,
    )


def _build(entry: _Entry, file: str) -> Iterator[ReaderItem]:
    if entry.preamble:
        yield Problem(
            file=file,
            line=entry.line,
            severity="warning",
            message="text before the first numbered entry ignored",
            expected="an entry number or a citation line",
            found=entry.citation,
        )
        return
    citation = _parse_citation(entry.citation)
    pmid = citation.identifiers.get("PMID")
    if not citation.structured and not citation.identifiers:
        yield _problem(
            file,
            entry,
            f"entry {entry.ordinal}: citation line not understood; entry skipped",
            severity="error",
            expected=_EXPECTED_CITATION,
            found=entry.citation,
        )
        return
    for message, expected, found in citation.warnings:
        yield _problem(
            file, entry, message, severity="warning", expected=expected, found=found, record_id=pmid
        )
    if not citation.structured:
        yield _problem(
            file,
            entry,
            "title, journal or year not found; kept what was found",
            severity="warning",
            expected="'Title. Journal Year; Volume:Pages.'",
            found=entry.citation,
            record_id=pmid,
        )
    short = [_short_author(name) for name in citation.short_names]
    full = [_full_author(name) for name in entry.full_names]
    authors, notes = _link(short, full, citation.et_al)
    authors = _attribute_by_markers(authors, _affiliation_markers(entry.full_names))
    for note in notes:
        yield _problem(
            file, entry, note, severity="warning", expected=None, found=None, record_id=pmid
        )
    abstract, truncated = _abstract(entry.abstract)
    yield Record(
        source=Source(file=file, format=NAME, record=entry.ordinal, line=entry.line),
        pmid=pmid,
        pmcid=citation.identifiers.get("PMCID"),
        doi=citation.identifiers.get("DOI"),
        title=citation.title,
        abstract=abstract,
        abstract_truncated=truncated,
        authors=tuple(authors),
        journal_abbrev=citation.journal,
        year=citation.year,
        date=citation.date,
        volume=citation.volume,
        issue=citation.issue,
        pages=citation.pages,
        received=citation.dates.get("received"),
        revised=citation.dates.get("revised"),
        accepted=citation.dates.get("accepted"),
        indexed=citation.dates.get("indexed"),
        cited_by=citation.cited_by,
        open_access=citation.open_access,
    )


_HELD_BACK = 100


class _Rejections:
    """Output held back until the first good record.

    A file that is not a listing at all should cost the user one line ("no recognisable
    entry"), not one error per paragraph; but once a record has been read, every rejected
    entry is reported with its own location, in order.  At most ``_HELD_BACK`` errors are
    held; beyond that only their count is kept, which bounds memory on large foreign files.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.held: list[ReaderItem] = []
        self.errors = 0
        self.dropped = 0
        self.seen_record = False

    def offer(self, item: ReaderItem) -> Iterator[ReaderItem]:
        """Pass ``item`` on, or hold it while no record has been read."""
        if self.seen_record:
            yield item
            return
        if isinstance(item, Record):
            self.seen_record = True
            yield from self.held
            if self.dropped:
                yield self._summary(f"{self.dropped} further rejected entries not listed")
            self.held = []
            yield item
            return
        if isinstance(item, Problem) and item.severity == "error":
            self.errors += 1
            if self.errors > _HELD_BACK:
                self.dropped += 1
                return
        self.held.append(item)

    def finish(self) -> Iterator[ReaderItem]:
        """At the end of input: one file-level error if no record was read."""
        if not self.seen_record:
            yield self._summary(
                f"no recognisable citation entry ({self.errors} candidate(s) rejected)"
                if self.errors
                else "no citation entries found"
            )

    def _summary(self, message: str) -> Problem:
        first = next((item for item in self.held if isinstance(item, Problem)), None)
        return Problem(
            file=self.file,
            message=message,
            line=first.line if first else None,
            expected="numbered entries with a citation line ending in [PMID: ...] tags",
            found=first.found if first else "no text",
        )


def read(source: InputSource) -> Iterator[ReaderItem]:
    """Yield one Record per entry, and Problems for rejected entries and dropped fields.

    Never raises on content: an entry that cannot be read becomes an error Problem and the
    next entry is read.  An input with no readable entry yields one error Problem for the
    file (see :class:`_Rejections`).
    """
    rejections = _Rejections(source.display)
    for entry in _entries(source.lines()):
        for item in _build(entry, source.display):
            yield from rejections.offer(item)
    yield from rejections.finish()
