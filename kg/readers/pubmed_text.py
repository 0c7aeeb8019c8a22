"""PubMed's "Abstract (text)" export (Send to > File > Abstract (text); efetch rettype=abstract).

Records are numbered paragraphs of text wrapped at 80 columns, two blank lines apart::

    1. Gut. 2017 Jun;66(6):1116-1122. doi: 10.1136/gutjnl-2016-312510. Epub 2016 Oct
    21.

    Leucocyte telomere length, genetic variants at the TERT gene region and risk of
    pancreatic cancer.

    Bao Y(1), Prescott J(1), Yuan C(2)(3), ...

    Author information:
    (1)Channing Division of Network Medicine, ...

    OBJECTIVE: Telomere shortening occurs ...
    DESIGN: We measured ...

    Published by the BMJ Publishing Group Limited. ...

    DOI: 10.1136/gutjnl-2016-312510
    PMCID: PMC5442267
    PMID: 27797938 [Indexed for MEDLINE]

    Conflict of interest statement: Competing interests: None declared.

Blocks are separated by blank lines and are told apart by what they start with (``Author
information:``, ``DOI:``, ``Comment in`` + indented lines, ``©``...); of the blocks left, the
first is the title, the one before ``Author information:`` the author list, the next one the
abstract, and any later ones copyright notes.  Wrapped lines are joined with one space, which is
exact because PubMed wraps only at spaces.  PubMed leaves a trailing space on a wrapped line and
none at the end of a paragraph; where that is preserved it tells a structured-abstract label at
the start of a line from a word that merely wrapped there.

A ``Collaborators:`` (or ``Investigators:``) block, wherever it stands, lists investigators,
which PubMed keeps apart from the authors (MEDLINE ``IR``, which :mod:`kg.readers.medline`
does not read as authors either): it is never taken for the byline, and its names are ignored
with one warning per record.  When several unlabelled blocks stand between the title and
``Author information:``, the byline is the last one whose names carry ``(n)`` markers (if
any does), else the last one.

Author markers ``(1)(2)`` link authors to the numbered affiliations; ``(#)`` (equal
contribution) is dropped.  Without any marker, a single affiliation belongs to every author.

This module also holds the parsers of PubMed's citation line and short author lists, which the
CSV export shares (:func:`parse_citation`, :func:`parse_author_list`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from kg.model import AbstractSection, Author, Deletion, Problem, Record, Source
from kg.normalize.citations import (
    Citation,
    ShortAuthor,
    clean_title,
    parse_author_list,
    parse_citation,
)
from kg.normalize.ids import parse_doi, parse_pmcid, parse_pmid
from kg.readers.problems import RecordProblems
from kg.readers.source import InputSource

__all__ = [
    "DESCRIPTION",
    "NAME",
    "SUFFIXES",
    "read",
    "sniff",
]

NAME = "pubmed-text"
DESCRIPTION = "PubMed 'Abstract (text)' export: numbered records with author information"
SUFFIXES = (".txt",)

_RECORD_START = re.compile(r"^(?P<number>\d{1,7})\. (?P<text>\S.*)$")
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_PMID_LINE = re.compile(r"^PMID: *\d+", re.MULTILINE)
_TRAILER_LINE = re.compile(
    r"^(?P<key>DOI|PMCID|PMID|NIHMSID|NIHMS ID|PMCR)\s*:\s*(?P<value>.*)$", re.IGNORECASE
)
_AFFILIATION_START = re.compile(r"^\((?P<number>\d+)\)\s*(?P<text>.*)$")
_LINE_LABEL = re.compile(r"^(?P<label>[A-Z][A-Z0-9&/,()' -]*[A-Z)]): (?P<text>.*)$")
_COPYRIGHT = re.compile(r"^(?:Copyright\b|©|\(c\)|\(C\)|Crown Copyright)", re.IGNORECASE)
_LANGUAGE_NOTE = re.compile(r"^\[Article in (?P<language>[A-Za-z]+)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_COLLABORATORS = re.compile(r"^(?:Collaborators?|Investigators?)\s*:", re.IGNORECASE)
# Trailer key -> (record field, normaliser, what a valid value looks like).
_TRAILER_PARSERS: dict[str, tuple[str, Callable[[str], str], str]] = {
    "PMID": ("pmid", parse_pmid, "1 to 9 digits"),
    "PMCID": ("pmcid", parse_pmcid, "PMC followed by digits"),
    "DOI": ("doi", parse_doi, "10.<registrant>/<suffix>"),
}
# MEDLINE language codes of the "[Article in X]" notes PubMed writes most often.
_LANGUAGES = {
    "english": "eng",
    "french": "fre",
    "german": "ger",
    "spanish": "spa",
    "italian": "ita",
    "portuguese": "por",
    "chinese": "chi",
    "japanese": "jpn",
    "russian": "rus",
    "polish": "pol",
    "dutch": "dut",
    "korean": "kor",
    "turkish": "tur",
    "czech": "cze",
    "hungarian": "hun",
    "danish": "dan",
    "swedish": "swe",
    "norwegian": "nor",
    "finnish": "fin",
    "greek": "gre",
    "hebrew": "heb",
    "persian": "per",
    "arabic": "ara",
    "ukrainian": "ukr",
}


def sniff(head: str) -> int:
    """Confidence that ``head`` is an Abstract (text) export.

    It must open with a numbered citation line (``1. Journal. 2024 ...``); ``PMID: N`` lines
    at the start of a line and an ``Author information:`` block make it certain.  Citation
    listings tag ``[PMID: N]`` inside brackets and saved web pages open with site furniture,
    so neither matches the opening line.
    """
    first = next((line for line in head.splitlines() if line.strip()), "")
    match = _RECORD_START.match(first)
    if not match or not _YEAR.search(first):
        return 0
    score = 40
    if _PMID_LINE.search(head):
        score += 40
    if "\nAuthor information:" in head:
        score += 15
    if re.search(r"^DOI: 10\.", head, re.MULTILINE):
        score += 5
    return min(score, 100)


# -- shared parsers: titles, citation line and short author list ---------------------------


@dataclass(slots=True)
class _Block:
    """Consecutive non-blank lines of a record, with their line numbers."""

    lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return self.lines[0][0]

    @property
    def text(self) -> str:
        return " ".join(text.strip() for _, text in self.lines)

    @property
    def head(self) -> str:
        return self.lines[0][1].strip()


@dataclass(slots=True)
class _RawRecord:
    number: int
    first_line: int
    blocks: list[_Block] = field(default_factory=list)


def _raw_records(
    lines: Iterator[tuple[int, str]], stray: list[tuple[int, str]]
) -> Iterator[_RawRecord]:
    """Cut the file at ``N. `` lines that follow a blank line and continue the numbering."""
    record: _RawRecord | None = None
    expected: int | None = None
    previous_blank = True
    for number, text in lines:
        if not text.strip():
            previous_blank = True
            continue
        start = _RECORD_START.match(text) if previous_blank else None
        if start and (expected is None or int(start.group("number")) == expected):
            if record is not None:
                yield record
            record = _RawRecord(int(start.group("number")), number)
            expected = record.number + 1
            record.blocks.append(_Block([(number, start.group("text"))]))
        elif record is None:
            stray.append((number, text))
        elif previous_blank:
            record.blocks.append(_Block([(number, text)]))
        else:
            record.blocks[-1].lines.append((number, text))
        previous_blank = False
    if record is not None:
        yield record


# -- reading ---------------------------------------------------------------------------------


def read(source: InputSource) -> Iterator[Record | Problem | Deletion]:
    """Yield one Record per numbered record; rejected records and dropped fields as Problems."""
    stray: list[tuple[int, str]] = []
    ordinal = 0
    for raw in _raw_records(source.lines(), stray):
        if stray:
            yield _stray_warning(source.display, stray)
            stray.clear()
        ordinal += 1
        builder = _RecordBuilder(source.display, ordinal, raw)
        record = builder.build()
        yield from builder.problems
        if record is not None:
            yield record
    if ordinal == 0:
        yield Problem(
            file=source.display,
            line=stray[0][0] if stray else None,
            message="no numbered records found",
            expected="records starting '1. Journal. YEAR ...'",
            found=stray[0][1].strip() if stray else None,
        )


def _stray_warning(file: str, stray: list[tuple[int, str]]) -> Problem:
    number, text = stray[0]
    return Problem(
        file=file,
        line=number,
        severity="warning",
        message=f"{len(stray)} line(s) before the first record ignored",
        expected="a numbered record '1. Journal. YEAR ...'",
        found=text.strip(),
    )


@dataclass(slots=True)
class _Parts:
    """The blocks of one record, sorted by what they are."""

    citation: _Block
    prose: list[tuple[int, _Block]] = field(default_factory=list)
    affiliations: _Block | None = None
    affiliations_at: int = -1
    trailer: list[_Block] = field(default_factory=list)
    keywords: _Block | None = None
    collaborators: list[_Block] = field(default_factory=list)
    language: str | None = None


class _RecordBuilder:
    """Turns the blocks of one numbered record into a Record and its problems."""

    def __init__(self, file: str, ordinal: int, raw: _RawRecord) -> None:
        self.file = file
        self.ordinal = ordinal
        self.raw = raw
        self.problems = RecordProblems(file, ordinal, raw.first_line)
        self.pmid: str | None = None

    def warn(self, line: int, message: str, expected: str | None, found: str | None) -> None:
        self.problems.warn(message, expected, found, line=line)

    def build(self) -> Record | None:
        parts = _sort_blocks(self.raw.blocks)
        trailer = self._trailer(parts.trailer)
        title_block, author_block, abstract_block = _assign_prose(parts)
        title = clean_title(title_block.text) if title_block else None
        if self.pmid is None and title is None:
            self.problems.error(
                "record has neither a PMID nor a title; rejected",
                "a title block and a 'PMID: N' line",
                parts.citation.text,
            )
            return None
        citation = self._citation(parts.citation)
        authors = self._authors(author_block, parts.affiliations)
        for block in parts.collaborators:
            self.warn(
                block.first_line,
                "collaborators (investigators, not authors) ignored",
                None,
                block.text,
            )
        doi = trailer.get("doi") or self._doi(parts.citation.first_line, citation.doi)
        return Record(
            source=Source(
                file=self.file, format=NAME, record=self.ordinal, line=self.raw.first_line
            ),
            pmid=self.pmid,
            pmcid=trailer.get("pmcid"),
            doi=doi,
            title=title,
            abstract=_abstract_sections(abstract_block) if abstract_block else (),
            authors=authors,
            journal_abbrev=citation.journal,
            year=_year(citation),
            date=citation.date,
            volume=citation.volume,
            issue=citation.issue,
            pages=citation.pages,
            language=parts.language,
            keywords=_keywords(parts.keywords),
            epub=citation.epub,
        )

    # -- pieces -----------------------------------------------------------------------------

    def _citation(self, block: _Block) -> Citation:
        citation = parse_citation(block.text)
        if citation is None:
            self.warn(
                block.first_line,
                "citation line not understood; journal, date, volume and pages dropped",
                "'Journal. YEAR Mon;vol(issue):pages.'",
                block.text,
            )
            return Citation()
        if citation.date is None:
            self.warn(
                block.first_line,
                "unparsable publication date dropped",
                "'2017 Jun' or '2021 Jun 5'",
                block.text,
            )
        return citation

    def _doi(self, line: int, text: str | None) -> str | None:
        if text is None:
            return None
        try:
            return parse_doi(text)
        except ValueError as error:
            self.warn(line, f"DOI dropped: {error}", "10.<registrant>/<suffix>", text)
            return None

    def _trailer(self, blocks: list[_Block]) -> dict[str, str]:
        """``DOI:``, ``PMCID:`` and ``PMID:`` lines; sets the PMID first so problems carry it."""
        found: dict[str, str] = {}
        for block in blocks:
            for number, text in block.lines:
                match = _TRAILER_LINE.match(text.strip())
                if match:
                    self._trailer_value(
                        found, match.group("key").upper(), match.group("value").strip(), number
                    )
        return found

    def _trailer_value(self, found: dict[str, str], key: str, value: str, line: int) -> None:
        if key not in _TRAILER_PARSERS or not value:
            return
        name, parse, expected = _TRAILER_PARSERS[key]
        token = value.split()[0] if key != "DOI" else value
        try:
            parsed = parse(token)
        except ValueError as error:
            self.warn(line, f"{key} dropped: {error}", expected, value)
            return
        found.setdefault(name, parsed)
        if name == "pmid" and self.pmid is None:
            self.pmid = self.problems.record_id = parsed

    def _authors(self, block: _Block | None, affiliations: _Block | None) -> tuple[Author, ...]:
        if block is None:
            return ()
        listed = parse_author_list(block.text)
        numbered = _numbered_affiliations(affiliations) if affiliations else {}
        marked = any(author.markers for author in listed)
        if not marked and len(numbered) == 1:
            only = next(iter(numbered))
            listed = [ShortAuthor(item.author, (only,)) for item in listed]
        elif not marked and len(numbered) > 1 and affiliations is not None:
            self.warn(
                affiliations.first_line,
                "affiliations dropped: no author carries an (n) marker to say whose they are",
                "markers such as 'Chen L(1)'",
                block.text,
            )
        return _attributed(listed, numbered, self._unknown_marker(block))

    def _unknown_marker(self, block: _Block) -> Callable[[int], None]:
        def warn(number: int) -> None:
            self.warn(
                block.first_line,
                f"author marker ({number}) names no affiliation",
                "a number listed under 'Author information:'",
                block.text,
            )

        return warn


def _sort_blocks(blocks: list[_Block]) -> _Parts:
    """Sort a record's blocks by their opening words; unrecognised ones are prose in order."""
    parts = _Parts(citation=blocks[0])
    for index, block in enumerate(blocks[1:], start=1):
        head = block.head
        if head.startswith("Author information"):
            parts.affiliations = block
            parts.affiliations_at = index
        elif _is_relation(block) or head.startswith("Conflict of interest statement"):
            continue
        elif all(_TRAILER_LINE.match(text.strip()) for _, text in block.lines):
            parts.trailer.append(block)
        elif head.startswith("Keywords:"):
            parts.keywords = block
        elif _COLLABORATORS.match(head):
            parts.collaborators.append(block)
        elif (note := _LANGUAGE_NOTE.match(head)) is not None:
            parts.language = _LANGUAGES.get(note.group("language").lower())
        else:
            parts.prose.append((index, block))
    return parts


def _is_relation(block: _Block) -> bool:
    """``Comment in`` / ``Erratum in`` / ``Update of``: a header line, then indented citations."""
    first, *rest = block.lines
    return bool(rest) and not first[1][:1].isspace() and all(text[:1].isspace() for _, text in rest)


def _assign_prose(parts: _Parts) -> tuple[_Block | None, _Block | None, _Block | None]:
    """Title, author list and abstract among the unlabelled blocks.

    The title comes first; the author list is the block just before ``Author information:``
    (blocks between title and authors are translated titles) or, when several blocks stand
    there, the last whose names carry ``(n)`` markers; without ``Author information:`` it is
    the block after the title if it reads as an author list.  The next prose block is the abstract;
    later ones (copyright notes) are not abstract text.
    """
    prose = parts.prose
    if not prose:
        return None, None, None
    title, rest = prose[0][1], prose[1:]
    authors: _Block | None = None
    if parts.affiliations is not None:
        before = [item for item in rest if item[0] < parts.affiliations_at]
        marked = [block for _, block in before if _has_markers(block)]
        if marked:
            authors = marked[-1]
        elif before:
            authors = before[-1][1]
        rest = [item for item in rest if item[0] > parts.affiliations_at]
    elif rest and _reads_as_author_list(rest[0][1]):
        authors, rest = rest[0][1], rest[1:]
    abstract = rest[0][1] if rest and not _COPYRIGHT.match(rest[0][1].head) else None
    return title, authors, abstract


def _has_markers(block: _Block) -> bool:
    """Whether some name in the block carries an affiliation marker such as ``Chen L(1)``."""
    return any(item.markers for item in parse_author_list(block.text))


def _reads_as_author_list(block: _Block) -> bool:
    """At least half the items are personal names, in a short block ending with a period."""
    text = block.text
    if not text.endswith(".") or len(block.lines) > 12:
        return False
    listed = parse_author_list(text)
    people = sum(item.author.collective_name is None for item in listed)
    return people > 0 and people * 2 >= len(listed)


def _numbered_affiliations(block: _Block) -> dict[int, str]:
    """``(1)Dept...`` paragraphs under ``Author information:``; unnumbered text is number 1."""
    numbered: dict[int, list[str]] = {}
    current: int | None = None
    for index, (_, text) in enumerate(block.lines):
        line = text.strip()
        if index == 0:
            line = line.removeprefix("Author information:").strip()
            if not line:
                continue
        match = _AFFILIATION_START.match(line)
        if match:
            current = int(match.group("number"))
            numbered.setdefault(current, []).append(match.group("text"))
        else:
            if current is None:
                current = 1
            numbered.setdefault(current, []).append(line)
    return {number: " ".join(part for part in parts if part) for number, parts in numbered.items()}


def _attributed(
    listed: list[ShortAuthor], numbered: dict[int, str], unknown: Callable[[int], None]
) -> tuple[Author, ...]:
    """Give each author the affiliations its markers name; an e-mail only to its sole owner."""
    owners: dict[int, int] = {}
    for item in listed:
        for number in set(item.markers):
            owners[number] = owners.get(number, 0) + 1
    authors: list[Author] = []
    for item in listed:
        texts: list[str] = []
        email: str | None = None
        for number in item.markers:
            if number not in numbered:
                unknown(number)
                continue
            texts.append(numbered[number])
            found = _EMAIL.search(numbered[number])
            if email is None and found and owners[number] == 1:
                email = found.group(0).rstrip(".")
        author = item.author
        authors.append(
            Author(
                last_name=author.last_name,
                initials=author.initials,
                suffix=author.suffix,
                collective_name=author.collective_name,
                affiliations=tuple(dict.fromkeys(texts)),
                email=email,
            )
        )
    return tuple(authors)


def _abstract_sections(block: _Block) -> tuple[AbstractSection, ...]:
    """Paragraphs of the abstract block, each ``LABEL: `` line opening a labelled section.

    A line ending in a space was wrapped, so the next line continues it; when the file has
    lost its trailing spaces, every line that starts with a label opens a section.
    """
    lines = [text for _, text in block.lines]
    keeps_spaces = any(text.endswith(" ") for text in lines[:-1])
    sections: list[tuple[str | None, list[str]]] = []
    for index, text in enumerate(lines):
        label = _LINE_LABEL.match(text.strip())
        if label and sum(char.isalpha() for char in label.group("label")) < 3:
            label = None
        if index == 0 or (not keeps_spaces and label):
            opens = True
        else:
            opens = keeps_spaces and not lines[index - 1].endswith(" ")
        if not opens:
            sections[-1][1].append(text)
        elif label:
            sections.append((label.group("label"), [label.group("text")]))
        else:
            sections.append((None, [text]))
    return tuple(
        AbstractSection(text=" ".join(" ".join(parts).split()), label=label)
        for label, parts in sections
        if " ".join(parts).strip()
    )


def _year(citation: Citation) -> int | None:
    """The publication year, else the e-publication year (as the PubMed XML reader)."""
    date = citation.date or citation.epub
    return date.year if date else None


def _keywords(block: _Block | None) -> tuple[str, ...]:
    if block is None:
        return ()
    text = block.text.removeprefix("Keywords:").strip().rstrip(".")
    return tuple(dict.fromkeys(word.strip() for word in text.split(";") if word.strip()))
