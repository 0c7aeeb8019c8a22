"""Drugs named by their INN stem are found even when no lexicon lists them."""

from __future__ import annotations

import pytest

from kg.nlp.drug_names import drug_concept_id, drug_stems, is_drug_word


@pytest.mark.parametrize(
    "word",
    ["quetiapine", "Remifentanil", "valsartan", "tocilizumab", "baricitinib", "ropivacaine"],
)
def test_inn_stems_mark_drugs(word: str) -> None:
    assert word.lower().endswith(drug_stems())
    assert is_drug_word(word)


@pytest.mark.parametrize("word", ["April", "cholesterol", "imidazole", "TNFa", "HLAs", "olol"])
def test_words_and_symbols_that_only_end_like_a_stem_are_not_drugs(word: str) -> None:
    assert not is_drug_word(word)


def test_the_id_is_the_singular_lower_case_name() -> None:
    assert drug_concept_id("Statins") == "KG:drug/statin"
    assert drug_concept_id("Valsartan") == "KG:drug/valsartan"
