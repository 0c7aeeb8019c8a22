"""Property tests of the record model: any Record survives JSON Lines unchanged.

The strategies build every field of every dataclass (nested authors, abstract sections, MeSH
headings, references, partial dates, identifiers) from text, ``None`` and tuples, so a field
that msgspec cannot round-trip (a tuple decoded as a list, ``""`` turned into ``None``...)
shows up here rather than in a build.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import (
    AbstractSection,
    Author,
    Identifier,
    MeshHeading,
    PartialDate,
    Record,
    Reference,
    Source,
    record_from_json,
    record_to_json,
)
from kg.readers import records_jsonl
from kg.readers.source import InputSource

T = TypeVar("T")
text = st.text(max_size=30)
maybe_text = st.none() | text
maybe_int = st.none() | st.integers(min_value=-(2**31), max_value=2**31)
maybe_bool = st.none() | st.booleans()


def tuples(elements: st.SearchStrategy[T]) -> st.SearchStrategy[tuple[T, ...]]:
    """Tuples, not lists: the model's collections are tuples and must decode as tuples."""
    return st.lists(elements, max_size=3).map(tuple)


identifiers = st.builds(Identifier, scheme=text, value=text)
dates = st.builds(
    PartialDate,
    year=st.integers(min_value=1, max_value=9999),
    month=st.none() | st.integers(min_value=1, max_value=12),
    day=st.none() | st.integers(min_value=1, max_value=31),
)
maybe_date = st.none() | dates
authors = st.builds(
    Author,
    last_name=maybe_text,
    fore_name=maybe_text,
    initials=maybe_text,
    suffix=maybe_text,
    collective_name=maybe_text,
    orcid=maybe_text,
    identifiers=tuples(identifiers),
    affiliations=tuples(text),
    email=maybe_text,
)
sections = st.builds(AbstractSection, text=text, label=maybe_text, category=maybe_text)
headings = st.builds(
    MeshHeading,
    descriptor=text,
    descriptor_id=maybe_text,
    major=st.booleans(),
    qualifiers=tuples(text),
)
references = st.builds(
    Reference,
    citation=maybe_text,
    pmid=maybe_text,
    pmcid=maybe_text,
    doi=maybe_text,
    authors=tuples(text),
    title=maybe_text,
    journal=maybe_text,
    year=maybe_int,
    volume=maybe_text,
    issue=maybe_text,
    pages=maybe_text,
)
sources = st.builds(
    Source,
    file=text,
    format=text,
    record=st.integers(min_value=0, max_value=2**31),
    line=maybe_int,
)
records = st.builds(
    Record,
    source=sources,
    pmid=maybe_text,
    pmcid=maybe_text,
    doi=maybe_text,
    other_ids=tuples(identifiers),
    title=maybe_text,
    abstract=tuples(sections),
    abstract_truncated=st.booleans(),
    authors=tuples(authors),
    journal_abbrev=maybe_text,
    journal_title=maybe_text,
    issn=maybe_text,
    issn_linking=maybe_text,
    year=maybe_int,
    date=maybe_date,
    volume=maybe_text,
    issue=maybe_text,
    pages=maybe_text,
    language=maybe_text,
    publication_types=tuples(text),
    keywords=tuples(text),
    mesh_headings=tuples(headings),
    received=maybe_date,
    revised=maybe_date,
    accepted=maybe_date,
    epub=maybe_date,
    indexed=maybe_date,
    cited_by=maybe_int,
    open_access=maybe_bool,
    references=tuples(references),
    version=maybe_int,
)


@given(records)
def test_record_survives_json(record: Record) -> None:
    line = record_to_json(record)
    assert b"\n" not in line
    assert record_from_json(line) == record


# Readers hand on normalised identifiers (kg.normalize.ids), and the records-jsonl reader
# normalises again what it reads, so records going through a file carry normalised ones.
normalised_ids = st.tuples(
    st.none() | st.integers(1, 999_999_999).map(str),
    st.none() | st.integers(1, 999_999_999).map(lambda n: f"PMC{n}"),
    st.none() | st.from_regex(r"10\.[0-9]{4,9}/[a-z0-9._;()/:-]{0,20}[a-z0-9()/]", fullmatch=True),
)
reader_records = st.tuples(records, normalised_ids).map(
    lambda pair: replace(pair[0], pmid=pair[1][0], pmcid=pair[1][1], doi=pair[1][2])
)


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(reader_records, min_size=1, max_size=5))
def test_records_survive_a_file_and_the_records_jsonl_reader(
    tmp_path: Path, batch: list[Record]
) -> None:
    path = tmp_path / "records.jsonl"
    path.write_bytes(b"".join(record_to_json(record) + b"\n" for record in batch))
    assert list(records_jsonl.read(InputSource(path))) == batch
