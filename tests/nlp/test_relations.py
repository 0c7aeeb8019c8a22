"""Relations from seed sentences: what is asserted, hedged, negated or a cause, not a cure."""

from __future__ import annotations

import pytest

from kg.nlp.annotate import Annotator
from kg.nlp.lexicon import CompiledLexicon
from kg.nlp.relations import ASSERTED, SPECULATIVE, Relation
from kg.nlp.study_design import ANIMAL, REVIEW


@pytest.fixture(scope="module")
def annotator(small_lexicon: CompiledLexicon) -> Annotator:
    return Annotator(small_lexicon)


def _relations(annotator: Annotator, text: str, types: tuple[str, ...] = ()) -> list[Relation]:
    annotation = annotator.annotate_fields([("abstract", text)], types)
    return annotation.relations


def _triples(relations: list[Relation]) -> set[tuple[str, str, str]]:
    return {(r.source, r.type, r.target) for r in relations}


def test_treats_with_the_evidence_level_of_the_sentence(annotator: Annotator) -> None:
    text = "Here, we treated a mouse model of collagen-induced arthritis (CIA) with MSC-sEVs."
    (treats,) = [r for r in _relations(annotator, text) if r.type == "TREATS"]
    assert (treats.source, treats.target) == ("KG:msc-sev", "KG:cia")
    assert treats.evidence_level == ANIMAL
    assert treats.modality == ASSERTED
    assert treats.sentence.text == text
    assert (treats.sentence.start, treats.sentence.end) == (0, len(text))
    assert treats.extractor == "rules:treats"


def test_a_review_reports_review_level_evidence(annotator: Annotator) -> None:
    text = "MSCs have shown encouraging results in the treatment of SLE in lupus-prone mice."
    (treats,) = [r for r in _relations(annotator, text, ("Review",)) if r.type == "TREATS"]
    assert treats.evidence_level == REVIEW


def test_hedged_claims_are_marked_speculative_with_lower_confidence(
    annotator: Annotator,
) -> None:
    text = "We hypothesized that MSC-sEVs could alleviate rheumatoid arthritis severity."
    (treats,) = [r for r in _relations(annotator, text) if r.type == "TREATS"]
    assert treats.modality == SPECULATIVE
    assert treats.confidence < 0.5


def test_negated_claims_are_not_asserted(annotator: Annotator) -> None:
    text = "MSCs did not reduce the severity of rheumatoid arthritis in this cohort."
    assert not [r for r in _relations(annotator, text) if r.type == "TREATS"]


def test_an_inducer_does_not_treat_what_it_induces(annotator: Annotator) -> None:
    text = "MSCs attenuated bleomycin-induced scleroderma in mice."
    triples = _triples(_relations(annotator, text))
    assert ("KG:msc", "TREATS", "DOID:418") in triples
    assert ("MESH:D002791", "TREATS", "DOID:418") not in triples


def test_molecule_changes_become_directed_mechanisms(annotator: Annotator) -> None:
    text = (
        "MSCs can alleviate skin fibrosis in scleroderma by inhibiting CCL2 production, "
        "increasing IL-10 and decreasing TNF-α levels."
    )
    relations = _relations(annotator, text)
    triples = _triples(relations)
    # The curated mechanism for a decrease of CCL2 is used; others are named after the change.
    assert ("KG:msc", "ACTS_VIA", "KG:ccl2-inhibition") in triples
    assert ("KG:ccl2-inhibition", "TARGETS", "MESH:D018932") in triples
    directions = {r.target: r.direction for r in relations if r.type == "TARGETS"}
    assert directions == {
        "MESH:D018932": "decrease",
        "MESH:D016178": "increase",
        "MESH:D014409": "decrease",
    }
    assert ("KG:ccl2-inhibition", "IMPLICATED_IN", "DOID:418") in triples


def test_cells_studied_for_their_own_sake_act_via_nothing(annotator: Annotator) -> None:
    text = "The immunomodulation of MSCs from aged donors was impaired in culture."
    assert not [r for r in _relations(annotator, text) if r.type == "ACTS_VIA"]


def test_therapy_acts_via_mechanism_and_is_derived_from_its_cell_type(
    annotator: Annotator,
) -> None:
    text = "MSCs exert therapeutic effects through immunomodulation."
    triples = _triples(_relations(annotator, text))
    assert ("KG:msc", "ACTS_VIA", "KG:immunomodulation") in triples
    assert ("KG:msc", "DERIVED_FROM", "CL:0000134") in triples


def test_a_verb_ending_like_an_anion_does_not_hide_a_treatment(annotator: Annotator) -> None:
    text = "Mesenchymal stem cells alleviate rheumatoid arthritis in mice."
    assert ("KG:msc", "TREATS", "DOID:7148") in _triples(_relations(annotator, text))


def test_a_chemical_inside_a_longer_name_treats_nothing(annotator: Annotator) -> None:
    text = "Prednisolone receptor signalling was studied in rheumatoid arthritis."
    assert not [r for r in _relations(annotator, text) if r.type == "TREATS"]
