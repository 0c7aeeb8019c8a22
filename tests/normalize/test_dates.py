import pytest

from kg.model import PartialDate
from kg.normalize.dates import parse_date, parse_us_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020 Nov", PartialDate(2020, 11)),
        ("2020 Nov 2", PartialDate(2020, 11, 2)),
        ("2020 Nov-Dec", PartialDate(2020, 11)),
        ("1998 Dec-1999 Jan", PartialDate(1998, 12)),
        ("Spring 2019", PartialDate(2019, 3)),
        ("2024/01/18", PartialDate(2024, 1, 18)),
        ("2024-01-18", PartialDate(2024, 1, 18)),
        ("2016", PartialDate(2016)),
        ("2 Oct 2020", PartialDate(2020, 10, 2)),
    ],
)
def test_pubmed_date_spellings(text: str, expected: PartialDate) -> None:
    assert parse_date(text) == expected


def test_no_year_is_none() -> None:
    assert parse_date("Nov") is None
    assert parse_date("") is None
    assert parse_date(None) is None


def test_us_order_of_listings() -> None:
    assert parse_us_date("11/19/2024") == PartialDate(2024, 11, 19)
    assert parse_us_date("13/40/2024") == PartialDate(2024)


def test_iso_text_has_only_known_parts() -> None:
    assert PartialDate(2024).iso() == "2024"
    assert PartialDate(2024, 3).iso() == "2024-03"
    assert PartialDate(2024, 3, 9).iso() == "2024-03-09"
