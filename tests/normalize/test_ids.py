import pytest

from kg.normalize.ids import parse_doi, parse_issn, parse_orcid, parse_pmcid, parse_pmid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("39882532", "39882532"),
        (" PMID: 39882532 ", "39882532"),
        ("0012345", "12345"),
    ],
)
def test_pmid_normalised(text: str, expected: str) -> None:
    assert parse_pmid(text) == expected


@pytest.mark.parametrize("text", ["3988x212", "", "0", "1234567890", "PMC123"])
def test_malformed_pmid_names_what_was_expected(text: str) -> None:
    with pytest.raises(ValueError, match="expected 1 to 9 digits"):
        parse_pmid(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.3389/fmed.2024.1530887", "10.3389/fmed.2024.1530887"),
        ("https://doi.org/10.1002/IUB.2387.", "10.1002/iub.2387"),
        ("doi: 10.1177/09636897241303275", "10.1177/09636897241303275"),
        ("http://dx.doi.org/10.1000/ABC(1)", "10.1000/abc(1)"),
    ],
)
def test_doi_lower_cased_without_prefix(text: str, expected: str) -> None:
    assert parse_doi(text) == expected


@pytest.mark.parametrize("text", ["10.12/x", "11.1234/x", "10.1234/has space", "not a doi"])
def test_malformed_doi(text: str) -> None:
    with pytest.raises(ValueError, match="malformed DOI"):
        parse_doi(text)


def test_pmcid_forms() -> None:
    assert parse_pmcid("PMC11774712") == "PMC11774712"
    assert parse_pmcid("pmc11774712.") == "PMC11774712"
    assert parse_pmcid("11774712") == "PMC11774712"
    assert parse_pmcid("PMC8095192.2") == "PMC8095192"
    with pytest.raises(ValueError):
        parse_pmcid("PMCX1")


def test_orcid_check_digit() -> None:
    assert parse_orcid("https://orcid.org/0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert parse_orcid("000000021825009X".replace("X", "7")) == "0000-0002-1825-0097"
    with pytest.raises(ValueError, match="check digit"):
        parse_orcid("0000-0002-1825-0098")


def test_issn() -> None:
    assert parse_issn("2296858x") == "2296-858X"
    with pytest.raises(ValueError):
        parse_issn("22968")
