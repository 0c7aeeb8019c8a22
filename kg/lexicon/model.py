"""A grounded concept and the tab-separated form the lexicons are committed in.

Lexicons are plain TSV files under ``ontology/lexicon/`` so a reviewer can read a diff of
what changed between two lexicon builds.  One row is one concept:

``id  label  name  synonyms  xrefs  parents  source  extra``

Multi-valued fields are joined with :data:`SEPARATOR`; ``extra`` is a compact JSON object for
the few typed attributes some concepts have (a mechanism's ``direction`` and ``targets``, a
therapy's ``derived_from`` cell types, ``ambiguous`` short forms).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal, TypeAlias

__all__ = [
    "COLUMNS",
    "CONCEPT_LABELS",
    "SEPARATOR",
    "Concept",
    "ConceptLabel",
    "read_concepts",
    "write_concepts",
]

ConceptLabel: TypeAlias = Literal[
    "Disease", "Therapy", "Chemical", "Mechanism", "CellType", "Molecule"
]
CONCEPT_LABELS: Final[tuple[ConceptLabel, ...]] = (
    "Disease",
    "Therapy",
    "Chemical",
    "Mechanism",
    "CellType",
    "Molecule",
)
SEPARATOR: Final = " | "
COLUMNS: Final = ("id", "label", "name", "synonyms", "xrefs", "parents", "source", "extra")


@dataclass(frozen=True, slots=True)
class Concept:
    """One grounded concept.

    ``id`` is a CURIE of the ontology it comes from (``DOID:9074``, ``MESH:D008180``,
    ``CL:0000134``, ``GO:0001525``) or ``KG:<slug>`` for a curated concept no ontology has.
    ``parents`` are is-a parents (CURIEs, possibly in other lexicon files); ``xrefs`` are the
    same concept in other vocabularies, most useful first (MeSH before OMIM before the rest),
    because annotation output reports the first MeSH or OMIM one.
    """

    id: str
    label: ConceptLabel
    name: str
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    source: str = ""
    extra: Mapping[str, object] = field(default_factory=dict)

    def names(self) -> tuple[str, ...]:
        """The preferred name followed by every synonym, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.synonyms)))


def _join(values: Iterable[str]) -> str:
    return SEPARATOR.join(value.replace("\t", " ").replace("\n", " ") for value in values)


def _split(field_text: str) -> tuple[str, ...]:
    return tuple(part for part in field_text.split(SEPARATOR) if part) if field_text else ()


def write_concepts(path: Path, concepts: Iterable[Concept]) -> int:
    """Write concepts sorted by id (so a rebuild is byte-identical); returns how many."""
    rows = sorted(concepts, key=lambda concept: concept.id)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("\t".join(COLUMNS) + "\n")
        for concept in rows:
            extra = json.dumps(dict(concept.extra), sort_keys=True, ensure_ascii=False)
            out.write(
                "\t".join(
                    (
                        concept.id,
                        concept.label,
                        _join([concept.name]),
                        _join(concept.synonyms),
                        _join(concept.xrefs),
                        _join(concept.parents),
                        _join([concept.source]),
                        "" if extra == "{}" else extra,
                    )
                )
                + "\n"
            )
    return len(rows)


def read_concepts(path: Path) -> Iterator[Concept]:
    """Concepts of one lexicon file, in file order.

    Raises ValueError naming the file and line when a row does not have the columns of
    :data:`COLUMNS` or a label outside :data:`CONCEPT_LABELS`.
    """
    with path.open(encoding="utf-8") as lines:
        header = next(lines, "").rstrip("\n").split("\t")
        if tuple(header) != COLUMNS:
            raise ValueError(f"{path}: line 1: expected the header {' '.join(COLUMNS)}")
        for number, line in enumerate(lines, start=2):
            cells = line.rstrip("\n").split("\t")
            if len(cells) != len(COLUMNS):
                raise ValueError(
                    f"{path}: line {number}: expected {len(COLUMNS)} tab-separated columns, "
                    f"found {len(cells)}"
                )
            concept_id, label, name, synonyms, xrefs, parents, source, extra = cells
            if label not in CONCEPT_LABELS:
                raise ValueError(
                    f"{path}: line {number}: label {label!r} is not one of "
                    f"{', '.join(CONCEPT_LABELS)}"
                )
            yield Concept(
                id=concept_id,
                label=label,
                name=name,
                synonyms=_split(synonyms),
                xrefs=_split(xrefs),
                parents=_split(parents),
                source=source,
                extra=json.loads(extra) if extra else {},
            )
