"""Sentence splitting on real abstracts (tests/data/pubtator, tests/data/seeds, and the shared
corpora when present) and on the constructions of biomedical prose that trip naive splitters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import DATA, ROOT

from kg.nlp.sentences import split_sentences
from kg.pubtator import PubtatorDocument, iter_documents

PUBTATOR = DATA / "pubtator"


def _document(name: str) -> PubtatorDocument:
    path = PUBTATOR / name
    with path.open(encoding="utf-8") as lines:
        return next(iter_documents(lines, path.name))


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def _assert_partition(text: str, spans: list[tuple[int, int]]) -> None:
    """Spans are ordered, disjoint, trimmed, and leave only whitespace between them."""
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text)
        assert text[position:start].strip() == ""
        assert text[start:end] == text[start:end].strip()
        position = end
    assert text[position:].strip() == ""


# -- real abstracts -------------------------------------------------------------------------------


def test_biored_structured_abstract_written_inline() -> None:
    """BioRED 14510914: OBJECTIVE/PATIENT/... labels inline, "(NIS). PATIENT:", "1.4%", "24 h"."""
    document = _document("biored_dev_14510914.txt")
    sentences = _sentences(document.text)
    assert len(sentences) == 13
    assert sentences[0] == (
        "Congenital hypothyroidism due to a new deletion in the sodium/iodide symporter protein."
    )
    assert sentences[1].startswith("OBJECTIVE: Iodide transport defect (ITD)")
    assert sentences[2].endswith("abnormalities of the sodium/iodide symporter (NIS).")
    assert sentences[3] == (
        "PATIENT: We describe a woman with hypothyroidism identified at the 3rd month of life."
    )
    assert sentences[6] == (
        "MEASUREMENTS: Thyroid radioiodide uptake was only 1.4% and 0.3% at 1 and 24 h after "
        "the administration of recombinant human TSH."
    )
    assert sentences[-1].startswith("CONCLUSION: In conclusion we describe")


def test_ncbi_disease_abstract_with_bracketed_end_and_double_full_stop() -> None:
    """NCBI-disease 8808605: a sentence ends in "(1187C-- > T)." and the abstract in "..  "."""
    document = _document("ncbi_disease_dev_first2.txt")
    text = document.text
    spans = split_sentences(text)
    sentences = [text[start:end] for start, end in spans]
    assert len(sentences) == 8
    assert sentences[0] == document.title
    assert sentences[4].endswith("two with G6PD Bari (1187C-- > T).")
    assert sentences[5].startswith("We found that in fractionated blood cell types")
    assert sentences[-1].endswith("critical during hematopoiesis..")
    assert spans[-1][1] == len(text.rstrip())  # the abstract's trailing space is not included
    _assert_partition(text, spans)


def test_ncbi_disease_broken_decimal_and_short_sentence() -> None:
    """NCBI-disease 10923035: "in 9. 2% controls" (a corpus artefact) is one sentence."""
    text = _document("ncbi_disease_train_10923035.txt").text
    sentences = _sentences(text)
    assert "We found no exon variants." in sentences
    assert any(sentence.endswith("observed in 9. 2% controls.") for sentence in sentences)
    assert sentences[6].endswith('febrile seizures " plus " (GEFS +).')
    assert len(sentences) == 14


def test_seed_abstract_with_statistics_and_vs() -> None:
    """The knee osteoarthritis trial of the seed listing: "vs.", "P = 0.02", "(BM-MSCs)"."""
    listing = (DATA / "seeds" / "000_43d217d51f7c109e.txt").read_text(encoding="utf-8")
    abstract = next(
        line for line in listing.splitlines() if line.startswith("To assess the impact")
    )
    sentences = _sentences(abstract)
    assert sentences[3] == (
        "Magnetic resonance imaging (MRI) with T2 mapping sequences was conducted for knee "
        "cartilage assessment at baseline and at 3 and 12 months."
    )
    assert sentences[4] == (
        "The MSC group showed between-group improvement in WOMAC (-5.0 ± 3.6 vs. -0.1 ± 5.5, "
        "P = 0.02) and KOOS (23.9 ± 18.3 vs. 7.2 ± 15.9, P = 0.028) scores at 9 months "
        "compared with the control group."
    )
    assert len(sentences) == 9


# -- constructed cases ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Cytokines, e.g. TNF-α and IL-6, fell. Others, i.e. IL-10, rose.",
            ["Cytokines, e.g. TNF-α and IL-6, fell.", "Others, i.e. IL-10, rose."],
        ),
        (
            "As Smith et al. (2019) showed, MSCs help. As Smith et al. Showed too.",
            ["As Smith et al. (2019) showed, MSCs help.", "As Smith et al. Showed too."],
        ),
        (
            "MSCs vs. placebo was tested (Fig. 2). Dose was approx. 5 mg or ca. 4 mg. Done.",
            [
                "MSCs vs. placebo was tested (Fig. 2).",
                "Dose was approx. 5 mg or ca. 4 mg.",
                "Done.",
            ],
        ),
        (
            "Dr. Lee and J. Smith treated E. coli and S. aureus. It worked.",
            ["Dr. Lee and J. Smith treated E. coli and S. aureus.", "It worked."],
        ),
        (
            "Levels were 2.5 mg/kg (p < 0.05). Patients with No. 3 improved.",
            ["Levels were 2.5 mg/kg (p < 0.05).", "Patients with No. 3 improved."],
        ),
        (
            "Written by a Ph.D. Student in the U.S. Army. Then it ended.",
            ["Written by a Ph.D. Student in the U.S. Army.", "Then it ended."],
        ),
        (
            "Patients lacked vitamin D. The dose was raised. Hepatitis B and C. We tested.",
            [
                "Patients lacked vitamin D.",
                "The dose was raised.",
                "Hepatitis B and C.",
                "We tested.",
            ],
        ),
        (
            'It is "safe." The data [12]. Were they? Yes! (Both arms.) Done.',
            ['It is "safe."', "The data [12].", "Were they?", "Yes!", "(Both arms.)", "Done."],
        ),
        (
            "Mice got 125 mg i.v. MP daily. Rats were dosed i.p. The effect was clear.",
            ["Mice got 125 mg i.v. MP daily.", "Rats were dosed i.p.", "The effect was clear."],
        ),
        (
            "Cells were lysed for 24 h. In vivo, mRNA fell. p53 was mutated. α-SMA rose.",
            [
                "Cells were lysed for 24 h.",
                "In vivo, mRNA fell.",
                "p53 was mutated.",
                "α-SMA rose.",
            ],
        ),
        (
            "Controls were taken from the study by Smith et al. RESULTS: It worked.",
            ["Controls were taken from the study by Smith et al.", "RESULTS: It worked."],
        ),
    ],
)
def test_constructed_cases(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_a_number_before_and_after_a_full_stop_is_taken_for_a_broken_decimal() -> None:
    """The documented trade-off: the corpora's "0. 968" outnumbers "in 2019. 25 patients"."""
    assert _sentences("It was r = 0. 968 here. Levels rose in 2019. 25 patients were seen.") == [
        "It was r = 0. 968 here.",
        "Levels rose in 2019. 25 patients were seen.",
    ]


def test_line_breaks_separate_structured_sections() -> None:
    """Record.abstract_text puts each labelled section on its own line, without final stops."""
    text = (
        "Mesenchymal stem cells in lupus\n"
        "BACKGROUND: MSCs modulate immunity\n"
        "METHODS: Mice (MRL/lpr) received MSCs.\n"
        "RESULTS: Proteinuria fell (p < 0.01)\n"
        "CONCLUSIONS: MSCs help."
    )
    assert _sentences(text) == text.split("\n")


def test_a_wrapped_line_that_continues_in_lower_case_is_not_a_boundary() -> None:
    text = "Treatment with MSCs reduced the\nseverity of arthritis.\nmRNA levels fell."
    assert _sentences(text) == [
        "Treatment with MSCs reduced the\nseverity of arthritis.",
        "mRNA levels fell.",
    ]


def test_offsets_point_into_the_original_text_with_odd_spacing() -> None:
    text = "  First one.   Second one?\r\n\tThird one!  "
    spans = split_sentences(text)
    assert [text[start:end] for start, end in spans] == ["First one.", "Second one?", "Third one!"]
    assert spans[0] == (2, 12)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "No final stop", "."])
def test_degenerate_texts(text: str) -> None:
    spans = split_sentences(text)
    _assert_partition(text, spans)
    assert len(spans) == (1 if text.strip() else 0)


@given(st.text(alphabet=st.sampled_from(list("aZ0 .?!()\n\t\"'e.gJvsαß-")), max_size=80))
def test_spans_always_partition_the_text(text: str) -> None:
    _assert_partition(text, split_sentences(text))


@given(st.text(max_size=200))
def test_spans_partition_any_text(text: str) -> None:
    _assert_partition(text, split_sentences(text))


# -- the shared corpora, when present -------------------------------------------------------------

_CORPORA = [DATA / "corpora", ROOT.parent / "shared" / "data" / "corpora"]
_NCBI_DEV = next(
    (root / "ncbi-disease" / "NCBIdevelopset_corpus.txt" for root in _CORPORA if root.is_dir()),
    Path("absent"),
)
_BAD_ENDING = re.compile(r"(?:\be\.g\.|\bi\.e\.|\bet al\.|\bvs\.|\bFigs?\.|\bDr\.|\bapprox\.)$")


@pytest.mark.skipif(not _NCBI_DEV.is_file(), reason="shared NCBI-disease corpus not present")
def test_ncbi_disease_development_set() -> None:
    """All 100 abstracts: a clean partition, and no sentence ends in an abbreviation."""
    with _NCBI_DEV.open(encoding="utf-8") as lines:
        documents = list(iter_documents(lines, _NCBI_DEV.name))
    total = 0
    for document in documents:
        text = document.text
        spans = split_sentences(text)
        _assert_partition(text, spans)
        title_end = len(document.title.rstrip())
        if document.title.rstrip()[-1] in ".?!":
            assert title_end in {end for _, end in spans}, document.title
        for start, end in spans:
            assert not _BAD_ENDING.search(text[start:end]), text[start:end]
        total += len(spans)
    assert 800 <= total <= 1000  # about nine sentences per title and abstract
