"""Person names: splitting, initials, and linking short forms to full forms.

Citation lines write ``Lee BW`` while affiliation blocks write ``Bong-Woo Lee``; PubMed text
exports write ``Lee BW`` and MEDLINE writes both (``FAU - Lee, Bong-Woo`` / ``AU - Lee BW``).
These helpers let every reader produce the same :class:`~kg.model.Author` fields.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.model import Author

__all__ = [
    "NAME_PARTICLES",
    "fold",
    "initials_of",
    "link_short_to_full",
    "parse_inverted_name",
    "parse_short_name",
    "split_full_name",
]

# Lower-case words that belong to a family name ("van der Berg", "dos Santos").
NAME_PARTICLES = frozenset(
    {
        "al",
        "bin",
        "da",
        "das",
        "de",
        "del",
        "della",
        "den",
        "der",
        "di",
        "dos",
        "du",
        "e",
        "el",
        "ibn",
        "la",
        "le",
        "mac",
        "op",
        "st",
        "st.",
        "ten",
        "ter",
        "van",
        "vom",
        "von",
        "y",
        "zu",
    }
)
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "2nd", "3rd"}


_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=262_144)
def fold(text: str) -> str:
    """Lower-case ASCII skeleton of a name for comparisons (``Müller`` -> ``muller``)."""
    if not text.isascii():
        # Decomposing then dropping what is not ASCII removes accents (é -> e) and letters
        # with no ASCII form alike; the regex below would drop the latter anyway.
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALPHANUMERIC.sub(" ", text.lower()).strip()


def initials_of(fore_name: str) -> str:
    """``"Bong-Woo"`` -> ``"BW"``, ``"Jennifer Jooha"`` -> ``"JJ"``, ``"J. R. R."`` -> ``"JRR"``."""
    parts = [part for part in re.split(r"[\s\-.]+", fore_name) if part]
    letters = []
    for part in parts:
        if part.isupper() and len(part) <= 3 and len(parts) == 1:
            letters.append(part)  # already initials, e.g. "JH"
        else:
            letters.append(part[0].upper())
    return "".join(letters)


def split_full_name(full: str) -> Author:
    """A name in natural order (``Jennifer Jooha Lee``, ``Jan van der Berg``) as an Author.

    The last word (with any particles before it) is the family name; this is the order of
    affiliation blocks and PubMed pages.  Names written family-first are not detectable
    from text alone and are left as given.
    """
    words = full.strip().rstrip(",").split()
    suffix = None
    if len(words) > 2 and words[-1].lower().rstrip(",") in _SUFFIXES:
        suffix = words.pop().rstrip(",")
    if len(words) == 1:
        return Author(last_name=words[0], suffix=suffix)
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in NAME_PARTICLES:
        cut -= 1
    fore = " ".join(words[:cut])
    return Author(
        last_name=" ".join(words[cut:]), fore_name=fore, initials=initials_of(fore), suffix=suffix
    )


def parse_short_name(text: str) -> Author:
    """A citation-style name ``Lee BW`` / ``Gil-Kulik P`` / ``Yañez Í`` / ``van der Berg JH Jr``.

    Anything without trailing initials is taken as a family name alone (or a group name
    when it has more than four words).  Initials may be any upper-case letters, not only
    ASCII, because PubMed keeps diacritics (``Ö``, ``Ł``).
    """
    words = text.strip().rstrip(".").split()
    suffix = None
    if len(words) > 2 and words[-1] in {"Jr", "Sr", "II", "III", "IV", "2nd", "3rd"}:
        suffix = words.pop()
    if 2 <= len(words) <= 4 and _looks_like_initials(words[-1]):
        return Author(
            last_name=" ".join(words[:-1]), initials=words[-1].replace(".", ""), suffix=suffix
        )
    value = " ".join(words)
    if len(words) > 4:
        return Author(collective_name=value)
    return Author(last_name=value, suffix=suffix) if value else Author()


def _looks_like_initials(word: str) -> bool:
    letters = word.replace(".", "")
    return 1 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()


def parse_inverted_name(text: str) -> Author:
    """``Lee, Bong-Woo`` (MEDLINE FAU) as an Author; no comma means a group name."""
    if "," not in text:
        return Author(collective_name=text.strip())
    last, _, rest = text.partition(",")
    fore = rest.strip()
    suffix = None
    pieces = [piece.strip() for piece in fore.split(",")]
    if len(pieces) > 1 and pieces[-1].lower() in _SUFFIXES:
        suffix = pieces.pop()
        fore = ", ".join(pieces)
    if not fore:
        return Author(last_name=last.strip(), suffix=suffix)
    return Author(last_name=last.strip(), fore_name=fore, initials=initials_of(fore), suffix=suffix)


def link_short_to_full(short: list[Author], full: list[Author]) -> list[Author] | None:
    """Pair citation-line names with affiliation-block names of the same record.

    Returns the full authors in byline order, carrying the short form's initials, when the
    two lists describe the same people in the same order (family names equal after folding,
    initials compatible).  Returns ``None`` when they cannot be paired with confidence, so the
    caller keeps the short forms rather than inventing a link.
    """
    if len(short) != len(full):
        return None
    linked: list[Author] = []
    for brief, complete in zip(short, full, strict=True):
        if fold(brief.last_name or "") != fold(complete.last_name or ""):
            # Family-first full names ("Ji Hyeon Ju" vs "Ju JH") fold the same; others fail.
            return None
        brief_initials = (brief.initials or "").upper()
        full_initials = (complete.initials or "").upper()
        if (
            brief_initials
            and full_initials
            and not (
                full_initials.startswith(brief_initials) or brief_initials.startswith(full_initials)
            )
        ):
            return None
        linked.append(
            Author(
                last_name=complete.last_name,
                fore_name=complete.fore_name,
                initials=brief.initials or complete.initials,
                suffix=complete.suffix or brief.suffix,
                affiliations=complete.affiliations,
                email=complete.email,
                orcid=complete.orcid,
            )
        )
    return linked
