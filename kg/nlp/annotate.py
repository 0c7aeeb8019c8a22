"""Annotate one record: grounded mentions, sentences, study design and relations.

This is the biomedical stage of ``kg build`` for one paper and the engine of ``kg annotate``.
Title, abstract and keywords are recognised together (a short form defined in the abstract
counts in the title); MeSH headings are grounded through their descriptor ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.model import Record
from kg.nlp.lexicon import CompiledLexicon, load_lexicon
from kg.nlp.recognize import Mention, Recognizer
from kg.nlp.relations import Relation, RelationExtractor, Sentence
from kg.nlp.sentences import split_sentences
from kg.nlp.study_design import paper_design

__all__ = ["Annotation", "Annotator", "record_fields"]

TEXT_FIELDS = ("title", "abstract")
KEYWORD_SEPARATOR = "; "


@dataclass(frozen=True, slots=True)
class Annotation:
    """What one record says, grounded."""

    mentions: list[Mention]
    sentences: list[Sentence]
    relations: list[Relation]
    study_design: str


def record_fields(record: Record) -> list[tuple[str, str]]:
    """The text fields of a record that recognition reads, by name."""
    fields: list[tuple[str, str]] = []
    if record.title:
        fields.append(("title", record.title))
    abstract = record.abstract_text
    if abstract:
        fields.append(("abstract", abstract))
    if record.keywords:
        fields.append(("keywords", KEYWORD_SEPARATOR.join(record.keywords)))
    return fields


class Annotator:
    """Recogniser and relation extractor over one compiled lexicon."""

    def __init__(self, lexicon: CompiledLexicon | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.recognizer = Recognizer(self.lexicon)
        self.extractor = RelationExtractor(self.lexicon)

    def annotate_fields(
        self,
        fields: Sequence[tuple[str, str]],
        publication_types: Sequence[str] = (),
    ) -> Annotation:
        """Annotate named text fields; relations come from the title and abstract fields."""
        mentions = self.recognizer.recognize(fields)
        sentences = [
            Sentence(name, start, end, text[start:end])
            for name, text in fields
            if name not in ("keywords", "mesh")
            for start, end in split_sentences(text)
        ]
        design = paper_design(publication_types, [sentence.text for sentence in sentences])
        relations = self.extractor.extract(sentences, mentions, design)
        return Annotation(mentions, sentences, relations, design)

    def annotate_record(self, record: Record) -> Annotation:
        """Annotate a record, MeSH headings included."""
        annotation = self.annotate_fields(record_fields(record), record.publication_types)
        offset = 0
        for heading in record.mesh_headings:
            concept_id = self.recognizer.ground_mesh(heading.descriptor, heading.descriptor_id)
            if concept_id is not None:
                info = self.lexicon.concept(concept_id)
                if info is not None:
                    annotation.mentions.append(
                        Mention(
                            concept=concept_id,
                            label=info.label,
                            field="mesh",
                            start=offset,
                            end=offset + len(heading.descriptor),
                            text=heading.descriptor,
                            via="mesh",
                        )
                    )
            offset += len(heading.descriptor) + len(KEYWORD_SEPARATOR)
        return annotation
