"""Where an affiliation is, put right with the towns ROR knows.

The parser (:mod:`kg.extract.affiliations`) reads places from the shape of the string alone, so
``…, Rikshopitalet, Oslo, Norway`` gives the organisation as the city and ``…, Wuhan, Hubei
430074`` the province; older records give only the town (``…, Charlottesville.``).  ROR says
which names are towns, how many organisations each holds, and in which country.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.affiliations import ParsedAffiliation, state_country
from kg.extract.countries import country_code, country_name
from kg.institutions.matcher import RorMatcher
from kg.institutions.units import unit_kind

__all__ = ["with_ror_places"]


def with_ror_places(parsed: ParsedAffiliation, matcher: RorMatcher) -> ParsedAffiliation:
    """The parse with its town and country put right where ROR's towns say so.

    Older records end with the town only (``..., University of Virginia School of Medicine,
    Charlottesville.``): a town ROR places in one country gives the country and becomes the
    city.  With a country, :func:`_with_town_as_city`.
    """
    if parsed.country_code is not None:
        return _spelt_as_ror_does(_with_town_as_city(parsed, matcher), matcher)
    if len(parsed.units) < 2:
        return parsed
    last = parsed.units[-1]
    town = _TRAILING_POSTAL_CODE.sub("", last)  # "Chapel Hill 27514"
    if len(town.split()) > 3 or unit_kind(town) != 0 or any(char.isdigit() for char in town):
        return parsed
    code = matcher.country_of_town(town)
    if code is None:
        return parsed
    postal = last[len(town) :].strip() or None
    return replace(
        parsed,
        city=parsed.city or town,
        postal_code=parsed.postal_code or postal,
        country=country_name(code),
        country_code=code,
        units=parsed.units[:-1],
    )


def _with_town_as_city(parsed: ParsedAffiliation, matcher: RorMatcher) -> ParsedAffiliation:
    """Put the town ROR knows in ``city``: ``..., Rikshopitalet, Oslo, Norway`` read the
    organisation as the city and the town as the region; ``..., Wuhan, Hubei 430074``
    read the province as the city and left the town among the parts."""
    city, region, code = parsed.city, parsed.region, parsed.country_code
    if city is None or code is None:
        return parsed
    if region and _DISTRICT.search(city) and matcher.is_town(region, code):
        # "..., Haidian District, Beijing, 100190 China": the district, then its city.
        return replace(parsed, city=region, region=None)
    last = parsed.units[-1] if parsed.units else None
    if (
        last is not None
        and unit_kind(last) == 0
        and matcher.town_size(last, code) >= _BIGGER_TOWN * max(matcher.town_size(city, code), 1)
    ):
        # "..., Wuhan, Hubei 430074, China": the province with the postal code, the town
        # before it.
        return replace(parsed, city=last, region=region or city, units=parsed.units[:-1])
    if region is None or parsed.postal_code or matcher.is_town(city, code):
        return parsed
    if not matcher.is_town(region, code) and matcher.match(region, code) is not None:
        # "..., Giulio Natta, Politecnico di Milano, Italy": no town at all; both were parts.
        return replace(parsed, city=None, region=None, units=(*parsed.units, city, region))
    if not matcher.is_town(region, code):
        return parsed
    return replace(parsed, city=region, region=None, units=(*parsed.units, city))


def _spelt_as_ror_does(parsed: ParsedAffiliation, matcher: RorMatcher) -> ParsedAffiliation:
    """The town as ROR spells it, so that records in it are found there: ``Tao-Yuan`` or
    ``Taoyuan City`` is ROR's Taoyuan, a postal code run into it is the postal code
    (``Taoyuan 333``), and a town left among the parts (``..., Tao-Yuan, 333, Taiwan``) is
    the city."""
    code, city, units = parsed.country_code, parsed.city, parsed.units
    if code is None:
        return parsed
    if city is None:
        last = units[-1] if units else None
        if last is None or unit_kind(last) != 0 or any(char.isdigit() for char in last):
            return parsed
        if country_code(last) or state_country(last):
            return parsed  # "..., Taipei, Taiwan, 115, Republic of China": not a town
        if matcher.is_town(last, code):
            return replace(parsed, city=last, units=units[:-1])
        spelt = matcher.town_spelling(last, code)
        return replace(parsed, city=spelt, units=units[:-1]) if spelt else parsed
    postal = _RUN_IN_POSTAL_CODE.search(city)
    if postal is not None and matcher.is_town(city[: postal.start()], code):
        return replace(
            parsed,
            city=city[: postal.start()],
            postal_code=parsed.postal_code or postal.group(1),
        )
    spelt = matcher.town_spelling(city, code)
    return replace(parsed, city=spelt) if spelt else parsed


_RUN_IN_POSTAL_CODE = re.compile(r"\s+(\d{3,6})$")
# A part ROR knows as a town this many times more often than the parsed city is the town.
_BIGGER_TOWN = 3
_DISTRICT = re.compile(r"(?:\sDistrict|\sQu|-qu|-ku|\sWard)$", re.IGNORECASE)
_TRAILING_POSTAL_CODE = re.compile(r"\s+\d{4,6}$")
