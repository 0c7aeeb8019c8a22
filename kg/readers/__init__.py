"""Readers: one module per input format, found through a lazy registry.

Each reader module defines ``NAME``, ``DESCRIPTION``, ``SUFFIXES``, ``sniff(head) -> int`` (a
confidence from 0 to 100 that ``head``, the first 64 KiB of decoded text, is this format) and
``read(source) -> Iterator[Record | Problem | Deletion]``.  Modules are imported only when a
format is used or sniffed, like rdflib's plugin registry, so the CLI starts fast.

The CLI's ``--format`` choices and ``kg formats`` come from :data:`REGISTRY`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from kg.errors import CorruptInput, UnknownFormat
from kg.model import Deletion, Problem, Record
from kg.readers.source import InputSource

__all__ = [
    "REGISTRY",
    "ReaderInfo",
    "ReaderItem",
    "ReaderModule",
    "detect_format",
    "load_reader",
]

ReaderItem = Record | Problem | Deletion


class ReaderModule(Protocol):
    """What a reader module provides (checked by mypy on each module)."""

    @property
    def NAME(self) -> str: ...  # noqa: N802 - module constants seen through a protocol

    @property
    def DESCRIPTION(self) -> str: ...  # noqa: N802

    @property
    def SUFFIXES(self) -> tuple[str, ...]: ...  # noqa: N802

    def sniff(self, head: str) -> int: ...

    def read(self, source: InputSource) -> Iterator[ReaderItem]: ...


@dataclass(frozen=True, slots=True)
class ReaderInfo:
    """Registry entry: enough to list a format without importing its module."""

    name: str
    module: str
    description: str


REGISTRY: dict[str, ReaderInfo] = {
    info.name: info
    for info in (
        ReaderInfo(
            "pubmed-xml",
            "kg.readers.pubmed_xml",
            "PubMed/MEDLINE XML: efetch, annual baseline and update files, legacy "
            "MedlineCitationSet",
        ),
        ReaderInfo(
            "medline",
            "kg.readers.medline",
            "MEDLINE tagged text (.nbib, .medline, PubMed 'PubMed format')",
        ),
        ReaderInfo(
            "pubmed-text",
            "kg.readers.pubmed_text",
            "PubMed 'Abstract (text)' export: numbered records with author information",
        ),
        ReaderInfo("pubmed-csv", "kg.readers.pubmed_csv", "PubMed 'Save > CSV' export"),
        ReaderInfo(
            "pubmed-page",
            "kg.readers.pubmed_page",
            "A PubMed abstract web page saved as text, with its references",
        ),
        ReaderInfo(
            "citation-listing",
            "kg.readers.citation_listing",
            "Numbered citation listing with [PMID: ...] tags and affiliation blocks",
        ),
        ReaderInfo(
            "records-jsonl",
            "kg.readers.records_jsonl",
            "kg's own records as JSON Lines (output of `kg parse`)",
        ),
    )
}


def load_reader(name: str) -> ReaderModule:
    """Import and return the reader module registered under ``name``."""
    info = REGISTRY.get(name)
    if info is None:
        known = ", ".join(sorted(REGISTRY))
        raise UnknownFormat(f"unknown format {name!r}; known formats: {known}")
    module: ReaderModule = importlib.import_module(info.module)
    return module


def detect_format(source: InputSource) -> str:
    """Name the reader for ``source`` by content, not by file name.

    Raises :class:`CorruptInput` for binary content and :class:`UnknownFormat` (naming the
    formats tried) when no reader is confident.
    """
    if source.looks_binary():
        raise CorruptInput(
            "binary content, not a text or XML export of records", file=source.display
        )
    head = source.head_text()
    if not head.strip():
        raise UnknownFormat("file is empty", file=source.display)
    best_name, best_score = "", 0
    for name in REGISTRY:
        score = load_reader(name).sniff(head)
        if score > best_score:
            best_name, best_score = name, score
    if best_score < 30:
        known = ", ".join(REGISTRY)
        first_line = next((line for line in head.splitlines() if line.strip()), "")[:60]
        raise UnknownFormat(
            f"not a recognised record format (expected one of: {known}; "
            f"first line is {first_line!r}); name one with --format",
            file=source.display,
        )
    return best_name
