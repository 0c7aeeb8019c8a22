"""The normalised record: what every reader produces and every later stage consumes.

All classes are frozen, slotted dataclasses so records are cheap, hashable-by-identity values
that no stage can mutate behind another's back.  Conventions every reader follows:

* an absent scalar is ``None`` (never ``""``); an absent collection is the empty tuple;
* identifiers are normalised (see :mod:`kg.normalize.ids`): PMID digits only, PMCID ``PMC123``,
  DOI lower-cased without a resolver prefix;
* dates may be partial (year only, year and month) and are kept as :class:`PartialDate`;
* ``source`` says where the record came from so every message and graph node can point back.

Records round-trip through JSON Lines without loss (:func:`record_to_json`,
:func:`record_from_json`), which lets every stage run alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import msgspec

__all__ = [
    "AbstractSection",
    "Author",
    "Deletion",
    "Identifier",
    "MeshHeading",
    "PartialDate",
    "Problem",
    "Record",
    "Reference",
    "Severity",
    "Source",
    "record_from_json",
    "record_to_json",
]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date of which only the year may be known (PubMed dates often are partial)."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """ISO 8601 with only the known parts: ``2024``, ``2024-11`` or ``2024-11-19``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier from a named scheme, e.g. ``Identifier("ORCID", "0000-0002-1825-0097")``."""

    scheme: str
    value: str


@dataclass(frozen=True, slots=True)
class Author:
    """One author in byline order, with the affiliations stated for that author.

    A collective (group) author has ``collective_name`` and no personal names.  ``initials``
    are letters only (``"JJ"``), so short forms from citation lines and full forms from
    affiliation blocks can be compared.
    """

    last_name: str | None = None
    fore_name: str | None = None
    initials: str | None = None
    suffix: str | None = None
    collective_name: str | None = None
    orcid: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    affiliations: tuple[str, ...] = ()
    email: str | None = None

    @property
    def display_name(self) -> str:
        """``Fore Last`` for people, the group name for collectives."""
        if self.collective_name:
            return self.collective_name
        given = self.fore_name or self.initials
        return " ".join(part for part in (given, self.last_name, self.suffix) if part)


@dataclass(frozen=True, slots=True)
class AbstractSection:
    """One section of a (possibly structured) abstract; ``label`` is ``None`` when unstructured."""

    text: str
    label: str | None = None
    category: str | None = None


@dataclass(frozen=True, slots=True)
class MeshHeading:
    """A MeSH heading: descriptor (with its unique id when the source states it) and qualifiers."""

    descriptor: str
    descriptor_id: str | None = None
    major: bool = False
    qualifiers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reference:
    """A work cited by the record, with whatever the source states about it."""

    citation: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    doi: str | None = None
    authors: tuple[str, ...] = ()
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record came from: file, 1-based line of its first line, ordinal in the file."""

    file: str
    format: str
    record: int
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """A bibliographic record of one paper, as normalised by a reader."""

    source: Source
    pmid: str | None = None
    pmcid: str | None = None
    doi: str | None = None
    other_ids: tuple[Identifier, ...] = ()
    title: str | None = None
    abstract: tuple[AbstractSection, ...] = ()
    abstract_truncated: bool = False
    authors: tuple[Author, ...] = ()
    journal_abbrev: str | None = None
    journal_title: str | None = None
    issn: str | None = None
    issn_linking: str | None = None
    year: int | None = None
    date: PartialDate | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    language: str | None = None
    publication_types: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    mesh_headings: tuple[MeshHeading, ...] = ()
    received: PartialDate | None = None
    revised: PartialDate | None = None
    accepted: PartialDate | None = None
    epub: PartialDate | None = None
    indexed: PartialDate | None = None
    cited_by: int | None = None
    open_access: bool | None = None
    references: tuple[Reference, ...] = ()
    version: int | None = None

    @property
    def abstract_text(self) -> str | None:
        """The abstract as one string, section labels kept as ``LABEL: text`` paragraphs."""
        if not self.abstract:
            return None
        return "\n".join(
            f"{section.label}: {section.text}" if section.label else section.text
            for section in self.abstract
        )


Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """A diagnostic from a reader: where, what was expected, what was found.

    ``severity="error"`` means a record (or, with ``record=None``, a whole file) was rejected
    and goes to the build's rejection report; ``"warning"`` means the record was kept but
    something in it was dropped or guessed (e.g. a malformed DOI, a Latin-1 line).
    """

    file: str
    message: str
    line: int | None = None
    record: int | None = None
    record_id: str | None = None
    severity: Severity = "error"
    expected: str | None = None
    found: str | None = None

    def describe(self) -> str:
        """One line in the ``file:line: message (expected X, found Y)`` style of compilers."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.line is None and self.record is not None:
            where += f": record {self.record}"
        text = f"{where}: {self.message}"
        details = []
        if self.expected:
            details.append(f"expected {self.expected}")
        if self.found is not None:
            details.append(
                f"found {self.found!r}"
                if len(self.found) <= 60
                else f"found {self.found[:57]!r}..."
            )
        if details:
            text += " (" + ", ".join(details) + ")"
        return text


@dataclass(frozen=True, slots=True)
class Deletion:
    """A request from the source to delete PMIDs read earlier (PubMed ``DeleteCitation``)."""

    pmids: tuple[str, ...]
    source: Source
    reason: str = field(default="DeleteCitation")


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(Record)


def record_to_json(record: Record) -> bytes:
    """Encode one record as a single JSON line (without the newline)."""
    return _ENCODER.encode(record)


def record_from_json(line: bytes | str) -> Record:
    """Decode one JSON line into a Record; raises ``msgspec.ValidationError`` naming the field."""
    return _DECODER.decode(line)
