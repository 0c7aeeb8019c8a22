"""Country names as written in affiliations, mapped to ISO 3166-1 alpha-2 codes.

pycountry supplies the standard names; the aliases below are the spellings PubMed
affiliations actually use and ISO does not (``USA``, ``P.R. China``, ``Republic of Korea``,
``England``...).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

__all__ = ["country_code", "country_name"]

_ALIASES = {
    "usa": "US",
    "u s a": "US",
    "us": "US",
    "u s": "US",
    "united states": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "u k": "GB",
    "united kingdom": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "china": "CN",
    "pr china": "CN",
    "p r china": "CN",
    "peoples republic of china": "CN",
    "people s republic of china": "CN",
    "prc": "CN",
    "mainland china": "CN",
    "korea": "KR",
    "south korea": "KR",
    "republic of korea": "KR",
    "korea republic of": "KR",
    "korea south": "KR",
    "rep of korea": "KR",
    "north korea": "KP",
    "taiwan": "TW",
    "republic of china": "TW",
    "taiwan roc": "TW",
    "hong kong": "HK",
    "hong kong sar": "HK",
    "hong kong sar china": "HK",
    "macau": "MO",
    "macao": "MO",
    "iran": "IR",
    "islamic republic of iran": "IR",
    "russia": "RU",
    "russian federation": "RU",
    "vietnam": "VN",
    "viet nam": "VN",
    "turkey": "TR",
    "turkiye": "TR",
    "the netherlands": "NL",
    "netherlands": "NL",
    "holland": "NL",
    "czech republic": "CZ",
    "czechia": "CZ",
    "syria": "SY",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "palestine": "PS",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "uae": "AE",
    "u a e": "AE",
    "the gambia": "GM",
    "brasil": "BR",
    "deutschland": "DE",
    "espana": "ES",
    "italia": "IT",
    "kosovo": "XK",
    "macedonia": "MK",
    "swaziland": "SZ",
    "burma": "MM",
    "brunei": "BN",
    "cape verde": "CV",
    "congo": "CG",
    "democratic republic of the congo": "CD",
    "dr congo": "CD",
    "vatican": "VA",
    "micronesia": "FM",
    "saudi arabia": "SA",
    # The country in its own or in French, as European affiliations write it.
    "suisse": "CH",
    "schweiz": "CH",
    "svizzera": "CH",
    "suiza": "CH",
    "osterreich": "AT",
    "belgique": "BE",
    "belgie": "BE",
    "nederland": "NL",
    "sverige": "SE",
    "norge": "NO",
    "danmark": "DK",
    "suomi": "FI",
    "polska": "PL",
    "magyarorszag": "HU",
    "allemagne": "DE",
    "espagne": "ES",
    "italie": "IT",
    "royaume uni": "GB",
    "etats unis": "US",
    "chine": "CN",
    "japon": "JP",
    "grece": "GR",
    # Former names whose successor is one country (older records).
    "brd": "DE",
    "frg": "DE",
    "west germany": "DE",
    "federal republic of germany": "DE",
    "fed rep germany": "DE",
    "gdr": "DE",
    "ddr": "DE",
    "east germany": "DE",
    "german democratic republic": "DE",
    "zaire": "CD",
    "ceylon": "LK",
    "rhodesia": "ZW",
    "siam": "TH",
    "persia": "IR",
    "formosa": "TW",
    "dahomey": "BJ",
    "upper volta": "BF",
}


def _key(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return re.sub(r"[^a-z]+", " ", plain.lower().replace("'", "")).strip()


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                table[_key(value)] = country.alpha_2
    for alias, code in _ALIASES.items():
        table[_key(alias)] = code
    return table


@lru_cache(maxsize=1)
def _alpha3() -> dict[str, str]:
    return {country.alpha_3: country.alpha_2 for country in pycountry.countries}


def country_code(text: str) -> str | None:
    """ISO alpha-2 code for a country name or alias; ``None`` when ``text`` is not a country."""
    key = _key(text)
    if key.startswith("the "):
        key = key[4:]
    found = _table().get(key)
    if found is None and len(text) == 3 and text.isupper():
        found = _alpha3().get(text)  # "Thessaloniki, GRC"
    return found


def country_name(code: str) -> str | None:
    """The short English name of an ISO alpha-2 code (``KR`` -> ``Korea, Republic of``)."""
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or getattr(country, "name", None)
