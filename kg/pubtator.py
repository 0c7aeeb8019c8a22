"""The PubTator format: titles, abstracts and their annotations, as NCBI's corpora ship them.

The standard evaluation corpora (NCBI-disease, BC5CDR, BioRED) come in it, and ``kg annotate``
writes it, so reading and writing live together and round-trip.  A document is::

    8808605|t|Somatic-cell selection is a major determinant ...
    8808605|a|X-chromosome inactivation in mammals is regarded ...
    8808605<TAB>154<TAB>171<TAB>enzyme deficiency<TAB>DiseaseClass<TAB>D008661
    6794356<TAB>CID<TAB>D016651<TAB>D003490
    14510914<TAB>Positive_Correlation<TAB>C564766<TAB>D003409<TAB>Novel

followed by a blank line.  Mention offsets count characters of ``title + " " + abstract``; the
reader checks that every mention's text is what stands there, so a file whose offsets are off
fails loudly instead of silently corrupting an evaluation.  (One tolerated quirk: a mention text
with stray spaces around it, as one line of NCBI-disease's training set has, takes the text at
its offsets.)

Concept identifiers: several in one field are separated by ``|`` (NCBI-disease, BC5CDR), ``,``
(BioRED genes) or ``+`` (NCBI-disease composite mentions); all three become separate ids.
``-1`` and ``-`` mean "no identifier".  Sequence variants are the exception: their tmVar
identifiers (BioRED's ``c|SUB|C|1234|T``, ``p|DEL|439_443|``) contain ``|`` and ``+``
themselves and are kept whole, recognised by the annotation type (``SequenceVariant``,
``DNAMutation``, ...) or by their shape.  A seventh column (BC5CDR's individual mentions of a
composite mention) is kept in ``PubtatorMention.extra``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final

from kg.errors import NotParsable

__all__ = [
    "PubtatorDocument",
    "PubtatorError",
    "PubtatorMention",
    "PubtatorRelation",
    "format_document",
    "is_pubtator",
    "iter_documents",
]

_TEXT_LINE: Final = re.compile(r"([^|\t\s]+)\|([ta])\|(.*)")
_ID_SEPARATORS: Final = re.compile(r"[|,+]")
# A tmVar variant identifier, alone or inside PubTator3's "tmVar:c|SUB|C|1234|T;HGVS:..." form:
# an optional sequence type, then an operation such as SUB or DEL, between bars.
_VARIANT_ID: Final = re.compile(
    r"(?:^|[:;])[cgmnpr]?\|(?:SUB|DEL|INS|DUP|INDEL|INV|FS|EXT|Allele|CNV)\|"
)
# Annotation types whose identifiers are variant descriptions, to be kept whole.
_VARIANT_TYPES: Final = frozenset(
    {"SequenceVariant", "DNAMutation", "ProteinMutation", "SNP", "Mutation", "Variant"}
)
_NO_ID: Final = frozenset({"", "-", "-1"})


class PubtatorError(NotParsable, ValueError):
    """A line that does not follow the PubTator format; says where and what was expected."""


@dataclass(frozen=True, slots=True)
class PubtatorMention:
    """An annotated span: offsets into ``PubtatorDocument.text``, type, concept ids."""

    start: int
    end: int
    text: str
    type: str
    ids: tuple[str, ...]
    extra: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PubtatorRelation:
    """A document-level relation line: BC5CDR ``CID D1 D2``, BioRED ``Type ID1 ID2 Novel``."""

    type: str
    id1: str
    id2: str
    extra: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PubtatorDocument:
    """One document of a PubTator file."""

    id: str
    title: str
    abstract: str
    mentions: tuple[PubtatorMention, ...] = ()
    relations: tuple[PubtatorRelation, ...] = ()

    @property
    def text(self) -> str:
        """The text mention offsets count in: title and abstract joined by one space."""
        return f"{self.title} {self.abstract}" if self.abstract else self.title


@dataclass(slots=True)
class _Draft:
    """A document being read: its parts so far."""

    id: str
    title: str
    abstract: str | None = None
    mentions: list[PubtatorMention] = field(default_factory=list)
    relations: list[PubtatorRelation] = field(default_factory=list)
    joined: str | None = None  # title + " " + abstract, once a mention needs it

    def text(self) -> str:
        """The text the offsets count in, built once per document rather than per mention."""
        if self.joined is None:
            self.joined = f"{self.title} {self.abstract}" if self.abstract else self.title
        return self.joined

    def finish(self) -> PubtatorDocument:
        """The finished, immutable document."""
        return PubtatorDocument(
            self.id, self.title, self.abstract or "", tuple(self.mentions), tuple(self.relations)
        )


def iter_documents(
    lines: Iterable[str], source: str, *, check_offsets: bool = True
) -> Iterator[PubtatorDocument]:
    """Yield the documents of a PubTator file given as lines (with or without line endings).

    ``source`` names the input in error messages.  Raises PubtatorError at the first line that
    is not a title, abstract, mention or relation line of the current document, and, unless
    ``check_offsets`` is false, at a mention whose text differs from the text at its offsets.
    """
    draft: _Draft | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            if draft is not None:
                yield draft.finish()
                draft = None
            continue
        text_line = _TEXT_LINE.fullmatch(line)
        if text_line is not None:
            doc_id, kind, content = text_line.groups()
            if kind == "t":
                if draft is not None:  # no blank line between documents: be lenient
                    yield draft.finish()
                draft = _Draft(doc_id, content)
                continue
            if draft is None or draft.id != doc_id:
                raise _error(source, number, f"the title line '{doc_id}|t|...' first", line)
            if draft.abstract is not None or draft.mentions or draft.relations:
                raise _error(source, number, "one abstract line, right after its title", line)
            draft.abstract = content
            continue
        if draft is None:
            raise _error(source, number, "a title line 'ID|t|title'", line)
        fields = line.split("\t")
        if fields[0] != draft.id:
            raise _error(
                source, number, f"an annotation line of document {draft.id} or a blank line", line
            )
        if len(fields) >= 2 and fields[1].isdigit():
            draft.mentions.append(_mention(fields, draft, source, number, check_offsets))
        elif len(fields) >= 4:
            draft.relations.append(
                PubtatorRelation(fields[1], fields[2], fields[3], tuple(fields[4:]))
            )
        else:
            raise _error(
                source,
                number,
                "'ID<TAB>start<TAB>end<TAB>text<TAB>type<TAB>ids' or 'ID<TAB>type<TAB>id1<TAB>id2'",
                line,
            )
    if draft is not None:
        yield draft.finish()


def _mention(
    fields: list[str], draft: _Draft, source: str, number: int, check_offsets: bool
) -> PubtatorMention:
    """The mention of a tab-separated annotation line, checked against the document text."""
    if len(fields) < 5 or not fields[2].isdigit():
        raise _error(
            source, number, "'ID<TAB>start<TAB>end<TAB>text<TAB>type[<TAB>ids]'", "\t".join(fields)
        )
    start, end = int(fields[1]), int(fields[2])
    surface, kind = fields[3], fields[4]
    if check_offsets:
        text = draft.text()
        found = text[start:end] if start <= end else f"start {start} after end {end}"
        if found == surface.strip() != surface:
            surface = found  # the offsets win: NCBI-disease has a mention with trailing spaces
        elif found != surface:
            raise PubtatorError(
                f"expected the mention text {surface!r} at offsets {start}-{end} of document "
                f"{draft.id} (title + ' ' + abstract), found {found!r}",
                file=source,
                line=number,
            )
    ids = _split_ids(fields[5], kind) if len(fields) > 5 else ()
    return PubtatorMention(start, end, surface, kind, ids, tuple(fields[6:]))


def _split_ids(value: str, kind: str) -> tuple[str, ...]:
    """The concept ids of an id field; "-1" and "-" mean none; tmVar variant ids stay whole."""
    value = value.strip()
    if value in _NO_ID:
        return ()
    if kind in _VARIANT_TYPES or _VARIANT_ID.search(value):
        return (value,)
    return tuple(
        part for part in (p.strip() for p in _ID_SEPARATORS.split(value)) if part not in _NO_ID
    )


def _error(source: str, number: int, expected: str, found: str) -> PubtatorError:
    """The error for line ``number``: what was expected and (the start of) what was found."""
    shown = found if len(found) <= 60 else found[:57] + "..."
    return PubtatorError(f"expected {expected}, found {shown!r}", file=source, line=number)


def is_pubtator(first_lines: list[str]) -> bool:
    """Whether the first lines of a file look like PubTator: a title line, then its document."""
    lines = [line.rstrip("\r\n").removeprefix("\ufeff") for line in first_lines]
    lines = [line for line in lines if line.strip()]
    if not lines:
        return False
    title = _TEXT_LINE.fullmatch(lines[0])
    if title is None or title.group(2) != "t":
        return False
    doc_id = title.group(1)
    for line in lines[1:3]:
        text_line = _TEXT_LINE.fullmatch(line)
        if text_line is not None:
            if text_line.group(1) != doc_id and text_line.group(2) == "a":
                return False
            continue
        if line.split("\t", 1)[0] != doc_id or "\t" not in line:
            return False
    return True


def format_document(
    doc_id: str,
    title: str,
    abstract: str,
    mentions: Iterable[PubtatorMention],
    relations: Iterable[PubtatorRelation] = (),
) -> str:
    """One document in PubTator format, ending with the blank line that separates documents.

    Raises ValueError for content the format cannot carry (line breaks or tabs in text, an id
    with ``|``) and for a mention whose text is not the document text at its offsets.
    """
    if not doc_id or any(char.isspace() or char == "|" for char in doc_id):
        raise ValueError(f"a PubTator document id must be one word without '|': {doc_id!r}")
    for name, value in (("title", title), ("abstract", abstract)):
        if any(char in value for char in "\r\n"):
            raise ValueError(f"the {name} of document {doc_id} contains a line break")
    text = f"{title} {abstract}" if abstract else title
    out = [f"{doc_id}|t|{title}\n", f"{doc_id}|a|{abstract}\n"]
    for mention in mentions:
        if text[mention.start : mention.end] != mention.text:
            raise ValueError(
                f"mention {mention.text!r} of document {doc_id} is not at "
                f"{mention.start}-{mention.end}"
            )
        columns = [doc_id, str(mention.start), str(mention.end), mention.text, mention.type]
        columns.append(_join_ids(mention.ids, mention.type))
        columns.extend(mention.extra)
        out.append(_tab_line(columns, doc_id))
    for relation in relations:
        if relation.type.isdigit():
            raise ValueError(f"relation type {relation.type!r} would read back as an offset")
        columns = [doc_id, relation.type, relation.id1, relation.id2, *relation.extra]
        out.append(_tab_line(columns, doc_id))
    out.append("\n")
    return "".join(out)


def _join_ids(ids: tuple[str, ...], kind: str) -> str:
    """The id field for ``ids``: joined by ``|``; "-1" for none; a variant id as it is."""
    if not ids:
        return "-1"
    if len(ids) == 1 and (kind in _VARIANT_TYPES or _VARIANT_ID.search(ids[0])):
        if ids[0] in _NO_ID or ids[0] != ids[0].strip():
            raise ValueError(f"variant id {ids[0]!r} cannot be written in PubTator")
        return ids[0]
    for concept in ids:
        if concept in _NO_ID or _ID_SEPARATORS.search(concept) or concept != concept.strip():
            raise ValueError(f"concept id {concept!r} cannot be written in a PubTator id list")
    joined = "|".join(ids)
    if kind in _VARIANT_TYPES or _VARIANT_ID.search(joined):
        raise ValueError(f"ids {ids!r} would read back as one variant id {joined!r}")
    return joined


def _tab_line(columns: list[str], doc_id: str) -> str:
    """One tab-separated annotation line; a tab or line break inside a column would break it."""
    for column in columns:
        if any(char in column for char in "\t\r\n"):
            raise ValueError(f"a tab or line break in an annotation of document {doc_id}")
    return "\t".join(columns) + "\n"
