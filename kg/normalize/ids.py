"""Normalising and validating PMIDs, PMCIDs, DOIs, ORCIDs and ISSNs.

Every reader goes through these so that the same paper gets the same key whatever the export.
Each ``parse_*`` function returns the normalised identifier or raises :class:`ValueError`
whose message says what was expected; readers turn that into a located warning.
"""

from __future__ import annotations

import re

__all__ = ["parse_doi", "parse_issn", "parse_orcid", "parse_pmcid", "parse_pmid"]

_PMID = re.compile(r"\d{1,9}")
_PMCID = re.compile(r"(?:PMC)?(\d{1,9})(?:\.\d+)?", re.IGNORECASE)
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ORCID = re.compile(r"(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])", re.IGNORECASE)
_ORCID_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?orcid\.org/", re.IGNORECASE)
_ISSN = re.compile(r"(\d{4})-?(\d{3}[\dX])", re.IGNORECASE)


def parse_pmid(text: str) -> str:
    """``"39882532"`` from ``" 39882532 "`` or ``"PMID: 39882532"``; leading zeros dropped."""
    value = text.strip()
    if value.upper().startswith("PMID"):
        value = value[4:].lstrip(": ").strip()
    if not _PMID.fullmatch(value) or int(value) == 0:
        raise ValueError(f"malformed PMID {text.strip()!r}: expected 1 to 9 digits")
    return str(int(value))


def parse_pmcid(text: str) -> str:
    """``"PMC11774712"`` from ``"PMC11774712"``, ``"pmc11774712"`` or ``"11774712"``.

    A version suffix (``PMC8095192.2``) is dropped: every version is the same article.
    """
    value = text.strip().rstrip(".;,")
    match = _PMCID.fullmatch(value)
    if not match:
        raise ValueError(f"malformed PMCID {text.strip()!r}: expected PMC followed by digits")
    return f"PMC{int(match.group(1))}"


def parse_doi(text: str) -> str:
    """Lower-cased DOI without resolver prefix or trailing punctuation.

    DOIs are case-insensitive by definition, so lower-casing makes keys comparable.
    """
    value = _DOI_PREFIX.sub("", text.strip()).strip()
    value = value.rstrip(".;,")
    if value.startswith("[") or " " in value or not _DOI.fullmatch(value):
        raise ValueError(f"malformed DOI {text.strip()!r}: expected 10.<registrant>/<suffix>")
    return value.lower()


def parse_orcid(text: str) -> str:
    """``"0000-0002-1825-0097"`` from a bare or URL ORCID, checking the ISO 7064 check digit."""
    value = _ORCID_PREFIX.sub("", text.strip())
    match = _ORCID.fullmatch(value)
    if not match:
        raise ValueError(f"malformed ORCID {text.strip()!r}: expected 0000-0000-0000-000X")
    digits = "".join(match.groups()).upper()
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    if digits[-1] != expected:
        raise ValueError(f"ORCID {text.strip()!r} fails its check digit")
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def parse_issn(text: str) -> str:
    """``"1234-567X"`` from ``"1234567x"``; the check digit is not enforced (PubMed has typos)."""
    match = _ISSN.fullmatch(text.strip())
    if not match:
        raise ValueError(f"malformed ISSN {text.strip()!r}: expected NNNN-NNNC")
    return f"{match.group(1)}-{match.group(2).upper()}"
