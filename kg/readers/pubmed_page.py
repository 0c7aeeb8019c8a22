"""Reader for a PubMed abstract page saved from a browser as text.

A saved page is the page's visible text in document order: site banner, the citation block
(publication type, ``Journal. 2020 Nov;72(11):2366-2381.``, ``doi: ... Epub 2020 Oct 2.``),
the title, the author line, ``Affiliations``, identifiers (``PMID:``/``PMCID:``/``DOI:``), a
sticky summary box that repeats the title and shows ``First Author et al. Journal. Date.``,
then headed sections: ``Abstract``, ``Keywords:``, ``PubMed Disclaimer``, ``References``,
``Similar articles``, ``Cited by``, ``MeSH terms``, ``LinkOut - more resources``...

Links often vanish on saving (here the journal name in the citation line and the author
list), so every fact is taken from wherever the page states it and cross-checked: the journal
from the ``et al.`` line or the citation line, the first author from the ``et al.`` line, the
full author list only when the page still shows it and it agrees with that first author.

The page is cut into a *header* (everything before the first section heading) and sections;
headings are recognised by their exact text, and a heading that appears twice (a navigation
list, the publisher's own ``REFERENCES``) is resolved by taking the occurrence with content.
A file holding several saved pages (each starting at the site banner) gives one record each.

Decisions later stages can rely on:

* ``Source.line`` is the line of the citation line (the banner above it is not the record).
* The title is kept as the page shows it, without the final full stop MEDLINE would add.
* ``open_access`` is True for "Free article" / "Free PMC article", else unknown (``None``);
  ``epub`` is the ``Epub`` date, or the citation date of an "Online ahead of print" article.
* Publication types come from the label above the citation, the summary box and the
  ``Publication types`` section; MeSH terms from ``MeSH terms`` (``*`` marks major topics).
* The byline keeps every item it can read: people (2 to 6 words plus affiliation keys) and
  group authors (``Author(collective_name=...)``: items after a ``;``, items ending in
  Group, Consortium, Investigators..., or organisation-like items without the keys the
  others carry); any item dropped, or the whole byline when it disagrees with the summary
  box's first author, is a warning.
* References keep their citation text verbatim, minus numbering and ``- DOI - PubMed - PMC``
  link words; ``et al.`` is not an author; identifiers in the text are parsed quietly.
* Text from another export forced through this reader is rejected (one error), because a
  page must show a PubMed landmark (banner, ``Affiliations``, disclaimer, summary box).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from kg.model import Author, MeshHeading, PartialDate, Problem, Record, Reference, Source
from kg.normalize.dates import parse_date
from kg.normalize.ids import parse_doi, parse_pmcid, parse_pmid
from kg.normalize.names import fold, split_full_name
from kg.normalize.text import (
    SourceTail,
    abstract_sections,
    clean_spaces,
    find_source_tail,
    is_truncated,
    split_authors,
    split_title_journal,
)
from kg.readers import ReaderItem
from kg.readers.source import InputSource

__all__ = ["DESCRIPTION", "NAME", "SUFFIXES", "read", "sniff"]

NAME = "pubmed-page"
DESCRIPTION = "A PubMed abstract web page saved as text, with its references"
SUFFIXES: tuple[str, ...] = (".txt",)

Line = tuple[int, str]

_BANNER = "skip to main page content"

# -- sniffing ----------------------------------------------------------------------------------

_ET_AL_LINE = re.compile(r"^\S.{0,80}?\set al\.\s+.+?\.\s+(?:1[89]|20)\d\d\b.*$", re.MULTILINE)
_SNIFF_DOI_EPUB = re.compile(r"^\s*doi:\s*10\.\S+.*\bEpub\b", re.MULTILINE | re.IGNORECASE)
_SNIFF_AFFILIATIONS = re.compile(r"^\s*Affiliations\s*$", re.MULTILINE)
_SNIFF_ID_LINE = re.compile(r"^\s*(?:PMID:\s*\d{1,9}\b|DOI:\s*10\.)", re.MULTILINE | re.IGNORECASE)


def sniff(head: str) -> int:
    """High for PubMed page furniture (banner, disclaimer), middling for weaker signs.

    An ``Affiliations`` heading line is page furniture no other export has; with the summary
    box's ``et al.`` line or an identifier line (``PMID: N``, ``DOI: 10.``) it is strong
    evidence, so a page copied from the title down (no banner, no disclaimer) is recognised.
    ``doi: ... Epub`` at a line start is only a weak sign: PubMed's "Abstract (text)" export
    has it too, mid-line.
    """
    text = head.replace("\u00a0", " ")
    markers = [
        90 if "Skip to main page content" in text else 0,
        90 if re.search(r"^\s*PubMed Disclaimer\s*$", text, re.MULTILINE) else 0,
        70 if _SNIFF_AFFILIATIONS.search(text) and _ET_AL_LINE.search(text) else 0,
        70 if _SNIFF_AFFILIATIONS.search(text) and _SNIFF_ID_LINE.search(text) else 0,
        40 if _SNIFF_DOI_EPUB.search(text) else 0,
    ]
    strong = [score for score in markers if score >= 70]
    if len(strong) >= 2:
        return 95
    return max(markers)


# -- sections ----------------------------------------------------------------------------------

_HEADINGS = {
    "abstract": "abstract",
    "references": "references",
    "similar articles": "similar",
    "cited by": "cited_by",
    "comment in": "comment",
    "comment on": "comment",
    "erratum in": "comment",
    "update of": "comment",
    "update in": "comment",
    "retraction in": "comment",
    "mesh terms": "mesh",
    "substances": "substances",
    "publication types": "publication_types",
    "grants and funding": "grants",
    "related information": "related",
    "figures": "figures",
    "conflict of interest statement": "conflict",
    "pubmed disclaimer": "disclaimer",
    "supplementary info": "supplementary",
    "associated data": "associated",
    "full text sources": "linkout",
    "title & authors": "navigation",
    "page navigation": "navigation",
}
_NOISE = re.compile(
    r"(?:show (?:all|more|less)\b.*|expand|collapse|load all references.*|"
    r"item in clipboard|full text links|cite|actions|share|display options)",
    re.IGNORECASE,
)


# PubMed pages put at most three headings in a row (Disclaimer, References, REFERENCES).
_NAVIGATION_RUN = 4


def _heading(text: str) -> str | None:
    key = text.strip().rstrip(":").lower()
    if key.startswith("linkout"):
        return "linkout"
    return _HEADINGS.get(key)


@dataclass
class _Page:
    """One saved page: header lines and its sections in order."""

    header: list[Line] = field(default_factory=list)
    sections: list[tuple[str, int, list[Line]]] = field(default_factory=list)

    def section(self, key: str) -> list[Line]:
        """The first section under ``key`` that has content (navigation lists have none)."""
        for name, _, lines in self.sections:
            if name == key and any(text for _, text in lines):
                return lines
        return []


def _split_page(lines: list[Line]) -> _Page:
    """Header lines, then each heading with the lines under it (navigation lists skipped)."""
    page = _Page()
    current: list[Line] | None = None
    navigation = _navigation_lines(lines)
    for index, (number, text) in enumerate(lines):
        if index in navigation:
            continue
        key = _heading(text)
        if key is not None:
            current = []
            page.sections.append((key, number, current))
        elif current is None:
            page.header.append((number, text))
        else:
            current.append((number, text))
    return page


def _navigation_lines(lines: list[Line]) -> set[int]:
    """Indexes of runs of ``_NAVIGATION_RUN`` or more headings with nothing between them.

    The page's "Page navigation" sidebar lists the section names; saved as text, wherever
    it lands, it must not open (empty) sections or cut the header short.
    """
    skipped: set[int] = set()
    run: list[int] = []
    for index, (_, text) in enumerate([*lines, (0, "end of page")]):
        if not text:
            continue
        if _heading(text) is not None:
            run.append(index)
            continue
        if len(run) >= _NAVIGATION_RUN:
            skipped.update(run)
        run = []
    return skipped


def _pages(source: InputSource) -> Iterator[list[Line]]:
    """Lines of each saved page; a new page starts at each repeated site banner."""
    chunk: list[Line] = []
    seen_content = False
    for number, raw in source.lines():
        text = clean_spaces(raw)
        if text.lower() == _BANNER and seen_content:
            yield chunk
            chunk, seen_content = [], False
        chunk.append((number, text))
        if text and text.lower() != _BANNER and _heading(text) is None:
            seen_content = True
    if seen_content:
        yield chunk


# -- the header: citation, title, authors, identifiers -----------------------------------------

_CITATION = re.compile(r"(?P<journal>[^.]*?)\s*\.\s*(?P<rest>(?:1[6-9]|20)\d\d\b.*)")
_DOI_SPLIT = re.compile(r"\s+doi:", re.IGNORECASE)
_BANNER_TEXT = re.compile(
    r"NCBI|Homepage|Navigation|official website|\.gov\b|^Https$|site is secure|U\.S\. flag|"
    r"Skip to|Access keys",
    re.IGNORECASE,
)
_DOI_IN_LINE = re.compile(r"\bdoi:\s*(?P<doi>\S+)", re.IGNORECASE)
_EPUB = re.compile(r"\bEpub\s+(?P<date>(?:1[6-9]|20)\d\d(?:\s+[A-Z][a-z]{2,8})?(?:\s+\d{1,2})?)")
_AHEAD_OF_PRINT = re.compile(r"\bOnline ahead of print\b", re.IGNORECASE)
_IDENTIFIER_LINE = re.compile(r"^(?:PMID|PMCID|DOI|NIHMSID)\s*:", re.IGNORECASE)
_IDENTIFIER = re.compile(r"\b(PMID|PMCID|DOI)\s*:\s*(\S+)", re.IGNORECASE)
_ET_AL = re.compile(
    r"(?P<first>[^\d.;:]{2,80}?)(?P<et_al>\s+et al)?\.\s+(?P<journal>.+?)\.\s+"
    r"(?P<date>(?:1[6-9]|20)\d\d(?:\s+[A-Z][a-z]{2,8}(?:-[A-Z][a-z]{2,8})?)?(?:\s+\d{1,2})?)\.?"
)
_AFFILIATION_ITEM = re.compile(r"(?P<key>\d{1,3})\s+(?P<text>\S.*)")
_FREE = re.compile(r"free (?:pmc )?(?:full[- ]text )?article", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s)", re.IGNORECASE)
_KEYWORDS = re.compile(r"^keywords?\s*:\s*(?P<list>.*)$", re.IGNORECASE)

# Publication types PubMed shows as a label above the citation and in its summary box.
_PUBLICATION_TYPES = frozenset(
    {
        "review",
        "systematic review",
        "meta-analysis",
        "randomized controlled trial",
        "clinical trial",
        "clinical trial, phase i",
        "clinical trial, phase ii",
        "clinical trial, phase iii",
        "clinical trial, phase iv",
        "controlled clinical trial",
        "multicenter study",
        "observational study",
        "comparative study",
        "case reports",
        "editorial",
        "comment",
        "letter",
        "news",
        "guideline",
        "practice guideline",
        "consensus development conference",
        "published erratum",
        "retracted publication",
        "retraction of publication",
        "expression of concern",
        "preprint",
        "historical article",
        "biography",
        "congress",
        "evaluation study",
        "validation study",
        "twin study",
        "video-audio media",
        "clinical study",
        "equivalence trial",
        "pragmatic clinical trial",
        "adaptive clinical trial",
        "scoping review",
        "introductory journal article",
        "research support, non-u.s. gov't",
        "research support, n.i.h., extramural",
        "research support, u.s. gov't, non-p.h.s.",
        "research support, n.i.h., intramural",
        "research support, u.s. gov't, p.h.s.",
        "journal article",
        "english abstract",
        "lecture",
        "interview",
        "portrait",
        "technical report",
        "dataset",
    }
)


@dataclass
class _Header:
    """Facts from the header, and the warnings met while reading them."""

    line: int | None = None
    journal: str | None = None
    year: int | None = None
    date: PartialDate | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    epub: PartialDate | None = None
    title: str | None = None
    authors: tuple[Author, ...] = ()
    identifiers: dict[str, str] = field(default_factory=dict)
    publication_types: list[str] = field(default_factory=list)
    open_access: bool | None = None
    summary_box: bool = False
    warnings: list[tuple[int, str, str, str]] = field(default_factory=list)

    def warn(self, line: int, message: str, expected: str, found: str) -> None:
        self.warnings.append((line, message, expected, found))


@dataclass(frozen=True, slots=True)
class _CitationLine:
    """The ``[Journal]. 2020 Nov;72(11):2366-2381.`` line: where it is and what it says."""

    index: int
    journal: str | None
    tail: SourceTail


def _find_citation(header: list[Line]) -> _CitationLine | None:
    """The first header line that is a journal citation (a doi may follow on the same line)."""
    for index, (_, text) in enumerate(header):
        match = _CITATION.fullmatch(text)
        if match is None or len(match.group("journal")) > 120:
            continue
        rest = _DOI_SPLIT.split(match.group("rest"), maxsplit=1)[0]
        tail = find_source_tail(rest)
        if tail is not None and tail.start == 0:
            return _CitationLine(index, match.group("journal").strip() or None, tail)
    return None


def _read_citation(header: list[Line], citation: _CitationLine, facts: _Header) -> None:
    number = header[citation.index][0]
    tail = citation.tail
    facts.line = number
    facts.journal = citation.journal or _journal_above(header, citation.index)
    facts.year, facts.date = tail.year, tail.date
    if tail.volume is not None:
        facts.volume, facts.issue, facts.pages = (
            tail.volume.volume,
            tail.volume.issue,
            tail.volume.pages,
        )
    elif tail.volume_text:
        facts.warn(
            number,
            "volume, issue and pages not understood; dropped",
            "'Volume(Issue):Pages'",
            tail.volume_text,
        )
    for after, text in header[citation.index : citation.index + 3]:
        _read_doi_and_epub(after, text, facts)


def _journal_above(header: list[Line], index: int) -> str | None:
    """The journal when the page shows it on its own line above ``. 2021 Mar 4;...``.

    The line above may instead be a publication type or banner text; neither is taken.
    """
    previous = next((text for _, text in reversed(header[:index]) if text), "")
    if (
        not previous
        or previous.lower() in _PUBLICATION_TYPES
        or _BANNER_TEXT.search(previous)
        or len(previous) > 80
        or previous.endswith((".", ":"))
    ):
        return None
    return previous


def _read_doi_and_epub(number: int, text: str, facts: _Header) -> None:
    doi = _DOI_IN_LINE.search(text)
    if doi is not None and not _IDENTIFIER_LINE.match(text):
        _identifier("DOI", doi.group("doi"), number, facts)
    epub = _EPUB.search(text)
    if epub is not None and facts.epub is None:
        facts.epub = parse_date(epub.group("date"))
    elif _AHEAD_OF_PRINT.search(text) and facts.epub is None:
        facts.epub = facts.date  # the only date of an article not yet in an issue


def _identifier(scheme: str, value: str, number: int, facts: _Header) -> None:
    parser = {"PMID": parse_pmid, "PMCID": parse_pmcid, "DOI": parse_doi}[scheme]
    try:
        facts.identifiers.setdefault(scheme, parser(value))
    except ValueError as error:
        facts.warn(number, f"{scheme} dropped: {error}", _ID_EXPECTED[scheme], value)


_ID_EXPECTED = {
    "PMID": "1 to 9 digits",
    "PMCID": "PMC followed by digits",
    "DOI": "10.<registrant>/<suffix>",
}


def _is_furniture(text: str) -> bool:
    lowered = text.lower()
    return (
        not text
        or lowered == "affiliations"
        or bool(_FREE.fullmatch(text))
        or lowered in _PUBLICATION_TYPES
        or bool(_NOISE.fullmatch(text))
        or bool(_IDENTIFIER_LINE.match(text))
    )


def _read_title(header: list[Line], start: int) -> tuple[str | None, int]:
    """First line after the citation and doi lines that is not page furniture."""
    for index in range(start, len(header)):
        text = header[index][1]
        if _is_furniture(text) or _DOI_IN_LINE.match(text) or text.lower().startswith("epub"):
            continue
        return text, index
    return None, len(header)


def _et_al_line(
    header: list[Line], year: int | None, title: str | None
) -> tuple[int, str, str] | None:
    """``(index, first author, journal)`` from the summary box's ``Name et al. Journal. Date.``

    A line without ``et al.`` (single-author papers) is accepted only right after a repeat
    of the title, where the summary box puts it; a date that contradicts the citation line's
    year rules a line out.
    """
    for index, (_, text) in enumerate(header):
        match = _ET_AL.fullmatch(text)
        if match is None:
            continue
        if year is not None and int(match.group("date")[:4]) != year:
            continue
        previous = next((text for _, text in reversed(header[:index]) if text), None)
        after_title = title is not None and previous == title
        if match.group("et_al") or after_title:
            return index, match.group("first").strip(), match.group("journal")
    return None


def _title_before(header: list[Line], index: int) -> tuple[str | None, int]:
    """Without a citation line the title is the summary box's line above the et al. line."""
    for before in range(index - 1, -1, -1):
        text = header[before][1]
        if text and not _is_furniture(text):
            return text, before
    return None, len(header)


def _author_list(
    header: list[Line], title_index: int, first: str | None, facts: _Header
) -> tuple[Author, ...]:
    """The full author line between the title and ``Affiliations``, when the page kept it.

    Names carry affiliation keys (``Fereshteh Radmanesh 1 2``) that index the numbered
    affiliation list after the heading.  The list is used only if its first author is the
    ``et al.`` line's first author (when that line exists); items that are neither a person
    nor a group are dropped, each drop a warning.
    """
    heading = next(
        (i for i in range(title_index + 1, len(header)) if header[i][1].lower() == "affiliations"),
        len(header),
    )
    candidates = [(number, text) for number, text in header[title_index + 1 : heading] if text]
    if len(candidates) != 1:
        return ()
    number, text = candidates[0]
    authors, dropped = _author_line(text, _numbered_affiliations(header[heading + 1 :]))
    if dropped:
        facts.warn(
            number,
            f"{len(dropped)} author list item(s) neither a person nor a group; dropped",
            "'Given Family 1 2' or a group name",
            "; ".join(dropped),
        )
    if first is not None and authors and fold(authors[0].display_name) != fold(first):
        facts.warn(
            number,
            f"author list dropped: its first author is not the summary box's {first!r}",
            f"an author list starting with {first!r}",
            text,
        )
        return ()
    return authors


def _numbered_affiliations(lines: list[Line]) -> dict[str, str]:
    """``1 Department of ...`` lines after the ``Affiliations`` heading, by key."""
    affiliations: dict[str, str] = {}
    for _, text in lines:
        item = _AFFILIATION_ITEM.fullmatch(text)
        if item is not None:
            affiliations[item.group("key")] = item.group("text")
        elif text and not _NOISE.fullmatch(text):
            break
    return affiliations


_KEY = re.compile(r"\d{1,3}")
_GROUP_END = re.compile(
    r"\b(?:group|consortium|investigators|collaborators|committee|network|society|"
    r"collaboration|collaborative|alliance|trialists|task force|working party|association|"
    r"initiative|team|registry|panel|council)$",
    re.IGNORECASE,
)
# Lower-case words found in organisation names but not in personal names ("van", "de" are).
_ORGANISATION_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "against", "with", "&"})


@dataclass(frozen=True, slots=True)
class _BylineItem:
    """One comma-separated byline item: its name, affiliation keys and what it reads as."""

    name: str
    keys: tuple[str, ...]
    kind: str  # "person", "group" or "unknown"


def _split_keys(token: str) -> tuple[str, tuple[str, ...]]:
    """``Xuebing Feng 1 3`` -> ``("Xuebing Feng", ("1", "3"))``; the name is never empty."""
    words = token.split()
    end = len(words)
    while end > 1 and _KEY.fullmatch(words[end - 1]):
        end -= 1
    return " ".join(words[:end]), tuple(words[end:])


def _byline_item(token: str, others_keyed: bool) -> _BylineItem:
    name, keys = _split_keys(token)
    words = name.split()
    organisation = any(word.lower() in _ORGANISATION_WORDS for word in words[1:])
    if _GROUP_END.search(name) or (not keys and others_keyed and organisation):
        kind = "group"
    elif 1 < len(words) <= 6 and not organisation and not re.search(r"[\d()\[\]:]", name):
        kind = "person"
    elif not keys and others_keyed and (len(words) == 1 or organisation or len(words) > 6):
        kind = "group"
    else:
        kind = "unknown"
    return _BylineItem(name, keys, kind)


def _author_line(text: str, affiliations: dict[str, str]) -> tuple[tuple[Author, ...], list[str]]:
    """``Dandan Wang 1, Xuebing Feng 1 3; RA-EV Consortium`` as Authors, and dropped items.

    A ``;`` separates group authors from the people before them: a part after a ``;`` is
    one group (commas and all) unless every comma item in it is a person with keys.
    """
    segments = [segment.strip() for segment in text.split(";")]
    tokens = [token for segment in segments for token in segment.split(",") if token.strip()]
    others_keyed = any(_split_keys(token)[1] for token in tokens)
    items: list[_BylineItem] = []
    dropped: list[str] = []
    for position, segment in enumerate(segments):
        if not segment:
            continue
        parsed = [
            _byline_item(token, others_keyed) for token in segment.split(",") if token.strip()
        ]
        if position > 0 and not all(item.kind == "person" and item.keys for item in parsed):
            parsed = [_BylineItem(*_split_keys(segment), "group")]
        for item in parsed:
            if item.kind == "unknown":
                dropped.append(item.name)
            else:
                items.append(item)
    authors = []
    for item in items:
        where = tuple(affiliations[key] for key in item.keys if key in affiliations)
        if item.kind == "group":
            authors.append(Author(collective_name=item.name, affiliations=where))
        else:
            authors.append(replace(split_full_name(item.name), affiliations=where))
    return tuple(authors), dropped


def _read_header(header: list[Line]) -> _Header:
    facts = _Header()
    citation = _find_citation(header)
    if citation is not None:
        _read_citation(header, citation, facts)
        facts.title, title_index = _read_title(header, citation.index + 1)
        et_al = _et_al_line(header, facts.year, facts.title)
    else:
        et_al = _et_al_line(header, None, None)
        facts.title, title_index = (
            _title_before(header, et_al[0]) if et_al is not None else (None, len(header))
        )
    for number, text in header:
        if text.lower() in _PUBLICATION_TYPES and text != facts.title:
            _add_type(facts.publication_types, text)
        if _FREE.fullmatch(text):
            facts.open_access = True
        if _IDENTIFIER_LINE.match(text):
            for scheme, value in _IDENTIFIER.findall(text):
                _identifier(scheme.upper(), value, number, facts)
    first = et_al[1] if et_al is not None else None
    facts.summary_box = et_al is not None
    if et_al is not None:
        facts.journal = et_al[2] or facts.journal
        if facts.line is None:
            facts.line = header[et_al[0]][0]
    if facts.title is not None:
        facts.authors = _author_list(header, title_index, first, facts)
    if not facts.authors and first is not None:
        facts.authors = (split_full_name(first),)
    return facts


def _add_type(types: list[str], text: str) -> None:
    if text.lower() not in (known.lower() for known in types):
        types.append(text)


# -- abstract, keywords, references, MeSH ------------------------------------------------------


def _abstract(lines: list[Line]) -> tuple[list[str], tuple[str, ...]]:
    """Abstract paragraphs up to ``Keywords:``/copyright, and the keywords."""
    paragraphs: list[str] = []
    keywords: tuple[str, ...] = ()
    for _, text in lines:
        found = _KEYWORDS.match(text)
        if found is not None:
            keywords = _keywords(found.group("list"))
            break
        if _COPYRIGHT.match(text):
            break
        if text and not _NOISE.fullmatch(text):
            paragraphs.append(text)
    return paragraphs, keywords


def _keywords_anywhere(page: _Page) -> tuple[str, ...]:
    """``Keywords:`` outside the abstract section (pages without an ``Abstract`` heading)."""
    for _, text in page.header + [line for _, _, body in page.sections for line in body]:
        found = _KEYWORDS.match(text)
        if found is not None:
            return _keywords(found.group("list"))
    return ()


def _keywords(text: str) -> tuple[str, ...]:
    value = text.strip()
    if value.endswith("."):
        value = value[:-1]
    return tuple(word.strip() for word in value.split(";") if word.strip())


_NUMBERED = re.compile(r"(?:\d{1,4}[.)]|\[\d{1,4}\])\s+(?P<text>\S.*)")
_LINK_WORD = r"(?:DOI|PubMed|PMC|Google Scholar|CrossRef|Europe PMC|Free (?:PMC )?article)"
_LINK_WORDS = re.compile(rf"(?:\s*-\s*{_LINK_WORD})+\s*$")
_ONLY_LINK_WORDS = re.compile(rf"\s*(?:-\s*)?{_LINK_WORD}(?:\s*-\s*{_LINK_WORD})*\s*")


def _reference_texts(lines: list[Line]) -> list[str]:
    """One string per reference: numbered items (wrapped lines joined) or one per line."""
    useful = [
        text
        for _, text in lines
        if text
        and text.lower() != "references"
        and not _NOISE.fullmatch(text)
        and not _ONLY_LINK_WORDS.fullmatch(text)
    ]
    numbered = any(_NUMBERED.fullmatch(text) for text in useful)
    references: list[str] = []
    for text in useful:
        item = _NUMBERED.fullmatch(text)
        if item is not None:
            references.append(item.group("text"))
        elif numbered and references:
            references[-1] += " " + text
        else:
            references.append(text)
    return [_LINK_WORDS.sub("", text).strip() for text in references if text.strip()]


_REF_DOI = re.compile(
    r"\s*(?:doi:\s*|https?://(?:dx\.)?doi\.org/)(?P<value>10\.\d{4,9}/\S+)", re.IGNORECASE
)
_REF_PMID = re.compile(r"\s*\[?PMID:\s*(?P<value>\d{1,9})\]?\.?", re.IGNORECASE)
_REF_PMCID = re.compile(r"\s*\[?PMCID:\s*(?P<value>PMC\d+)\]?\.?", re.IGNORECASE)
_REF_YEAR = re.compile(r"\((?P<year>(?:1[6-9]|20)\d\d)[a-z]?\)")


def _take(pattern: re.Pattern[str], text: str) -> tuple[str | None, str]:
    """The identifier ``pattern`` finds in ``text``, and ``text`` without it."""
    match = pattern.search(text)
    if match is None:
        return None, text
    return match.group("value"), text[: match.start()] + text[match.end() :]


def _quiet(parser: Callable[[str], str], value: str | None) -> str | None:
    """Reference identifiers that do not parse are left out (the citation keeps the text)."""
    if value is None:
        return None
    try:
        return parser(value)
    except ValueError:
        return None


def _reference(text: str) -> Reference:
    """A reference with whatever its citation states; unparsed parts stay ``None``."""
    doi_text, body = _take(_REF_DOI, text)
    pmid_text, body = _take(_REF_PMID, body)
    pmcid_text, body = _take(_REF_PMCID, body)
    ids = {
        "doi": _quiet(parse_doi, doi_text),
        "pmid": _quiet(parse_pmid, pmid_text),
        "pmcid": _quiet(parse_pmcid, pmcid_text),
    }
    body = body.strip()
    tail = find_source_tail(body)
    if tail is None:
        names = split_authors(body)
        year = _REF_YEAR.search(body)
        return Reference(
            citation=text,
            authors=names.names,
            year=int(year.group("year")) if year else None,
            **ids,
        )
    names = split_authors(body[: tail.start].rstrip())
    title, journal = split_title_journal(names.rest, dotted_journal=True)
    volume = tail.volume
    return Reference(
        citation=text,
        authors=names.names,
        title=title,
        journal=journal,
        year=tail.year,
        volume=volume.volume if volume else None,
        issue=volume.issue if volume else None,
        pages=volume.pages if volume else None,
        **ids,
    )


_MESH_ITEM = re.compile(r"(?P<descriptor>[^/]+?)(?P<major>\*)?(?:\s*/\s*(?P<rest>.+))?")


def _mesh(lines: list[Line]) -> tuple[MeshHeading, ...]:
    """``Lupus Erythematosus, Systemic / therapy*`` lines; ``*`` marks a major topic."""
    headings: list[MeshHeading] = []
    for _, text in lines:
        match = _MESH_ITEM.fullmatch(text) if text and not _NOISE.fullmatch(text) else None
        if match is None:
            continue
        qualifiers = [
            part.strip() for part in (match.group("rest") or "").split("/") if part.strip()
        ]
        major = bool(match.group("major")) or any(part.endswith("*") for part in qualifiers)
        headings.append(
            MeshHeading(
                descriptor=match.group("descriptor").strip(),
                major=major,
                qualifiers=tuple(part.rstrip("*").strip() for part in qualifiers),
            )
        )
    return tuple(headings)


# -- building the record -----------------------------------------------------------------------


_LANDMARKS = frozenset({_BANNER, "pubmed disclaimer", "affiliations"})


def _rejection(lines: list[Line], facts: _Header) -> str | None:
    """Why this text is not a PubMed page record, or ``None`` when it is one.

    Besides content (a citation line, title or identifiers) a page must show one landmark
    only PubMed pages have, so that other exports forced through this reader (MEDLINE,
    "Abstract (text)") are rejected instead of yielding one garbled record.
    """
    if facts.title is None and not facts.identifiers and facts.year is None:
        return "no PubMed page content found (no citation line, title or identifiers)"
    if not facts.summary_box and not any(text.lower() in _LANDMARKS for _, text in lines):
        return (
            "not a PubMed page: no site banner, 'Affiliations', 'PubMed Disclaimer' "
            "or 'Author et al. Journal. Date.' line"
        )
    return None


def _build(lines: list[Line], ordinal: int, file: str) -> Iterator[ReaderItem]:
    page = _split_page(lines)
    facts = _read_header(page.header)
    paragraphs, keywords = _abstract(page.section("abstract"))
    if not keywords:
        keywords = _keywords_anywhere(page)
    reason = _rejection(lines, facts)
    if reason is not None:
        first = next(((number, text) for number, text in lines if text), (None, None))
        yield Problem(
            file=file,
            line=first[0],
            record=ordinal,
            severity="error",
            message=f"{reason}; page skipped",
            expected="a PubMed page: 'Journal. 2020 Nov;72(11):2366-2381.', a title, "
            "'Affiliations', 'Author et al. Journal. Date.'",
            found=first[1],
        )
        return
    line = facts.line or next((number for number, text in lines if text), None)
    pmid = facts.identifiers.get("PMID")
    for number, message, expected, found in facts.warnings:
        yield Problem(
            file=file,
            line=number,
            record=ordinal,
            record_id=pmid,
            severity="warning",
            message=message,
            expected=expected,
            found=found,
        )
    for text in (text for _, text in page.section("publication_types")):
        if text and not _NOISE.fullmatch(text):
            _add_type(facts.publication_types, text)
    abstract = abstract_sections(paragraphs)
    yield Record(
        source=Source(file=file, format=NAME, record=ordinal, line=line),
        pmid=pmid,
        pmcid=facts.identifiers.get("PMCID"),
        doi=facts.identifiers.get("DOI"),
        title=facts.title,
        abstract=abstract,
        abstract_truncated=bool(abstract) and is_truncated(abstract[-1].text),
        authors=facts.authors,
        journal_abbrev=facts.journal,
        year=facts.year,
        date=facts.date,
        volume=facts.volume,
        issue=facts.issue,
        pages=facts.pages,
        publication_types=tuple(facts.publication_types),
        keywords=keywords,
        mesh_headings=_mesh(page.section("mesh")),
        epub=facts.epub,
        open_access=facts.open_access,
        references=tuple(_reference(text) for text in _reference_texts(page.section("references"))),
    )


def read(source: InputSource) -> Iterator[ReaderItem]:
    """Yield one Record per saved page, plus Problems; never raises on content.

    A file whose only page has no recognisable content gets one file-level error
    (``record=None``); with several pages each unreadable page is its own error.
    """
    pages = _pages(source)
    current = next(pages, None)
    if current is None:
        yield Problem(
            file=source.display,
            message="no PubMed page content found",
            expected="a PubMed abstract page saved as text",
            found="no text",
        )
        return
    ordinal = 0
    while current is not None:
        ordinal += 1
        following = next(pages, None)
        alone = ordinal == 1 and following is None
        for item in _build(current, ordinal, source.display):
            if alone and isinstance(item, Problem) and item.severity == "error":
                item = replace(item, record=None)
            yield item
        current = following
