"""Parsing an affiliation string into department, institution, city, region and country.

This is the first layer the bibliographic graph needs (an Institution node per organisation,
with its country) and deliberately conservative: it never invents an institution from a
street address or a department, and abstains (``institution=None``) when no part of the
string looks like an organisation.  Affiliations of PubMed records are comma-separated from
the smallest unit to the largest, ending with the country: ``Department of X, Some
Hospital, City, Region, Country``; several institutions are separated by ``;``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract.countries import country_code

__all__ = ["ParsedAffiliation", "parse_affiliation", "state_country"]

_EMAIL = re.compile(r"\s*(?:Electronic address:\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?", re.IGNORECASE)
_URL = re.compile(r"\s*(?:https?://|www\.)\S+")
_ORCID = re.compile(r"[\s.;,]*\bORCID\b\s*(?:iD)?\s*:?\s*(?:\d{4}-){3}\d{3}[\dX]", re.IGNORECASE)
_INITIAL_MARKERS = re.compile(
    r"(?:[;,]?\s*\((?:(?:[A-Z]\.(?:-?[A-Z]\.)*,?\s*)+|(?:Dr|Prof|Mr|Ms|Mrs)s?\.?\s[^()]{1,160})\))+"
    r"\s*$"
)
_LEADING_FROM = re.compile(r"^(?:from|and)\s+(?=the\s|[A-Z])", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^\d{1,2}(?=[A-Z][a-z])")
_TRAILING_AND = re.compile(r"[\s,]+and\s*$", re.IGNORECASE)
_CEDEX = re.compile(r"\s+cedex(?:\s+\d{1,2})?$", re.IGNORECASE)
_POSTAL = re.compile(
    r"\b(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}"  # UK
    r"|[A-Z]\d[A-Z]\s*\d[A-Z]\d"  # Canada
    r"|\d{3}-\d{4}"  # Japan
    r"|[A-Z]{1,2}-?\d{4,6}"  # CH-8091, D-80336
    r"|\d{4}\s?[A-Z]{2}(?=\s+[A-Z][a-z])"  # Netherlands: 1081 BT Amsterdam
    r"|\d{3}\s\d{2}(?=\s+[A-Z][a-z])"  # Sweden, Czechia, Slovakia, Greece: 171 77 Stockholm
    r"|\d{4,6}(?:-\d{3,4})?)\b"  # most others
)
_STREET = re.compile(
    r"^\d|\b(?:road|rd\.?|street|st\.|avenue|ave\.?|drive|boulevard|blvd\.?|lane|way|"
    r"building|floor|room|p\.?\s?o\.? box|campus|no\.\s*\d|str\.|straße|strasse|grove|"
    r"private bag|postbus|postfach|locked bag)\b"
    r"|^(?:via|viale|rue|calle|avenida|av\.|rua|piazza|largo|plaza|ul\.|passeig|carrer)\s"
    # Street names written as one word in Dutch, German and the Nordic languages, with or
    # without the house number: "Geert Grooteplein 10", "Nordre Ringgade 1".
    r"|\w(?:straat|plein|laan|weg|gracht|kade|gade|vej|gatan|gata|vegen|veien|strasse|"
    r"stra\u00dfe|allee|ring|platz|gasse|ufer|damm|v\u00e4gen|str\.)\s*\d+[a-z]?\b"
    r"|\bstr\.\s*\d+",
    re.IGNORECASE,
)
_DEPARTMENT = re.compile(
    r"^(?:the\s+)?(?:department|dept\.?|division|section|unit|laboratory|lab\b|program|"
    r"programme|service|faculty|graduate school|school of|college of|centre for|center for|"
    r"key laboratory|state key|group|team|chair|clinic of)\b",
    re.IGNORECASE,
)
# Organisation words by strength: a university outranks its hospital, institute or school.
_ORGANISATION_RANKS = (
    (re.compile(r"\b(?:universi[td]\w*|univ\.?|hochschule)\b", re.IGNORECASE), 5),
    (
        re.compile(
            r"\b(?:hospital\w*|h[oô]pital\w*|(?-i:CHR?U)|ospedale|krankenhaus|ziekenhuis|"
            r"klinikum|clinic|cl[ií]nica|infirmary|medical center|medical centre|"
            r"health|inc\.?|ltd\.?|llc|gmbh|pte\.?|corporation|company|co\.)\b|&\s*co\b",
            re.IGNORECASE,
        ),
        4,
    ),
    (
        re.compile(
            r"\b(?:institut\w*|istitut\w*|academy|académie|akademie|council|agency|foundation|"
            r"ministry|national|cent(?:er|re)|college|school|laborator\w*|museum|"
            r"organi[sz]ation|society|therapeutics|pharma\w*|biotech\w*|[ée]cole|escuela|scuola|"
            r"facult\w*)\b",
            re.IGNORECASE,
        ),
        3,
    ),
)
_US_STATES = {
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "DC",
}


_GEORGIAN_CITIES = re.compile(r"\b(?:Tbilisi|Batumi|Kutaisi|Rustavi)\b")
_CANADIAN_PROVINCES = {"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"}
_US_STATE_NAMES = frozenset(
    [
        "alabama",
        "alaska",
        "arizona",
        "arkansas",
        "california",
        "colorado",
        "connecticut",
        "delaware",
        "florida",
        "georgia",
        "hawaii",
        "idaho",
        "illinois",
        "indiana",
        "iowa",
        "kansas",
        "kentucky",
        "louisiana",
        "maine",
        "maryland",
        "massachusetts",
        "michigan",
        "minnesota",
        "mississippi",
        "missouri",
        "montana",
        "nebraska",
        "nevada",
        "ohio",
        "oklahoma",
        "oregon",
        "pennsylvania",
        "tennessee",
        "texas",
        "utah",
        "vermont",
        "virginia",
        "wisconsin",
        "wyoming",
    ]
) | {
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "rhode island",
    "south carolina",
    "south dakota",
    "west virginia",
    "district of columbia",
}
# AP-style abbreviations older affiliations use: "Boston, Mass."
_US_STATE_ABBREVIATIONS = frozenset(
    [
        "ala",
        "ariz",
        "ark",
        "calif",
        "colo",
        "conn",
        "del",
        "fla",
        "ga",
        "ill",
        "ind",
        "kan",
        "kans",
        "ky",
        "la",
        "md",
        "mass",
        "mich",
        "minn",
        "miss",
        "mo",
        "mont",
        "neb",
        "nev",
        "nh",
        "nj",
        "nm",
        "ny",
        "nc",
        "nd",
        "okla",
        "ore",
        "pa",
        "penn",
        "ri",
        "sc",
        "sd",
        "tenn",
        "tex",
        "vt",
        "va",
        "wash",
        "wva",
        "wis",
        "wyo",
    ]
)
_CANADIAN_PROVINCE_NAMES = frozenset(
    {
        "alberta",
        "british columbia",
        "manitoba",
        "new brunswick",
        "newfoundland and labrador",
        "nova scotia",
        "ontario",
        "prince edward island",
        "quebec",
        "québec",
        "saskatchewan",
    }
)


# Not "Victoria" (a Canadian city too) or "WA" (Washington).
_AUSTRALIAN_STATE_NAMES = frozenset(
    {
        "new south wales",
        "queensland",
        "tasmania",
        "south australia",
        "western australia",
        "northern territory",
        "australian capital territory",
    }
)


@dataclass(frozen=True, slots=True)
class ParsedAffiliation:
    """One organisation named by an affiliation string, with what is known of its place."""

    text: str
    institution: str | None = None
    department: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    country_code: str | None = None
    email: str | None = None
    units: tuple[str, ...] = ()  # the organisational parts, smallest first (no place, street)


def clean_affiliation(text: str) -> tuple[str, str | None]:
    """Remove e-mail addresses and trailing author-initial markers like ``(B.Z.)``."""
    email_match = _EMAIL.search(text) if "@" in text else None
    email = None
    if email_match:
        email = email_match.group(0).strip().removeprefix("Electronic address:").strip(" .")
    cleaned = _EMAIL.sub("", text).strip() if email_match else text.strip()
    cleaned = _URL.sub("", cleaned) if "://" in cleaned or "www." in cleaned else cleaned
    cleaned = _ORCID.sub("", cleaned) if "ORCID" in cleaned.upper() else cleaned
    cleaned = cleaned.rstrip(" .")
    if cleaned.endswith(")"):
        cleaned = _INITIAL_MARKERS.sub("", cleaned)
    return cleaned.strip(" ;,.\t"), email or None


@lru_cache(maxsize=200_000)
def parse_affiliation(text: str) -> tuple[ParsedAffiliation, ...]:
    """Split ``text`` into organisations and parse each; cached because strings repeat a lot."""
    cleaned, email = clean_affiliation(text)
    segments = [_tidy(segment) for segment in re.split(r";\s+|\s*;\s*$", cleaned)]
    segments = [segment for segment in segments if segment]
    parsed = [_parse_segment(segment, email) for segment in segments]
    # A segment without a country often shares the next segment's ("X, Y; Z, City, Country").
    for index in range(len(parsed) - 2, -1, -1):
        current, following = parsed[index], parsed[index + 1]
        if current.country_code is None and following.country_code is not None:
            parsed[index] = replace(
                current,
                city=current.city or following.city,
                country=following.country,
                country_code=following.country_code,
            )
    return tuple(parsed)


def _tidy(segment: str) -> str:
    """Drop what journals wrap around a segment: ``From the ...``, a dangling ``and``,
    the authors' initials ``(L.D.W., P.K.)`` or names ``(Drs Webb and Nyirenda)``, a footnote
    number run into the first word (``2The National Institute of ...``)."""
    segment = _FOOTNOTE.sub("", segment.strip(" ,."))
    segment = _LEADING_FROM.sub("", segment)
    segment = _TRAILING_AND.sub("", segment)
    if segment.endswith(")"):
        segment = _INITIAL_MARKERS.sub("", segment)
    return segment.strip(" ,.")


def _parse_segment(segment: str, email: str | None) -> ParsedAffiliation:
    pieces = segment.replace("•", ",").split(",")
    pieces = [piece for part in pieces for piece in _split_at_full_stops(part)]
    parts = _rejoin_lists([part.strip() for part in pieces if part.strip()])
    parts = _without_memberships(parts)
    country = code = postal = region = city = None
    if parts:
        country, code, postal, region = _take_country(parts)
    if code is not None or postal is not None:
        city, region, place_postal = _take_place(parts, region)
        postal = postal or place_postal
    if city:
        city = _CEDEX.sub("", city) or city  # "Saint-Étienne cedex 02": France's mail routing
    department = next((part for part in parts if _DEPARTMENT.match(part)), None)
    institution = _pick_institution(parts)
    if institution is not None and institution == department and _rank(institution) < 3:
        institution = None
    return ParsedAffiliation(
        text=segment,
        institution=institution,
        department=department,
        city=city,
        region=region,
        postal_code=postal,
        country=country,
        country_code=code,
        email=email,
        units=tuple(part for part in parts if not _is_street(part)),
    )


_FULL_STOP = re.compile(r"(?<=[a-zà-ÿ]{4})\.\s+(?=[A-ZÀ-Ý])")


_MEMBERSHIP = re.compile(r"^(?:a\s+)?(?:corporate\s+)?member\s+of\b", re.IGNORECASE)


def _without_memberships(parts: list[str]) -> list[str]:
    """``Charité - Universitätsmedizin Berlin, Corporate Member of Freie Universität Berlin,
    Humboldt-Universität zu Berlin, and Berlin Institute of Health, Berlin``: the members
    describe the Charité's legal form, not further places of work; the place stays."""
    for index, part in enumerate(parts):
        if _MEMBERSHIP.match(part):
            rest = parts[index + 1 :]
            places = [p for p in rest if _rank(p) == 0 and not _LIST_TAIL.match(p)]
            return parts[:index] + places
    return parts


def _split_at_full_stops(part: str) -> list[str]:
    """``Unidad de Posgrados. Universidad Nacional Autónoma de México``: a full stop between
    two names, where a comma belongs; not after an abbreviation (``St. Louis``, ``Dept.``),
    and only when what follows is an organisation."""
    if ". " not in part:
        return [part]
    stops = list(_FULL_STOP.finditer(part))
    pieces: list[str] = []
    start = 0
    for index, stop in enumerate(stops):
        end = stops[index + 1].start() if index + 1 < len(stops) else len(part)
        before, after = part[start : stop.start()], part[stop.end() : end]
        if len(before.split()) >= 2 and _rank(after) >= 3:
            pieces.append(before)
            start = stop.end()
    pieces.append(part[start:])
    return pieces


_LIST_HEAD = re.compile(r"\b(?:for|of)\s+[A-Z][\w-]*$")
_LIST_TAIL = re.compile(r"^(?:and\s|[A-Z][\w-]*\s+and\s)")


def _rejoin_lists(parts: list[str]) -> list[str]:
    """Undo splitting inside names that hold a list (``Agency for Science, Technology and
    Research``): a part ending ``for/of Word`` followed by ``Word and ...`` is one name."""
    joined: list[str] = []
    for part in parts:
        if (
            joined
            and _LIST_HEAD.search(joined[-1])
            and _LIST_TAIL.match(part)
            and not _rank(part)  # "..., Brigham and Women's Hospital" is a name of its own
        ):
            joined[-1] = f"{joined[-1]}, {part}"
        elif joined and _LEGAL_FORM_PART.fullmatch(part):
            joined[-1] = f"{joined[-1]}, {part}"  # "Merck & Co., Inc.": one company
        else:
            joined.append(part)
    return joined


_LEGAL_FORM_PART = re.compile(
    r"(?:inc|ltd|llc|plc|gmbh|ag|s\.?a|s\.?l|b\.?v|n\.?v|co|corp|k\.?k|pte\.?\s?ltd|"
    r"co\.?,?\s?ltd)\.?",
    re.IGNORECASE,
)


def _take_country(parts: list[str]) -> tuple[str | None, str | None, str | None, str | None]:
    """Pop the country (and a postal code or state beside it) from the end of ``parts``.

    Besides ``..., Country`` this reads a country run into the last part without a comma
    (``RMIT University Melbourne Victoria 3001 Australia``), a US state or Canadian
    province standing for its country (``Nashville, Tennessee``; ``Toronto, ON``).
    """
    _drop_trailing_noise(parts)
    if not parts:
        return None, None, None, None
    last = parts[-1]
    if len(parts) > 1 and _POSTAL.fullmatch(last.strip(" .")):
        # "Guangzhou, China, 510060": the postal code after the country.
        found = _take_country(parts[:-1])
        if found[1] is not None:
            postal_code = last.strip(" .")
            del parts[-2:]
            return found[0], found[1], postal_code, found[3]
    postal = None
    name_only = _POSTAL.sub("", last).strip(" .-")
    if name_only != last.strip():
        match = _POSTAL.search(last)
        postal = match.group(0) if match else None
    code = country_code(name_only)
    if code == "CN" and len(parts) > 1:
        # "Hong Kong, 999077, China", "Hong Kong SAR, China": ISO (and ROR) give Hong Kong,
        # Macao and Taiwan their own codes.
        before = _POSTAL.sub("", parts[-2]).strip(" .-")
        before = re.sub(r"\s+(?:SAR|S\.A\.R\.)$", "", before, flags=re.IGNORECASE)
        if country_code(before) in {"HK", "MO", "TW"} and not _POSTAL.fullmatch(before):
            parts.pop()
            return _take_country(parts)
        if _POSTAL.fullmatch(parts[-2].strip(" .")) and len(parts) > 2:
            special = country_code(parts[-3].strip(" ."))
            if special in {"HK", "MO", "TW"}:
                postal = parts[-2].strip(" .")
                del parts[-2:]
                found = _take_country(parts)
                return found[0], found[1], postal, found[3]
    if code == "GE" and len(parts) > 1 and not _GEORGIAN_CITIES.search(" ".join(parts)):
        parts.pop()  # "Atlanta, Georgia" is the US state
        return "United States", "US", postal, "Georgia"
    if code is not None:
        parts.pop()
        return name_only, code, postal, None
    state = state_country(name_only)
    if state is not None and (len(name_only.split()) <= 3 or postal):
        parts.pop()
        return state[1], state[0], postal, name_only
    run_in = _trailing_country(last)
    if run_in is not None:
        rest, country, code = run_in
        parts[-1] = rest
        return country, code, None, None
    return None, None, None, None


_COUNTRY_QUALIFIERS = re.compile(
    r"^(?:r\.?\s?o\.?\s?c\.?|roc|sar|p\.?\s?r\.?\s?c\.?|republic|rep\.?)$", re.IGNORECASE
)
_TRAILING_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")


def _drop_trailing_noise(parts: list[str]) -> None:
    """Remove what follows a country: ``Taiwan, R.O.C.``, ``Hong Kong, SAR``, ``Portugal
    (R. Teles)``, ``Kazakhstan Republic`` (the country is read without it)."""
    while len(parts) > 1 and _COUNTRY_QUALIFIERS.match(parts[-1].strip(" ")):
        parts.pop()
    if parts and parts[-1].endswith(")"):
        stripped = _TRAILING_BRACKETS.sub("", parts[-1])
        inside = parts[-1][len(stripped) :].strip(" ()")
        if stripped and country_code(stripped.strip(" .")) is not None:
            parts[-1] = stripped
        elif stripped and country_code(inside) is not None:
            # "Lebanon, New Hampshire 03756 (United States)": the country in brackets.
            parts[-1] = stripped
            parts.append(inside)
    words = parts[-1].split() if parts else []
    if len(words) > 1 and _COUNTRY_QUALIFIERS.match(words[-1]):
        candidate = " ".join(words[:-1])
        if country_code(candidate) is not None:
            parts[-1] = candidate


def state_country(text: str) -> tuple[str, str] | None:
    """(code, country name) when ``text`` is a US state, Canadian province or Australian
    state, by name or code."""
    words = text.split()
    if not words:
        return None
    head = words[0].upper().strip(".")
    if len(words) == 1 and head in _US_STATES:
        return "US", "United States"
    if len(words) == 1 and head in _CANADIAN_PROVINCES:
        return "CA", "Canada"
    folded = " ".join(words).lower().strip(" .")
    if folded in _US_STATE_NAMES or folded.replace(".", "") in _US_STATE_ABBREVIATIONS:
        return "US", "United States"
    if folded in _CANADIAN_PROVINCE_NAMES:
        return "CA", "Canada"
    if folded in _AUSTRALIAN_STATE_NAMES or (len(words) == 1 and head in {"NSW", "QLD"}):
        return "AU", "Australia"
    return None


def _trailing_country(part: str) -> tuple[str, str, str] | None:
    """Split ``Würzburg Germany`` into the rest and the country, trying 4 to 1 end words."""
    words = part.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        tail = " ".join(words[-size:]).strip(" .")
        code = country_code(tail)
        if code is not None and tail[:1].isupper():
            return " ".join(words[:-size]).strip(" ,"), tail, code
    return None


def _take_place(parts: list[str], region: str | None) -> tuple[str | None, str | None, str | None]:
    """Pop ``City[, Region] [postal]`` from the end of ``parts``; return city, region, postal.

    A part carrying a postal code ends the place: in ``Street, Building, Singapore 138673``
    the city is the postal part, not the building before it.  ``Toronto, ON M5B 1T8`` and
    US ``Baltimore, MD 21205`` put a region code before the postal code.
    """
    postal: str | None = None
    if not parts:
        return None, region, postal
    last = parts[-1]
    match = _POSTAL.search(last)
    name = _strip_postal(last)
    if match and ((name.isupper() and len(name) <= 3) or not name):
        parts.pop()
        postal = match.group(0)
        region = region or name or None
        if not region and parts and _REGION_CODE.fullmatch(parts[-1].strip()):
            region = parts.pop().strip()  # "Montreal, QC, H4A 3J1"
        city = parts.pop() if parts and _is_place(parts[-1]) else None
        return city, region, postal
    if match and (_is_place(last) or (match.start() == 0 and name and _is_place(name))):
        # "Baltimore, MD 21205"; "75013 Paris", "6525 GA Nijmegen": the code before the town.
        parts.pop()
        if state_country(name) is not None and parts and _is_place(parts[-1]):
            # "St. Louis, Missouri 63110": the state with its ZIP code, the town before it.
            return parts.pop(), region or name, match.group(0)
        return name, region, match.group(0)
    place: list[str] = []
    # "NCI, Bethesda, Maryland": with the region known, one place is the city.
    room = 1 if region else 2
    while parts and len(place) < room and _is_place(parts[-1]):
        place.insert(0, parts.pop())
    if not place:
        return None, region, postal
    if len(place) == 2 and _POSTAL.fullmatch(place[0].strip()):
        return place[1], region, place[0].strip()  # "Via Manzoni 56, 20089, Rozzano"
    if len(place) == 2:
        return place[0], region or place[1], postal
    return place[0], region, postal


_REGION_CODE = re.compile(r"[A-Z]{2,3}\.?")
_ACRONYM_ONLY = re.compile(r"[A-Z]{4,}")
_RESEARCH_UNIT = re.compile(r"\b[A-Z]{4,}\b.*\d|\d.*\b[A-Z]{4,}\b")  # "INSERM U1213"


def _is_place(part: str) -> bool:
    if _RESEARCH_UNIT.search(part) or _ACRONYM_ONLY.fullmatch(part.strip()):
        return False  # "INSERM U1213", "CNRS": organisations, not places
    words = _strip_postal(part).split()
    if not words or len(words) > 4:
        return _POSTAL.fullmatch(part.strip()) is not None
    return _rank(part) == 0 and not _DEPARTMENT.match(part) and not _is_street(part)


def _strip_postal(text: str) -> str:
    return _POSTAL.sub("", text).strip(" .-")


@lru_cache(maxsize=131_072)
def _is_street(part: str) -> bool:
    # "University of Colorado Anschutz Medical Campus" names an organisation, not an address.
    if _STREET.search(part) is None:
        return False
    return part.lower().startswith("campus") or not _UNIVERSITY_OR_HOSPITAL.search(part)


_UNIVERSITY_OR_HOSPITAL = re.compile(r"\b(?:universit\w*|hospital\w*)\b", re.IGNORECASE)


@lru_cache(maxsize=131_072)  # parts such as "China" or "Department of Medicine" recur a lot
def _rank(part: str) -> int:
    for pattern, rank in _ORGANISATION_RANKS:
        if pattern.search(part):
            return rank
    return 0


def _pick_institution(parts: list[str]) -> str | None:
    """The strongest organisation-like part.

    Universities, hospitals and companies contain their departments and centres, so among
    equals the later (larger) one wins; among institutes, agencies and academies the first
    named is the one the author works at (``Institute X, Agency Y``).
    """
    best: str | None = None
    best_rank = 0
    for part in parts:
        if _is_street(part):
            continue
        rank = _rank(part)
        if _DEPARTMENT.match(part) and rank <= 3:
            rank = 1
        if rank > best_rank or (rank == best_rank and rank >= 4):
            best, best_rank = part, rank
    return best
