"""Parsing the date spellings of bibliographic exports into :class:`PartialDate`.

PubMed alone writes ``2020 Nov``, ``2020 Nov 2``, ``2020 Nov-Dec``, ``1998 Dec-1999 Jan``,
``Spring 2019``, ``2024/01/18``; citation listings write ``11/19/2024`` (US order).  A date that
only states a season or a range keeps the year and the first month it names.
"""

from __future__ import annotations

import re

from kg.model import PartialDate

__all__ = ["month_number", "parse_date", "parse_us_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_WORD = re.compile(r"[A-Za-z]+|\d+")


def month_number(text: str) -> int | None:
    """1-12 for ``"Nov"``, ``"november"``, ``"11"``; ``None`` for anything else."""
    value = text.strip().lower().rstrip(".")
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(value) or _SEASONS.get(value)


def _checked(year: int, month: int | None, day: int | None) -> PartialDate | None:
    if month is not None and not 1 <= month <= 12:
        return PartialDate(year)
    if day is not None and not 1 <= day <= 31:
        day = None
    return PartialDate(year, month, day if month is not None else None)


def parse_us_date(text: str) -> PartialDate | None:
    """``mm/dd/yyyy`` as used in citation listings (``[Received: 11/19/2024]``)."""
    match = _US.fullmatch(text.strip())
    if not match:
        return parse_date(text)
    month, day, year = (int(group) for group in match.groups())
    return _checked(year, month, day)


def parse_date(text: str | None) -> PartialDate | None:
    """Best partial date in ``text``; ``None`` when no plausible year is present."""
    if not text:
        return None
    value = text.strip()
    iso = _ISO.match(value)
    if iso:
        day_text = iso.group(3)
        return _checked(int(iso.group(1)), int(iso.group(2)), int(day_text) if day_text else None)
    us = _US.fullmatch(value)
    if us:
        return parse_us_date(value)
    year_match = _YEAR.search(value)
    if not year_match:
        return None
    year = int(year_match.group(1))
    tokens = _WORD.findall(value[year_match.end() :]) or []
    before = _WORD.findall(value[: year_match.start()])
    month: int | None = None
    day: int | None = None
    if tokens and not tokens[0].isdigit():
        month = month_number(tokens[0])
        if month is not None and len(tokens) > 1 and tokens[1].isdigit() and len(tokens[1]) <= 2:
            day = int(tokens[1])
    elif before:  # "Spring 2019", "2 Nov 2020"
        words = [token for token in before if not token.isdigit()]
        if words:
            month = month_number(words[-1])
        digits = [token for token in before if token.isdigit() and len(token) <= 2]
        if month is not None and digits:
            day = int(digits[-1])
    return _checked(year, month, day)
