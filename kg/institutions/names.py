"""A matching key for organisation names, so spelling variants meet.

The same university turns up as ``Univ. of São Paulo``, ``University of Sao Paulo`` and
``The University of São Paulo (USP)``.  The key folds case and accents, drops a leading
article, bracketed acronyms, punctuation and the small joining words, expands the common
abbreviations and unifies British and American spellings.  Word order is kept: ``Miami
University`` and ``University of Miami`` are two institutions.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["bracketed_acronyms", "name_key"]

_BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_ACRONYM_IN_BRACKETS = re.compile(r"[(\[]\s*([A-Z][A-Za-z0-9*&.\-]{1,11})\s*[)\]]")
_WORD = re.compile(r"[a-z0-9]+")
_JOINING_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "for",
        "at",
        "in",
        "on",
        "de",
        "di",
        "du",
        "des",
        "der",
        "den",
        "la",
        "le",
        "les",
        "del",
        "della",
        "degli",
        "delle",
        "dei",
        "da",
        "do",
        "dos",
        "das",
        "y",
        "e",
        "et",
        "und",
        "van",
        "von",
        "zu",
    ]
)
_ABBREVIATIONS = {
    "univ": "university",
    "universitat": "university",
    "universitaet": "university",
    "universidad": "university",
    "universidade": "university",
    "universita": "university",
    "universite": "university",
    "universiteit": "university",
    "universitair": "university",
    "universiti": "university",  # Malay
    "universitas": "university",  # Indonesian
    # The organisation words of other languages, so "Forschungszentrum Jülich" meets
    # "Research Center Jülich" and "Universitätsklinikum Freiburg" "University Hospital
    # Freiburg" (compounds become two words).
    "forschungszentrum": "research center",
    "universitatsklinikum": "university hospital",
    "universitaetsklinikum": "university hospital",
    "universitatsspital": "university hospital",
    "universitatsmedizin": "university medicine",
    "klinikum": "hospital",
    "krankenhaus": "hospital",
    "ziekenhuis": "hospital",
    "hopital": "hospital",
    "ospedale": "hospital",
    "technische": "technical",
    "tecnica": "technical",
    "politecnico": "polytechnic",
    "hosp": "hospital",
    "inst": "institute",
    "institut": "institute",
    "instituto": "institute",
    "istituto": "institute",
    "natl": "national",
    "nat": "national",
    "ctr": "center",
    "cntr": "center",
    "centre": "center",
    "centro": "center",
    "st": "saint",
    "ste": "sainte",
    "sch": "school",
    "coll": "college",
    "acad": "academy",
    "dept": "department",
    "lab": "laboratory",
    "labs": "laboratories",
    "res": "research",
    "sci": "science",
    "sciences": "science",
    "technol": "technology",
    "med": "medical",
    "gen": "general",
    "mem": "memorial",
    "co": "company",
    "corp": "corporation",
    "inc": "incorporated",
    "ltd": "limited",
    "pte": "private",
    "mt": "mount",
    "ft": "fort",
}

_LEGAL_FORMS = frozenset(
    [
        "limited",
        "incorporated",
        "company",
        "corporation",
        "private",
        "llc",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "srl",
        "spa",
        "bv",
        "nv",
        "kg",
        "ab",
        "as",
        "oy",
        "kk",
        "llp",
        "lp",
    ]
)


# France's hospitals under their English names: "CHU de Nantes", "Centre Hospitalier
# Universitaire de Nantes" and "Nantes University Hospital" are one hospital.
_FRENCH_HOSPITALS = {
    ("center", "hospitalier", "regional", "universitaire"): ("regional", "university", "hospital"),
    ("center", "hospitalier", "universitaire"): ("university", "hospital"),
    ("center", "hospitalier", "regional"): ("regional", "hospital"),
    ("center", "hospitalier"): ("hospital",),
}
# The acronyms only in capitals: "Chu Hai College" is a name.
_FRENCH_ACRONYMS = re.compile(r"\b(CHR?U)\b")
_FRENCH_EXPANSIONS = {
    "CHU": "centre hospitalier universitaire",
    "CHRU": "centre hospitalier regional universitaire",
}


def _replace_phrases(
    words: list[str], phrases: dict[tuple[str, ...], tuple[str, ...]]
) -> list[str]:
    """``words`` with each phrase of ``phrases`` replaced by its other form, left to right."""
    out: list[str] = []
    index = 0
    while index < len(words):
        for phrase, other in phrases.items():
            if tuple(words[index : index + len(phrase)]) == phrase:
                out.extend(other)
                index += len(phrase)
                break
        else:
            out.append(words[index])
            index += 1
    return out


def _fold(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l")


@lru_cache(maxsize=262_144)
def name_key(name: str) -> str:
    """The matching key of an organisation name; empty when nothing distinctive is left."""
    text = _BRACKETS.sub(" ", name)
    if "CH" in text:
        text = _FRENCH_ACRONYMS.sub(lambda found: _FRENCH_EXPANSIONS[found.group(1)], text)
    text = _APOSTROPHES.sub("", _fold(text).lower().replace("&", " and "))
    words = " ".join(_ABBREVIATIONS.get(word, word) for word in _WORD.findall(text)).split()
    words = _joined_initials([word for word in words if word not in _JOINING_WORDS])
    if "hospitalier" in words:
        words = _replace_phrases(words, _FRENCH_HOSPITALS)
    words = _same_phrases(words)
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words.pop()  # "Paracrine Therapeutics Pte. Ltd." = "Paracrine Therapeutics"
    return " ".join(words)


def _joined_initials(words: list[str]) -> list[str]:
    """``M. D. Anderson`` = ``M.D. Anderson`` = ``MD Anderson``: a run of single letters is
    one word."""
    joined: list[str] = []
    in_run = False
    for word in words:
        initial = len(word) == 1 and word.isalpha()
        if initial and in_run:
            joined[-1] += word
        else:
            joined.append(word)
        in_run = initial
    return joined


# Apostrophes and the letters that stand for one: "Hawaiʻi", "Hawai'i" and "Hawaii" meet.
_APOSTROPHES = re.compile("['\u2018\u2019\u02bb\u02bc`\u00b4]")
# Phrases written two ways for one thing: the Veterans Affairs (formerly Administration)
# hospitals are "VA" hospitals; China's universities and hospitals "of Traditional Chinese
# Medicine" are as often written "of Chinese Medicine".
_PHRASES = {
    ("veterans", "affairs"): ("va",),
    ("veterans", "administration"): ("va",),
    ("traditional", "chinese", "medicine"): ("chinese", "medicine"),
    # "Università degli Studi di Napoli" = "Università di Napoli"
    ("university", "studi"): ("university",),
}
# A federal body's name with or without its country: "U.S. Food and Drug Administration",
# "United States Environmental Protection Agency" and "Environmental Protection Agency".
_COUNTRY_PREFIXES = (("united", "states"), ("u", "s"), ("us",))
# ... but "Department of Agriculture" without its country is any country's department.
_DESCRIPTIVE_HEADS = frozenset(
    ["department", "institute", "center", "school", "college", "laboratory", "faculty"]
)


def _same_phrases(words: list[str]) -> list[str]:
    for prefix in _COUNTRY_PREFIXES:
        if (
            tuple(words[: len(prefix)]) == prefix
            and len(words) - len(prefix) >= 2
            and words[len(prefix)] not in _DESCRIPTIVE_HEADS
        ):
            words = words[len(prefix) :]
            break
    if not ("veterans" in words or "traditional" in words or "studi" in words):
        return words
    return _replace_phrases(words, _PHRASES)


def bracketed_acronyms(name: str) -> list[str]:
    """Acronyms given in brackets (``Institute of Molecular and Cell Biology (IMCB)``)."""
    return [match.group(1).strip(".") for match in _ACRONYM_IN_BRACKETS.finditer(name)]
