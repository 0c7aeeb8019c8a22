"""Finding the ROR organisation one affiliation part names, spelling variants included.

The whole part first, then the looser readings a byline needs (a trailing city, a school of a
university, a run-in address, bracketed names and acronyms, spelling variants, a unit in its
city, the organisation inside a comma-less byline); each answer is remembered per part,
country and city, because parts recur across thousands of affiliation strings.
"""

from __future__ import annotations

import re

from kg.extract.affiliations import ParsedAffiliation
from kg.extract.countries import country_code
from kg.institutions.matcher import RorMatch, RorMatcher
from kg.institutions.names import bracketed_acronyms, name_key
from kg.institutions.units import (
    GENERIC_WORDS,
    HOSPITAL_OR_UNIVERSITY,
    ORDINALS,
    ORGANISATION,
    STRONG,
    unit_kind,
)

__all__ = [
    "Found",
    "exact_or_span",
    "is_status_designation",
    "lookup",
    "of_tail",
    "without_run_in_address",
]

# "of"/"at" and the same joints in the Romance languages ("Instituto Oceanográfico da
# Universidade de São Paulo", "Faculté de Médecine de l'Université de Lille").
_OF_TAIL = re.compile(
    r"\s(?:of|at|d[aeiou]|dell[ao]?|del|de la|de l'|dell')\s*(?=(?:the\s+|l')?[A-Z])"
)


Found = tuple[RorMatch, str]  # a ROR organisation and the name as the affiliation wrote it

# Italy's IRCCS ("Istituto di Ricovero e Cura a Carattere Scientifico") is a status the Ministry
# of Health grants to research hospitals, written before or after the hospital's own name
# ("IRCCS Regina Elena National Cancer Institute", "Oncology Institute Veneto IOV-IRCCS"). ROR
# holds a record under that name, but an affiliation naming the status names the hospital.
_DESIGNATION = re.compile(
    r"(?:^|(?<=[\s(\-–]))\(?(?:IRCCS|Istitut[oi] di Ricovero e Cura a Carattere Scientifico)"
    r"(?:\s*\(IRCCS\))?\)?(?=$|[\s),\-–])"
)


def is_status_designation(unit: str) -> bool:
    """Whether ``unit`` is only a status granted to an organisation (``IRCCS``), no name."""
    return _DESIGNATION.fullmatch(unit.strip()) is not None


def lookup(matcher: RorMatcher, unit: str, parsed: ParsedAffiliation) -> Found | None:
    """:func:`_find` remembered per unit, country and city; a system named in a campus town
    is that campus (:meth:`RorMatcher.local_campus`), a saint-named hospital ROR places
    in another town is not this one (:meth:`RorMatcher.namesake_elsewhere`), and a school
    ROR records under its university's name is that university."""
    memo_key = (unit, parsed.country_code, parsed.city)
    if memo_key in matcher.memo:
        return matcher.memo[memo_key]  # type: ignore[return-value]
    found = _find(matcher, unit, parsed)
    if _DESIGNATION.search(unit) and (
        found is None or _DESIGNATION.fullmatch(found[0].organisation.name)
    ):
        bare = " ".join(_DESIGNATION.sub(" ", unit).split()).strip(" ,-")
        found = _find(matcher, bare, parsed) if bare else None
    if found is not None and matcher.namesake_elsewhere(found[0], name_key(found[1]), parsed.city):
        found = None
    if found is not None:
        campus = matcher.local_campus(found[0], name_key(found[1]), parsed.city)
        found = (campus, found[1]) if campus is not None else found
        # after the campus: the school's own university, wherever the school is
        found = (_university_of_school(matcher, found[0]) or found[0], found[1])
    matcher.memo[memo_key] = found
    return found


def _find(matcher: RorMatcher, unit: str, parsed: ParsedAffiliation) -> Found | None:
    """The ROR organisation a unit names, with the name as written.

    After the whole unit: the unit without a trailing city, when ROR places the organisation
    in that city (``DZNE Berlin``); a head followed by a school or faculty (``Shanghai Jiao
    Tong University School of Pharmacy``, ``Harvard Medical School``) or by a run-in address
    (``RMIT University Melbourne Victoria 3001``); a bracketed acronym that agrees with the
    name; spelling variants (:meth:`RorMatcher.match_variant`); the unit with its city
    (``University of Technology, Sydney``); the longest run of words inside the unit that
    names an organisation (``Critical Care Vanderbilt University Medical Center``); and last
    the scored reading of :mod:`kg.institutions.fuzzy`.
    """
    code, city = parsed.country_code, parsed.city
    key = name_key(unit)
    found = matcher.match_key(key, code, city)
    if found is not None:
        if city and name_key(city) not in key:
            # "University of California, San Francisco", "University of Wisconsin, Madison":
            # the campus the city names, not the system.
            campus = matcher.match_key(f"{key} {name_key(city)}", code, city)
            if (
                campus is not None
                and campus.organisation.ror != found.organisation.ror
                # "University of Education", Lahore, is the one there, not the record in
                # Okara that has "University of Education, Lahore" as a former name
                and (
                    matcher.in_city(campus.organisation, city)
                    or not matcher.in_city(found.organisation, city)
                )
            ):
                return campus, unit
        return found, unit
    if city and unit.endswith(city) and unit != city:
        trimmed = unit[: -len(city)].strip(" ,-")
        found = matcher.match(trimmed, code, city)
        if found is not None and name_key(found.organisation.city or "") == name_key(city):
            return found, trimmed
    head_found = _head_lookup(matcher, unit, parsed)
    if head_found is not None:
        return head_found
    for acronym in bracketed_acronyms(unit):
        found = matcher.match_acronym(acronym, code)
        if found is not None and _shares_a_proper_word(key, found):
            return found, unit  # "University of Montreal Hospital Research Center (CRCHUM)"
    for inside in _BRACKETED.findall(unit):
        found = matcher.match(inside, code, city)
        if found is not None and len(inside.split()) >= 2:
            return found, inside  # "State Key Laboratory of X (Harbin Institute of Technology)"
    found = matcher.match_variant(key, code, city)
    if found is not None:
        return found, unit
    placed = _PLACE_SUFFIX.sub("", unit)
    if placed != unit:
        found = matcher.match(placed, code, city)
        where = unit[len(placed) :].split(maxsplit=1)[-1]
        if found is not None and name_key(found.organisation.city or "") == name_key(where):
            # "Medical University of Silesia in Katowice" (but "University of Texas at
            # Arlington" is not the University of Texas System, seated in Austin).
            return found, placed
    stripped = _GENERIC_PREFIX.sub("", unit)
    if stripped != unit and stripped:
        found = matcher.match(stripped, code, city)
        if found is not None and "healthcare" in found.organisation.types:
            return found, unit  # "University Hospital Rigshospitalet" = "Rigshospitalet"
    if key.startswith(("university hospital ", "regional university hospital ")):
        # "CHU Bicêtre", "centre hospitalier universitaire Bicêtre": ROR's "Bicêtre Hospital".
        rest = key.split("hospital ", 1)[1]
        # ... but "Hospital Magdeburg" is the town's hospital, not its university hospital
        forms = () if city and rest == name_key(city) else (f"{rest} hospital", f"hospital {rest}")
        for form in forms:
            found = matcher.match_key(form, code, city)
            if found is not None and "healthcare" in found.organisation.types:
                return found, unit
    if city and name_key(city) not in key:
        found = matcher.match_key(f"{key} {name_key(city)}", code, city)
        if found is not None:
            return found, unit
    words = key.split()
    if len(words) > 2:
        # "Anhui Medical University Hefei": a city run into the name.
        found = matcher.match_key(" ".join(words[:-1]), code, city)
        if found is not None and name_key(found.organisation.city or "") == words[-1]:
            return found, unit
    in_span = _span_lookup(matcher, unit, parsed)
    if in_span is not None or code is None:
        return in_span
    by_initials = _initials_lookup(matcher, unit, code)
    if by_initials is not None:
        return by_initials, unit
    if _LEGAL_FORM.search(unit):
        company = matcher.match_company(key, code)
        if company is not None:
            return company, unit
    laboratories = _COMPANY_LABORATORIES.fullmatch(unit)
    if laboratories is not None and len(name_key(laboratories.group(1)).split()) >= 2:
        # "Merck Sharp and Dohme Research Laboratories": the company's own laboratories (a
        # one-word head, "Merck Research Laboratories", may be another company of the name).
        company = matcher.match_company(name_key(laboratories.group(1)).split()[0], code)
        if company is not None:
            return company, unit
    if city and unit_kind(unit) == 0:
        bare = matcher.match_without_kind(key, code, city)
        if bare is not None:
            return bare, unit
    # Last, a scored reading (kg.institutions.fuzzy): a misspelt word, a school or campus run
    # into the name, a name cut short by a slash or bracket.
    scored = matcher.fuzzy.best(unit, code, city)
    return (RorMatch(scored.organisation, "fuzzy"), unit) if scored is not None else None


def _initials_lookup(matcher: RorMatcher, unit: str, code: str) -> RorMatch | None:
    """An organisation renamed since (``Fred Hutchinson Cancer Research Center``, now ``Fred
    Hutchinson Cancer Center``; ``Center for Disease Control``) often keeps the acronym of
    its old name: the part's initials are its acronym, and ROR's names hold every proper word
    of the part."""
    words = [word for word in re.findall(r"[A-Za-z][\w'.]*", unit) if word.lower() not in _JOINTS]
    if not 3 <= len(words) <= 8 or not all(word[:1].isupper() for word in words):
        return None
    if words[0].lower() in _SUBJECTS:
        return None  # "(Faculty of) Medicine Universitas Indonesia" is not MUI
    found = matcher.match_acronym("".join(word[0] for word in words), code)
    if found is None:
        return None
    theirs = {word for name in found.organisation.names() for word in name_key(name).split()}
    mine = set(name_key(unit).split())
    proper = {word for word in mine if word not in GENERIC_WORDS}
    # At most one common word may have gone in the renaming ("Research"); a sibling with the
    # same proper name and acronym ("Beth Israel Deaconess Hospital" for "... Medical
    # Center") differs by more.
    if not proper or not proper <= theirs or len(mine - theirs) > 1:
        return None
    return RorMatch(found.organisation, "initials")


# A company's legal form as written: "Moderna, Inc", "Merck & Co., Inc.", "Novartis AG".
_LEGAL_FORM = re.compile(
    r"(?:,\s*|\s)(?:Inc|Ltd|LLC|GmbH|AG|plc|Corp|Co|S\.A|N\.V|B\.V|K\.K|SE|S\.p\.A)\b\.?"
)


_COMPANY_LABORATORIES = re.compile(
    r"((?:(?!Research\b)[A-Z][\w'.-]*\s+(?:(?:and|&)\s+)?){1,4})"
    r"(?:Research\s+)?(?:Laboratories|Labs)"
)


_JOINTS = frozenset(["of", "for", "and", "the", "on", "in", "at", "&"])


def exact_or_span(matcher: RorMatcher, unit: str, parsed: ParsedAffiliation) -> Found | None:
    """A department-like part: its exact name, or an organisation run into it (``Department
    of Surgery Kitasato University School of Medicine Kanagawa``)."""
    found = matcher.match(unit, parsed.country_code, parsed.city)
    if found is not None:
        return _university_of_school(matcher, found) or found, unit
    return _span_lookup(matcher, unit, parsed)


def _shares_a_proper_word(key: str, found: RorMatch) -> bool:
    mine = {word for word in key.split() if word not in GENERIC_WORDS and len(word) > 3}
    theirs = {word for name in found.organisation.names() for word in name_key(name).split()}
    return bool(mine & theirs)


def _head_lookup(matcher: RorMatcher, unit: str, parsed: ParsedAffiliation) -> Found | None:
    code, city = parsed.country_code, parsed.city
    words = unit.split()
    for size in range(len(words) - 1, 0, -1):
        rest = words[size:]
        subunit = _is_subunit(rest)
        institute = size > 1 and rest[0].lower() in {"institute", "institut"} and len(rest) > 2
        # "Korea University Thyroid Center": the university's centre (a "Medical Center" or
        # a "Research Center" is an organisation of its own).
        centre = (
            size > 1
            and len(rest) > 1
            and rest[-1].lower().strip(",.") in _CENTRE_TAILS
            and rest[-2].lower() not in _OWN_CENTRE_KINDS
        )
        if not (subunit or institute or centre) and not (size > 1 and _is_run_in_address(rest)):
            continue
        head = " ".join(words[:size]).strip(" ,")
        found = matcher.match(head, code, city) if size > 1 else None
        if found is not None and centre and not (subunit or institute):
            found = found if "education" in found.organisation.types else None
        if found is not None and subunit and not _TEACHING.intersection(found.organisation.types):
            found = None  # "Robert Wood Johnson Medical School" is not the foundation
        if found is None and size > 1 and city and subunit:
            # "Washington University School of Medicine, St. Louis": ROR's name has the town.
            found = matcher.match(f"{head} {city}", code, city)
        if found is None and subunit and _names_a_school(rest) and not _is_the_town(head, city):
            # "Harvard Medical School", "Johns Hopkins Bloomberg School of Public Health",
            # "UCLA School of Dentistry": the university's school.  A school named after its
            # town ("London School of Hygiene and Tropical Medicine") is a body of its own.
            found = matcher.match(f"{head} University", code, city)
            if found is None and size == 1 and head.isupper() and rest[0].lower() != "college":
                found = matcher.match_acronym(head, code)  # "UCLA School of Dentistry"
        if found is not None:
            return found, head
    return None


def _university_of_school(matcher: RorMatcher, found: RorMatch) -> RorMatch | None:
    """The university whose school ROR records on its own under the university's name
    (``Indiana University School of Medicine``): a school is a department of its university.
    Not a school that is a campus of a system (``University of Massachusetts Chan Medical
    School``) or a health system's college (``Albert Einstein College of Medicine``)."""
    organisation = found.organisation
    if not _SCHOOL_IN_NAME.search(organisation.name):
        return None
    universities = [
        parent
        for parent in matcher.parents_of(organisation)
        if "education" in parent.types and not _SYSTEM_NAME.search(parent.name)
    ]
    if len(universities) != 1:
        return None
    key = name_key(organisation.name)
    for name in universities[0].names():
        head = name_key(name)
        if key.startswith(head + " ") and _SCHOOL_OF.match(key[len(head) + 1 :]):
            return RorMatch(universities[0], found.matched_by)
    return None  # "University College London Qatar", "... Taizhou College": a campus


_TEACHING = frozenset(["education", "healthcare"])
_CENTRE_TAILS = frozenset(["center", "centre", "laboratory", "laboratories", "program", "unit"])
_OWN_CENTRE_KINDS = frozenset(
    ["medical", "health", "cancer", "science", "sciences", "research", "hospital", "clinical"]
)
# A school of a subject ("college medicine", "school dentistry"); the key has no "of".
_SCHOOL_OF = re.compile(r"^(?:school|faculty|college)\s+\w")
_SCHOOL_IN_NAME = re.compile(r"\b(?:school|faculty|college)\b", re.IGNORECASE)
_SYSTEM_NAME = re.compile(r"\bsystem\b", re.IGNORECASE)


def _is_the_town(head: str, city: str | None) -> bool:
    return city is not None and name_key(head) == name_key(city)


def _span_lookup(matcher: RorMatcher, unit: str, parsed: ParsedAffiliation) -> Found | None:
    """The longest run of two or more words that is an organisation's whole name, when the
    run has an organisation word and a proper name (a country must be known)."""
    if parsed.country_code is None:
        return None
    words = name_key(unit).split()
    for size in range(len(words) - 1, 1, -1):
        for start in range(len(words) - size + 1):
            span = words[start : start + size]
            if not _SPAN_ORGANISATION_WORDS.intersection(span):
                continue
            if (
                start
                and span[0] in _SPAN_ORGANISATION_WORDS
                and (words[start - 1] not in GENERIC_WORDS or words[start - 1] in _KIND_OF)
                and not _starts_a_name(words[start - 1], span[0], parsed.text)
            ):
                # "RMIT University ...", "Medical University of Innsbruck": not "University
                # ..." cut out of a name
                continue
            if all(word in GENERIC_WORDS for word in span):
                continue
            if start and words[start - 1] in ORDINALS:
                continue  # "Second Xiangya Hospital ..." is not "Xiangya Hospital ..."
            before, after = words[:start], words[start + size :]
            if _SPAN_BLOCKING_WORDS.intersection(before) or (
                after
                and after[0] not in _SUBUNIT_WORDS
                and _SPAN_BLOCKING_WORDS.intersection(after)
            ):
                continue  # "First Affiliated Hospital of X University" is not X University
            found = matcher.match_key(" ".join(span), parsed.country_code, parsed.city)
            if found is None or (parsed.city and not _located_in(found, parsed.city)):
                continue
            if found.matched_by.endswith("-variant") and after and after[0] in _SUBJECTS:
                continue  # "Kashan University" (for University of Kashan) is not in "Kashan
                # University of Medical Sciences"
            if _another_university_of(span, found, unit, matcher) or _health_system_of(
                span, after, found, unit
            ):
                continue
            return found, " ".join(span)
    return None


def _health_system_of(span: list[str], after: list[str], found: RorMatch, unit: str) -> bool:
    """Whether the span names a university whose health system the words after it name
    (``Virginia Commonwealth University Health Systems``, ``University of Utah Health``):
    the system runs the hospitals, and is not the university ROR would give (it finds the
    system itself when it holds it).  ``X University Medicine`` is left alone: a health
    system in the United States (WVU Medicine), a faculty elsewhere (Sorbonne)."""
    if "university" not in span or "education" not in found.organisation.types or not after:
        return False
    if after[0] not in {"health", "healthcare"} and after[:2] != ["medical", "system"]:
        return False
    # written straight after the name ("University of X Health Sciences" is the university's)
    straight = rf"\b{re.escape(span[-1])}\s+(?:health|healthcare|medical\s+system)\b"
    if re.search(straight, unit, re.IGNORECASE) is None:
        return False
    return after[0] != "health" or len(after) == 1 or after[1] not in {"science", "sciences"}


def _another_university_of(
    span: list[str], found: RorMatch, unit: str, matcher: RorMatcher
) -> bool:
    """Whether a university named after its place is the start of a longer name
    (``Nanjing University of Finance and Economics``, ``Chengdu University of Traditional
    Chinese Medicine``, ``Korea University of Science and Technology``): place-named
    universities "of" a subject are universities of their own, which ROR would have found
    whole had it held them."""
    if len(span) < 2 or span[-1] != "university":
        return False
    place = " ".join(span[:-1])
    code = found.organisation.country_code
    if not (code and matcher.is_place(place, code)) and country_code(place) is None:
        return False
    written = r"\W+".join(re.escape(word) for word in span)
    return re.search(rf"\b{written}\s+of\s+\w", unit, re.IGNORECASE) is not None


def _starts_a_name(before: str, head: str, text: str) -> bool:
    """Whether ``University of ...`` starts a name after a department run into it
    (``Speech-Language Pathology University of Toronto``): "of" follows, the word before
    it is no kind of university (``Medical University of ...``) nor an adjective that
    starts a name (``European University of Cyprus`` is a university of its own)."""
    if head != "university" or before in _KIND_OF or before in {"state", "national", "free"}:
        return False
    if _NAME_ADJECTIVE.match(before):
        return False
    return re.search(rf"\b{re.escape(before)}\s+university\s+of\b", text, re.IGNORECASE) is not None


def _located_in(found: RorMatch, city: str) -> bool:
    """Whether ROR places the organisation in ``city`` (unknown counts as yes)."""
    return found.organisation.city is None or name_key(found.organisation.city) == name_key(city)


# What "University of ..." is of: a word that continues the name rather than starting a unit.
_SUBJECTS = frozenset(
    [
        "medical",
        "medicine",
        "science",
        "technology",
        "health",
        "agriculture",
        "agricultural",
        "chinese",
        "traditional",
        "engineering",
        "pharmacy",
        "nursing",
        "veterinary",
        "applied",
    ]
)
_SUBUNIT_WORDS = frozenset(["school", "college", "faculty", "graduate", "department"])
# An adjective of a people, a faith or a region that starts a university's name.
_NAME_ADJECTIVE = re.compile(
    r"^(?:international|islamic|arab|global|[a-z]{3,}(?:ean|ian|can|ese|ish))$"
)
# Words before "University"/"Institute" that make another organisation of the same town.
_KIND_OF = frozenset(
    [
        "medical",
        "technical",
        "technological",
        "agricultural",
        "pharmaceutical",
        "pedagogical",
        "normal",
        "dental",
        "veterinary",
        "catholic",
        "open",
        "sports",
    ]
)


_SPAN_ORGANISATION_WORDS = frozenset(
    [
        "university",
        "hospital",
        "institute",
        "college",
        "center",
        "clinic",
        "academy",
        "foundation",
        "system",
    ]
)


_SPAN_BLOCKING_WORDS = frozenset(
    [
        "hospital",
        "hospitals",
        "institute",
        "clinic",
        "center",
        "college",
        "school",
        "academy",
        "foundation",
        "university",
        "infirmary",
        "branch",
        "campus",
    ]
)


_SCHOOL_WORDS = frozenset(["school", "faculty"])


_NAMED_SCHOOL_ENDINGS = frozenset(
    ["medical school", "medical college", "law school", "business school", "dental school"]
)


_SCHOOL_SUBJECTS = frozenset(
    ["medical", "dental", "business", "law", "nursing", "veterinary", "pharmacy", "public"]
)


_SUBUNIT_HEADS = frozenset({"school", "college", "faculty", "graduate", "department"})


def _is_subunit(rest: list[str]) -> bool:
    """``School of Medicine``, ``College of ...``, ``Medical School``, ``Business School``,
    ``Pritzker School of Medicine``: a part of the organisation named before it."""
    first, last = rest[0].lower(), rest[-1].lower()
    if len(rest) == 2 and first in _SCHOOL_SUBJECTS and last in {"school", "college", "faculty"}:
        return True
    if len(rest) <= 5 and " ".join(rest[-2:]).lower() in _NAMED_SCHOOL_ENDINGS:
        return True  # "Brown University Warren Alpert Medical School"
    if first in _SUBUNIT_HEADS and len(rest) > 1:
        return True
    return _named_school_at(rest) is not None


def _named_school_at(rest: list[str]) -> int | None:
    """Where ``School``/``College``/``Faculty`` stands in a school named after a person (``John
    A. Burns School of Medicine``, ``T.H. Chan School of Public Health``): after one to four
    capitalised words that are neither organisation words nor ``of``, and followed by
    ``of``; None when ``rest`` is not such a school."""
    for index, word in enumerate(rest[1:5], start=1):
        if word.lower() in {"school", "college", "faculty"}:
            named = rest[:index]
            if (
                index + 1 < len(rest)
                and rest[index + 1].lower() == "of"
                and all(part[:1].isupper() for part in named)
                and not any(part.lower().strip(".,") in _NOT_A_PERSON for part in named)
            ):
                return index
            return None
    return None


def _names_a_school(rest: list[str]) -> bool:
    """Whether ``rest`` is a school or faculty (not a college, which is often an organisation
    of its own: ``Albert Einstein College of Medicine``)."""
    words = {rest[0].lower(), rest[-1].lower()}
    at = _named_school_at(rest)
    if at is not None:
        words.add(rest[at].lower())
    return bool(words & _SCHOOL_WORDS)


# Words that make a capitalised run before "School of" an organisation or a subject, not a
# person's name: "University Hospital School of Nursing", "Graduate School of Medicine".
_NOT_A_PERSON = frozenset(
    [
        "university",
        "hospital",
        "institute",
        "college",
        "graduate",
        "medical",
        "dental",
        "nursing",
        "health",
        "public",
        "national",
        "state",
        "international",
        "the",
        "and",
        "&",
    ]
)


def _is_run_in_address(rest: list[str]) -> bool:
    """``Melbourne Victoria 3001``: a few words ending in a postal code, no organisation."""
    text = " ".join(rest)
    return (
        len(rest) <= 8
        and _DIGIT.search(text) is not None
        and not STRONG.search(text)
        and not ORGANISATION.search(text)
    )


def without_run_in_address(name: str) -> str:
    """``RMIT University Melbourne Victoria 3001`` -> ``RMIT University``."""
    words = name.split()
    for size in range(2, len(words)):
        if _is_run_in_address(words[size:]) and unit_kind(" ".join(words[:size])) >= 2:
            return " ".join(words[:size])
    return name


def of_tail(unit: str) -> str | None:
    """The hospital or university a unit is ``of`` or ``at``: the rightmost such tail that
    names one (``School of Medicine at University of California``)."""
    for match in reversed(list(_OF_TAIL.finditer(unit))):
        tail = unit[match.end() :]
        english = match.group(0).split()[0] in {"of", "at"}
        # A Romance "Instituto de Investigación ... del Hospital X" is often a foundation of
        # its own; a faculty or institute "da Universidade" is the university's.
        if "," not in tail and (HOSPITAL_OR_UNIVERSITY if english else _UNIVERSITY).search(tail):
            return tail
    return None


# The noun, not the adjective: "Hospital Universitario La Paz" is a hospital.
_UNIVERSITY = re.compile(
    r"\b(?:universi(?:ty|dad|dade|t[aàeé]|tat|teit|t[äa]t)|univ\.)(?!\w)", re.IGNORECASE
)


_DIGIT = re.compile(r"\d")


_BRACKETED = re.compile(r"\(([^()]{6,})\)")


_PLACE_SUFFIX = re.compile(r"\s+(?:in|at)\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?$")


_GENERIC_PREFIX = re.compile(r"^(?:the\s+)?(?:university\s+)?hospital\s+", re.IGNORECASE)
