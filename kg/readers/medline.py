"""MEDLINE tagged text: PubMed's "PubMed format" export, ``.nbib`` files, NLM ``.medline`` files.

Each record is a run of ``TAG - value`` lines (the tag padded to four characters), a value
continuing on lines indented by six spaces, records separated by blank lines::

    PMID- 23039619
    TI  - Effects of different parameters in the fast scanning method for HIFU
          treatment.
    FAU - Qiao, Shan
    AU  - Qiao S
    AD  - School of Biomedical Engineering, Shanghai Jiao Tong University, ...

Authors are a small state machine because the format states facts about an author on the
lines *after* it: ``FAU`` opens a person, ``AU`` adds the short form (initials), ``AUID`` and
``AD`` belong to the author they follow, ``CN`` is a group author in its byline position, and
``IR``/``FIR`` open investigators whose ``AD`` lines must not leak into the last author.  Old
records state one ``AD`` before any author; it belongs to the first author.

Decisions (shared with the other PubMed readers):

* ``indexed`` is the date MEDLINE indexing was completed (``DCOM``), else the ``[medline]``
  history date, else ``MHDA`` -- the same dates the PubMed XML reader uses (DateCompleted,
  the ``medline`` history date).
* ``year`` is the year of ``DP``, else of ``epub``.
* titles go through :func:`~kg.readers.pubmed_text.clean_title`: the brackets of translated
  titles (``[Acute impingement].``) are removed and ``[Not Available].`` is no title, as in
  the PubMed XML reader.
* ``issn`` is the first non-linking ``IS`` line (the journal ISSN PubMed XML states),
  ``issn_linking`` the ``(Linking)`` one.
* a MeSH heading is ``major`` when its descriptor or any of its qualifiers is starred, which
  is what PubMed's ``[majr]`` search means.
* affiliations are kept verbatim (e-mail included); the first e-mail found also goes to
  ``Author.email``.
* identifiers other than PMID/PMCID/DOI go to ``other_ids`` under PubMed's ArticleId type
  names: ``pii`` (and any other ``[type]`` of ``LID``/``AID``), ``mid`` for ``MID``
  (NIHMS manuscript ids).
* ``epub`` is ``DEP``, else the ``[aheadofprint]`` history date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from kg.model import (
    AbstractSection,
    Author,
    Deletion,
    Identifier,
    MeshHeading,
    PartialDate,
    Problem,
    Record,
    Source,
)
from kg.normalize.citations import clean_title
from kg.normalize.dates import parse_date
from kg.normalize.ids import parse_doi, parse_issn, parse_orcid, parse_pmcid, parse_pmid
from kg.normalize.names import parse_inverted_name, parse_short_name
from kg.readers.problems import RecordProblems
from kg.readers.source import InputSource

__all__ = ["DESCRIPTION", "NAME", "SUFFIXES", "read", "sniff", "split_labelled_abstract"]

NAME = "medline"
DESCRIPTION = "MEDLINE tagged text (.nbib, .medline, PubMed 'PubMed format')"
SUFFIXES = (".nbib", ".medline")

_TAG_LINE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]{1,3}) {0,3}-(?: (?P<value>.*)|\s*$)")
_PMID_LINE = re.compile(r"^PMID- ?\d")
# Tags only MEDLINE uses; RIS shares the "XX  - " layout but never has these.
_MEDLINE_ONLY = frozenset(
    {
        "PMID",
        "OWN",
        "STAT",
        "FAU",
        "DP",
        "JT",
        "TA",
        "LID",
        "AID",
        "PHST",
        "EDAT",
        "MHDA",
        "CRDT",
        "SO",
        "PST",
        "JID",
    }
)
_AUTHOR_TAGS = frozenset({"FAU", "AU", "CN", "AUID", "AD", "IR", "FIR"})
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TRUNCATED = re.compile(r"\s*\(ABSTRACT TRUNCATED(?: AT \d+ WORDS)?\)\s*$", re.IGNORECASE)
# A structured-abstract label: upper-case words and ": " at the start of the text or after
# the end of a sentence.
_LABEL = re.compile(r"(?:^|(?<=[.!?)\]] ))(?P<label>[A-Z][A-Z0-9&/,()' -]*[A-Z)]): ")
_ID_WITH_TYPE = re.compile(r"^(?P<value>.*?)\s*\[(?P<type>[^\]]+)\]\s*$")
_ISSN_WITH_TYPE = re.compile(r"^(?P<value>\S+)\s*(?:\((?P<type>[^)]*)\))?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_T = TypeVar("_T")


def sniff(head: str) -> int:
    """Confidence that ``head`` is MEDLINE text: a ``PMID-`` line, or several MEDLINE-only tags."""
    lines = [line for line in head.splitlines() if line.strip()][:200]
    if not lines:
        return 0
    if _PMID_LINE.match(lines[0]):
        return 98
    tags = {match.group("tag") for line in lines if (match := _TAG_LINE.match(line))}
    if "TY" in tags or "ER" in tags:  # RIS shares the layout
        return 5
    if "PMID" in tags:
        return 90
    known = len(tags & _MEDLINE_ONLY)
    return 50 if known >= 3 else 10 * known


# -- splitting the file into records -------------------------------------------------------


@dataclass(slots=True)
class _Field:
    tag: str
    value: str
    line: int


@dataclass(slots=True)
class _Chunk:
    """The lines of one record: its fields, and lines that were not in MEDLINE layout."""

    first_line: int
    fields: list[_Field] = field(default_factory=list)
    stray: list[tuple[int, str]] = field(default_factory=list)


def _chunks(lines: Iterator[tuple[int, str]]) -> Iterator[_Chunk]:
    """Group lines into records: blank lines separate them, and so does a new ``PMID-`` line."""
    chunk: _Chunk | None = None
    for number, text in lines:
        if not text.strip():
            if chunk is not None:
                yield chunk
                chunk = None
            continue
        if chunk is not None and chunk.fields and _PMID_LINE.match(text):
            yield chunk
            chunk = None
        if chunk is None:
            chunk = _Chunk(first_line=number)
        _add_line(chunk, number, text)
    if chunk is not None:
        yield chunk


def _add_line(chunk: _Chunk, number: int, text: str) -> None:
    match = _TAG_LINE.match(text)
    if match:
        value = (match.group("value") or "").strip()
        chunk.fields.append(_Field(match.group("tag"), value, number))
    elif text[:1] in (" ", "\t") and chunk.fields:
        last = chunk.fields[-1]
        continued = text.strip()
        last.value = f"{last.value} {continued}" if last.value else continued
    else:
        chunk.stray.append((number, text))


# -- reading ---------------------------------------------------------------------------------


def read(source: InputSource) -> Iterator[Record | Problem | Deletion]:
    """Yield one Record per MEDLINE record; rejected records and dropped fields as Problems.

    One chunk of look-ahead lets the reader know which record is the last, the only one
    that can be cut short by a truncated download.
    """
    counts = _Counts()
    pending: _Chunk | None = None
    for chunk in _chunks(source.lines()):
        if pending is not None:
            yield from _emit(source.display, pending, counts, last=False)
        pending = chunk
    if pending is not None:
        yield from _emit(source.display, pending, counts, last=True)


@dataclass(slots=True)
class _Counts:
    records: int = 0
    records_with_so: int = 0


def _emit(
    file: str, chunk: _Chunk, counts: _Counts, *, last: bool
) -> Generator[Record | Problem, None, None]:
    """Turn one chunk into its problems and (unless rejected) its record."""
    if not chunk.fields:
        number, text = chunk.stray[0]
        yield Problem(
            file=file,
            line=number,
            severity="warning",
            message="text outside any MEDLINE record ignored",
            expected="'TAG - value' lines",
            found=text.strip(),
        )
        return
    counts.records += 1
    builder = _RecordBuilder(file, counts.records, chunk)
    record = builder.build()
    tags = {field_.tag for field_ in chunk.fields}
    every_other_has_so = counts.records > 1 and counts.records_with_so == counts.records - 1
    if last and "SO" not in tags and every_other_has_so:
        final = chunk.fields[-1]
        builder.warn(
            final.line,
            "record looks truncated: it lacks the SO line that ends every other record",
            "a complete record ending with SO",
            f"{final.tag} - {final.value}",
        )
    counts.records_with_so += "SO" in tags
    yield from builder.problems
    if record is not None:
        yield record


@dataclass(slots=True)
class _AuthorDraft:
    """An author being assembled from FAU/AU/CN and the AUID/AD lines that follow it."""

    name: Author
    from_full: bool = False
    has_short: bool = False
    orcid: str | None = None
    identifiers: list[Identifier] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    email: str | None = None

    def add_affiliation(self, text: str) -> None:
        self.affiliations.append(text)
        if self.email is None:
            self.email = _email_in(text)

    def finish(self) -> Author:
        name = self.name
        return Author(
            last_name=name.last_name,
            fore_name=name.fore_name,
            initials=name.initials,
            suffix=name.suffix,
            collective_name=name.collective_name,
            orcid=self.orcid,
            identifiers=tuple(self.identifiers),
            affiliations=tuple(self.affiliations),
            email=self.email,
        )


@dataclass(slots=True)
class _Draft:
    """The fields of one record as they are read; turned into a frozen Record at the end."""

    pmid: str | None = None
    pmcid: str | None = None
    doi: str | None = None
    other_ids: list[Identifier] = field(default_factory=list)
    title: str | None = None
    book_title: str | None = None
    abstract: str | None = None
    abstract_truncated: bool = False
    journal_abbrev: str | None = None
    journal_title: str | None = None
    issn: str | None = None
    issn_linking: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    language: str | None = None
    publication_types: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    mesh_headings: list[MeshHeading] = field(default_factory=list)
    dates: dict[str, PartialDate] = field(default_factory=dict)


class _RecordBuilder:
    """Reads one record's fields in file order; each tag has a small handler."""

    def __init__(self, file: str, ordinal: int, chunk: _Chunk) -> None:
        self.file = file
        self.ordinal = ordinal
        self.chunk = chunk
        self.problems = RecordProblems(file, ordinal, chunk.first_line)
        self.draft = _Draft()
        self.authors: list[_AuthorDraft] = []
        self.current: _AuthorDraft | None = None
        self.in_investigators = False
        self.orphan_affiliations: list[str] = []
        self.handlers: dict[str, Callable[[_Field], None]] = {
            "PMID": self._pmid,
            "TI": self._text("title"),
            "BTI": self._text("book_title"),
            "AB": self._abstract,
            "FAU": self._full_author,
            "AU": self._short_author,
            "CN": self._collective,
            "AUID": self._author_id,
            "AD": self._affiliation,
            "IR": self._investigator,
            "FIR": self._investigator,
            "TA": self._text("journal_abbrev"),
            "JT": self._text("journal_title"),
            "IS": self._issn,
            "VI": self._text("volume"),
            "IP": self._text("issue"),
            "PG": self._text("pages"),
            "DP": self._dated("published"),
            "LA": self._language,
            "PT": self._publication_type,
            "OT": self._keyword,
            "MH": self._mesh,
            "LID": self._location_id,
            "AID": self._location_id,
            "PMC": self._pmc,
            "MID": self._manuscript_id,
            "PHST": self._history,
            "DEP": self._dated("epub"),
            "DCOM": self._dated("completed"),
            "MHDA": self._dated("mesh"),
        }

    def warn(self, line: int, message: str, expected: str | None, found: str | None) -> None:
        self.problems.warn(message, expected, found, line=line)

    # -- assembling -----------------------------------------------------------------------

    def build(self) -> Record | None:
        """The record, or ``None`` (with an error problem) when it cannot be identified."""
        for number, text in self.chunk.stray:
            self.warn(
                number,
                "line is neither a 'TAG - value' line nor an indented continuation; ignored",
                "'TAG - value' or a six-space continuation",
                text,
            )
        for field_ in self.chunk.fields:
            if field_.tag not in _AUTHOR_TAGS:
                self.current = None
                self.in_investigators = False
            handler = self.handlers.get(field_.tag)
            if handler is not None:
                handler(field_)
        draft = self.draft
        if draft.pmid is None and not clean_title(draft.title or draft.book_title):
            first = self.chunk.fields[0]
            self.problems.error(
                "record has neither a valid PMID nor a title; rejected",
                "a 'PMID- ' line",
                f"{first.tag} - {first.value}",
            )
            return None
        return self._record()

    def _record(self) -> Record:
        draft = self.draft
        dates = draft.dates
        published = dates.get("published")
        epub = dates.get("epub") or dates.get("aheadofprint")
        year = published.year if published else (epub.year if epub else None)
        return Record(
            source=Source(
                file=self.file, format=NAME, record=self.ordinal, line=self.chunk.first_line
            ),
            pmid=draft.pmid,
            pmcid=draft.pmcid,
            doi=draft.doi,
            other_ids=_unique(draft.other_ids),
            title=clean_title(draft.title) or clean_title(draft.book_title),
            abstract=split_labelled_abstract(draft.abstract) if draft.abstract else (),
            abstract_truncated=draft.abstract_truncated,
            authors=self._finished_authors(),
            journal_abbrev=draft.journal_abbrev,
            journal_title=draft.journal_title,
            issn=draft.issn,
            issn_linking=draft.issn_linking,
            year=year,
            date=published,
            volume=draft.volume,
            issue=draft.issue,
            pages=draft.pages,
            language=draft.language,
            publication_types=_unique(draft.publication_types),
            keywords=_unique(draft.keywords),
            mesh_headings=_unique(draft.mesh_headings),
            received=dates.get("received"),
            revised=dates.get("revised"),
            accepted=dates.get("accepted"),
            epub=epub,
            indexed=dates.get("completed") or dates.get("medline") or dates.get("mesh"),
        )

    def _finished_authors(self) -> tuple[Author, ...]:
        """Authors in byline order; an AD stated before any author goes to the first one."""
        if self.orphan_affiliations and self.authors and not self.authors[0].affiliations:
            for text in self.orphan_affiliations:
                self.authors[0].add_affiliation(text)
        return tuple(draft.finish() for draft in self.authors)

    # -- simple fields ----------------------------------------------------------------------

    def _text(self, name: str) -> Callable[[_Field], None]:
        """Handler keeping the first non-empty value of a tag in draft attribute ``name``."""

        def handle(field_: _Field) -> None:
            if field_.value and getattr(self.draft, name) is None:
                setattr(self.draft, name, field_.value)

        return handle

    def _dated(self, key: str) -> Callable[[_Field], None]:
        """Handler keeping the first date of a tag under ``key``; unparsable ones are warned."""

        def handle(field_: _Field) -> None:
            date = _date(field_.value)
            if date is None:
                self.warn(
                    field_.line,
                    f"unparsable {field_.tag} date dropped",
                    "a date such as '2012 Oct 5' or '20121005'",
                    field_.value,
                )
            else:
                self.draft.dates.setdefault(key, date)

        return handle

    def _pmid(self, field_: _Field) -> None:
        if self.draft.pmid is not None:
            return
        try:
            self.draft.pmid = self.problems.record_id = parse_pmid(field_.value)
        except ValueError as error:
            self.warn(field_.line, f"PMID dropped: {error}", "1 to 9 digits", field_.value)

    def _abstract(self, field_: _Field) -> None:
        text = field_.value
        if _TRUNCATED.search(text):
            self.draft.abstract_truncated = True
            text = _TRUNCATED.sub("", text)
        if text:
            previous = self.draft.abstract
            self.draft.abstract = f"{previous} {text}" if previous else text

    def _language(self, field_: _Field) -> None:
        if field_.value and self.draft.language is None:
            self.draft.language = field_.value.lower()

    def _publication_type(self, field_: _Field) -> None:
        if field_.value:
            self.draft.publication_types.append(field_.value)

    def _keyword(self, field_: _Field) -> None:
        keyword = field_.value.lstrip("*").strip()  # "*" marks a major keyword in OT
        if keyword:
            self.draft.keywords.append(keyword)

    def _history(self, field_: _Field) -> None:
        match = _ID_WITH_TYPE.match(field_.value)
        if not match:
            self.warn(
                field_.line,
                "PHST line without [status] ignored",
                "'2024/06/04 00:00 [received]'",
                field_.value,
            )
            return
        status = match.group("type").strip().lower()
        date = _date(match.group("value"))
        if date is None:
            self.warn(
                field_.line, f"unparsable [{status}] date dropped", "YYYY/MM/DD", field_.value
            )
            return
        self.draft.dates.setdefault(status, date)

    def _mesh(self, field_: _Field) -> None:
        parts = [part.strip() for part in field_.value.split("/")]
        descriptor = parts[0].lstrip("*").strip()
        if not descriptor:
            self.warn(
                field_.line,
                "MeSH heading without descriptor ignored",
                "'Descriptor/qualifier/*qualifier'",
                field_.value,
            )
            return
        qualifiers = tuple(part.lstrip("*").strip() for part in parts[1:] if part.lstrip("*"))
        self.draft.mesh_headings.append(
            MeshHeading(
                descriptor=descriptor,
                major=any(part.startswith("*") for part in parts),
                qualifiers=qualifiers,
            )
        )

    # -- identifiers ------------------------------------------------------------------------

    def _location_id(self, field_: _Field) -> None:
        match = _ID_WITH_TYPE.match(field_.value)
        if not match:
            self.warn(
                field_.line, f"{field_.tag} without [type] ignored", "'value [doi]'", field_.value
            )
            return
        value, kind = match.group("value"), match.group("type").strip().lower()
        if kind == "doi":
            self._doi(field_.line, value)
        elif kind == "pmc":
            self._pmc(_Field("PMC", value, field_.line))
        elif value:
            self.draft.other_ids.append(Identifier(kind, value))

    def _doi(self, line: int, value: str) -> None:
        try:
            doi = parse_doi(value)
        except ValueError as error:
            self.warn(line, f"DOI dropped: {error}", "10.<registrant>/<suffix>", value)
            return
        if self.draft.doi is None:
            self.draft.doi = doi

    def _pmc(self, field_: _Field) -> None:
        try:
            pmcid = parse_pmcid(field_.value)
        except ValueError as error:
            self.warn(
                field_.line, f"PMCID dropped: {error}", "PMC followed by digits", field_.value
            )
            return
        if self.draft.pmcid is None:
            self.draft.pmcid = pmcid

    def _manuscript_id(self, field_: _Field) -> None:
        if field_.value:
            self.draft.other_ids.append(Identifier("mid", field_.value))

    def _issn(self, field_: _Field) -> None:
        match = _ISSN_WITH_TYPE.match(field_.value)
        if not match:
            return
        try:
            issn = parse_issn(match.group("value"))
        except ValueError as error:
            self.warn(field_.line, f"ISSN dropped: {error}", "NNNN-NNNC", field_.value)
            return
        if (match.group("type") or "").strip().lower() == "linking":
            self.draft.issn_linking = self.draft.issn_linking or issn
        else:
            self.draft.issn = self.draft.issn or issn

    # -- authors ----------------------------------------------------------------------------

    def _start_author(self, name: Author, *, from_full: bool) -> _AuthorDraft:
        self.in_investigators = False
        self.current = _AuthorDraft(name=name, from_full=from_full)
        self.authors.append(self.current)
        return self.current

    def _full_author(self, field_: _Field) -> None:
        if field_.value:
            self._start_author(parse_inverted_name(field_.value), from_full=True)

    def _short_author(self, field_: _Field) -> None:
        """``AU`` completes the ``FAU`` before it (initials); alone, it is the author."""
        if not field_.value:
            return
        short = parse_short_name(field_.value)
        current = self.current
        if current is not None and current.from_full and not current.has_short:
            current.has_short = True
            name = current.name
            if short.initials and name.collective_name is None:
                current.name = Author(
                    last_name=name.last_name,
                    fore_name=name.fore_name,
                    initials=short.initials,
                    suffix=name.suffix or short.suffix,
                )
            return
        self._start_author(_short_or_group(field_.value, short), from_full=False).has_short = True

    def _collective(self, field_: _Field) -> None:
        if field_.value:
            self._start_author(Author(collective_name=field_.value), from_full=False)

    def _investigator(self, field_: _Field) -> None:
        """IR/FIR list investigators, not authors: their AD/AUID lines are not ours."""
        self.current = None
        self.in_investigators = True

    def _author_id(self, field_: _Field) -> None:
        current = self.current
        if current is None:
            if not self.in_investigators:
                self.warn(
                    field_.line,
                    "AUID before any author ignored",
                    "AUID after FAU/AU/CN",
                    field_.value,
                )
            return
        scheme, colon, value = field_.value.partition(":")
        if not colon:
            current.identifiers.append(Identifier("AUID", field_.value))
        elif scheme.strip().upper() != "ORCID":
            current.identifiers.append(Identifier(scheme.strip(), value.strip()))
        else:
            try:
                current.orcid = parse_orcid(value)
            except ValueError as error:
                self.warn(
                    field_.line, f"ORCID dropped: {error}", "0000-0000-0000-000X", value.strip()
                )

    def _affiliation(self, field_: _Field) -> None:
        if not field_.value or self.in_investigators:
            return
        if self.current is None:
            self.orphan_affiliations.append(field_.value)
        else:
            self.current.add_affiliation(field_.value)


# -- helpers -------------------------------------------------------------------------------


def _short_or_group(text: str, short: Author) -> Author:
    """An ``AU`` line without ``FAU``: a short personal name, or a group written as AU."""
    if short.initials or len(text.split()) == 1:
        return short
    return Author(collective_name=text.strip())


def _email_in(text: str) -> str | None:
    match = _EMAIL.search(text)
    return match.group(0).rstrip(".") if match else None


def _date(text: str) -> PartialDate | None:
    """``20060110`` (DA, DEP) or anything :func:`parse_date` reads (``2012/10/09 06:00``)."""
    value = text.strip()
    compact = _COMPACT_DATE.fullmatch(value)
    if compact:
        value = "-".join(compact.groups())
    return parse_date(value)


def _unique(items: list[_T]) -> tuple[_T, ...]:
    """Items in first-seen order without repeats (MEDLINE repeats LID lines as AID)."""
    return tuple(dict.fromkeys(items))


def split_labelled_abstract(text: str) -> tuple[AbstractSection, ...]:
    """Split ``BACKGROUND: ... METHODS: ...`` into labelled sections.

    MEDLINE flattens structured abstracts into one paragraph and keeps the labels in upper
    case.  A text is taken as structured when it starts with a label, holds two labels, or
    holds one long label after unlabelled prose (``... BIOLOGICAL SIGNIFICANCE: ...``), so a
    stray acronym such as ``HIV:`` inside prose does not cut it.  Labels need three letters
    (``P: 0.05`` is not one).
    """
    matches = [match for match in _LABEL.finditer(text) if _letters(match["label"]) >= 3]
    structured = matches and (
        matches[0].start() == 0 or len(matches) >= 2 or _letters(matches[0]["label"]) >= 8
    )
    if not structured:
        return (AbstractSection(text=text.strip()),)
    sections: list[AbstractSection] = []
    lead = text[: matches[0].start()].strip()
    if lead:
        sections.append(AbstractSection(text=lead))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end() : end].strip()
        if body:
            sections.append(AbstractSection(text=body, label=match["label"].strip()))
    return tuple(sections)


def _letters(label: str) -> int:
    return sum(char.isalpha() for char in label)
