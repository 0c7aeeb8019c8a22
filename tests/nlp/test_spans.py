"""Disease mentions widen over the modifiers that name a kind of disease and over conjuncts."""

from __future__ import annotations

from kg.nlp.spans import coordinated_start, widen_with_modifiers

# Phrases from NCBI Disease development abstracts.
TEXT = "Mutations cause autosomal dominant myotonia congenita and sporadic aniridia."


def _span(phrase: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def test_inheritance_and_sporadic_belong_to_the_disease_name() -> None:
    start, end = _span("myotonia congenita")
    assert widen_with_modifiers(TEXT, start, end, 0) == _span(
        "autosomal dominant myotonia congenita"
    )
    start, end = _span("aniridia")
    assert widen_with_modifiers(TEXT, start, end, 0) == _span("sporadic aniridia")


def test_a_patient_state_is_not_part_of_the_name_and_the_floor_is_respected() -> None:
    text = "patients with metastatic colorectal cancer"
    start, end = _span("colorectal cancer", text)
    assert widen_with_modifiers(text, start, end, 0) == (start, end)
    text = "sporadic aniridia"
    start, end = _span("aniridia", text)
    assert widen_with_modifiers(text, start, end, floor=start) == (start, end)


def test_a_type_after_the_name_belongs_to_it() -> None:
    text = "Achondrogenesis type 1B is lethal."
    start, end = _span("Achondrogenesis", text)
    assert widen_with_modifiers(text, start, end, 0) == _span("Achondrogenesis type 1B", text)


def test_coordinated_names_become_one_mention_of_each_disease() -> None:
    text = "carriers of breast or ovarian cancer risk"
    known = {"breast cancer": 7}
    start, end = _span("ovarian cancer", text)
    new_start, extra = coordinated_start(text, start, end, 0, lambda name: known.get(name.lower()))
    assert text[new_start:end] == "breast or ovarian cancer"
    assert extra == [7]


def test_conjuncts_the_lexicon_does_not_know_are_left_alone() -> None:
    text = "tall and ovarian cancer"
    start, end = _span("ovarian cancer", text)
    assert coordinated_start(text, start, end, 0, lambda name: None) == (start, [])
