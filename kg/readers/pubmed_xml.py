"""PubMed/MEDLINE XML: efetch results, annual baseline and daily update files, legacy sets.

One streaming pass with lxml's pull parser (the feed interface of ``iterparse``), fed 256 KiB
at a time: each ``PubmedArticle`` (or top-level ``MedlineCitation`` of a legacy
``MedlineCitationSet``, ``PubmedBookArticle``, ``DeleteCitation``) becomes a
:class:`~kg.model.Record` (or :class:`~kg.model.Deletion`) as soon as its end tag is seen, and
is then cleared and unlinked from the root.  Memory therefore stays at one record's tree
whatever the file size (a baseline file is ~190 MB of XML).

Each record is read by walking its children once and dispatching on the tag, instead of a path
look-up per field (lxml's ``find()`` parses its path in Python on every call): that is what
makes this reader about twice as fast as pubmed_parser while extracting more (every
affiliation of every author, ORCIDs, references with their ids, history dates).

Security: the parser never loads DTDs, never touches the network and never substitutes
entities (``resolve_entities=False, load_dtd=False, no_network=True``; ``huge_tree`` stays off,
so libxml2's amplification limits apply).  A declared entity therefore reaches the text as its
literal reference (``&xxe;``), never as the content of the file or URL it names, and the file
gets one warning saying so; libxml2 refuses a billion-laughs document, which is reported as an
error Problem.

Decisions that later stages rely on:

* Titles: inline markup (``<i>``, ``<sup>``...) is flattened to its text and whitespace runs
  are collapsed.  The final period that MEDLINE puts on every title is kept, because every
  PubMed-derived export (MEDLINE, CSV, text) carries it too and the graph normalises titles
  for matching.  The square brackets MEDLINE puts around English translations of non-English
  titles (``[Acute impingement].``) are removed -- they are a display convention, and
  ``Record.language`` says that the original is not English.  The placeholder
  ``[Not Available].`` counts as no title, and ``VernacularTitle`` is used when there is no
  English title.
* ``journal_abbrev`` is MedlineTA (the NLM abbreviation) when present, else ISOAbbreviation.
* A MeSH heading is ``major`` when its descriptor or any of its qualifiers is a major topic,
  which is how PubMed's ``[majr]`` search treats it.
* ``indexed`` is ``DateCompleted``, else the ``medline`` history date; ``epub`` is the
  electronic ``ArticleDate``, else the ``aheadofprint`` history date; ``year`` is the year of
  the journal issue, else of ``epub``.
* ORCIDs go to ``Author.orcid`` (normalised, check digit verified); other author identifiers
  (ISNI...) go to ``Author.identifiers``.  Identifiers of affiliations (GRID, ISNI, ROR) are not
  kept: the record model holds affiliations as strings.
* Authors marked ``ValidYN="N"`` (spellings PubMed has since corrected) are skipped, as are
  editors.  The article-level ``<Affiliation>`` of pre-2014 MEDLINE described the first
  author, so it is attached to the first author.
* ``Author.email`` is the first e-mail address found in the author's affiliation strings,
  which keep the address (a later stage parses affiliations).
* The ``(ABSTRACT TRUNCATED AT 250 WORDS)`` marker of old MEDLINE records is removed from the
  text and recorded as ``abstract_truncated``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import closing, suppress
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import BinaryIO, cast

from lxml import etree

from kg.errors import InputError
from kg.model import (
    AbstractSection,
    Author,
    Deletion,
    Identifier,
    MeshHeading,
    PartialDate,
    Problem,
    Record,
    Reference,
    Source,
)
from kg.normalize.citations import clean_title
from kg.normalize.dates import month_number, parse_date
from kg.normalize.ids import parse_doi, parse_issn, parse_orcid, parse_pmcid, parse_pmid
from kg.readers.source import InputSource

__all__ = ["DESCRIPTION", "NAME", "SUFFIXES", "read", "sniff"]

NAME = "pubmed-xml"
DESCRIPTION = (
    "PubMed/MEDLINE XML: efetch, annual baseline and update files, legacy MedlineCitationSet"
)
SUFFIXES = (".xml",)

ReaderItem = Record | Problem | Deletion
Element = etree._Element

_RECORD_TAGS = ("PubmedArticle", "MedlineCitation", "PubmedBookArticle", "DeleteCitation")
# Bytes per read and feed: 256 KiB parses as fast as 1 MiB (64 KiB costs 5% more), and a gzip
# stream that breaks loses at most this much before the break (see _FileReader.run).
_CHUNK = 1 << 18
_ROOT_TAGS = frozenset(("PubmedArticleSet", "MedlineCitationSet", "PubmedBookArticleSet"))
_STRONG_MARKERS = (
    "<PubmedArticleSet",
    "<MedlineCitationSet",
    "<!DOCTYPE PubmedArticleSet",
    "<!DOCTYPE MedlineCitationSet",
)
_WEAK_MARKERS = ("<PubmedArticle", "<MedlineCitation", "<PubmedBookArticle")
_TRUNCATED = re.compile(r"\s*\(?ABSTRACT TRUNCATED(?: AT \d+ WORDS)?\)?\s*$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_PUNCTUATION = ".,;:()[]<>{}'\""
_MONTHS = {
    **{str(number): number for number in range(1, 13)},
    **{f"{number:02d}": number for number in range(1, 10)},
    **{
        name: number
        for number, name in enumerate(
            ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
            start=1,
        )
    },
}
# History dates the record keeps (PubStatus -> use); entrez/pubmed/pmc-release are not read.
_HISTORY = frozenset(("received", "revised", "accepted", "medline", "aheadofprint"))
_SPACES = re.compile(r"[ \t\r\n]+")
_MATHML = "{http://www.w3.org/1998/Math/MathML}"
_XML_SPACE = " \t\r\n"
_VERSIONED_PMCID = re.compile(r"(PMC\d+)\.\d+")
_EXPECTED_ROOT = "a PubmedArticleSet or MedlineCitationSet of PubmedArticle/MedlineCitation"


# -- the reader module protocol --------------------------------------------------------------


def sniff(head: str) -> int:
    """Confidence that ``head`` is PubMed XML: the set or record element names are unmistakable.

    The markers must appear in a document that starts like XML, so a text export that merely
    quotes ``<PubmedArticle>`` in an abstract is not claimed.
    """
    start = head.lstrip("\ufeff \t\r\n")
    if not start.startswith("<"):
        return 0
    if any(marker in head for marker in _STRONG_MARKERS):
        return 100
    if any(marker in head for marker in _WEAK_MARKERS):
        return 90
    return 0


def read(source: InputSource) -> Iterator[ReaderItem]:
    """Yield a Record per article, a Deletion per DeleteCitation, and Problems as they arise.

    Never raises for bad content: a malformed or truncated file yields every record before the
    break and then one error Problem saying where the XML broke.
    """
    try:
        stream = source.open_binary()
    except InputError as error:
        yield Problem(file=source.display, message=error.message)
        return
    with closing(stream):
        yield from _FileReader(source.display).run(stream)


# -- per-file state ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    """Where the record being read sits, and the warnings it has collected so far."""

    file: str
    ordinal: int
    line: int | None
    pmid: str | None = None
    problems: list[Problem] = field(default_factory=list)

    def warn(self, message: str) -> None:
        """Record a warning: the record is kept, something in it was dropped."""
        self.problems.append(
            Problem(
                file=self.file,
                message=f"{self.label()}: {message}",
                line=self.line,
                record=self.ordinal,
                record_id=self.pmid,
                severity="warning",
            )
        )

    def label(self) -> str:
        """``record 3 (PMID 123)``: the ordinal always, the PMID when known."""
        if self.pmid:
            return f"record {self.ordinal} (PMID {self.pmid})"
        return f"record {self.ordinal}"

    def source(self) -> Source:
        return Source(file=self.file, format=NAME, record=self.ordinal, line=self.line)


class _FileReader:
    """Runs the pull parser over one stream and turns its structural failures into Problems."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.ordinal = 0
        self.entities_checked = False

    def run(self, stream: BinaryIO) -> Iterator[ReaderItem]:
        """Feed the parser chunk by chunk and read each finished record as it comes.

        Feeding (rather than letting ``iterparse`` read) decides how much is read at once:
        when the stream or the XML breaks, the records completed before the break are still
        read, then one Problem says where it broke.
        """
        parser = _new_parser()
        # read1: one read of the underlying stream at a time, so a gzip stream that breaks
        # loses at most one chunk before the break, not a whole block being gathered.
        read_chunk: Callable[[int], bytes] = getattr(stream, "read1", stream.read)
        root: Element | None = None
        seen_bytes = False
        while True:
            try:
                data = read_chunk(_CHUNK)
                if data:
                    seen_bytes = True
                    parser.feed(data)
                elif seen_bytes:
                    root = parser.close()
            except etree.XMLSyntaxError as error:
                yield from self._read_events(parser)
                yield self._syntax_problem(error)
                return
            except InputError as error:  # CorruptInput from a truncated gzip stream
                yield from self._read_events(parser)
                yield self._broken_stream_problem(error)
                return
            yield from self._read_events(parser)
            if not data:
                break
        if not seen_bytes:
            yield Problem(file=self.display, message="file is empty", expected="PubMed XML")
        elif root is not None:
            yield from self._check_root(root)

    def _read_events(self, parser: etree.XMLPullParser) -> Iterator[ReaderItem]:
        for _, event_element in parser.read_events():
            element = cast(Element, event_element)
            if not self.entities_checked:
                self.entities_checked = True
                yield from self._entity_warning(element)
            if element.tag == "MedlineCitation" and _parent_tag(element) == "PubmedArticle":
                continue  # read with its PubmedArticle when that ends
            self.ordinal += 1
            yield from self._read_element(element)
            _release(element)

    def _read_element(self, element: Element) -> Iterator[ReaderItem]:
        context = _Context(self.display, self.ordinal, cast("int | None", element.sourceline))
        tag = element.tag
        if tag == "DeleteCitation":
            deletion = _deletion(element, context)
            yield from context.problems
            yield deletion
            return
        reader = _book_article if tag == "PubmedBookArticle" else _article
        item = reader(element, context)
        yield from context.problems
        yield item

    def _syntax_problem(self, error: etree.XMLSyntaxError) -> Problem:
        line = error.lineno or None
        message = error.msg or str(error)
        where = f" at line {line}" if line else ""
        if "amplification" in message or "entity reference loop" in message:
            text = (
                f"XML refused{where}: its entity declarations exceed the parser's safety "
                f"limits ({message})"
            )
            if self.ordinal:
                text += f"; records after record {self.ordinal} are lost"
        elif self.ordinal:
            text = (
                f"XML is malformed or truncated{where} after record {self.ordinal} "
                f"({message}); records after this point are lost"
            )
        else:
            text = f"not well-formed XML{where} ({message}); no records could be read"
        return Problem(file=self.display, message=text, line=line, expected="well-formed XML")

    def _broken_stream_problem(self, error: InputError) -> Problem:
        after = f" after record {self.ordinal}" if self.ordinal else ""
        return Problem(file=self.display, message=f"input is corrupt{after}: {error.message}")

    def _entity_warning(self, element: Element) -> Iterator[Problem]:
        """Say once that declared entities stay unexpanded (they may point at local files)."""
        dtd = element.getroottree().docinfo.internalDTD
        if dtd is None:
            return
        entities = dtd.iterentities()  # type: ignore[attr-defined]  # missing from lxml-stubs
        names = [str(entity.name) for entity in entities if entity.name]
        if names:
            yield Problem(
                file=self.display,
                severity="warning",
                found=", ".join(names[:5]),
                message="the document declares entities; they are left unexpanded for "
                "safety and appear as &name; in the text",
            )

    def _check_root(self, root: Element) -> Iterator[Problem]:
        if root.tag in _ROOT_TAGS or self.ordinal:
            return
        yield Problem(
            file=self.display,
            message="no PubMed records in this XML document",
            expected=_EXPECTED_ROOT,
            found=f"<{root.tag}>",
        )


def _new_parser() -> etree.XMLPullParser:
    """A parser that never loads a DTD, never expands an entity and never uses the network."""
    return etree.XMLPullParser(
        events=("end",),
        tag=_RECORD_TAGS,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        # Not collect_ids=False: with lxml 6.1/libxml2 2.14 it makes the parser read the
        # external DTD named in the DOCTYPE (a local file) despite load_dtd=False.
    )


def _parent_tag(element: Element) -> str | None:
    parent = element.getparent()
    return None if parent is None else str(parent.tag)


def _release(element: Element) -> None:
    """Free a finished record and the empty husks of earlier ones so memory stays flat."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


# -- text helpers ----------------------------------------------------------------------------


def _text(element: Element | None) -> str | None:
    """All text inside ``element`` (inline markup flattened), whitespace collapsed; None if empty.

    Most PubMed strings hold no line breaks or double spaces, so the test for them is cheaper
    than always splitting and joining.
    """
    if element is None:
        return None
    text = _flatten(element) if len(element) else element.text
    if not text:
        return None
    if "\n" in text or "  " in text or "\t" in text or "\r" in text:
        text = _SPACES.sub(" ", text)
    return text.strip() or None


def _flatten(element: Element) -> str:
    """Text of mixed content (``<i>``, ``<sup>``, MathML...) in document order.

    Inside MathML, XML whitespace between tokens is layout (PubMed writes ``<mml:mi>T</mml:mi>
    <mml:mn>1</mml:mn>`` for T1), so pieces of only such whitespace are dropped there; a token
    that holds a deliberate space (``<mml:mtext>&#x2009;</mml:mtext>``) is kept, and outside
    MathML every character counts.  An unexpanded entity contributes its literal ``&name;``.
    """
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag.startswith(_MATHML):
            pieces = cast("Iterator[str]", child.itertext())
            parts.append("".join(piece for piece in pieces if piece.strip(_XML_SPACE)))
        elif len(child):
            parts.append(_flatten(child))
        else:
            parts.append(child.text or "")
        parts.append(child.tail or "")
    return "".join(parts)


def _plain(element: Element) -> str | None:
    """Text of an element that never holds markup (names, codes, numbers), stripped."""
    text = element.text
    if not text:
        return None
    return text.strip() or None


def _child(element: Element, tag: str) -> Element | None:
    """First child named ``tag``; a loop over a few children beats lxml's Python-level find()."""
    for child in element:
        if child.tag == tag:
            return child
    return None


def _child_text(element: Element, tag: str) -> str | None:
    """Plain text of the first child named ``tag``."""
    for child in element:
        if child.tag == tag:
            return _plain(child)
    return None


def _title(element: Element | None) -> str | None:
    return clean_title(_text(element))


# -- dates -----------------------------------------------------------------------------------


def _date(element: Element | None) -> PartialDate | None:
    """A Year/Month/Day (or MedlineDate, Season) group as a partial date; None without a year.

    One pass over the children with a table for the usual month spellings: there are five
    or more dates per record, so this is one of the hottest functions of the reader.
    """
    if element is None:
        return None
    year_text = month_text = day_text = free_text = None
    for child in element:
        tag = child.tag
        if tag == "Year":
            year_text = child.text
        elif tag in ("Month", "Season"):
            month_text = month_text or child.text
        elif tag == "Day":
            day_text = child.text
        elif tag == "MedlineDate":
            free_text = child.text
        elif tag == "Hour":  # history dates go on to Hour and Minute, which are not kept
            break
    if not year_text or not year_text.isdigit():
        return parse_date(free_text or year_text)
    month = None
    if month_text:
        month = _MONTHS.get(month_text)
        if month is None:
            month = month_number(month_text)
    day = None
    if month is not None and day_text and day_text.isdigit():
        day = int(day_text)
        if not 1 <= day <= 31:
            day = None
    return _partial_date(int(year_text), month, day)


# -- identifiers -----------------------------------------------------------------------------


def _checked(
    parse: Callable[[str], str], value: str | None, context: _Context, what: str
) -> str | None:
    """Normalise an identifier, or drop it with a located warning when malformed."""
    if value is None:
        return None
    try:
        return parse(value)
    except ValueError as error:
        context.warn(f"{what} dropped: {error}")
        return None


def _parse_pmcid(text: str) -> str:
    """parse_pmcid, also accepting an article version (``PMC8095192.2``: the id is PMC8095192).

    References write bare digits (``IdType="pmcid"``), articles ``PMC`` and digits; both are
    handled without regexes.
    """
    digits = text[3:] if text.startswith("PMC") else text
    if digits.isdigit() and digits.isascii() and len(digits) <= 9:
        return f"PMC{int(digits)}"
    match = _VERSIONED_PMCID.fullmatch(text.strip())
    return parse_pmcid(match.group(1) if match else text)


def _fast_pmid(text: str) -> str:
    """parse_pmid for the common case (plain ASCII digits, no leading zero) without regexes."""
    if text.isdigit() and text.isascii() and len(text) <= 9 and text[0] != "0":
        return text
    return parse_pmid(text)


def _pmid_of(element: Element | None, context: _Context) -> str | None:
    if element is None:
        return None
    value = _plain(element)
    if value is None:
        return None
    try:
        return parse_pmid(value)
    except ValueError as error:
        context.warn(f"PMID dropped: {error}")
        return None


def _version(citation: Element, pmid_element: Element | None) -> int | None:
    """The version of a versioned citation (e.g. F1000 articles); None for ordinary ones."""
    value = citation.get("VersionID")
    if value is None and pmid_element is not None:
        value = pmid_element.get("Version")
        if value == "1":
            return None
    if value is None or not value.strip().isdigit():
        return None
    return int(value)


@dataclass(slots=True)
class _Ids:
    """Article identifiers gathered from several places before the record is built."""

    doi: str | None = None
    pmcid: str | None = None
    other: list[Identifier] = field(default_factory=list)
    elocation_doi: str | None = None
    elocation_other: list[Identifier] = field(default_factory=list)
    nlm_pmcid: str | None = None

    def other_ids(self) -> tuple[Identifier, ...]:
        """ArticleIdList ids, then ELocationIDs of a scheme the list did not state."""
        if not self.elocation_other:
            return tuple(self.other)
        stated = {identifier.scheme for identifier in self.other}
        extra = [
            identifier for identifier in self.elocation_other if identifier.scheme not in stated
        ]
        return (*self.other, *extra)


def _article_ids(id_list: Element, ids: _Ids, context: _Context) -> None:
    for article_id in id_list:
        kind = article_id.get("IdType")
        value = _plain(article_id)
        if value is None or kind == "pubmed":
            continue
        if kind == "doi":
            if ids.doi is None:
                ids.doi = _checked(parse_doi, value, context, "DOI")
        elif kind in ("pmc", "pmcid"):
            if ids.pmcid is None:
                ids.pmcid = _checked(_parse_pmcid, value, context, "PMCID")
        else:
            ids.other.append(Identifier(kind or "unknown", value))


# -- authors ---------------------------------------------------------------------------------


def _email(affiliations: tuple[str, ...]) -> str | None:
    """First e-mail address in the affiliations (``... Electronic address: a@b.org.``).

    Words are tested one by one: a regex search over the whole string backtracks at every
    position and was the slowest step of reading an author.
    """
    for affiliation in affiliations:
        if "@" not in affiliation:
            continue
        for word in affiliation.split():
            if "@" in word:
                candidate = word.strip(_EMAIL_PUNCTUATION)
                if _EMAIL.fullmatch(candidate):
                    return candidate
    return None


def _authors(author_list: Element | None, context: _Context) -> list[Author]:
    if author_list is None or author_list.get("Type", "authors") != "authors":
        return []
    return [
        _author(author, context)
        for author in author_list
        if author.tag == "Author" and author.get("ValidYN") != "N"
    ]


def _author(element: Element, context: _Context) -> Author:
    """One author; names are plain text in PubMed, so ``.text`` is read without flattening.

    Children are dispatched in the order of their frequency (three name parts per author, about
    one affiliation, rarely an identifier): this runs a hundred thousand times per file.
    """
    last = fore = initials = suffix = collective = orcid = None
    identifiers: tuple[Identifier, ...] = ()
    affiliations: tuple[str, ...] = ()
    for child in element:
        tag = child.tag
        if tag == "LastName":
            last = _plain(child)
        elif tag == "ForeName":
            fore = _plain(child)
        elif tag == "Initials":
            initials = _plain(child)
        elif tag == "AffiliationInfo":
            affiliation = _text(_child(child, "Affiliation"))
            if affiliation is not None:
                affiliations += (affiliation,)
        elif tag == "Identifier":
            identifier = _author_identifier(child, context)
            if isinstance(identifier, Identifier):
                identifiers += (identifier,)
            elif orcid is None:
                orcid = identifier
        elif tag == "CollectiveName":
            collective = _text(child)
        elif tag == "Suffix":
            suffix = _plain(child)
    return Author(
        last_name=last,
        fore_name=fore,
        initials=initials,
        suffix=suffix,
        collective_name=collective,
        orcid=orcid,
        identifiers=identifiers,
        affiliations=affiliations,
        email=_email(affiliations) if affiliations else None,
    )


def _author_identifier(element: Element, context: _Context) -> Identifier | str | None:
    """A valid ORCID as a string (for ``Author.orcid``), another scheme as an Identifier."""
    value = _plain(element)
    if value is None:
        return None
    scheme = element.get("Source") or "unknown"
    if scheme.upper() == "ORCID":
        return _checked(parse_orcid, value, context, "ORCID")
    return Identifier(scheme, value)


def _with_article_affiliation(authors: list[Author], affiliation: str | None) -> None:
    """Pre-2014 MEDLINE stated one affiliation per article, that of the first author."""
    if affiliation is None or not authors or authors[0].affiliations:
        return
    first = authors[0]
    authors[0] = replace(
        first, affiliations=(affiliation,), email=first.email or _email((affiliation,))
    )


# -- abstract, MeSH, keywords, references ----------------------------------------------------


def _abstract(element: Element | None) -> tuple[tuple[AbstractSection, ...], bool]:
    """Sections of an Abstract/OtherAbstract, and whether MEDLINE truncated it."""
    if element is None:
        return (), False
    sections: list[AbstractSection] = []
    for part in element.iterchildren("AbstractText"):
        text = _text(part)
        if text is not None:
            sections.append(
                AbstractSection(text, part.get("Label") or None, part.get("NlmCategory") or None)
            )
    if not sections:
        return (), False
    last = sections[-1]
    if "ABSTRACT TRUNCATED" not in last.text:
        return tuple(sections), False
    text = _TRUNCATED.sub("", last.text)
    if text:
        sections[-1] = AbstractSection(text, last.label, last.category)
    else:
        sections.pop()
    return tuple(sections), True


def _other_abstract(elements: list[Element]) -> tuple[tuple[AbstractSection, ...], bool]:
    """An OtherAbstract stands in only when there is no Abstract; English ones first."""
    elements.sort(key=lambda element: element.get("Language", "eng") != "eng")
    for element in elements:
        sections, truncated = _abstract(element)
        if sections:
            return sections, truncated
    return (), False


def _mesh(mesh_list: Element) -> list[MeshHeading]:
    headings: list[MeshHeading] = []
    for heading in mesh_list:
        descriptor = _child(heading, "DescriptorName")
        name = None if descriptor is None else _plain(descriptor)
        if descriptor is None or name is None:
            continue
        major = descriptor.get("MajorTopicYN") == "Y"
        qualifiers: list[str] = []
        for qualifier in heading.iterchildren("QualifierName"):
            qualifier_name = _plain(qualifier)
            if qualifier_name is not None:
                qualifiers.append(qualifier_name)
            major = major or qualifier.get("MajorTopicYN") == "Y"
        headings.append(_mesh_heading(name, descriptor.get("UI") or None, major, tuple(qualifiers)))
    return headings


# Frozen values recur across records ("Humans", "Female"; a few hundred distinct dates per
# file), and a cache hit costs a fifth of building a frozen dataclass.  Bounded, so a long
# run does not keep what it has read.
_mesh_heading = lru_cache(maxsize=1 << 14)(MeshHeading)
_partial_date = lru_cache(maxsize=1 << 14)(PartialDate)


def _keywords(keyword_list: Element, keywords: list[str]) -> None:
    for keyword in keyword_list:
        text = _text(keyword)
        if text is not None and text not in keywords:
            keywords.append(text)


def _references(reference_list: Element, references: list[Reference]) -> None:
    """References of a ReferenceList, which may nest further (titled) ReferenceLists."""
    for child in reference_list:
        if child.tag == "Reference":
            reference = _reference(child)
            if reference is not None:
                references.append(reference)
        elif child.tag == "ReferenceList":
            _references(child, references)


def _reference(element: Element) -> Reference | None:
    """A cited work: its citation string and the ids PubMed linked it to.

    A malformed id of a cited work costs only that id, without a warning: a record can cite
    hundreds of works and the warnings would drown the ones about the record itself.
    """
    citation = pmid = pmcid = doi = None
    for child in element:
        tag = child.tag
        if tag == "Citation":
            citation = _text(child)
        elif tag == "ArticleIdList":
            for article_id in child:
                kind = article_id.get("IdType")
                value = article_id.text
                if not value:
                    continue
                try:
                    if kind == "pubmed":
                        pmid = pmid or _fast_pmid(value)
                    elif kind == "doi":
                        doi = doi or parse_doi(value)
                    elif kind in ("pmc", "pmcid"):
                        pmcid = pmcid or _parse_pmcid(value)
                except ValueError:
                    continue
    if citation is None and pmid is None and doi is None and pmcid is None:
        return None
    return Reference(citation=citation, pmid=pmid, pmcid=pmcid, doi=doi)


# -- articles --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Fields:
    """Everything read from one article before it is frozen into a Record."""

    pmid: str | None = None
    version: int | None = None
    ids: _Ids = field(default_factory=_Ids)
    title: str | None = None
    vernacular_title: str | None = None
    abstract: tuple[AbstractSection, ...] = ()
    abstract_truncated: bool = False
    other_abstracts: list[Element] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    article_affiliation: str | None = None
    journal_title: str | None = None
    iso_abbrev: str | None = None
    medline_ta: str | None = None
    issn: str | None = None
    issn_linking: str | None = None
    volume: str | None = None
    issue: str | None = None
    date: PartialDate | None = None
    pages: str | None = None
    language: str | None = None
    publication_types: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    mesh: list[MeshHeading] = field(default_factory=list)
    history: dict[str, PartialDate] = field(default_factory=dict)
    epub: PartialDate | None = None
    completed: PartialDate | None = None
    references: list[Reference] = field(default_factory=list)


def _article(element: Element, context: _Context) -> Record | Problem:
    """A PubmedArticle, or a bare MedlineCitation of a legacy set, as a Record."""
    fields = _Fields()
    citation = element if element.tag == "MedlineCitation" else _child(element, "MedlineCitation")
    if citation is not None:
        _citation(citation, fields, context)
    data = _child(element, "PubmedData")
    if data is not None:
        _pubmed_data(data, fields, context)
    return _record(fields, context)


def _citation(citation: Element, fields: _Fields, context: _Context) -> None:
    for child in citation:
        tag = child.tag
        if tag == "PMID":  # the first child, so warnings about later fields can name it
            fields.pmid = context.pmid = _pmid_of(child, context)
            fields.version = _version(citation, child)
        elif tag == "Article":
            _article_element(child, fields, context)
        elif tag == "MeshHeadingList":
            fields.mesh = _mesh(child)
        elif tag == "MedlineJournalInfo":
            _journal_info(child, fields, context)
        elif tag == "KeywordList":
            _keywords(child, fields.keywords)
        elif tag == "DateCompleted":
            fields.completed = _date(child)
        elif tag == "OtherAbstract":
            fields.other_abstracts.append(child)
        elif tag == "OtherID":
            _other_id(child, fields.ids)


def _journal_info(info: Element, fields: _Fields, context: _Context) -> None:
    for child in info:
        tag = child.tag
        if tag == "MedlineTA":
            fields.medline_ta = _plain(child)
        elif tag == "ISSNLinking":
            fields.issn_linking = _checked(parse_issn, _plain(child), context, "ISSN")


def _other_id(element: Element, ids: _Ids) -> None:
    """Legacy records carry the PMCID only as ``<OtherID Source="NLM">PMC123 [...]</OtherID>``."""
    value = element.text
    if value and element.get("Source") == "NLM" and value.startswith("PMC"):
        with suppress(ValueError):
            ids.nlm_pmcid = ids.nlm_pmcid or parse_pmcid(value.split()[0])


def _article_element(article: Element, fields: _Fields, context: _Context) -> None:
    for child in article:
        tag = child.tag
        if tag == "Journal":
            _journal(child, fields, context)
        elif tag == "ArticleTitle":
            fields.title = _title(child)
        elif tag == "Abstract":
            fields.abstract, fields.abstract_truncated = _abstract(child)
        elif tag == "AuthorList":
            fields.authors = _authors(child, context)
        elif tag == "Pagination":
            fields.pages = _pages(child)
        elif tag == "ELocationID":
            _elocation(child, fields, context)
        elif tag == "Language":
            fields.language = fields.language or _plain(child)
        elif tag == "PublicationTypeList":
            fields.publication_types = [text for text in map(_plain, child) if text]
        elif tag == "ArticleDate":
            if child.get("DateType", "Electronic") == "Electronic":
                fields.epub = fields.epub or _date(child)
        elif tag == "VernacularTitle":
            fields.vernacular_title = _title(child)
        elif tag == "Affiliation":
            fields.article_affiliation = _text(child)


def _pages(pagination: Element) -> str | None:
    pages = _child_text(pagination, "MedlinePgn")
    if pages is not None:
        return pages
    start = _child_text(pagination, "StartPage")
    end = _child_text(pagination, "EndPage")
    if start and end:
        return f"{start}-{end}"
    return start


def _elocation(element: Element, fields: _Fields, context: _Context) -> None:
    """ELocationIDs stand in for ArticleIds that PubmedData lacks (always, in legacy sets)."""
    kind = element.get("EIdType")
    if kind is None or element.get("ValidYN", "Y") != "Y":
        return
    if kind != "doi":
        value = _plain(element)
        if value is not None:
            fields.ids.elocation_other.append(Identifier(kind, value))
        return
    if fields.ids.elocation_doi is None:
        fields.ids.elocation_doi = _checked(parse_doi, _text(element), context, "DOI")


def _journal(journal: Element, fields: _Fields, context: _Context) -> None:
    for child in journal:
        tag = child.tag
        if tag == "JournalIssue":
            _journal_issue(child, fields)
        elif tag == "Title":
            fields.journal_title = _text(child)
        elif tag == "ISOAbbreviation":
            fields.iso_abbrev = _text(child)
        elif tag == "ISSN":
            fields.issn = _checked(parse_issn, _plain(child), context, "ISSN")


def _journal_issue(issue: Element, fields: _Fields) -> None:
    for child in issue:
        tag = child.tag
        if tag == "Volume":
            fields.volume = _plain(child)
        elif tag == "Issue":
            fields.issue = _plain(child)
        elif tag == "PubDate":
            fields.date = _date(child)


def _pubmed_data(data: Element, fields: _Fields, context: _Context) -> None:
    for child in data:
        tag = child.tag
        if tag == "ArticleIdList":
            _article_ids(child, fields.ids, context)
        elif tag == "History":
            _history(child, fields)
        elif tag == "ReferenceList":
            _references(child, fields.references)


def _history(history: Element, fields: _Fields) -> None:
    """The history dates the record uses; ``medline`` and ``aheadofprint`` are fallbacks only."""
    wanted = set(_HISTORY)
    if fields.completed is not None:
        wanted.discard("medline")
    if fields.epub is not None:
        wanted.discard("aheadofprint")
    for pub_date in history:
        status = pub_date.get("PubStatus")
        if status in wanted:
            date = _date(pub_date)
            if date is not None:
                fields.history[str(status)] = date
                wanted.discard(status)


def _record(fields: _Fields, context: _Context) -> Record | Problem:
    """Freeze the collected fields, or reject a record that cannot be identified at all."""
    title = fields.title or fields.vernacular_title
    if fields.pmid is None and title is None:
        return Problem(
            file=context.file,
            line=context.line,
            record=context.ordinal,
            message=f"record {context.ordinal} has neither a PMID nor a title; rejected",
            expected="<PMID> or <ArticleTitle>",
        )
    if not fields.abstract and fields.other_abstracts:
        fields.abstract, fields.abstract_truncated = _other_abstract(fields.other_abstracts)
    authors = fields.authors
    _with_article_affiliation(authors, fields.article_affiliation)
    history = fields.history
    epub = fields.epub or history.get("aheadofprint")
    date = fields.date
    ids = fields.ids
    return Record(
        source=context.source(),
        pmid=fields.pmid,
        pmcid=ids.pmcid or ids.nlm_pmcid,
        doi=ids.doi or ids.elocation_doi,
        other_ids=ids.other_ids(),
        title=title,
        abstract=fields.abstract,
        abstract_truncated=fields.abstract_truncated,
        authors=tuple(authors),
        journal_abbrev=fields.medline_ta or fields.iso_abbrev,
        journal_title=fields.journal_title,
        issn=fields.issn,
        issn_linking=fields.issn_linking,
        year=date.year if date else (epub.year if epub else None),
        date=date,
        volume=fields.volume,
        issue=fields.issue,
        pages=fields.pages,
        language=fields.language,
        publication_types=tuple(fields.publication_types),
        keywords=tuple(fields.keywords),
        mesh_headings=tuple(fields.mesh),
        received=history.get("received"),
        revised=history.get("revised"),
        accepted=history.get("accepted"),
        epub=epub,
        indexed=fields.completed or history.get("medline"),
        references=tuple(fields.references),
        version=fields.version,
    )


# -- books and deletions ---------------------------------------------------------------------


def _book_article(element: Element, context: _Context) -> Record | Problem:
    """A PubmedBookArticle (Bookshelf chapter or book) with the fields a book has."""
    fields = _Fields()
    document = _child(element, "BookDocument")
    if document is not None:
        _book_document(document, fields, context)
    data = _child(element, "PubmedBookData")
    if data is not None:
        _pubmed_data(data, fields, context)
    return _record(fields, context)


def _book_document(document: Element, fields: _Fields, context: _Context) -> None:
    fields.pmid = context.pmid = _pmid_of(_child(document, "PMID"), context)
    book = _child(document, "Book")
    book_authors: list[Author] = []
    if book is not None:
        fields.title = _title(_child(book, "BookTitle"))
        fields.date = _date(_child(book, "PubDate"))
        fields.volume = _child_text(book, "Volume")
        for author_list in book.iterchildren("AuthorList"):
            book_authors = book_authors or _authors(author_list, context)
    for child in document:
        tag = child.tag
        if tag == "ArticleTitle":
            fields.title = _title(child) or fields.title
        elif tag == "VernacularTitle":
            fields.vernacular_title = _title(child)
        elif tag == "Abstract":
            fields.abstract, fields.abstract_truncated = _abstract(child)
        elif tag == "AuthorList":
            fields.authors = fields.authors or _authors(child, context)
        elif tag == "ArticleIdList":
            _article_ids(child, fields.ids, context)
        elif tag == "Language":
            fields.language = fields.language or _plain(child)
        elif tag == "PublicationType":
            text = _text(child)
            if text:
                fields.publication_types.append(text)
        elif tag == "KeywordList":
            _keywords(child, fields.keywords)
        elif tag == "ReferenceList":
            _references(child, fields.references)
    fields.authors = fields.authors or book_authors


def _deletion(element: Element, context: _Context) -> Deletion:
    pmids: list[str] = []
    for pmid_element in element.iterchildren("PMID"):
        pmid = _pmid_of(pmid_element, context)
        if pmid is not None:
            pmids.append(pmid)
    return Deletion(pmids=tuple(pmids), source=context.source())
