"""Stable node identifiers (DESIGN.md §3), computed from record content only.

The same paper, person or journal must get the same id in every run and from every input,
so ids never depend on reading order or on counters.
"""

from __future__ import annotations

import hashlib
import re

from kg.model import Author
from kg.normalize.names import fold

__all__ = [
    "author_key",
    "institution_key",
    "journal_key",
    "name_key",
    "normalised_title",
    "paper_fallback_key",
    "slug",
]

_GENERIC_TITLES = {
    "editorial",
    "correction",
    "erratum",
    "corrigendum",
    "reply",
    "letter",
    "comment",
    "commentary",
    "in memoriam",
    "introduction",
    "preface",
    "foreword",
    "retraction",
    "response",
    "announcement",
    "abstracts",
    "index",
    "news",
    "obituary",
    "book review",
}


def slug(text: str) -> str:
    """Lower-case ASCII words joined by ``-``: the readable part of kg's own ids."""
    return fold(text).replace(" ", "-")


def normalised_title(title: str | None) -> str | None:
    """A title folded for matching, or ``None`` when it is too generic to identify a paper.

    ``Editorial`` or ``Correction`` identify nothing; titles of fewer than four words are
    ignored for the same reason.  Translated titles in ``[brackets]`` match unbracketed ones.
    """
    if not title:
        return None
    folded = fold(title.strip().strip("[]"))
    if folded in _GENERIC_TITLES or len(folded.split()) < 4:
        return None
    return folded


def paper_fallback_key(first_author: str | None, year: int | None, title: str) -> str:
    """``paper:chen-2025-1a2b3c4d`` for a paper with neither PMID nor DOI."""
    digest = hashlib.sha1(title.encode()).hexdigest()[:10]
    who = slug(first_author) if first_author else "anon"
    return f"paper:{who}-{year if year is not None else 'nd'}-{digest}"


def author_key(author: Author) -> str | None:
    """ORCID when given, else family name plus forenames (or initials when that is all)."""
    if author.orcid:
        return f"orcid:{author.orcid}"
    if author.collective_name:
        return f"author:group-{slug(author.collective_name)}"
    if not author.last_name:
        return None
    return name_key(author.last_name, author.fore_name or author.initials)


def name_key(last_name: str, given: str | None) -> str:
    """``author:chen-liting``: a person known by name only (no ORCID)."""
    given_slug = slug(given or "")
    return f"author:{slug(last_name)}" + (f"-{given_slug}" if given_slug else "")


def journal_key(abbreviation: str | None, title: str | None, issn: str | None) -> str | None:
    """``journal:<slug of the NLM abbreviation>``, else of the title, else the ISSN."""
    name = abbreviation or title
    if name:
        return f"journal:{slug(re.sub(r'[.]', '', name))}"
    if issn:
        return f"journal:issn-{issn.lower()}"
    return None


def institution_key(name: str, country_code: str | None) -> str:
    """``inst:<slug>-<cc>``; a leading ``The`` and bracketed acronyms do not count."""
    core = re.sub(r"\([^)]*\)", " ", name)
    core = re.sub(r"^\s*the\s+", "", core, flags=re.IGNORECASE)
    key = f"inst:{slug(core)}"
    return f"{key}-{country_code.lower()}" if country_code else key
