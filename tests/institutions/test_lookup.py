from kg.extract.affiliations import parse_affiliation
from kg.institutions.lookup import lookup, of_tail, without_run_in_address
from kg.institutions.matcher import default_matcher


def test_a_part_is_found_with_its_city_and_country() -> None:
    parsed = parse_affiliation("Kitasato University School of Medicine, Sagamihara, Japan")[0]
    found = lookup(default_matcher(), parsed.units[0], parsed)
    assert found is not None and found[0].organisation.ror == "00f2txz25"


def test_tails_and_run_in_addresses() -> None:
    assert of_tail("Keenan Research Centre for Biomedical Science of St. Michael's Hospital") == (
        "St. Michael's Hospital"
    )
    assert of_tail("Institute of Immunology") is None
    assert without_run_in_address("RMIT University Melbourne Victoria 3001") == "RMIT University"
