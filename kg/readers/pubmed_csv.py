"""PubMed's "Save > CSV" export: one row per paper, eleven columns.

    PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,
    NIHMS ID,DOI

Headers are matched case-insensitively, extra columns are ignored and missing ones tolerated.
``Authors`` is a short author list (``Lim SM, Shiau CWC, Lau Y.``) and ``Citation`` PubMed's
citation line, read by the same parsers as the Abstract (text) export
(:mod:`kg.readers.pubmed_text`), which give volume, issue, pages and dates.

Rows are cut from the decoded lines by this module rather than by feeding the whole file to
``csv.reader``: a field with an unbalanced quote would otherwise swallow every row after it.
As in CSV, a physical line continues the current row while that row has an odd number of
quotes (a quote inside a quoted field is doubled, ``""``, so parity is exactly "inside a
quoted field"), and a row ends where its quotes balance, whatever the next line starts with:
a title wrapped onto ``2020, a cohort"...`` is one row.  A quote that never closes is found
when the row reaches ``_MAX_ROW_LINES`` lines or the end of the file, or when a multi-line
row balances but does not split into the header's number of fields; then only the row's
first line is rejected and reading resumes at the next line inside it that opens a PubMed
row (``"12345",``), so the broken row costs no other row.
Each row is then parsed with ``csv`` in strict mode, so ``"a "bad" quote"`` is an error that
names its line instead of a silently mangled title.

``Create Date`` (when PubMed created the record) has no field in the record model and is not
read: ``Record.indexed`` is the MEDLINE completion date in the other PubMed readers.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg.model import Author, Deletion, Identifier, Problem, Record, Source
from kg.normalize.citations import Citation, clean_title, parse_author_list, parse_citation
from kg.normalize.ids import parse_doi, parse_pmcid, parse_pmid
from kg.readers.problems import RecordProblems
from kg.readers.source import InputSource

__all__ = ["DESCRIPTION", "NAME", "SUFFIXES", "read", "sniff"]

NAME = "pubmed-csv"
DESCRIPTION = "PubMed 'Save > CSV' export"
SUFFIXES = (".csv",)

# Column header (lower case) -> field name used below.
_COLUMNS = {
    "pmid": "pmid",
    "title": "title",
    "authors": "authors",
    "citation": "citation",
    "first author": "first_author",
    "journal/book": "journal",
    "publication year": "year",
    "create date": "created",
    "pmcid": "pmcid",
    "nihms id": "nihms",
    "doi": "doi",
}
_ROW_START = re.compile(r'^"?\d{1,9}"?,')
_MAX_ROW_LINES = 50


def sniff(head: str) -> int:
    """Confidence from the header row: PubMed's column names, PMID among them."""
    first = next((line for line in head.splitlines() if line.strip()), "")
    try:
        header = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return 0
    names = {_header_name(name) for name in header}
    known = len(names & _COLUMNS.keys())
    if "pmid" not in names or known < 2:
        return 0
    return 95 if known >= 5 else 60


def _header_name(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").split()).lower()


# -- rows ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Row:
    """A logical row: where it starts, its text (``None`` if its quote never closed)."""

    line: int
    text: str | None
    first_text: str


class _Lines:
    """Numbered lines with push-back, so lines of a broken row can be read again."""

    def __init__(self, lines: Iterator[tuple[int, str]]) -> None:
        self._lines = lines
        self._back: list[tuple[int, str]] = []

    def next(self) -> tuple[int, str] | None:
        if self._back:
            return self._back.pop()
        return next(self._lines, None)

    def push(self, lines: list[tuple[int, str]]) -> None:
        self._back.extend(reversed(lines))


def _rows(lines: Iterator[tuple[int, str]]) -> Iterator[_Row]:
    """Logical rows from physical lines; quoted fields may span lines.

    The first row is the header; its field count is the width later multi-line rows must
    have to be accepted as one row (see the module docstring).
    """
    stream = _Lines(lines)
    width: int | None = None
    pending: list[tuple[int, str]] = []
    while True:
        item = stream.next()
        if item is None:
            if not pending:
                return
            yield _broken(pending, stream)
            pending = []
            continue
        if not pending and not item[1].strip():
            continue
        pending.append(item)
        joined = "\n".join(part for _, part in pending)
        if joined.count('"') % 2 == 0:
            if width is None:
                width = _width(joined)
            elif len(pending) > 1 and _width(joined) != width and _restart(pending):
                yield _broken(pending, stream)
                pending = []
                continue
            yield _Row(pending[0][0], joined, pending[0][1])
            pending = []
        elif len(pending) >= _MAX_ROW_LINES:
            yield _broken(pending, stream)
            pending = []


def _restart(pending: list[tuple[int, str]]) -> int:
    """Index of the first line after the first that opens a PubMed row; 0 if none does."""
    return next(
        (index for index, (_, text) in enumerate(pending) if index and _ROW_START.match(text)),
        0,
    )


def _broken(pending: list[tuple[int, str]], stream: _Lines) -> _Row:
    """Reject the row opened by ``pending[0]``; lines from the next row start are re-read."""
    restart = _restart(pending)
    if restart:
        stream.push(pending[restart:])
    return _Row(pending[0][0], None, pending[0][1])


def _width(text: str) -> int:
    """Number of fields in a row, or -1 if strict CSV rejects it."""
    try:
        return len(_fields(text))
    except csv.Error:
        return -1


def _fields(text: str) -> list[str]:
    """One row's fields; raises ``csv.Error`` on quoting that strict CSV rejects."""
    return next(csv.reader([text], strict=True), [])


# -- reading ---------------------------------------------------------------------------------


def read(source: InputSource) -> Iterator[Record | Problem | Deletion]:
    """Yield one Record per data row; malformed rows and dropped fields as Problems."""
    rows = _rows(source.lines())
    header = next(rows, None)
    if header is None:
        return
    columns = _columns(header)
    if columns is None:
        yield Problem(
            file=source.display,
            line=header.line,
            message="header row names none of PubMed's CSV columns; file skipped",
            expected="PMID,Title,Authors,Citation,...",
            found=header.first_text,
        )
        return
    width = len(_fields(header.text or ""))
    for ordinal, row in enumerate(rows, start=1):
        yield from _RowReader(source.display, ordinal, row, columns, width).items()


def _columns(header: _Row) -> dict[str, int] | None:
    """Field name -> column index, first occurrence wins; ``None`` if no column is known."""
    if header.text is None:
        return None
    try:
        names = _fields(header.text)
    except csv.Error:
        return None
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        key = _COLUMNS.get(_header_name(name))
        if key is not None:
            columns.setdefault(key, index)
    return columns if {"pmid", "title"} & columns.keys() else None


class _RowReader:
    """Reads one data row into a Record, collecting its problems."""

    def __init__(
        self, file: str, ordinal: int, row: _Row, columns: dict[str, int], width: int
    ) -> None:
        self.file = file
        self.ordinal = ordinal
        self.row = row
        self.columns = columns
        self.width = width
        self.values: list[str] = []
        self.problems = RecordProblems(file, ordinal, row.line)
        self.pmid: str | None = None

    def items(self) -> Iterator[Record | Problem]:
        record = self._record()
        yield from self.problems
        if record is not None:
            yield record

    def error(self, message: str, expected: str, found: str | None) -> None:
        self.problems.error(message, expected, found)

    def warn(self, message: str, expected: str, found: str | None) -> None:
        self.problems.warn(message, expected, found)

    def get(self, name: str) -> str | None:
        index = self.columns.get(name)
        if index is None or index >= len(self.values):
            return None
        return " ".join(self.values[index].split()) or None

    def _record(self) -> Record | None:
        if not self._split():
            return None
        self.pmid = self.problems.record_id = self._checked("pmid", parse_pmid, "1 to 9 digits")
        title = clean_title(self.get("title"))
        if self.pmid is None and title is None:
            self.error(
                "row has neither a PMID nor a title; rejected",
                "a PMID or a title",
                self.row.first_text,
            )
            return None
        citation = self._citation()
        return Record(
            source=Source(file=self.file, format=NAME, record=self.ordinal, line=self.row.line),
            pmid=self.pmid,
            pmcid=self._checked("pmcid", parse_pmcid, "PMC followed by digits"),
            doi=self._checked("doi", parse_doi, "10.<registrant>/<suffix>")
            or self._doi(citation.doi),
            other_ids=self._other_ids(),
            title=title,
            authors=self._authors(),
            journal_abbrev=self.get("journal") or citation.journal,
            year=self._year() or _citation_year(citation),
            date=citation.date,
            volume=citation.volume,
            issue=citation.issue,
            pages=citation.pages,
            epub=citation.epub,
        )

    def _split(self) -> bool:
        """Split the row into fields; an error problem and ``False`` if it is malformed."""
        if self.row.text is None:
            self.error(
                "quoted field is never closed; row rejected",
                "a closing quote before the next row",
                self.row.first_text,
            )
            return False
        try:
            self.values = _fields(self.row.text)
        except csv.Error as error:
            self.error(
                f"malformed CSV row ({error}); rejected", "RFC 4180 quoting", self.row.first_text
            )
            return False
        if len(self.values) != self.width:
            self.error(
                f"row has {len(self.values)} fields, the header {self.width}; rejected",
                f"{self.width} comma-separated fields",
                self.row.first_text,
            )
            return False
        return True

    def _checked(self, name: str, parse: Callable[[str], str], expected: str) -> str | None:
        value = self.get(name)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as error:
            self.warn(f"{name.upper()} dropped: {error}", expected, value)
            return None

    def _doi(self, text: str | None) -> str | None:
        if text is None:
            return None
        try:
            return parse_doi(text)
        except ValueError as error:
            self.warn(f"DOI in citation dropped: {error}", "10.<registrant>/<suffix>", text)
            return None

    def _citation(self) -> Citation:
        text = self.get("citation")
        if text is None:
            return Citation()
        citation = parse_citation(text)
        if citation is None:
            self.warn(
                "citation not understood; volume, issue, pages and date dropped",
                "'Journal. YEAR Mon;vol(issue):pages.'",
                text,
            )
            return Citation()
        return citation

    def _authors(self) -> tuple[Author, ...]:
        text = self.get("authors")
        return tuple(item.author for item in parse_author_list(text)) if text else ()

    def _other_ids(self) -> tuple[Identifier, ...]:
        manuscript = self.get("nihms")
        return (Identifier("mid", manuscript),) if manuscript else ()

    def _year(self) -> int | None:
        text = self.get("year")
        if text is None:
            return None
        if text.isdigit() and len(text) == 4:
            return int(text)
        self.warn("publication year dropped", "four digits", text)
        return None


def _citation_year(citation: Citation) -> int | None:
    date = citation.date or citation.epub
    return date.year if date else None
