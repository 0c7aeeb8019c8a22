"""Recognition: longest matches, exact offsets, abbreviations and ambiguous short forms."""

from __future__ import annotations

from kg.nlp.lexicon import CompiledLexicon
from kg.nlp.recognize import Recognizer

# From the seed abstract of PMID 37892183 (shared/seeds).
RA_ABSTRACT = (
    "Rheumatoid arthritis (RA) is a chronic autoimmune disease characterized by joint "
    "inflammation and damage. We have previously demonstrated that mesenchymal stem/stromal "
    "cell small extracellular vesicles (MSC-sEVs) promote M2 polarization and hypothesized that "
    "MSC-sEVs could alleviate RA severity. Here, we treated a mouse model of collagen-induced "
    "arthritis (CIA) with MSC-sEVs."
)


def _found(lexicon: CompiledLexicon, text: str) -> list[tuple[str, str]]:
    mentions = Recognizer(lexicon).recognize([("abstract", text)])
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    return [(mention.text, mention.concept) for mention in mentions]


def test_longest_match_with_exact_offsets_and_defined_short_forms(
    small_lexicon: CompiledLexicon,
) -> None:
    found = _found(small_lexicon, RA_ABSTRACT)
    assert found == [
        ("Rheumatoid arthritis", "DOID:7148"),
        ("RA", "DOID:7148"),
        ("autoimmune disease", "DOID:417"),
        ("mesenchymal stem/stromal cell small extracellular vesicles", "KG:msc-sev"),
        ("MSC-sEVs", "KG:msc-sev"),
        ("M2 polarization", "KG:m2-polarization"),
        ("MSC-sEVs", "KG:msc-sev"),
        ("RA", "DOID:7148"),
        ("collagen-induced arthritis", "KG:cia"),
        ("CIA", "KG:cia"),
        ("MSC-sEVs", "KG:msc-sev"),
    ]


def test_greek_letters_hyphens_and_case(small_lexicon: CompiledLexicon) -> None:
    # A short form written in lower case is another word ("tnf-α" is not matched).
    text = "Levels of TNF-alpha, TNFα, IL10 and interleukin 6 fell; tnf-α too."
    assert _found(small_lexicon, text) == [
        ("TNF-alpha", "MESH:D014409"),
        ("TNFα", "MESH:D014409"),
        ("IL10", "MESH:D016178"),
        ("interleukin 6", "MESH:D015847"),
    ]


def test_an_ambiguous_short_form_needs_a_definition_or_the_full_name(
    small_lexicon: CompiledLexicon,
) -> None:
    assert _found(small_lexicon, "Serum levels in MS were measured by ELISA.") == []
    with_context = "Patients with multiple sclerosis (n = 20) were compared; MS lesions grew."
    assert [concept for _, concept in _found(small_lexicon, with_context)] == [
        "DOID:2377",
        "DOID:2377",
    ]


def test_a_short_form_defined_as_something_else_is_not_the_lexicon_concept(
    small_lexicon: CompiledLexicon,
) -> None:
    text = (
        "Proteins were identified by mass spectrometry (MS). Multiple sclerosis was not studied, "
        "but MS confirmed the peptides."
    )
    found = _found(small_lexicon, text)
    assert ("Multiple sclerosis", "DOID:2377") in found
    assert all(surface != "MS" for surface, _ in found)


def test_unambiguous_short_forms_need_no_definition(small_lexicon: CompiledLexicon) -> None:
    assert _found(small_lexicon, "MSCs from SLE patients.") == [
        ("MSCs", "KG:msc"),
        ("SLE", "DOID:9074"),
    ]


def test_words_inside_longer_words_do_not_match(small_lexicon: CompiledLexicon) -> None:
    assert _found(small_lexicon, "anti-IL10R antibodies and CCL2-like chemokines") == [
        ("CCL2", "MESH:D018932")
    ]


def test_mesh_headings_ground_by_descriptor_id(small_lexicon: CompiledLexicon) -> None:
    recognizer = Recognizer(small_lexicon)
    assert recognizer.ground_mesh("Lupus Erythematosus, Systemic", "D008180") == "DOID:9074"
    assert recognizer.ground_mesh("Prednisolone", None) == "MESH:D011239"
    assert recognizer.ground_mesh("Unknown Heading", "D000000") is None
