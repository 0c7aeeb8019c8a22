"""Shared test helpers: paths to fixtures and golden-file comparison.

Golden files hold the expected JSON Lines output of a stage on a real fixture.  Regenerate
them deliberately with ``KG_UPDATE_GOLDEN=1 pytest`` and review the diff before committing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from kg.model import Record, record_to_json

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden"


@pytest.fixture
def data_dir() -> Path:
    return DATA


def _compare(name: str, records: Iterable[Record]) -> None:
    path = GOLDEN / f"{name}.jsonl"
    text = "".join(record_to_json(record).decode() + "\n" for record in records)
    if os.environ.get("KG_UPDATE_GOLDEN") == "1" or not path.exists():
        if os.environ.get("CI") and not path.exists():
            pytest.fail(f"golden file {path} is missing; generate it with KG_UPDATE_GOLDEN=1")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8").splitlines()
    actual = text.splitlines()
    assert len(actual) == len(expected), (
        f"{name}: {len(actual)} records, golden has {len(expected)}"
    )
    for number, (got, want) in enumerate(zip(actual, expected, strict=True), start=1):
        assert got == want, f"{name}: record {number} differs from {path}"


@pytest.fixture
def golden() -> Callable[[str, Iterable[Record]], None]:
    """``golden("name", records)`` compares records with tests/data/golden/name.jsonl."""
    return _compare
