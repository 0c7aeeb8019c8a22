"""kg's own records as JSON Lines: one :func:`kg.model.record_to_json` object per line.

This is what ``kg parse`` writes, so a build can restart from parsed records and a stage can be
run alone.  Each line is decoded and validated by msgspec against :class:`~kg.model.Record`;
a line that does not validate is rejected with msgspec's message, which names the offending
field (``Expected `str | null`, got `int` - at `$.authors[0].last_name```).

A record keeps the ``source`` it was written with: it says which original input and record it
came from, which is what every later message and graph node should point back to.  A line
holding a :class:`~kg.model.Deletion` (an object with ``pmids``) is read as one.  Keys the
model does not know are ignored (msgspec's default), so records written by a newer kg with
extra fields still load.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace

import msgspec

from kg.model import Deletion, Problem, Record, record_from_json
from kg.normalize.ids import parse_doi, parse_pmcid, parse_pmid
from kg.readers.problems import RecordProblems
from kg.readers.source import InputSource

__all__ = ["DESCRIPTION", "NAME", "SUFFIXES", "read", "sniff"]

NAME = "records-jsonl"
DESCRIPTION = "kg's own records as JSON Lines (output of `kg parse`)"
SUFFIXES = (".jsonl",)

_DELETION = msgspec.json.Decoder(Deletion)
_RECORD_KEYS = frozenset({"pmid", "title", "authors", "doi", "abstract", "journal_abbrev"})
_OPENING = '{"source":{"file":'


def sniff(head: str) -> int:
    """Confidence that the first non-blank line is a kg record object.

    The line is decoded when it fits in the head; a record longer than the head is
    recognised by the opening that :func:`~kg.model.record_to_json` always writes.
    """
    first = next((line.strip() for line in head.splitlines() if line.strip()), "")
    if not first.startswith("{"):
        return 0
    try:
        value = json.loads(first)
    except ValueError:
        return 80 if first.startswith(_OPENING) else 0
    if not isinstance(value, dict) or not isinstance(value.get("source"), dict):
        return 0  # kg writes "source" as an object; other JSON Lines with a "source" are not ours
    return 95 if _RECORD_KEYS & value.keys() or "pmids" in value else 30


def read(source: InputSource) -> Iterator[Record | Problem | Deletion]:
    """Yield the record of every line; a line that does not validate is an error Problem."""
    ordinal = 0
    for number, text in source.lines():
        if not text.strip():
            continue
        ordinal += 1
        deletion = _deletion(text)
        if deletion is not None:
            yield deletion
            continue
        try:
            record = record_from_json(text)
        except msgspec.DecodeError as error:
            yield Problem(
                file=source.display,
                line=number,
                record=ordinal,
                message=f"not a kg record: {error}",
                expected="a JSON object written by kg parse",
                found=text.strip()[:200],
            )
            continue
        problems = RecordProblems(source.display, ordinal, number)
        record = _normalised(record, problems)
        yield from problems
        yield record


_IDENTIFIERS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("pmid", parse_pmid),
    ("pmcid", parse_pmcid),
    ("doi", parse_doi),
)


def _normalised(record: Record, problems: RecordProblems) -> Record:
    """The record with its identifiers normalised as every other reader does.

    JSON Lines may be edited by hand or written by other tools: an upper-case DOI would
    otherwise never meet the same paper read from XML.  A malformed identifier is dropped
    with a warning, as in the other readers.
    """
    changes: dict[str, str | None] = {}
    for name, parse in _IDENTIFIERS:
        value = getattr(record, name)
        if value is None:
            continue
        try:
            normal = parse(value)
        except ValueError as error:
            problems.warn(f"{name.upper()} dropped: {error}", found=value)
            changes[name] = None
            continue
        if normal != value:
            changes[name] = normal
    return replace(record, **changes) if changes else record  # type: ignore[arg-type]


def _deletion(text: str) -> Deletion | None:
    """The line as a Deletion when it is one; ``None`` otherwise.

    Tried first because msgspec ignores unknown keys: a Deletion object would otherwise
    decode as an empty Record with the same ``source``.
    """
    if '"pmids"' not in text:
        return None
    try:
        return _DELETION.decode(text)
    except msgspec.DecodeError:
        return None
