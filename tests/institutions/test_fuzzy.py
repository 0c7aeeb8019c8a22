"""The scored look-up of last resort, on affiliation parts from real PubMed records and the
shipped ROR index."""

from __future__ import annotations

import pytest

from kg.institutions.fuzzy import _one_edit
from kg.institutions.matcher import default_matcher


def best_ror(unit: str, country: str, city: str | None = None) -> str | None:
    scored = default_matcher().fuzzy.best(unit, country, city)
    return scored.organisation.ror if scored is not None else None


@pytest.mark.parametrize(
    ("unit", "country", "city", "ror"),
    [
        # a misspelt proper name, and the town run into the name
        ("Teerthankar Mahaveer University Moradabad", "IN", None, "04vkd2013"),
        # a school run into its university without a comma
        ("Drexel University Dornsife School of Public Health", "US", "Philadelphia", "04bdffz58"),
        # a campus in another town
        ("Korea University Sejong Campus", "KR", "Sejong City", "047dqcg40"),
        # the name ends at a slash, a bracket or a dash
        ("Weill Cornell Medicine/New York Presbyterian", "US", "New York", "02r109517"),
        # renamed after its subject: "Medical College" is now "Medicine"
        ("Weill Cornell Medical College", "US", "New York", "02r109517"),
        (
            "King Abdullah International Medical Research Center-Eastern Region (KAIMRC-ER)",
            "SA",
            "Al-Hasa",
            "009p8zv69",
        ),
    ],
)
def test_a_name_written_loosely_is_found(
    unit: str, country: str, city: str | None, ror: str
) -> None:
    assert best_ror(unit, country, city) == ror


@pytest.mark.parametrize(
    ("unit", "country", "city"),
    [
        ("Kyushu Dental University", "JP", "Kitakyushu"),  # not Kyushu University
        ("The Catholic University of America", "US", "Washington"),  # not "University of America"
        ("Guangdong Institute of Microbiology", "CN", "Guangzhou"),
        ("Kaiser Permanente Northwest", "US", "Portland"),  # a region of Kaiser Permanente
        ("Carl Zeiss Meditec AG", "DE", "Jena"),  # another company than Carl Zeiss
        ("Chang Gung University", "TW", "Taoyuan"),  # not Chang Gung Memorial Hospital
        ("University of Texas at Arlington", "US", "Arlington"),  # not the system in Austin
        ("The University of Texas Medical School at Houston", "US", "Houston"),
        # a hospital of a university (not in the dump) is not the university
        ("The Second Affiliated Hospital of Guangxi University of Chinese Medicine", "CN", None),
        ("Shanghai Research Institute of Sports Science", "CN", "Shanghai"),
        # a hyphen inside a compound name is no cut: not "Université de Paris"
        ("Université Paris-Saclay APHP", "FR", "Le Kremlin-Bicêtre"),
        ("Business School", "CN", "Shanghai"),  # not "Shanghai Business School"
    ],
)
def test_a_different_organisation_is_not_taken_for_a_similar_name(
    unit: str, country: str, city: str | None
) -> None:
    assert best_ror(unit, country, city) is None


def test_a_single_word_or_an_unknown_country_finds_nothing() -> None:
    assert best_ror("Drexel", "US") is None
    assert best_ror("Drexel University Dornsife School of Public Health", "ZZ") is None


def test_one_edit_covers_typing_slips_only() -> None:
    assert _one_edit("teerthankar", "teerthanker")  # changed
    assert _one_edit("hippokratio", "hippokration")  # dropped
    assert _one_edit("comapny", "company")  # neighbours swapped
    assert not _one_edit("company", "company")
    assert not _one_edit("kyushu", "kyushux1")
    assert not _one_edit("forestry", "foresting")
