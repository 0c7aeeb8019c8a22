"""Spelling variants a lexicon name is matched under."""

from __future__ import annotations

import pytest

from kg.nlp.variants import MAX_VARIANTS, name_variants, plural_forms


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("TNF-α", {"tnf α", "tnfα", "tnf alpha", "tnfalpha", "tnfa"}),
        ("IL-10", {"il 10", "il10"}),
        ("IFN-γ", {"ifn gamma", "ifngamma", "ifng", "ifn γ"}),
        ("Sjögren's syndrome", {"sjogren s syndrome", "sjogren syndrome", "sjogrens syndrome"}),
        ("interferon gamma", {"interferon γ"}),
        ("MSC-sEVs", {"msc sevs", "msc sev"}),
        ("regulatory T cells", {"regulatory t cell"}),
        ("MRL/lpr mouse", {"mrl lpr mice"}),
    ],
)
def test_variants_include_the_spellings_papers_use(name: str, expected: set[str]) -> None:
    assert expected <= set(name_variants(name))


def test_a_single_latin_letter_stands_for_greek_only_when_glued() -> None:
    # "TNF a" would match the article "a" after every TNF: only "TNFa" is the short spelling.
    assert "tnf a" not in name_variants("TNF-α")


def test_slash_is_not_glued_but_hyphen_is() -> None:
    assert "mrllpr mouse" not in name_variants("MRL/lpr mouse")
    assert "antidsdna antibody" in name_variants("anti-dsDNA antibody")


def test_long_names_are_capped() -> None:
    name = "-".join(["IL-1β"] * 6)
    assert 0 < len(name_variants(name)) <= MAX_VARIANTS


@pytest.mark.parametrize(
    ("word", "plurals"),
    [
        ("disease", ("diseases",)),
        ("therapy", ("therapies",)),
        ("arthritis", ()),
        ("lupus", ()),
        ("mouse", ("mice",)),
        ("mice", ()),
        ("sclerosis", ()),
        ("box", ("boxes",)),
        ("cd4", ()),
    ],
)
def test_plural_forms(word: str, plurals: tuple[str, ...]) -> None:
    assert plural_forms(word) == plurals
