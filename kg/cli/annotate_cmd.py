"""``kg annotate``: the recogniser on its own, over plain text or PubTator files.

PubTator output follows the corpora's columns (document id, start, end, text, type, concept
id) so standard evaluation scripts can read it; the sixth column is the MeSH or OMIM id where
the concept has one (as NCBI Disease and BC5CDR annotate) and a seventh column gives kg's own
concept id.  Plain text keeps its offsets: line breaks become spaces, one for one.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import click

from kg.errors import InputError
from kg.nlp.annotate import Annotation, Annotator
from kg.nlp.lexicon import CompiledLexicon, load_lexicon
from kg.pubtator import PubtatorError, PubtatorMention, format_document, is_pubtator
from kg.pubtator import iter_documents as iter_pubtator

__all__ = ["annotate_command"]


def _documents(path: str) -> Iterator[tuple[str, str, str]]:
    """(document id, title, abstract) of a PubTator or plain-text input."""
    try:
        if path == "-":
            text = sys.stdin.read()
            name = "stdin"
        else:
            text = Path(path).read_text(encoding="utf-8-sig")
            name = Path(path).name.split(".")[0] or "document"
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read as UTF-8 text: {error}") from error
    lines = text.replace("\r\n", "\n").split("\n")
    if is_pubtator(lines[:5]):
        try:
            for document in iter_pubtator(lines, path):
                yield document.id, document.title, document.abstract
        except PubtatorError as error:
            raise InputError(str(error)) from error
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    flat = text.replace("\n", " ").replace("\t", " ")
    first_break = text.find("\n")
    if first_break < 0:
        yield name, flat, ""
    else:  # title + " " + abstract is the text again, so offsets are the file's
        yield name, flat[:first_break], flat[first_break + 1 :]


def _text(title: str, abstract: str) -> str:
    return f"{title} {abstract}" if abstract else title


def _standard_id(lexicon: CompiledLexicon, concept_id: str) -> str:
    info = lexicon.concept(concept_id)
    standard = info.standard_id if info is not None else None
    if standard is None:
        return concept_id
    return standard.removeprefix("MESH:")


def _write_pubtator(
    out: IO[str],
    lexicon: CompiledLexicon,
    doc_id: str,
    title: str,
    abstract: str,
    annotation: Annotation,
) -> None:
    mentions = [
        PubtatorMention(m.start, m.end, m.text, m.label, (_standard_id(lexicon, m.concept),))
        for m in annotation.mentions
    ]
    block = format_document(doc_id, title, abstract, mentions).rstrip("\n").split("\n")
    head, mention_lines = block[:2], block[2:]
    out.write("\n".join(head) + "\n")
    for line, mention in zip(mention_lines, annotation.mentions, strict=True):
        out.write(f"{line}\t{mention.concept}\n")
    seen: set[tuple[str, str, str]] = set()
    for relation in annotation.relations:
        key = (relation.type, relation.source, relation.target)
        if key not in seen and relation.modality == "asserted":
            seen.add(key)
            out.write(f"{doc_id}\t{relation.type}\t{relation.source}\t{relation.target}\n")
    out.write("\n")


def _as_json(
    lexicon: CompiledLexicon, doc_id: str, text: str, annotation: Annotation
) -> dict[str, object]:
    return {
        "id": doc_id,
        "text": text,
        "study_design": annotation.study_design,
        "mentions": [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": m.label,
                "concept": m.concept,
                "standard_id": _standard_id(lexicon, m.concept),
                "name": (info.name if (info := lexicon.concept(m.concept)) else m.text),
                "via": m.via,
            }
            for m in annotation.mentions
        ],
        "relations": [
            {
                "type": r.type,
                "source": r.source,
                "target": r.target,
                "sentence": r.sentence.text,
                "start": r.sentence.start,
                "end": r.sentence.end,
                "extractor": r.extractor,
                "confidence": r.confidence,
                "modality": r.modality,
                **({"evidence_level": r.evidence_level} if r.evidence_level else {}),
                **({"direction": r.direction} if r.direction else {}),
            }
            for r in annotation.relations
        ],
    }


@click.command(
    "annotate",
    epilog="Example: kg annotate abstracts.pubtator --format pubtator > predicted.pubtator",
)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["pubtator", "json"]),
    default="pubtator",
    show_default=True,
    help="PubTator (tab-separated mentions and relations) or JSON Lines, one document a line.",
)
@click.option(
    "--lexicon",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Lexicon directory instead of the one shipped with kg.",
)
def annotate_command(inputs: tuple[str, ...], output_format: str, lexicon: Path | None) -> None:
    """Recognise and ground concepts (and relations) in plain text or PubTator INPUT files.

    A PubTator input is annotated document by document (its own annotations are ignored);
    any other file is one document whose first line is the title. `-` reads standard input.
    Writes to standard output.
    """
    compiled = load_lexicon(lexicon)
    annotator = Annotator(compiled)
    out = sys.stdout
    for path in inputs:
        for doc_id, title, abstract in _documents(path):
            text = _text(title, abstract)
            annotation = annotator.annotate_fields([("text", text)])
            if output_format == "json":
                out.write(
                    json.dumps(_as_json(compiled, doc_id, text, annotation), ensure_ascii=False)
                    + "\n"
                )
            else:
                _write_pubtator(out, compiled, doc_id, title, abstract, annotation)
