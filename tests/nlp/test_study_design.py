"""Evidence levels from what the paper and the sentence say about the study design."""

from __future__ import annotations

from kg.nlp.study_design import (
    ANIMAL,
    CLINICAL,
    IN_VITRO,
    RCT,
    REVIEW,
    UNSPECIFIED,
    claim_level,
    paper_design,
    sentence_design,
)

# Sentences from the seed abstracts (shared/seeds).
TRIAL = (
    "To assess the impact of a single intra-articular (IA) injection of bone marrow-derived "
    "mesenchymal stem cells (BM-MSCs) in patients with knee osteoarthritis (OA), a randomized, "
    "double-blind, placebo-controlled study was conducted."
)
MOUSE = "Here, we treated a mouse model of collagen-induced arthritis (CIA) with MSC-sEVs."
REVIEWING = "This review systematically summarizes the research progress of mesenchymal stem cell"


def test_sentence_designs() -> None:
    assert sentence_design(TRIAL) == RCT
    assert sentence_design(MOUSE) == ANIMAL
    assert sentence_design("MSCs were co-cultured with macrophages in vitro.") == IN_VITRO
    assert sentence_design("24 patients with knee OA were included.") == CLINICAL
    assert sentence_design("MSCs possess immunomodulatory functions.") is None


def test_paper_design_prefers_publication_types_then_the_strongest_stated_design() -> None:
    assert paper_design(["Journal Article", "Review"], [TRIAL]) == REVIEW
    assert paper_design(["Randomized Controlled Trial"], []) == RCT
    assert paper_design([], [MOUSE, "Cells were cultured."]) == ANIMAL
    assert paper_design([], [REVIEWING]) == REVIEW
    # Seed PMID 39154207: "This work is a review of research on ..."; its title ends "A Review".
    assert paper_design([], ["This work is a review of research on MSCs."]) == REVIEW
    assert paper_design([], ["Patients were reviewed at 12 months."]) == CLINICAL
    assert paper_design([], ["Nothing about design here."]) == UNSPECIFIED


def test_claim_level() -> None:
    assert claim_level(REVIEW, MOUSE) == REVIEW  # a review only reports the mouse study
    assert claim_level(RCT, "24 patients with knee OA were included.") == RCT
    assert claim_level(CLINICAL, MOUSE) == ANIMAL
    assert claim_level(ANIMAL, "MSC-sEVs promote M2 polarization.") == ANIMAL
