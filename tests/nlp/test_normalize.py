"""Folding keeps every offset: one character in, one character out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.nlp.normalize import normalize_key, normalize_text


@given(st.text())
def test_folding_preserves_length(text: str) -> None:
    assert len(normalize_text(text)) == len(text)


def test_folding_lowers_strips_diacritics_and_blanks_punctuation() -> None:
    assert normalize_text("Sjögren's TNF-α") == "sjogren s tnf α"
    assert normalize_key("  Behçet’s   disease ") == "behcet s disease"
