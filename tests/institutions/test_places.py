"""Towns and countries put right with ROR's towns, on real affiliation strings."""

from __future__ import annotations

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


def test_a_town_written_with_a_hyphen_before_a_bare_postal_code_is_the_city() -> None:
    found = placed(
        "Cardiovascular Division, Chang Gung Memorial Hospital, Tao-Yuan, 333, Taiwan. "
        "Electronic address: pchu@cgmh.org.tw."
    )
    assert found.city == "Taoyuan"
    assert found.units == ("Cardiovascular Division", "Chang Gung Memorial Hospital")


def test_a_short_postal_code_run_into_the_town_is_the_postal_code() -> None:
    found = placed(
        "Department of Nuclear Medicine and Molecular Imaging Center, Chang Gung Memorial "
        "Hospital, Taoyuan 333, Taiwan, ROC."
    )
    assert (found.city, found.postal_code) == ("Taoyuan", "333")


def test_the_country_is_never_read_as_the_town() -> None:
    found = placed(
        "Institute of Biomedical Sciences, Academia Sinica, No. 128, Sec. 2, Academia Road, "
        "Nankang, Taipei, Taiwan, 115, Republic of China."
    )
    assert found.city != "Taiwan"
