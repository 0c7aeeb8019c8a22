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
from kg.extract.countries import country_name
from kg.graph.keys import slug
from kg.institutions.lookup import (
    Found,
    exact_or_span,
    is_status_designation,
    lookup,
    of_tail,
    without_run_in_address,
)
from kg.institutions.matcher import RorMatcher, default_matcher
from kg.institutions.names import name_key
from kg.institutions.places import with_ror_places
from kg.institutions.ror import RorOrganisation
from kg.institutions.units import (
    HOSPITAL,
    HOSPITAL_OR_UNIVERSITY,
    ORGANISATION,
    STRONG,
    is_generic,
    unit_kind,
)

__all__ = ["GroundedInstitution", "ground_affiliation", "institution_node_id"]


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
    # The organisation's ROR record when that record is inactive (merged, closed, renamed):
    # kept for provenance, but not the node's identity (see ``_institution``).
    inactive_ror: str | None = None


def institution_node_id(name: str, country_code: str | None) -> str:
    """``inst:<key>-<cc>`` for an organisation ROR does not hold: variants share the key.

    Beyond :func:`name_key`, plurals count as singular (``Galway University Hospitals``)."""
    words = [_singular(word) for word in name_key(_without_owner(name)).split()]
    key = slug(" ".join(words)) or slug(name)
    return f"inst:{key}-{country_code.lower()}" if country_code else f"inst:{key}"


_OWNER_TAIL = re.compile(r"\s(?:of|at)\s+(?:the\s+)?\S.*\b(?:universit\w*|college)\b.*$", re.I)


def _without_owner(name: str) -> str:
    """``Central China Fuwai Hospital of Zhengzhou University`` is keyed as ``Central China
    Fuwai Hospital``, so it meets the same hospital written without its university; a generic
    head (``First Affiliated Hospital of ...``) keeps the university that tells it apart."""
    match = _OWNER_TAIL.search(name)
    if match is None:
        return name
    head = name[: match.start()]
    if not HOSPITAL_OR_UNIVERSITY.search(head) or is_generic(head):
        return name
    return head


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics")):
        return word[:-1]
    return word


_PARENT_BODY = re.compile(
    r"\b(?:academy|academia|agency|council|cnrs|inserm|society|foundation|a\*star|"
    r"max planck|helmholtz|fraunhofer|national institutes? of health|nih|ministry|"
    r"consejo superior|csic|riken|csiro|consiglio nazionale delle ricerche|cnr)\b",
    re.IGNORECASE,
)
_INSTITUTE_HEAD = re.compile(r"^(?:the\s+)?(?:\w+\s+)?(?:research\s+)?institute\b", re.I)
_NIH = re.compile(r"\b(?:national institutes? of health|nih)\b", re.I)
_CENTRE_HEAD = re.compile(r"^(?:the\s+)?(?:\w+\s+)?cent(?:er|re)\s+for\b", re.I)
_INSTITUTE_WORD = re.compile(r"\binstitut", re.IGNORECASE)
_KEY_LABORATORY = re.compile(r"\bkey lab", re.IGNORECASE)
_SPONSOR = re.compile(r"^(?:the\s+)?(?:ministry|moe\b|national health commission)", re.I)
# A new department list: what follows belongs to another organisation, not to a parent.
_RESTART = re.compile(
    r"^(?:and\s+)?(?:the\s+)?(?:\w+\s+)?(?:department|division|section)s?\b", re.I
)


def _belongs_to_parent_body(unit: str, later: list[tuple[str, int, Found | None]]) -> bool:
    """``Institute of Y, Chinese Academy of Sciences``: an academy's or agency's institutes
    are organisations of their own; a university's institutes are its departments."""
    organisations = [(u, found) for u, kind, found in later if kind >= 2 or found is not None]
    if not organisations or not (
        _INSTITUTE_HEAD.match(unit) or _CENTRE_HEAD.match(unit) or unit_kind(unit) == 2
    ):
        return False
    following, found = organisations[0]
    if HOSPITAL_OR_UNIVERSITY.search(following):
        return False
    if found is not None and "healthcare" in found[0].organisation.types:
        return False  # "Center for Value Based Care, Cleveland Clinic Foundation": a clinic's
    if found is None and any(later_found is not None for _, later_found in organisations[1:]):
        # "Institute for Vaccine Safety, ..., Health, Behavior and Society, Johns Hopkins
        # Bloomberg School of Public Health": a body ROR does not know, before one it does, is
        # more likely a department's name cut at a comma than the institute's parent.
        return False
    # A government agency's centres and institutes ("U.S. National Poultry Research Center,
    # Agricultural Research Service") are its establishments, like an academy's.
    government = (
        found is not None
        and "government" in found[0].organisation.types
        and not _INSTITUTE_WORD.search(following)  # a federal institute's institutes are its own
    )
    if _CENTRE_HEAD.match(unit) and not (_INSTITUTE_HEAD.match(unit) or unit_kind(unit) == 2):
        # An academy's centre ("Center for Sustainable Resource Science, RIKEN") is its own; an
        # agency's ("Center for Cancer Research, NCI") is a department of it.
        return bool(_PARENT_BODY.search(following)) and not _NIH.search(following)
    return government or bool(_PARENT_BODY.search(following))


def _choose_primary(units: list[str], kinds: list[int], matches: list[Found | None]) -> int | None:
    """The index of the most specific organisation among the units (see module doc)."""
    for index, unit in enumerate(units):
        later = list(zip(units[index + 1 :], kinds[index + 1 :], matches[index + 1 :], strict=True))
        strong_later = any(k == 3 or m is not None for _, k, m in later)
        if unit.strip().upper() in _RESEARCH_BODIES and strong_later:
            continue  # "INSERM, UMR 1287, Institut Gustave Roussy": hosted there (and added
            # as a further organisation by _research_bodies)
        if matches[index] is not None:
            return index
        kind = kinds[index]
        if kind == 3 or (kind == 2 and not strong_later):
            return index
        if kind >= 1 and _belongs_to_parent_body(unit, later):
            return index
        if kind == 1 and index == len(units) - 1 and ORGANISATION.search(unit):
            return index  # "Centre for X, City": a free-standing centre
        if kind == 1 and not strong_later and of_tail(unit) is not None:
            return index  # "Laboratory Animal Research Center of Shanxi Medical University"
        if kind == 0 and _ACRONYM_UNIT.fullmatch(unit) and later and _is_agency(later[0]):
            return index  # "NICHD, National Institutes of Health": the agency's institute
    return None


_ACRONYM_UNIT = re.compile(r"[A-Z]{3,7}")
# A joint research unit by its number: "INSERM U1195", "Inserm Unit U981", "UMR 5245",
# "CNRS UMR8601", "U1016".
_JOINT_UNIT = re.compile(
    r"\b(?:(?:INSERM|Inserm|CNRS|INRAE?|IRD|CEA)\s+(?:Unit\s+|UMR[-\s]?S?\s*|U\s*)?\d{3,4}|"
    r"(?:Inserm|INSERM)\s+(?:Unit\s+)?U\s*\d{3,4}|"
    r"U\s?\d{3,4}|UMR[-\s]?S?\s*\d{3,4}|UM[SR]\s*\d{3,4}|UPR\s*\d{3,4})\b"
)


def _is_agency(item: tuple[str, int, Found | None]) -> bool:
    """A government body or research agency that runs institutes of its own."""
    unit, _, found = item
    if found is None:
        return False
    if HOSPITAL_OR_UNIVERSITY.search(unit):
        return False
    return "government" in found[0].organisation.types or bool(_PARENT_BODY.search(unit))


def _classify(
    units: list[str], parsed: ParsedAffiliation, matcher: RorMatcher
) -> tuple[list[int], list[Found | None]]:
    kinds = [unit_kind(unit) for unit in units]
    # A department ROR happens to hold must be named exactly; the looser look-ups are for
    # organisations.
    matches: list[Found | None] = [
        exact_or_span(matcher, unit, parsed) if kind == 1 else lookup(matcher, unit, parsed)
        for unit, kind in zip(units, kinds, strict=True)
    ]
    for index, unit in enumerate(units):
        later = list(zip(units[index + 1 :], kinds[index + 1 :], matches[index + 1 :], strict=True))
        if _JOINT_UNIT.search(unit):
            # "INSERM U1195", "UMR 5245": a joint laboratory, a department of its hosts (its
            # national body is added by _research_bodies).
            kinds[index], matches[index] = 1, None
        elif index and _SPONSOR.match(unit) and _KEY_LABORATORY.search(units[index - 1]):
            # "Key Laboratory of X, Ministry of Education": the ministry funds the laboratory.
            kinds[index], matches[index] = 1, None
        elif _part_of_later(
            unit, matches[index], _same_affiliation(index, units, matches), matcher
        ) and (kinds[index] != 3 or _MEDICAL_SCHOOL.search(unit)):
            # "Noguchi Memorial Institute, University of Ghana": ROR says the institute is
            # the university's, so here it is a department of it.
            kinds[index], matches[index] = 1, None
        elif _named_by_later_acronym(unit, matches[index], units[index + 1 :]):
            # "Jonsson Comprehensive Cancer Center, UCLA": ROR's "UCLA Jonsson ..." says so.
            kinds[index], matches[index] = 1, None
        elif (
            kinds[index] == 1
            and matches[index] is not None
            and any(k == 3 or m is not None for _, k, m in later)
            and not _belongs_to_parent_body(unit, later)
        ):
            matches[index] = None  # a laboratory ROR holds is still a department here
    if not any(found is not None or kind == 3 for found, kind in zip(matches, kinds, strict=True)):
        # A bare acronym ("AIIMS", "CNRS") only when nothing else names the organisation.
        for index, unit in enumerate(units):
            acronym = _bare_acronym(unit)
            if acronym is not None:
                found = matcher.match_acronym(acronym, parsed.country_code, parsed.city)
                matches[index] = (found, unit) if found is not None else None
    return kinds, matches


def _bare_name_after_departments(units: list[str], kinds: list[int]) -> int | None:
    """``Department of Clinical Chemistry, Rikshopitalet, Oslo``: a short proper name after
    the departments, with nothing else organisational, is where they are."""
    if len(units) < 2 or kinds[-1] != 0 or any(kind != 1 for kind in kinds[:-1]):
        return None
    words = units[-1].split()
    if len(words) > 3 or not all(word[:1].isupper() for word in words):
        return None
    if any(char.isdigit() for char in units[-1]):
        return None
    return len(units) - 1


def _part_of_later(
    unit: str, found: Found | None, later: list[Found | None], matcher: RorMatcher
) -> bool:
    """Whether the unit's organisation belongs to one named later in the segment: a centre
    of a university or hospital of its town, or one ROR places under it, or a laboratory of
    an institute, is a department there; a hospital stays itself, whoever runs it
    (``Rigshospitalet, Copenhagen University Hospital``), and so does an academy's or
    agency's institute."""
    if found is None or _HOSPITAL_ANYWHERE.search(unit):
        return False
    if _MEDICAL_SCHOOL.search(unit) and any(
        item is not None and _is_university(item[0].organisation) for item in later
    ):
        return True  # "Hull York Medical School, University of York": a school of it
    if (
        "healthcare" in found[0].organisation.types
        and not _INSTITUTE_WORD.search(unit)
        and not _CANCER_CENTRE.search(unit)
    ):
        # "Zhongshan Ophthalmic Center, Sun Yat-sen University": a hospital; but a cancer
        # centre named with its university ("Norris Comprehensive Cancer Center, University
        # of Southern California") is the university's programme.
        return False
    if _CENTRE_WORD.search(unit) and not _INSTITUTE_WORD.search(unit):
        # "Sidney Kimmel Comprehensive Cancer Center, Johns Hopkins University", "NIHR
        # Manchester Biomedical Research Centre, Manchester University NHS Foundation Trust":
        # a centre named before a university or hospital of its own town is that body's, even
        # where ROR records the centre without linking the two.
        own_town = found[0].organisation.city
        if (
            own_town
            and not _stands_alone(found[0].organisation, matcher)
            and any(
                item is not None
                and item[0].organisation.city == own_town
                and (
                    _is_university(item[0].organisation)
                    or "healthcare" in item[0].organisation.types
                )
                for item in later
            )
        ):
            return True
    above = _ancestors(found[0].organisation, matcher)
    laboratory = _LABORATORY_OR_CENTRE.search(unit) and not _INSTITUTE_WORD.search(unit)
    own = found[0].organisation
    own_names = list(own.names())
    for item in later:
        if item is None:
            continue
        if item[0].organisation.ror in above and (
            laboratory or _TEACHING_TYPES.intersection(item[0].organisation.types)
        ):
            return True
        if not _TEACHING_TYPES.intersection(item[0].organisation.types):
            continue
        # "Shanghai Medical College of Fudan University", "Case Western Reserve University
        # Comprehensive Cancer Center": ROR's own name says whose it is.
        later_keys = {name_key(name) for name in item[0].organisation.names()} | {
            acronym.lower() for acronym in item[0].organisation.acronyms if len(acronym) >= 3
        }
        if any(_names_as_owner(name, later) for name in own_names for later in later_keys):
            return True
    return False


def _named_by_later_acronym(unit: str, found: Found | None, later: list[str]) -> bool:
    """Whether a centre's ROR name holds, as a word, an acronym written alone after it."""
    if found is None or not _LABORATORY_OR_CENTRE.search(unit):
        return False
    acronyms = {acronym.lower() for item in later if (acronym := _bare_acronym(item))}
    return any(acronyms & set(name_key(name).split()) for name in found[0].organisation.names())


def _same_affiliation(
    index: int, units: list[str], matches: list[Found | None]
) -> list[Found | None]:
    """The matches after ``index`` up to a department list after a place, which starts
    another affiliation run on into this one (``UNC Lineberger Comprehensive Cancer Center, Chapel
    Hill, North Carolina. Department of Pharmacology, ...``)."""
    later: list[Found | None] = []
    after_place = False
    for unit, found in zip(units[index + 1 :], matches[index + 1 :], strict=True):
        if found is None and after_place and _RESTART.match(unit):
            break
        later.append(found)
        after_place = found is None and unit_kind(unit) == 0
    return later


def _names_as_owner(own: str, other: str) -> bool:
    """Whether the name ``own`` holds the name key ``other`` as its owner's name (``Case
    Western Reserve University Comprehensive Cancer Center``), not as a partner's
    (``Karmanos Cancer Institute at Wayne State University``)."""
    key = name_key(own)
    if key == other or f" {other} " not in f" {key} ":
        return False
    return _AT.search(own) is None


def _ancestors(organisation: RorOrganisation, matcher: RorMatcher) -> set[str]:
    """The ROR ids above an organisation, as far as the index holds them."""
    seen: set[str] = set()
    pending = [organisation]
    while pending:
        for above in matcher.parents_of(pending.pop()):
            if above.ror not in seen:
                seen.add(above.ror)
                pending.append(above)
    return seen


def _stands_alone(organisation: RorOrganisation, matcher: RorMatcher) -> bool:
    """A centre that is a body of its own beside the universities of its town: a funder
    with no parent (``Memorial Sloan Kettering Cancer Center``), a component of a system or
    a member of an association (``The University of Texas MD Anderson Cancer Center``,
    ``German Cancer Research Center``), a national or government body."""
    if "government" in organisation.types or _NATIONAL.search(organisation.name):
        return True
    parents = matcher.parents_of(organisation)
    if "funder" in organisation.types and not parents:
        return True
    return any(_FEDERATION.search(parent.name) for parent in parents)


_NATIONAL = re.compile(r"\bnationa[lu]x?\b", re.IGNORECASE)
_FEDERATION = re.compile(
    r"\b(?:system|association|society|gesellschaft|gemeinschaft|academy)\b", re.IGNORECASE
)


def _is_hospital(unit: str, found: Found) -> bool:
    """A healthcare record named without a hospital word (``Rigshospitalet``), not a centre
    or an institute (``UNC Lineberger Comprehensive Cancer Center``)."""
    return "healthcare" in found[0].organisation.types and not (
        _LABORATORY_OR_CENTRE.search(unit) or _INSTITUTE_WORD.search(unit)
    )


def _is_university(organisation: RorOrganisation) -> bool:
    return "education" in organisation.types and any(
        _UNIVERSITY_WORD.search(name) for name in organisation.names()
    )


# A school that teaches a subject, as its university's unit ("Lerner College of Medicine",
# "Hull York Medical School"); "University College London" or "King's College" is not one.
_MEDICAL_SCHOOL = re.compile(
    r"\b(?:school|college|faculty)\s+of\b|\b(?:medical|dental|law|business)[\s-]+(?:school|college)\b",
    re.IGNORECASE,
)
_CENTRE_WORD = re.compile(r"\b(?:cent(?:er|re|ro)|zentrum)\b", re.IGNORECASE)
_AT = re.compile(r"\sat\s", re.IGNORECASE)
_CANCER_CENTRE = re.compile(r"\bcancer\s+cent(?:er|re)\b", re.IGNORECASE)
_LABORATORY_OR_CENTRE = re.compile(r"\b(?:laborator\w*|cent(?:er|re))\b", re.IGNORECASE)
_HOSPITAL_ANYWHERE = re.compile(r"hospital|h[oô]pital|klinik|spital|sjukhus|ziekenhuis", re.I)


# A unit of a university or hospital is its department; an institute of an agency (NIAID of
# NIH) or an academy is an organisation of its own.
_TEACHING_TYPES = frozenset({"education", "healthcare"})


_UNIT_CODE = re.compile(r"^(?:UMRS?|UPR|UR|ERL|EA|U|CNRS|INSERM)\s?-?\d+$")


def _bare_acronym(unit: str) -> str | None:
    """``CNRS``, ``INSERM U1213``: an acronym alone, or with a research unit's number."""
    words = unit.split()
    if not words or not words[0].isupper() or not words[0].isalpha():
        return None
    if is_status_designation(words[0]):
        return None  # "Centro Cardiologico Monzino, IRCCS": the hospital's status
    if len(words) == 1 or _UNIT_CODE.match(" ".join(words[1:])):
        return words[0]
    return None


def _joined_names(units: list[str], parsed: ParsedAffiliation, matcher: RorMatcher) -> list[str]:
    """Put back a name the commas cut: ``Indian Institute of Technology, Madras`` and
    ``National Heart, Lung, and Blood Institute`` are one organisation each when ROR knows the
    joined name (and the parts after the first are short)."""
    joined: list[str] = []
    index = 0
    while index < len(units):
        merged = units[index]
        taken = 1
        for size in range(_MAX_JOINED, 1, -1):
            pieces = units[index : index + size]
            if len(pieces) < size:
                continue
            together = " ".join(pieces)
            if size == 2 and _is_display_name(together, parsed, matcher):
                # "Birkbeck, University of London": ROR's own name has the comma
                merged, taken = together, size
                break
            if any(
                len(name_key(piece).split()) > 4
                or unit_kind(piece) == 3
                or _SUBUNIT_START.match(piece) is not None
                or matcher.match(piece, parsed.country_code, parsed.city) is not None
                for piece in pieces[1:]
            ):
                # "..., Kyushu University" names an organisation of its own; "Yonsei
                # University, College of Dentistry" is a college of the university
                continue
            if matcher.match(together, parsed.country_code, parsed.city) is not None:
                merged, taken = together, size
                break
        joined.append(merged)
        index += taken
    return joined


def _is_display_name(name: str, parsed: ParsedAffiliation, matcher: RorMatcher) -> bool:
    """A university's own name with a comma (``Birkbeck, University of London``); not an
    institute's (``Medical Institute of Bioregulation, Kyushu University``: a department)."""
    found = matcher.match(name, parsed.country_code, parsed.city)
    return (
        found is not None
        and found.matched_by == "name"
        and "," in found.organisation.name
        and "education" in found.organisation.types
        and not _SUB_ORGANISATION.search(name)
    )


_MAX_JOINED = 4
_SUBUNIT_START = re.compile(r"(?:the\s+)?(?:school|college|faculty|department|graduate)\b", re.I)


def _ground_units(
    units: list[str], parsed: ParsedAffiliation, matcher: RorMatcher
) -> list[GroundedInstitution]:
    units = _joined_names(units, parsed, matcher)
    kinds, matches = _classify(units, parsed, matcher)
    primary = _choose_primary(units, kinds, matches)
    if primary is None:
        primary = _bare_name_after_departments(units, kinds)
    if primary is None:
        return []
    parent_index: int | None = None
    current = matches[primary]
    if current is not None:
        # ROR knows the hierarchy: "Hospices Civils de Lyon, Hôpital Femme Mère Enfant",
        # "Copenhagen University Hospital, Rigshospitalet".
        for later in range(primary + 1, len(units)):
            found = matches[later]
            if (
                found is not None
                and current[0].organisation.ror in found[0].organisation.parents
                and (HOSPITAL.search(units[later]) or _is_hospital(units[later], found))
            ):
                parent_index, primary = primary, later
                break
    unit = units[primary]
    match = matches[primary]
    department_parts = [part for index, part in enumerate(units[:primary]) if index != parent_index]
    # "Keenan Research Centre of St. Michael's Hospital": the organisation is the tail.
    tail = of_tail(unit) if match is None else None
    if tail is not None and not STRONG.search(unit[: -len(tail)]):
        department_parts.append(_TRAILING_JOINT.sub("", unit[: -len(tail)]))
        unit = tail
        match = lookup(matcher, tail, parsed)
    # Further organisations: each with the departments listed before it and, when another
    # organisation follows it directly, that one as its parent ("..., Centre Hospitalier
    # Universitaire de Dijon, Dijon University").
    groups: list[_Group] = []
    pending: list[str] = []
    restart = False
    for index in range(primary + 1, len(units)):
        kind, found = kinds[index], matches[index]
        if found is None and kind == 1 and _RESTART.match(units[index]):
            restart = True
        if found is None and kind < 2:
            pending.append(units[index])
            continue
        if found is not None and _is_ancestor(found, parent_index, matches, matcher):
            continue  # "..., ARS, USDA": the parent's own parent, not another employer
        if (
            found is not None
            and match is not None
            and found[0].organisation == match[0].organisation
        ):
            continue  # "Inselspital, University Hospital, University of Bern": named twice
        if (
            not restart
            and not groups
            and parent_index is None
            and not _hospital_after_university(unit, match, units[index], found)
        ):
            parent_index = index
        elif (
            not restart
            and groups
            and groups[-1].parent is None
            and _can_be_a_parent(units[index], found)
        ):
            groups[-1].parent = index
        elif not restart and not groups and _is_part_of_next(units[parent_index or 0], matches):
            # "Union Hospital, Tongji Medical College, Huazhong University of ...": the
            # college is the university's, so the university is the hospital's parent too.
            if parent_index is not None and matches[parent_index] is None and found is not None:
                parent_index = index
        elif found is not None or kind == 3:
            groups.append(_Group(index, pending if restart else []))
        pending, restart = [], False
    grounded = [
        _institution(
            unit,
            match,
            parsed,
            ", ".join(department_parts) or None,
            _parent_of(parent_index, units, matches),
            matcher,
        )
    ]
    for group in groups:
        grounded.append(
            _institution(
                units[group.index],
                matches[group.index],
                parsed,
                ", ".join(group.departments) or None,
                _parent_of(group.parent, units, matches),
                matcher,
            )
        )
    return [item for item in grounded if item is not None]


_SUB_ORGANISATION = re.compile(
    r"\b(?:college|school|faculty|institute|institut|cent(?:er|re)|laborator\w*)\b", re.I
)


def _hospital_after_university(
    unit: str, match: Found | None, later: str, found: Found | None
) -> bool:
    """``Normandie Univ, ..., CHU Rouen``: a hospital named after a university is where the
    author also works, never the university's parent."""
    university = (
        "education" in match[0].organisation.types if match is not None else False
    ) or bool(_UNIVERSITY_WORD.search(unit))
    hospital = (
        "healthcare" in found[0].organisation.types
        and "education" not in found[0].organisation.types
        if found is not None
        else bool(HOSPITAL.search(later))
    )
    return university and hospital and not HOSPITAL.search(unit)


def _can_be_a_parent(unit: str, found: Found | None) -> bool:
    """A further organisation's parent is a university (``..., CHU de Dijon, Dijon
    University``); an institute after a hospital is another employer (``Harper Hospital, and
    Karmanos Cancer Institute``)."""
    if found is not None and "education" in found[0].organisation.types:
        return True
    return bool(_UNIVERSITY_WORD.search(unit))


_UNIVERSITY_WORD = re.compile(r"\buniversi[td]", re.IGNORECASE)


def _is_ancestor(
    found: Found, parent_index: int | None, matches: list[Found | None], matcher: RorMatcher
) -> bool:
    """Whether ROR places ``found`` above the organisation named as the parent."""
    parent = matches[parent_index] if parent_index is not None else None
    if parent is None:
        return False
    return found[0].organisation.ror in _ancestors(parent[0].organisation, matcher)


def _is_part_of_next(parent: str, matches: list[Found | None]) -> bool:
    """Whether the parent unit names a college, school or institute, which belongs to the
    organisation named after it (rather than working beside it)."""
    return _SUB_ORGANISATION.search(parent) is not None and not STRONG.search(parent)


@dataclass(slots=True)
class _Group:
    """A further organisation of a segment: its unit, departments and parent unit."""

    index: int
    departments: list[str]
    parent: int | None = None


def _parent_of(
    index: int | None, units: list[str], matches: list[Found | None]
) -> Found | str | None:
    if index is None:
        return None
    return matches[index] or units[index]


def _combinations(unit: str, parent: str, city: str | None) -> list[str]:
    """Names ROR gives a unit of a parent: ``X of Parent``, ``Parent X`` (``McGill
    University`` + ``University Health Centre`` -> ``McGill University Health Centre``),
    ``City X`` (``Wuhan Union Hospital``)."""
    names = [f"{unit} of {parent}", f"{parent} {unit}"]
    last = parent.split()[-1] if parent.split() else ""
    if last and unit.lower().startswith(last.lower() + " "):
        names.append(f"{parent} {unit[len(last) + 1 :]}")
    if city:
        names.append(f"{city} {unit}")
    return names


def _institution(
    unit: str,
    match: Found | None,
    parsed: ParsedAffiliation,
    department: str | None,
    parent: Found | str | None,
    matcher: RorMatcher,
) -> GroundedInstitution | None:
    parent_name = parent if isinstance(parent, str) else parent[1] if parent else None
    if (
        match is None
        and parent_name is not None
        and parsed.country_code
        and not _SCHOOL_OR_COLLEGE.search(unit)
    ):
        # ROR often names a teaching hospital with its university: try the two together.
        for combined in _combinations(unit, parent_name, parsed.city):
            found = matcher.match(combined, parsed.country_code, parsed.city)
            if found is not None:
                match = (found, unit)
                break
    place = GroundedInstitution(
        id="",
        name="",
        department=department,
        city=parsed.city,
        region=parsed.region,
        postal_code=parsed.postal_code,
        country=parsed.country,
        country_code=parsed.country_code,
        email=parsed.email,
    )
    named_parent = (
        parent[0].organisation if parent is not None and not isinstance(parent, str) else None
    )
    if match is not None:
        found, written = match
        organisation = found.organisation
        ror_parents = matcher.parents_of(organisation)
        chosen = named_parent or (ror_parents[0] if ror_parents else None)
        if chosen is not None and chosen.ror == organisation.ror:
            chosen, parent_name = None, None
        if chosen is not None and chosen.status != "active":
            parent_name = chosen.name  # named, but not grounded to an inactive record
            chosen = None
        if organisation.status != "active":
            parent_ror = chosen.ror if chosen else None
            return _inactive(
                place, organisation, written, chosen.name if chosen else parent_name, parent_ror
            )
        if place.country_code is None and organisation.country_code:
            # "School of Medicine, University of Pittsburgh.": the record knows the country.
            place = replace(
                place,
                country_code=organisation.country_code,
                country=country_name(organisation.country_code),
            )
        return replace(
            place,
            id=f"ror:{organisation.ror}",
            name=organisation.name,
            written_name=written,
            ror=organisation.ror,
            matched_by=found.matched_by,
            parent=chosen.name if chosen else parent_name,
            parent_ror=chosen.ror if chosen else None,
            types=organisation.types,
        )
    name = without_run_in_address(_LEADING_THE.sub("", unit).strip())
    if is_generic(name):
        if parent_name is None:
            return None  # "University Hospital" alone says nothing about which one
        name = f"{name}, {_LEADING_THE.sub('', parent_name)}"
    return replace(
        place,
        id=institution_node_id(name, parsed.country_code),
        name=name,
        written_name=name,
        parent=named_parent.name if named_parent else parent_name,
        parent_ror=named_parent.ror if named_parent else None,
    )


def _inactive(
    place: GroundedInstitution,
    organisation: RorOrganisation,
    written: str,
    parent_name: str | None,
    parent_ror: str | None,
) -> GroundedInstitution:
    """An organisation whose ROR record is inactive gets a name node, not the ROR id.

    ROR keeps inactive records (``University of Adelaide``, merged into Adelaide University
    in 2026; ``Université Paris Diderot``) so old metadata still resolves, but its API
    searches active records unless asked otherwise, and the labelled samples leave them
    out: an inactive id would not meet the same organisation grounded elsewhere to its
    successor.  The record's name still merges the spelling variants
    (``Paris Diderot University``, ``Univ Paris Diderot``), and the id stays for provenance."""
    code = place.country_code or organisation.country_code
    return replace(
        place,
        id=institution_node_id(organisation.name, code),
        name=organisation.name,
        written_name=written,
        parent=parent_name,
        parent_ror=parent_ror,
        country_code=code,
        country=place.country or (country_name(code) if code else None),
        types=organisation.types,
        inactive_ror=organisation.ror,
    )


# A school or college named with its university is a department of it, even where ROR holds
# "Shanghai Medical College of Fudan University".
_SCHOOL_OR_COLLEGE = re.compile(r"\b(?:school|college|faculty)\b", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# "of"/"at" and their Romance forms left at the end of a unit cut before its organisation.
_TRAILING_JOINT = re.compile(r"\s+(?:of|at|d[aeiou]|dell[ao]?|del|de la|de l'|dell')?\s*$")
_ONE_COMMON_WORD = re.compile(r"[A-Z][a-z]+")  # one capitalised word, not an acronym
_COORDINATION = re.compile(r"\s+(?:&|and)\s+(?:the\s+)?|\s*/\s*", re.IGNORECASE)


def _ground_segment(parsed: ParsedAffiliation, matcher: RorMatcher) -> list[GroundedInstitution]:
    """The institutions of one segment.  A unit joining two things with ``and``/``&`` is
    read as two organisations (``Brigham and Women's Hospital and Harvard Medical School``)
    or as a department and its organisation (``Department of Psychiatry and Amsterdam
    Public Health Research Institute``); ``and`` inside one name leaves it whole."""
    parsed = with_ror_places(parsed, matcher)
    units = list(parsed.units)
    if parsed.city and len(parsed.city.split()) >= 2:
        # "..., KU Leuven, Belgium": a name without an organisation word, read as the city.
        found = matcher.match(parsed.city, parsed.country_code)
        if found is not None:
            units.append(parsed.city)
    if not units:
        return []
    for index, unit in enumerate(units):
        if _COORDINATION.search(unit) is None or _names_one(matcher, unit, parsed):
            continue
        split = _split_coordination(unit, parsed, matcher)
        if split is None:
            continue
        left, right, in_sequence = split
        before, after = units[:index], units[index + 1 :]
        if in_sequence:
            return _ground_units([*before, left, right, *after], parsed, matcher)
        return [
            item
            for piece in (left, right)
            for item in _ground_units([*before, piece, *after], parsed, matcher)
        ]
    return _ground_units(units, parsed, matcher)


def _names_one(matcher: RorMatcher, unit: str, parsed: ParsedAffiliation) -> bool:
    """Whether the whole unit is one organisation's name (``and`` inside the name)."""
    key = name_key(unit)
    code, city = parsed.country_code, parsed.city
    return bool(matcher.match_key(key, code, city) or matcher.match_variant(key, code, city))


def _split_coordination(
    unit: str, parsed: ParsedAffiliation, matcher: RorMatcher
) -> tuple[str, str, bool] | None:
    """(left, right, in sequence?) at the first ``and`` that separates two organisations or
    a department from an organisation; None when every ``and`` is inside a name."""
    for match in _COORDINATION.finditer(unit):
        left, right = unit[: match.start()].strip(" ,"), unit[match.end() :].strip(" ,")
        if not left or not right:
            continue
        if _ONE_COMMON_WORD.fullmatch(right):
            continue  # "Department of Surgery and Emergency": a subject, not the charity
        left_kind, right_kind = unit_kind(left), unit_kind(right)
        left_found = lookup(matcher, left, parsed) is not None
        right_found = lookup(matcher, right, parsed) is not None
        right_organisation = right_found or right_kind >= 2
        if left_kind == 1 and not left_found and right_organisation and right_kind != 1:
            return left, right, True
        left_strong = left_found or left_kind == 3
        right_strong = right_found or right_kind == 3
        if ((left_strong or right_strong) and min(left_kind, right_kind) >= 2) or (
            left_strong and right_strong
        ):
            return left, right, False
    return None


@lru_cache(maxsize=200_000)
def ground_affiliation(text: str) -> tuple[GroundedInstitution, ...]:
    """The institutions ``text`` names, in order, one per organisation (cached: strings
    repeat across the authors of a paper and across papers)."""
    matcher = default_matcher()
    found: dict[str, GroundedInstitution] = {}
    for parsed in parse_affiliation(text):
        for institution in _ground_segment(parsed, matcher):
            found.setdefault(institution.id, institution)
        for institution in _research_bodies(parsed, matcher):
            found.setdefault(institution.id, institution)
    return tuple(found.values())


# National research bodies that run laboratories jointly with universities and hospitals
# (France's "unités mixtes": "INSERM U1213", "BPH U1219 Inserm", "LAAS-CNRS"). Where an
# affiliation names one, the author also works for it, whatever else the segment names.
# A laboratory written with its body ("LAAS-CNRS", "IDAEA-CSIC") is the organisation instead,
# with the body as its parent.
_RESEARCH_BODIES = frozenset(["INSERM", "CNRS", "INRAE", "INRA", "INRIA", "IRD", "CEA"])
_TOKEN = re.compile(r"[A-Za-z]+")


def _laboratory_of(acronym: str, text: str) -> bool:
    """Whether the body is written after one of its laboratories (``LAAS-CNRS``), which is
    then the organisation; a unit's type code (``UMR-CNRS 6553``) is no laboratory."""
    return any(prefix not in _UNIT_TYPES for prefix in re.findall(rf"(\w+)-{acronym}\b", text))


_UNIT_TYPES = frozenset(["UMR", "UPR", "UMS", "USR", "FRE", "ERL", "UAR", "IRL", "U"])


def _research_bodies(parsed: ParsedAffiliation, matcher: RorMatcher) -> list[GroundedInstitution]:
    named = {
        token.upper()
        for unit in parsed.units
        for token in _TOKEN.findall(unit)
        if token.upper() in _RESEARCH_BODIES and (token.isupper() or token.istitle())
    }
    text = " ".join(parsed.units).upper()
    named = {acronym for acronym in named if not _laboratory_of(acronym, text)}
    bodies = []
    for acronym in sorted(named):
        # France's bodies work abroad too ("Campus International IRD-UCAD, Dakar, Senegal").
        found = matcher.match_acronym(acronym, parsed.country_code) or matcher.match_acronym(
            acronym, "FR"
        )
        if found is not None:
            organisation = found.organisation
            bodies.append(
                GroundedInstitution(
                    id=f"ror:{organisation.ror}",
                    name=organisation.name,
                    written_name=acronym,
                    ror=organisation.ror,
                    matched_by="acronym",
                    city=parsed.city,
                    region=parsed.region,
                    country=parsed.country,
                    country_code=parsed.country_code,
                    email=parsed.email,
                    types=organisation.types,
                )
            )
    return bodies
