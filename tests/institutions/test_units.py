import pytest

from kg.institutions.units import is_generic, unit_kind


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("Division of Rheumatology", 1),
        ("Health Services Research Unit", 1),  # named after its kind of unit
        ("Eye Clinic", 1),  # a specialty clinic of the organisation named next
        ("Seoul St. Mary's Hospital", 3),
        ("Universidad de Chile", 3),
        ("Paracrine Therapeutics Pte. Ltd.", 3),
        ("Bulgarian Academy of Sciences", 2),
        ("Boston", 0),
    ],
)
def test_what_a_part_is(unit: str, kind: int) -> None:
    assert unit_kind(unit) == kind


def test_generic_names_need_their_parent() -> None:
    assert is_generic("The First Affiliated Hospital")
    assert not is_generic("Qinzhou First People's Hospital")


def test_a_word_that_only_begins_like_an_organisation_word_is_not_one() -> None:
    assert unit_kind("Clinical Chemistry and Hematology") == 0  # "Clinica…", not "Clínica"
    assert unit_kind("Clínica Universidad de Navarra") == 3
