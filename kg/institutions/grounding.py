"""From an affiliation string to the institutions it names, grounded to ROR where sure.

An affiliation lists units from the smallest to the largest: ``Division of Rheumatology,
Seoul St. Mary's Hospital, College of Medicine, The Catholic University of Korea, Seoul``.
The institution is the most specific *organisation* in that list (the hospital), not a
department inside it and not the university above it, which becomes its ``parent``; the
departments before it are kept as its department.  Each part is looked up in ROR
(:mod:`kg.institutions.matcher`); a hospital or institute that ROR does not hold keeps its own
name (normalised, so its spelling variants meet) rather than being folded into its parent.
When nothing in the string looks like an organisation, no institution is made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract.affiliations import ParsedAffiliation, parse_affiliation
from kg.graph.keys import slug
from kg.institutions.matcher import RorMatch, RorMatcher, default_matcher
from kg.institutions.names import bracketed_acronyms, name_key

__all__ = ["GroundedInstitution", "ground_affiliation", "institution_node_id"]

_DEPARTMENT = re.compile(
    r"^(?:the\s+)?(?:(?:\w+\s+)?department|dept\b\.?|division|section|unit\b|(?:key\s+)?"
    r"laborator(?:y|ies)|lab\b|program|programme|service|faculty|graduate school|"
    r"school\s+of|college\s+of|cent(?:er|re)\s+(?:for|of)|institute\s+(?:for|of)|group|team|"
    r"chair|clinic\s+(?:for|of)|core\b|platform|ward|research\s+(?:center|centre|unit)|"
    r"(?:state|national|provincial|municipal)\s+key)",
    re.IGNORECASE,
)
_STRONG = re.compile(
    r"\b(?:universit\w*|univ\b|hospital\w*|h[oô]pital\w*|klinik\w*|clinic\b|infirmary|"
    r"medical (?:center|centre)|health (?:system|network|services)|inc\b|ltd\b|llc\b|gmbh\b|"
    r"pte\b|plc\b|corporation|company|co\.,?\s*ltd|s\.?a\.?$|b\.?v\.?$|ag$)",
    re.IGNORECASE,
)
_ORGANISATION = re.compile(
    r"\b(?:institut\w*|istituto|academy|acad[eé]mie|akademie|council|agency|foundation|"
    r"ministry|cent(?:er|re)s?|college|school|museum|organi[sz]ation|society|therapeutics|"
    r"pharma\w*|biotech\w*|laborator\w*|consortium|authority|administration|observatory)\b",
    re.IGNORECASE,
)
_OF_TAIL = re.compile(r"\s(?:of|at)\s+((?:the\s+)?[A-Z][^,]*)$")
_HOSPITAL_OR_UNIVERSITY = re.compile(r"\b(?:hospital\w*|universit\w*)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class GroundedInstitution:
    """One institution an affiliation names, with its place and how it was identified."""

    id: str  # ``ror:<id>`` when grounded, else ``inst:<key>-<cc>``
    name: str
    written_name: str | None = None  # the organisation as the affiliation spells it
    ror: str | None = None  # bare ROR id (``01tgyzw49``), as the ``ror:`` CURIE has it
    matched_by: str | None = None  # which ROR name matched: name/label/alias/acronym
    department: str | None = None
    parent: str | None = None
    parent_ror: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    country_code: str | None = None
    email: str | None = None
    types: tuple[str, ...] = ()


def institution_node_id(name: str, country_code: str | None) -> str:
    """``inst:<key>-<cc>`` for an organisation ROR does not hold: variants share the key.

    Beyond :func:`name_key`, plurals count as singular (``Galway University Hospitals``)."""
    words = [_singular(word) for word in name_key(name).split()]
    key = slug(" ".join(words)) or slug(name)
    return f"inst:{key}-{country_code.lower()}" if country_code else f"inst:{key}"


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics")):
        return word[:-1]
    return word


def _kind(unit: str) -> int:
    """3 strong organisation (university, hospital, company), 2 other organisation word,
    1 department-like, 0 nothing organisational."""
    if _DEPARTMENT.match(unit):
        return 1
    if _STRONG.search(unit):
        return 3
    if _ORGANISATION.search(unit):
        return 2
    return 0


def _lookup(
    matcher: RorMatcher, unit: str, parsed: ParsedAffiliation
) -> tuple[RorMatch, str] | None:
    """The ROR organisation a unit names, with the name as written.

    After the whole unit: the unit without a trailing city, when ROR places the organisation
    in that city (``DZNE Berlin``); a head followed by a school or faculty (``Shanghai Jiao
    Tong University School of Pharmacy``) or by a run-in address (``RMIT University Melbourne
    Victoria 3001``); a bracketed acronym that agrees with the name.
    """
    code, city = parsed.country_code, parsed.city
    found = matcher.match(unit, code, city)
    if found is not None:
        return found, unit
    if city and unit.endswith(city) and unit != city:
        trimmed = unit[: -len(city)].strip(" ,-")
        found = matcher.match(trimmed, code, city)
        if found is not None and name_key(found.organisation.city or "") == name_key(city):
            return found, trimmed
    words = unit.split()
    for size in range(len(words) - 1, 1, -1):
        rest = words[size:]
        if _is_subunit(rest) or _is_run_in_address(rest):
            head = " ".join(words[:size]).strip(" ,")
            found = matcher.match(head, code, city)
            if found is not None:
                return found, head
    for acronym in bracketed_acronyms(unit):
        found = matcher.match_acronym(acronym, code)
        if found is not None and name_key(found.organisation.name) in name_key(unit):
            return found, unit
    return None


_SUBUNIT_HEADS = frozenset({"school", "college", "faculty", "graduate", "department", "medical"})


def _is_subunit(rest: list[str]) -> bool:
    """``School of Medicine``, ``College of ...``, ``Medical School``: a part of the head."""
    first = rest[0].lower()
    if first == "medical":
        return len(rest) == 2 and rest[1].lower() in {"school", "college", "faculty"}
    return first in _SUBUNIT_HEADS and len(rest) > 1


def _is_run_in_address(rest: list[str]) -> bool:
    """``Melbourne Victoria 3001``: a few words ending in a postal code, no organisation."""
    text = " ".join(rest)
    return (
        len(rest) <= 5
        and any(char.isdigit() for char in text)
        and not _STRONG.search(text)
        and not _ORGANISATION.search(text)
    )


def _without_run_in_address(name: str) -> str:
    """``RMIT University Melbourne Victoria 3001`` -> ``RMIT University``."""
    words = name.split()
    for size in range(2, len(words)):
        if _is_run_in_address(words[size:]) and _kind(" ".join(words[:size])) >= 2:
            return " ".join(words[:size])
    return name


def _of_tail(unit: str) -> str | None:
    match = _OF_TAIL.search(unit)
    if match is None or not _HOSPITAL_OR_UNIVERSITY.search(match.group(1)):
        return None
    return match.group(1)


_PARENT_BODY = re.compile(
    r"\b(?:academy|academia|agency|council|cnrs|inserm|society|foundation|a\*star|"
    r"max planck|helmholtz|fraunhofer|national institutes? of health|ministry)\b",
    re.IGNORECASE,
)
_INSTITUTE_HEAD = re.compile(r"^(?:the\s+)?(?:\w+\s+)?(?:research\s+)?institute\b", re.I)
_GENERIC_WORDS = frozenset(
    [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "affiliated",
        "hospital",
        "hospitals",
        "university",
        "medical",
        "medicine",
        "center",
        "college",
        "school",
        "faculty",
        "institute",
        "research",
        "general",
        "peoples",
        "people",
        "childrens",
        "children",
        "womens",
        "maternity",
        "central",
        "clinical",
        "teaching",
        "health",
        "science",
        "cancer",
        "heart",
        "eye",
        "dental",
        "stomatology",
        "tumor",
        "tumour",
        "oncology",
        "chest",
        "traditional",
        "chinese",
        "integrated",
        "western",
        "municipal",
        "provincial",
        "city",
        "county",
        "district",
        "regional",
        "national",
        "union",
        "memorial",
        "academy",
        "graduate",
        "department",
    ]
)


def _is_generic(name: str) -> bool:
    """``First Affiliated Hospital``: names thousands of hospitals until its parent is said."""
    words = name_key(name).split()
    return bool(words) and all(word in _GENERIC_WORDS for word in words)


def _choose_primary(
    units: list[str], kinds: list[int], matches: list[tuple[RorMatch, str] | None]
) -> int | None:
    """The index of the most specific organisation among the units (see module doc)."""
    for index, unit in enumerate(units):
        if matches[index] is not None:
            return index
        later = list(zip(units[index + 1 :], kinds[index + 1 :], matches[index + 1 :], strict=True))
        organisations_later = [(u, m) for u, k, m in later if k >= 2 or m is not None]
        strong_later = any(k == 3 or m is not None for _, k, m in later)
        kind = kinds[index]
        if kind == 3 or (kind == 2 and not strong_later):
            return index
        if kind == 1 and _INSTITUTE_HEAD.match(unit) and organisations_later:
            # "Institute of Y, Chinese Academy of Sciences": an academy's institutes are
            # organisations of their own; a university's institutes are its departments.
            next_unit = organisations_later[0][0]
            if _PARENT_BODY.search(next_unit) and not _HOSPITAL_OR_UNIVERSITY.search(next_unit):
                return index
        if kind == 1 and index == len(units) - 1 and _ORGANISATION.search(unit):
            return index  # "Centre for X, City": a free-standing centre
    return None


def _ground_units(
    units: list[str], parsed: ParsedAffiliation, matcher: RorMatcher
) -> GroundedInstitution | None:
    kinds = [_kind(unit) for unit in units]
    matches = [_lookup(matcher, unit, parsed) for unit in units]
    if not any(match is not None or kind == 3 for match, kind in zip(matches, kinds, strict=True)):
        # A bare acronym ("AIIMS", "CNRS") only when nothing else names the organisation.
        for index, unit in enumerate(units):
            if len(unit.split()) == 1 and unit.isupper():
                found = matcher.match_acronym(unit, parsed.country_code)
                matches[index] = (found, unit) if found is not None else None
    primary = _choose_primary(units, kinds, matches)
    if primary is None:
        return None
    unit = units[primary]
    match = matches[primary]
    department_parts = list(units[:primary])
    # "Keenan Research Centre of St. Michael's Hospital": the organisation is the tail.
    tail = _of_tail(unit) if match is None else None
    if tail is not None and not _STRONG.search(unit[: -len(tail)]):
        department_parts.append(unit[: -len(tail)].strip().removesuffix(" of").strip())
        unit = tail
        match = _lookup(matcher, tail, parsed)
    parent_match = next((m for m in matches[primary + 1 :] if m is not None), None)
    parent_name = parent_match[1] if parent_match else None
    if parent_match is None:
        parent_name = next(
            (u for u, k in zip(units[primary + 1 :], kinds[primary + 1 :], strict=True) if k == 3),
            None,
        )
    if match is None and parent_name is not None:
        # ROR often names a teaching hospital with its university: try the two together.
        for combined in (f"{unit} of {parent_name}", f"{parent_name} {unit}"):
            match = _lookup(matcher, combined, parsed) if parsed.country_code else None
            if match is not None:
                break
    place = GroundedInstitution(
        id="",
        name="",
        department=", ".join(department_parts) or None,
        city=parsed.city,
        region=parsed.region,
        postal_code=parsed.postal_code,
        country=parsed.country,
        country_code=parsed.country_code,
        email=parsed.email,
    )
    if match is not None:
        found, written = match
        organisation = found.organisation
        parents = matcher.parents_of(organisation)
        parent = parents[0] if parents else (parent_match[0].organisation if parent_match else None)
        if parent is not None and parent.ror == organisation.ror:
            parent, parent_name = None, None
        return replace(
            place,
            id=f"ror:{organisation.ror}",
            name=organisation.name,
            written_name=written,
            ror=organisation.ror,
            matched_by=found.matched_by,
            parent=parent.name if parent else parent_name,
            parent_ror=parent.ror if parent else None,
            types=organisation.types,
        )
    name = _without_run_in_address(_LEADING_THE.sub("", unit).strip())
    if _is_generic(name):
        if parent_name is None:
            return None  # "University Hospital" alone says nothing about which one
        name = f"{name}, {_LEADING_THE.sub('', parent_name)}"
    return replace(
        place,
        id=institution_node_id(name, parsed.country_code),
        name=name,
        written_name=name,
        parent=parent_match[0].organisation.name if parent_match else parent_name,
        parent_ror=parent_match[0].organisation.ror if parent_match else None,
    )


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_COORDINATION = re.compile(r"\s+(?:&|and)\s+(?:the\s+)?", re.IGNORECASE)


def _ground_segment(parsed: ParsedAffiliation, matcher: RorMatcher) -> list[GroundedInstitution]:
    """One institution per organisation of the segment; two when a unit joins two
    organisations (``Massachusetts General Hospital & Harvard Medical School``)."""
    units = list(parsed.units)
    if not units:
        return []
    for index, unit in enumerate(units):
        pieces = _COORDINATION.split(unit)
        if len(pieces) < 2 or matcher.match(unit, parsed.country_code, parsed.city):
            continue
        kinds = [_kind(piece) for piece in pieces]
        strong = [
            kind == 3 or matcher.match(piece, parsed.country_code, parsed.city) is not None
            for piece, kind in zip(pieces, kinds, strict=True)
        ]
        if any(strong) and all(kind >= 2 or ok for kind, ok in zip(kinds, strong, strict=True)):
            grounded = [
                _ground_units([*units[:index], piece, *units[index + 1 :]], parsed, matcher)
                for piece in pieces
            ]
            return [item for item in grounded if item is not None]
    grounded_one = _ground_units(units, parsed, matcher)
    return [] if grounded_one is None else [grounded_one]


@lru_cache(maxsize=200_000)
def ground_affiliation(text: str) -> tuple[GroundedInstitution, ...]:
    """The institutions ``text`` names, in order, one per organisation (cached: strings
    repeat across the authors of a paper and across papers)."""
    matcher = default_matcher()
    found: dict[str, GroundedInstitution] = {}
    for parsed in parse_affiliation(text):
        for institution in _ground_segment(parsed, matcher):
            found.setdefault(institution.id, institution)
    return tuple(found.values())
