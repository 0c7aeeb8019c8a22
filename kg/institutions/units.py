"""What an affiliation part is: a department, an organisation, or a place.

``Division of Rheumatology`` is a unit inside an organisation, ``Seoul St. Mary's Hospital`` a
strong organisation (a hospital, university or company), ``Institute of X`` an organisation
word whose standing depends on what follows; grounding (:mod:`kg.institutions.grounding`) and
the ROR look-ups (:mod:`kg.institutions.lookup`) both read parts through these tests.
"""

from __future__ import annotations

import re

from kg.institutions.names import name_key

__all__ = [
    "GENERIC_WORDS",
    "HOSPITAL",
    "HOSPITAL_OR_UNIVERSITY",
    "ORDINALS",
    "ORGANISATION",
    "STRONG",
    "is_generic",
    "unit_kind",
]

_DEPARTMENT = re.compile(
    r"^(?:the\s+)?(?:(?:\w+\s+)?department|dept\b\.?|division|section|unit\b|(?:key\s+)?"
    r"laborator(?:y|ies)|lab\b|program|programme|service|faculty|graduate school|"
    r"school\s+of|college\s+of|cent(?:er|re)\s+(?:for|of)|institute\s+(?:for|of)|group|team|"
    r"chair|(?:university\s+)?clinic\s+(?:for|of)|core\b|platform|ward|research\s+(?:center|centre|unit)|"
    r"(?:state|national|provincial|municipal)\s+key|"
    # German clinics of a university hospital: "Neurologische Klinik", "Klinik für Neurologie"
    r"(?:\w+(?:ische|liche)\s+)?(?:poli)?klinik(?:\s+(?:f[uü]r|und)\b|$))",
    re.IGNORECASE,
)


# "Health Services Research Unit", "Clinical Trials Group": named after its kind of unit.
_DEPARTMENT_TAIL = re.compile(
    r"\b(?:unit|group|team|programme|program|division|section|department|core|laboratory|lab)$",
    re.IGNORECASE,
)


STRONG = re.compile(
    r"\b(?:universi[td]\w*|univ\b|hospital\w*|h[oô]pital\w*|(?-i:CHR?U)\b|klinik\w*|clinic\b|"
    r"infirmary|"
    r"cl[ií]nica\b|centro m[eé]dico|ospedale|"
    r"medical (?:center|centre)|health (?:system|network|services)|inc\b|ltd\b|llc\b|gmbh\b|"
    r"pte\b|plc\b|corporation\b|company\b|co\.,?\s*ltd|s\.?a\.?$|b\.?v\.?$|ag$)|&\s*co\b",
    re.IGNORECASE,
)


ORGANISATION = re.compile(
    r"\b(?:institut\w*|istituto|academy|acad[eé]mie|akademie|council|agency|foundation|"
    r"fundaci[oó]n|funda[cç][aã]o|fondazione|centro|"
    r"ministry|cent(?:er|re)s?|college|school|museum|organi[sz]ation|society|therapeutics|"
    r"pharma\w*|biotech\w*|laborator\w*|consortium|authority|administration|observatory)\b",
    re.IGNORECASE,
)


HOSPITAL = re.compile(r"\b(?:hospital\w*|h[oô]pital\w*|klinik\w*|clinic\w*)\b", re.I)


HOSPITAL_OR_UNIVERSITY = re.compile(r"\b(?:hospital\w*|universi[td]\w*)\b", re.IGNORECASE)


def unit_kind(unit: str) -> int:
    """3 strong organisation (university, hospital, company), 2 other organisation word,
    1 department-like, 0 nothing organisational."""
    if _DEPARTMENT.match(unit) or _DEPARTMENT_TAIL.search(unit):
        return 1
    if len(unit.split()) >= 2 and is_generic(unit) and not HOSPITAL_OR_UNIVERSITY.search(unit):
        return 1  # "Eye Clinic", "The Heart Centre": a unit of the organisation named next
    if STRONG.search(unit):
        return 3
    if ORGANISATION.search(unit):
        return 2
    return 0


# "First Affiliated Hospital", "Second Xiangya Hospital": a rank among namesakes.
ORDINALS = frozenset(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
)
GENERIC_WORDS = ORDINALS | frozenset(
    [
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
        "clinic",
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


def is_generic(name: str) -> bool:
    """``First Affiliated Hospital``: names thousands of hospitals until its parent is said."""
    words = name_key(name).split()
    return bool(words) and all(word in GENERIC_WORDS for word in words)
