"""Time slices: which papers count, and a reversed range refused before any work."""

from __future__ import annotations

import pytest

from kg.analysis.slicing import ALL_YEARS, YearRange
from kg.errors import ConfigError

YEARS = {"p2019": 2019, "p2020": 2020, "p2021": 2021, "undated": None}


@pytest.mark.parametrize(
    ("since", "until", "kept", "described"),
    [
        (None, None, ["p2019", "p2020", "p2021", "undated"], "all years"),
        (2020, None, ["p2020", "p2021"], "2020 onwards"),
        (None, 2020, ["p2019", "p2020"], "up to 2020"),
        (2020, 2020, ["p2020"], "2020"),
        (2019, 2020, ["p2019", "p2020"], "2019-2020"),
        (2022, None, [], "2022 onwards"),
    ],
)
def test_a_slice_keeps_the_papers_of_its_years(
    since: int | None, until: int | None, kept: list[str], described: str
) -> None:
    years = YearRange(since, until)
    assert list(years.keep(list(YEARS), YEARS)) == kept
    assert years.describe() == described
    assert years.bounded == (since is not None or until is not None)


def test_an_open_slice_hands_back_the_same_list() -> None:
    papers = ["p2019", "unknown-paper"]
    assert ALL_YEARS.keep(papers, YEARS) is papers


def test_a_reversed_range_is_a_usage_error() -> None:
    with pytest.raises(ConfigError, match="--since 2021 is after --until 2019") as raised:
        YearRange(2021, 2019)
    assert raised.value.exit_code == 2
