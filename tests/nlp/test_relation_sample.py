"""The hand-checked relation sample (tests/data/relations, drawn and scored by
bench/relation_sample.py) is complete, and the extractor still finds what was judged right."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from support import DATA

from kg.model import Record, record_from_json
from kg.nlp.annotate import Annotator

SAMPLE = DATA / "relations" / "sample.tsv"
RECORDS = DATA / "relations" / "records.jsonl"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as lines:
        return list(csv.DictReader(lines, delimiter="\t"))


@pytest.fixture(scope="module")
def records() -> dict[str, Record]:
    found = {}
    for line in RECORDS.read_bytes().splitlines():
        record = record_from_json(line)
        found[f"pmid:{record.pmid}"] = record
    return found


def test_every_sampled_relation_has_a_verdict_and_its_record(
    records: dict[str, Record],
) -> None:
    rows = _rows(SAMPLE)
    assert len(rows) == 100
    for row in rows:
        assert row["verdict"] in ("correct", "incorrect"), row["row"]
        if row["verdict"] == "incorrect":
            assert row["note"], row["row"]
        record = records[row["paper"]]
        text = f"{record.title or ''}\n{record.abstract_text or ''}"
        assert row["sentence"] in text.replace("\t", " "), row["row"]


def test_relations_judged_correct_are_still_extracted(records: dict[str, Record]) -> None:
    annotator = Annotator()
    extracted: dict[str, set[tuple[str, str, str]]] = {}
    for paper, record in records.items():
        extracted[paper] = {
            (relation.type, relation.source, relation.target)
            for relation in annotator.annotate_record(record).relations
            if relation.modality == "asserted"
        }
    correct = [row for row in _rows(SAMPLE) if row["verdict"] == "correct"]
    kept = [
        row
        for row in correct
        if (row["type"], row["source"], row["target"]) in extracted[row["paper"]]
    ]
    assert len(kept) >= 0.9 * len(correct), [row["row"] for row in correct if row not in kept]
