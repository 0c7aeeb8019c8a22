"""Abbreviation definitions (Schwartz & Hearst) on sentences from the seed listing, the corpora
fixtures and the shared corpora, plus the parentheses that must not count as definitions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import DATA, ROOT

from kg.nlp.abbreviations import Abbreviation, find_abbreviations
from kg.pubtator import iter_documents


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(found.short, found.long) for found in find_abbreviations(text)]


def _assert_offsets(text: str, found: list[Abbreviation]) -> None:
    for abbreviation in found:
        assert text[abbreviation.short_start : abbreviation.short_end] == abbreviation.short
        assert text[abbreviation.long_start : abbreviation.long_end] == abbreviation.long


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        # Sentences of the seed listing (tests/data/seeds/000_*.txt).
        (
            "Systemic lupus erythematosus (SLE) is a chronic systemic autoimmune disease.",
            "SLE",
            "Systemic lupus erythematosus",
        ),
        (
            "We have previously demonstrated that mesenchymal stem/stromal cell small "
            "extracellular vesicles (MSC-sEVs) promote M2 polarization",
            "MSC-sEVs",
            "mesenchymal stem/stromal cell small extracellular vesicles",
        ),
        (
            "Here, we treated a mouse model of collagen-induced arthritis (CIA) with MSC-sEVs.",
            "CIA",
            "collagen-induced arthritis",
        ),
        (
            "a single intra-articular (IA) injection of bone marrow-derived mesenchymal stem "
            "cells (BM-MSCs) in patients with knee osteoarthritis (OA)",
            "BM-MSCs",
            "bone marrow-derived mesenchymal stem cells",
        ),
        (
            "the research progress of mesenchymal stem cell (MSC) and chimeric antigen receptor "
            "T cell (CAR-T) therapies in scleroderma",
            "CAR-T",
            "chimeric antigen receptor T cell",
        ),
        (
            "Mesenchymal stromal cells (MSCs) are a subset of non-hematopoietic adult stem cells",
            "MSCs",
            "Mesenchymal stromal cells",
        ),
        (
            "Institute of Molecular and Cell Biology (IMCB), Agency for Science, Technology and "
            "Research (A*STAR), 61 Biopolis Drive",
            "A*STAR",
            "Agency for Science, Technology and Research",
        ),
        # The forms the brief names, and Greek letters.
        (
            "mesenchymal stem cell-derived small extracellular vesicles (MSC-sEVs) were given",
            "MSC-sEVs",
            "mesenchymal stem cell-derived small extracellular vesicles",
        ),
        ("levels of tumor necrosis factor-α (TNF-α) fell", "TNF-α", "tumor necrosis factor-α"),
        ("serum interleukin-1β (IL-1β) rose", "IL-1β", "interleukin-1β"),
        ("alpha-smooth muscle actin (α-SMA) was stained", "α-SMA", "alpha-smooth muscle actin"),
        # A plural short form that the long form does not spell.
        ("we injected mesenchymal stem cell (MSCs) into mice", "MSCs", "mesenchymal stem cell"),
        # Semicolon or comma inside the parentheses.
        (
            "patients with systemic lupus erythematosus (SLE; n = 20) and controls",
            "SLE",
            "systemic lupus erythematosus",
        ),
        ("in rheumatoid arthritis (RA, n = 41)", "RA", "rheumatoid arthritis"),
        # Real corpus sentences (NCBI-disease, BC5CDR).
        (
            "Familial Mediterranean fever (FMF) and the serum amyloid A (SAA) gene",
            "SAA",
            "serum amyloid A",
        ),
        (
            "Benign familial infantile convulsions (BFIC) is a rare autosomal dominant epilepsy",
            "BFIC",
            "Benign familial infantile convulsions",
        ),
    ],
)
def test_long_form_then_short_form(text: str, short: str, long: str) -> None:
    found = find_abbreviations(text)
    assert (short, long) in [(item.short, item.long) for item in found]
    _assert_offsets(text, found)


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("patients on MTX (methotrexate) improved", "MTX", "methotrexate"),
        (
            "TNF-α (tumour necrosis factor alpha) and IL-6 (interleukin 6) rose",
            "TNF-α",
            "tumour necrosis factor alpha",
        ),
        # NCBI-disease: "the DCC (deleted in colorectal cancer) gene".
        ("the DCC (deleted in colorectal cancer) gene", "DCC", "deleted in colorectal cancer"),
    ],
)
def test_short_form_then_long_form(text: str, short: str, long: str) -> None:
    found = find_abbreviations(text)
    assert (short, long) in [(item.short, item.long) for item in found]
    _assert_offsets(text, found)


def test_offsets_of_a_definition() -> None:
    text = "In systemic lupus erythematosus (SLE), MSCs help."
    assert find_abbreviations(text) == [
        Abbreviation("SLE", "systemic lupus erythematosus", 33, 36, 3, 31)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Proteinuria was lower in treated mice (p < 0.05) than in controls.",
        "Proteinuria was lower in treated mice (P<0.001) than in controls.",
        "Twelve MRL/lpr mice (n = 12) received MSCs.",
        "Fibrosis decreased in treated animals (Fig. 2) and in vitro (Table 1).",
        "As reported by Smith et al. (2019), MSCs help.",
        "Both low (1 μg) and high (10 μg) doses of MSC-sEVs were similarly efficacious.",
        "Serum levels were measured in picograms (pg/ml) and units (%).",
        # Seed listing: lists inside parentheses are not definitions.
        "proliferation of T cells (Th1, T17, and Th2), and decreasing inflammatory cytokines "
        "(IL17, INF-ϒ, TNF-α, and IL12) levels",
        # NCBI-disease: "DMT1 (IRE)" names a transcript variant, not a definition.
        "HFE-/- mice also demonstrated an increase in duodenal DMT1 (IRE) mRNA.",
        # BC5CDR: "HBV (HBsAg-negative)" is a subgroup.
        "was further sub-divided into 13 occult HBV (HBsAg-negative) and 7 overt cases",
        # NCBI-disease: S&H would reach back to "to"; a long form never starts with it.
        "converting a glutamic acid residue to a premature termination codon (TAA).",
        # The short form must appear as itself, not as a word of the long form.
        "the IL-6 protein (IL-6) level",
    ],
)
def test_parentheses_that_define_nothing(text: str) -> None:
    assert find_abbreviations(text) == []


def test_long_form_does_not_reach_back_over_a_sentence_or_bracket() -> None:
    assert _pairs("Rheumatoid factor was high. Arthritis (RA) was scored.") == []
    assert _pairs("rheumatoid (early) arthritis (RA)") == []
    assert _pairs("We studied lupus. Rheumatoid arthritis (RA) was scored.") == [
        ("RA", "Rheumatoid arthritis")
    ]


def test_long_form_is_limited_in_words() -> None:
    """min(|SF| + 5, |SF| * 2) words: 4 for a two-letter short form."""
    assert _pairs("rheumatoid and often severe erosive arthritis (RA)") == []
    assert _pairs("the rheumatoid erosive arthritis (RA)") == [
        ("RA", "rheumatoid erosive arthritis")
    ]


def test_seed_abstracts() -> None:
    """Every definition in the seed listing's abstracts, and nothing else."""
    listing = (DATA / "seeds" / "000_43d217d51f7c109e.txt").read_text(encoding="utf-8")
    abstracts = [line for line in listing.splitlines() if len(line) > 400 and "[PMID" not in line]
    found = {pair for abstract in abstracts for pair in _pairs(abstract)}
    assert {
        ("MSC", "mesenchymal stem cell"),
        ("CAR-T", "chimeric antigen receptor T cell"),
        ("IA", "intra-articular"),
        ("BM-MSCs", "bone marrow-derived mesenchymal stem cells"),
        ("OA", "osteoarthritis"),
        ("VAS", "visual analog scale"),
        ("MRI", "Magnetic resonance imaging"),
        ("MSCs", "Mesenchymal stem cells"),
        ("RA", "Rheumatoid arthritis"),
        ("MSC-sEVs", "mesenchymal stem/stromal cell small extracellular vesicles"),
        ("CIA", "collagen-induced arthritis"),
        ("AI", "arthritic index"),
    } <= found
    assert all(len(short) <= 10 and "=" not in long for short, long in found)


def test_pubtator_fixtures() -> None:
    expected = {
        "3703509": [],
        "14510914": [("ITD", "Iodide transport defect")],
        "8808605": [("G6PD", "glucose-6-phosphate dehydrogenase")],
        "9050866": [],  # "ataxia-telangiectasia gene (ATM)": the M is "mutated", unwritten
        "10923035": [
            ("SCN1B", "sodium channel beta 1 subunit gene"),
            ("BFIC", "benign familial infantile convulsions syndrome"),
            ("BFIC", "Benign familial infantile convulsions"),
            ("SCN1B", "sodium channel beta1 subunit gene"),
        ],
    }
    seen = {}
    for path in sorted((DATA / "pubtator").glob("*.txt")):
        with path.open(encoding="utf-8") as lines:
            for document in iter_documents(lines, path.name):
                found = find_abbreviations(document.text)
                _assert_offsets(document.text, found)
                seen[document.id] = [(item.short, item.long) for item in found]
    assert seen == expected


@given(st.text(alphabet=st.sampled_from(list("aAbBsS ()-;,.=1α")), max_size=80))
def test_found_definitions_are_consistent(text: str) -> None:
    found = find_abbreviations(text)
    _assert_offsets(text, found)
    for abbreviation in found:
        assert 2 <= len(abbreviation.short) <= 10
        assert len(abbreviation.long) > len(abbreviation.short)
        assert abbreviation.long_end <= abbreviation.short_start or (
            abbreviation.short_end <= abbreviation.long_start
        )


_CORPORA = [DATA / "corpora", ROOT.parent / "shared" / "data" / "corpora"]
_NCBI_DEV = next(
    (root / "ncbi-disease" / "NCBIdevelopset_corpus.txt" for root in _CORPORA if root.is_dir()),
    Path("absent"),
)


@pytest.mark.skipif(not _NCBI_DEV.is_file(), reason="shared NCBI-disease corpus not present")
def test_ncbi_disease_development_set() -> None:
    """All 100 abstracts: offsets hold, and the disease definitions of the corpus are found."""
    with _NCBI_DEV.open(encoding="utf-8") as lines:
        documents = list(iter_documents(lines, _NCBI_DEV.name))
    pairs = set()
    for document in documents:
        found = find_abbreviations(document.text)
        _assert_offsets(document.text, found)
        pairs.update((item.short, item.long.lower()) for item in found)
    assert {
        ("G6PD", "glucose-6-phosphate dehydrogenase"),
        ("ALD", "adrenoleukodystrophy"),
        ("PKU", "phenylketonuria"),
        ("FMF", "familial mediterranean fever"),
        ("PWS", "prader-willi syndrome"),
        ("DM", "dystrophia myotonica"),
    } <= pairs
    assert len(pairs) >= 80
    assert not any(long.split()[0] in {"has", "the", "to"} for _, long in pairs)
