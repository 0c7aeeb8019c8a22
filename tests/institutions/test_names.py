from __future__ import annotations

import pytest

from kg.institutions.names import bracketed_acronyms, name_key


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Univ. of São Paulo", "The University of Sao Paulo (USP)"),
        ("Universität Zürich", "University of Zurich"),
        ("St. Michael's Hospital", "Saint Michael’s Hospital"),
        ("National University Singapore (NUS)", "National University of Singapore"),
        ("Paracrine Therapeutics Pte. Ltd.", "Paracrine Therapeutics"),
        ("Tom Baker Cancer Centre", "Tom Baker Cancer Center"),
    ],
)
def test_spelling_variants_share_a_key(first: str, second: str) -> None:
    assert name_key(first) == name_key(second)


def test_word_order_still_matters() -> None:
    assert name_key("Miami University") != name_key("University of Miami")


def test_bracketed_acronyms() -> None:
    text = "Institute of Molecular and Cell Biology (IMCB), Agency for Science (A*STAR)"
    assert bracketed_acronyms(text) == ["IMCB", "A*STAR"]


def test_organisation_words_of_other_languages_meet_their_english() -> None:
    assert name_key("Forschungszentrum Jülich") == name_key("Research Center Jülich")
    assert name_key("Universitätsklinikum Freiburg") == name_key("University Hospital Freiburg")


def test_french_hospital_names_meet_their_english_forms() -> None:
    assert name_key("CHU de Nantes") == name_key("Centre Hospitalier Universitaire de Nantes")
    assert name_key("CHU de Nantes") == "university hospital nantes"
    assert name_key("CHRU de Lille") == "regional university hospital lille"
    assert name_key("Centre Hospitalier de Versailles") == "hospital versailles"
    assert name_key("Chu Hai College") == "chu hai college"  # a name, not the French acronym


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("University of Hawaiʻi", "University of Hawaii"),  # the ʻokina is an apostrophe
        (
            "Louis Stokes Cleveland Veterans Administration Medical Center",
            "Louis Stokes Cleveland VA Medical Center",
        ),
        (
            "Guangzhou University of Chinese Medicine",
            "Guangzhou University of Traditional Chinese Medicine",
        ),
        ("U.S. Environmental Protection Agency", "Environmental Protection Agency"),
        ("United States Food and Drug Administration", "US Food and Drug Administration"),
        ("M. D. Anderson Cancer Center", "MD Anderson Cancer Center"),  # initials run together
        (
            "N.N. Blokhin Russian Cancer Research Center",
            "NN Blokhin Russian Cancer Research Center",
        ),
    ],
)
def test_phrases_written_two_ways_share_a_key(first: str, second: str) -> None:
    assert name_key(first) == name_key(second)


def test_a_country_prefix_is_kept_when_little_would_be_left() -> None:
    assert name_key("US Army") == "us army"


def test_only_a_run_of_single_letters_is_joined() -> None:
    assert name_key("H. Lee Moffitt Cancer Center") == "h lee moffitt cancer center"
    assert name_key("Institut d'Investigacions Biomèdiques August Pi i Sunyer").endswith(
        "pi i sunyer"
    )
