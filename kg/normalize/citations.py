"""PubMed citation lines and author lists, as PubMed's text, CSV and MEDLINE exports write them.

``Front Med (Lausanne). 2025 Jan 15;11:1530887. doi: 10.3389/fmed.2024.1530887. eCollection
2024.`` and ``Chen L(1), Huang R(1), Chen A(1)(2).`` have one grammar whichever export they
come from, so the readers of those exports share these parsers instead of importing each
other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Author, PartialDate
from kg.normalize.dates import parse_date
from kg.normalize.names import parse_short_name

__all__ = ["Citation", "ShortAuthor", "clean_title", "parse_author_list", "parse_citation"]

_MARKERS = re.compile(r"(?P<markers>(?:\((?:\d+|#|\*)\))+)$")
_MARKER = re.compile(r"\((\d+)\)")
_SUFFIX_WORDS = frozenset({"Jr", "Sr", "II", "III", "IV", "2nd", "3rd"})


_NOT_AVAILABLE = frozenset({"[not available].", "[not available]", "not available"})


def clean_title(title: str | None) -> str | None:
    """A title as every PubMed reader keeps it: ``None`` for ``[Not Available].``, and the
    brackets MEDLINE puts around translated titles removed (``[Acute impingement].`` ->
    ``Acute impingement.``), as the PubMed XML reader does, so titles of one paper agree.
    """
    if title is None:
        return None
    value = " ".join(title.split())
    if not value or value.lower() in _NOT_AVAILABLE:
        return None
    if not value.startswith("["):
        return value
    final = "." if value.endswith("].") else ""
    end = len(value) - 1 - len(final)
    if value[end] != "]" or _matching_bracket(value) != end:
        return value
    inner = value[1:end].strip()
    if inner.endswith((".", "?", "!")):
        final = ""
    return inner + final if inner else value


def _matching_bracket(text: str) -> int:
    depth = 0
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
    return -1


@dataclass(frozen=True, slots=True)
class Citation:
    """What PubMed's citation line states.

    ``date`` is the publication date: the ``eCollection`` date when one is stated (as PubMed
    XML's PubDate), else the leading date; ``epub`` is the ``Epub`` date, or the leading date
    of an eCollection record.  ``doi`` is as written (callers normalise it and warn).
    """

    journal: str | None = None
    date: PartialDate | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    epub: PartialDate | None = None


def parse_citation(text: str) -> Citation | None:
    """``Gut. 2017 Jun;66(6):1116-1122. doi: 10.1136/x. Epub 2016 Oct 21.`` as a Citation.

    ``None`` when no ``Journal. YEAR`` opening is found.
    """
    value = " ".join(text.split())
    head = re.search(r"\.\s+(?=(?:1[5-9]|20)\d\d\b)", value)
    if not head:
        return None
    journal = value[: head.start()].strip() or None
    rest = value[head.end() :]
    source_end = _sentence_end(rest)
    source, tail = rest[:source_end], rest[source_end + 1 :]
    date_text, volume, issue, pages = _split_source(source)
    leading = parse_date(date_text)
    collection = _tail_date(tail, "eCollection")
    epub = _tail_date(tail, "Epub")
    doi_match = re.search(r"\bdoi:\s*(\S+)", tail, re.IGNORECASE)
    return Citation(
        journal=journal,
        date=collection or leading,
        volume=volume,
        issue=issue,
        pages=pages,
        doi=doi_match.group(1).rstrip(".") if doi_match else None,
        epub=epub or (leading if collection else None),
    )


def _sentence_end(text: str) -> int:
    """Index of the first ``.`` that ends the source part (outside parentheses)."""
    depth = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char == "." and depth == 0 and (index + 1 == len(text) or text[index + 1] == " "):
            return index
    return len(text)


def _split_source(source: str) -> tuple[str, str | None, str | None, str | None]:
    """``2022 Jan-Feb 01;27(1):19-25`` -> date text, volume, issue, pages."""
    cut = min(
        (index for index in (source.find(";"), source.find(":")) if index >= 0), default=len(source)
    )
    date_text, rest = source[:cut].strip(), source[cut:]
    volume = issue = pages = None
    if rest.startswith(";"):
        rest = rest[1:]
        colon = _colon_outside_parentheses(rest)
        volume_issue, pages = (rest[:colon], rest[colon + 1 :]) if colon >= 0 else (rest, None)
        match = re.fullmatch(r"(?P<volume>[^(]*)(?:\((?P<issue>.*)\))?\s*", volume_issue)
        if match:
            volume, issue = match.group("volume").strip(), match.group("issue")
        else:
            volume = volume_issue.strip()
    elif rest.startswith(":"):
        pages = rest[1:]
    return date_text, volume or None, (issue or "").strip() or None, (pages or "").strip() or None


def _colon_outside_parentheses(text: str) -> int:
    depth = 0
    for index, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if char == ":" and depth <= 0:
            return index
    return -1


def _tail_date(tail: str, word: str) -> PartialDate | None:
    match = re.search(rf"\b{word}\s+([^.]+)", tail)
    return parse_date(match.group(1)) if match else None


@dataclass(frozen=True, slots=True)
class ShortAuthor:
    """An author of a short author list and the affiliation numbers marked after the name."""

    author: Author
    markers: tuple[int, ...] = ()


def parse_author_list(text: str) -> list[ShortAuthor]:
    """``Chen L(1), Huang R(1)(2); COVID Study Group.`` as authors in byline order.

    Personal names are ``Family INITIALS`` (``parse_short_name``); a list item that is not one
    is a group author.  PubMed writes groups after ``; `` and a group name may itself contain
    commas, so a ``;`` segment that is not all personal names is one group.
    """
    value = " ".join(text.split()).rstrip(".").strip()
    authors: list[ShortAuthor] = []
    for position, segment in enumerate(part.strip() for part in value.split(";")):
        if not segment:
            continue
        items = [_short_author(item) for item in segment.split(",") if item.strip()]
        if position > 0 and len(items) > 1 and any(item.author.collective_name for item in items):
            items = [_short_author(segment)]
        authors.extend(items)
    return authors


def _short_author(item: str) -> ShortAuthor:
    text = item.strip().rstrip(".")
    markers = _MARKERS.search(text)
    numbers: tuple[int, ...] = ()
    if markers:
        numbers = tuple(int(number) for number in _MARKER.findall(markers.group("markers")))
        text = text[: markers.start()].strip()
    return ShortAuthor(_person_or_group(text), numbers)


def _person_or_group(text: str) -> Author:
    """``Lee BW`` or ``Yañez Í`` -> person; ``Madonna`` -> family name; else a group.

    ``parse_short_name`` only knows ASCII initials, so non-ASCII ones (``Í``) are checked
    here as a fallback.
    """
    author = parse_short_name(text)
    if author.initials:
        return author
    words = text.split()
    if len(words) == 1:
        return Author(last_name=words[0])
    suffix = words.pop() if len(words) > 2 and words[-1] in _SUFFIX_WORDS else None
    initials = words[-1]
    if initials.isalpha() and initials.isupper() and len(initials) <= 4:
        return Author(last_name=" ".join(words[:-1]), initials=initials, suffix=suffix)
    return Author(collective_name=text)


# -- splitting the file into records and blocks ---------------------------------------------
