"""Sniffing tells the PubMed exports apart: each fixture is claimed by its own reader only."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.readers import detect_format, medline, pubmed_csv, pubmed_text, records_jsonl
from kg.readers.source import InputSource

DATA = Path(__file__).parent.parent / "data"
MINE = {
    "medline": medline.sniff,
    "pubmed-text": pubmed_text.sniff,
    "pubmed-csv": pubmed_csv.sniff,
    "records-jsonl": records_jsonl.sniff,
}
EXPECTED = {
    "medline": "medline",
    "pubmed_text": "pubmed-text",
    "pubmed_csv": "pubmed-csv",
    "golden": "records-jsonl",
    "relations": "records-jsonl",  # the records the hand-checked relations come from
    "neo4j": "medline",  # a MEDLINE record whose text is Cypher
}


def _fixtures() -> list[Path]:
    """Input fixtures, and the golden files that hold records (other stages' are skipped)."""
    return sorted(
        path
        for path in DATA.rglob("*")
        if path.is_file()
        and path.suffix != ".md"
        and path.parent.name != "seeds"
        and (path.parent.name != "golden" or path.read_bytes().startswith(b'{"source":'))
        and (path.parent.name != "relations" or path.suffix == ".jsonl")
    )


@pytest.mark.parametrize("path", _fixtures(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_only_the_right_reader_is_confident(path: Path) -> None:
    head = InputSource(path).head_text()
    owner = EXPECTED.get(path.parent.name)
    for name, sniff in MINE.items():
        score = sniff(head)
        if name == owner:
            assert score >= 90, (name, score)
        else:
            assert score < 30, (name, score)
    if owner is not None and head.strip():
        assert detect_format(InputSource(path)) == owner


@pytest.mark.parametrize("path", sorted((DATA / "seeds").glob("*")), ids=lambda path: path.name)
def test_seed_files_are_not_claimed(path: Path) -> None:
    head = InputSource(path).head_text()
    assert all(sniff(head) < 30 for sniff in MINE.values())
