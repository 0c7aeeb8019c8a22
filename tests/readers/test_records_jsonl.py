"""kg's own JSON Lines records read back: round trips, bad lines, sniffing."""

from __future__ import annotations

from pathlib import Path

import msgspec

from kg.model import Deletion, Problem, Record, Source, record_to_json
from kg.readers import medline, records_jsonl
from kg.readers.source import InputSource

DATA = Path(__file__).parent.parent / "data"


def _medline_records() -> list[Record]:
    path = DATA / "medline" / "metaknowledge_excerpt.txt"
    return [item for item in medline.read(InputSource(path)) if isinstance(item, Record)]


def _write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def test_records_written_by_kg_read_back_unchanged(tmp_path: Path) -> None:
    records = _medline_records()
    path = _write(tmp_path / "records.jsonl", [record_to_json(record) for record in records])
    assert list(records_jsonl.read(InputSource(path))) == records
    assert records[0].source.format == "medline"  # the original source is kept


def test_bad_line_is_an_error_naming_line_and_field(tmp_path: Path) -> None:
    good = [record_to_json(record) for record in _medline_records()[:2]]
    wrong_type = good[0].replace(b'"pmid":"26516810"', b'"pmid":26516810')
    lines = [good[0], b"", wrong_type, b"{not json", good[1]]
    items = list(records_jsonl.read(InputSource(_write(tmp_path / "bad.jsonl", lines))))
    assert [type(item) for item in items] == [Record, Problem, Problem, Record]
    wrong, broken = items[1], items[2]
    assert isinstance(wrong, Problem) and isinstance(broken, Problem)
    assert (wrong.line, wrong.record, wrong.severity) == (3, 2, "error")
    assert "$.pmid" in wrong.message and "got `int`" in wrong.message
    assert broken.line == 4


def test_deletion_line(tmp_path: Path) -> None:
    deletion = Deletion(pmids=("1", "2"), source=Source("in.xml", "pubmed-xml", 3))
    path = _write(tmp_path / "deleted.jsonl", [msgspec.json.encode(deletion)])
    assert list(records_jsonl.read(InputSource(path))) == [deletion]


def test_sniff() -> None:
    line = record_to_json(_medline_records()[0]).decode()
    assert records_jsonl.sniff(line + "\n") >= 90
    assert records_jsonl.sniff(line[:100]) >= 50  # a record longer than the head
    assert records_jsonl.sniff('{"name": "x"}\n') == 0
    assert records_jsonl.sniff("PMID- 1\n") == 0


def test_identifiers_are_normalised_like_every_other_reader(tmp_path: Path) -> None:
    """Hand-edited JSON Lines: an upper-case DOI must still meet the same paper from XML."""
    record = Record(
        source=Source("x.xml", "pubmed-xml", 1),
        pmid="00123",
        doi="https://doi.org/10.1000/ABC",
        pmcid="pmc77",
        title="T",
    )
    broken = Record(source=Source("x.xml", "pubmed-xml", 2), pmid="12x", title="U")
    path = tmp_path / "records.jsonl"
    path.write_bytes(record_to_json(record) + b"\n" + record_to_json(broken) + b"\n")
    items = list(records_jsonl.read(InputSource(path)))
    records = [item for item in items if isinstance(item, Record)]
    assert [(r.pmid, r.doi, r.pmcid) for r in records] == [
        ("123", "10.1000/abc", "PMC77"),
        (None, None, None),
    ]
    (warning,) = [item for item in items if not isinstance(item, Record)]
    assert warning.severity == "warning" and "PMID dropped" in warning.message
    assert (warning.line, warning.record) == (2, 2)
