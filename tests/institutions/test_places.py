"""Towns and countries put right with ROR's towns, on real affiliation strings."""

from __future__ import annotations

import pytest

from kg.extract.affiliations import parse_affiliation
from kg.institutions.matcher import default_matcher
from kg.institutions.places import with_ror_places


def placed(text: str):  # type: ignore[no-untyped-def]
    return with_ror_places(parse_affiliation(text)[0], default_matcher())


def test_a_town_alone_gives_its_country() -> None:
    found = placed(
        "Department of Urology, University of Virginia School of Medicine, Charlottesville."
    )
    assert (found.city, found.country_code) == ("Charlottesville", "US")
    assert found.units == ("Department of Urology", "University of Virginia School of Medicine")


def test_a_town_in_two_countries_gives_none() -> None:
    found = placed("Department of Genetics, University of Cambridge, Cambridge.")
    assert found.country_code is None  # Cambridge, England, and Cambridge, Massachusetts


def test_the_organisation_read_as_the_town_goes_back_among_the_parts() -> None:
    found = placed("Department of Clinical Chemistry, Rikshopitalet, Oslo, Norway.")
    assert found.city == "Oslo" and found.units[-1] == "Rikshopitalet"


def test_the_town_before_a_province_with_its_postal_code() -> None:
    found = placed(
        "State Key Laboratory of Geological Processes and Mineral Resources, China University "
        "of Geosciences, Wuhan, Hubei 430074, China."
    )
    assert (found.city, found.region) == ("Wuhan", "Hubei")


def test_a_chinese_district_before_its_city() -> None:
    parsed = placed(
        "State Key Laboratory of Biochemical Engineering, Institute of Process Engineering, "
        "Chinese Academy of Sciences, Haidian District, Beijing, 100190 China"
    )
    assert parsed.city == "Beijing"


@pytest.mark.parametrize(
    ("text", "city", "postal_code"),
    [
        pytest.param(
            "Cardiovascular Division, Chang Gung Memorial Hospital, Tao-Yuan, 333, Taiwan. "
            "Electronic address: pchu@cgmh.org.tw.",
            "Taoyuan",
            None,
            id="a town with a hyphen before a bare postal code",
        ),
        pytest.param(
            "Department of Nuclear Medicine and Molecular Imaging Center, Chang Gung Memorial "
            "Hospital, Taoyuan 333, Taiwan, ROC.",
            "Taoyuan",
            "333",
            id="a short postal code run into the town",
        ),
    ],
)
def test_the_town_as_ror_spells_it(text: str, city: str, postal_code: str | None) -> None:
    found = placed(text)
    assert (found.city, found.postal_code) == (city, postal_code)
    assert city not in found.units and "Tao-Yuan" not in found.units


def test_the_country_is_never_read_as_the_town() -> None:
    found = placed(
        "Institute of Biomedical Sciences, Academia Sinica, No. 128, Sec. 2, Academia Road, "
        "Nankang, Taipei, Taiwan, 115, Republic of China."
    )
    assert found.city != "Taiwan"
