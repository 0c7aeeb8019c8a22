"""The curated vocabulary: ``ontology/curated/*.toml`` read, checked and turned into concepts.

The curated files are written by hand, so every mistake must come back as one line naming the
file, the entry (its position and id) and what was expected, never as a traceback or a silently
wrong lexicon.  The format is the shared contract in ``ontology/curated``: a list of
``[[concept]]`` tables with ``id``, ``label``, ``name``, ``source`` and optional lists.

Checks that need the ontologies (does a parent id exist?) are in :func:`check_references`,
which :mod:`kg.lexicon.assemble` calls once every ontology is loaded.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from kg.errors import ConfigError, NotParsable
from kg.lexicon.model import CONCEPT_LABELS, SEPARATOR, Concept, ConceptLabel
from kg.lexicon.ontologies import make_concept, tidy, usable_name
from kg.nlp.normalize import normalize_key

__all__ = [
    "REFERENCE_FIELDS",
    "CuratedEntry",
    "augment",
    "check_references",
    "load_curated",
]

_REQUIRED: Final = ("id", "label", "name", "source")
_LISTS: Final = (
    "synonyms",
    "xrefs",
    "parents",
    "derived_from",
    "targets",
    "cell_types",
    "unambiguous",
)
_KEYS: Final = frozenset((*_REQUIRED, *_LISTS, "direction", "role"))
# What a chemical is used as in the papers, when it is not a treatment: the control arm of a
# trial, or the agent that induces an animal model of a disease.  Neither ever TREATS.
ROLES: Final = ("comparator", "inducer")
# Fields holding ids of other lexicon concepts: the only label whose entries may use the field,
# and the label the referenced concept must have (DESIGN §3: Therapy DERIVED_FROM CellType,
# Mechanism TARGETS Molecule).
REFERENCE_FIELDS: Final[Mapping[str, tuple[ConceptLabel | None, ConceptLabel | None]]] = {
    "parents": (None, None),
    "derived_from": ("Therapy", "CellType"),
    "targets": ("Mechanism", "Molecule"),
    "cell_types": ("Mechanism", "CellType"),
}
_DIRECTIONS: Final = ("increase", "decrease")
_CURIE: Final = re.compile(r"^[A-Za-z][A-Za-z0-9_]*:[^\s|]+$")
_KG_ID: Final = re.compile(r"^KG:[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True, slots=True)
class CuratedEntry:
    """One checked ``[[concept]]`` table and where it was written."""

    concept: Concept
    file: Path
    index: int  # 1-based position in its file
    references: tuple[tuple[str, str], ...]  # (field, id) pairs naming other concepts

    def where(self) -> str:
        """``concept 3 (KG:bm-msc)``: how error messages point at the entry."""
        return f"concept {self.index} ({self.concept.id})"


def load_curated(directory: Path) -> list[CuratedEntry]:
    """Every entry of ``directory/*.toml`` (files in name order), checked on its own.

    Raises ConfigError when the directory does not exist and NotParsable for a file that is not
    TOML, an entry with a missing or mistyped key, an unknown label or key, or an id used twice.
    """
    if not directory.is_dir():
        raise ConfigError(f"curated directory {directory} does not exist")
    entries: list[CuratedEntry] = []
    seen: dict[str, CuratedEntry] = {}
    for path in sorted(directory.glob("*.toml")):
        for entry in _read_file(path):
            earlier = seen.get(entry.concept.id)
            if earlier is not None:
                raise NotParsable(
                    f"{entry.where()}: id already used by {earlier.where()} in {earlier.file}",
                    file=str(path),
                )
            seen[entry.concept.id] = entry
            entries.append(entry)
    return entries


def _read_file(path: Path) -> list[CuratedEntry]:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise NotParsable(f"cannot read the curated file: {error}", file=str(path)) from error
    except tomllib.TOMLDecodeError as error:
        raise NotParsable(f"not valid TOML: {error}", file=str(path)) from error
    extra = sorted(set(document) - {"concept"})
    if extra:
        raise NotParsable(
            f"expected only [[concept]] tables; found the top-level key(s) {', '.join(extra)}",
            file=str(path),
        )
    tables = document.get("concept", [])
    if not isinstance(tables, list):
        raise NotParsable("expected [[concept]] tables, found a single [concept]", file=str(path))
    return [_entry(path, index, table) for index, table in enumerate(tables, start=1)]


def _fail(path: Path, index: int, table: Mapping[str, object], message: str) -> NotParsable:
    concept_id = table.get("id")
    who = f"concept {index}" + (f" ({concept_id})" if isinstance(concept_id, str) else "")
    return NotParsable(f"{who}: {message}", file=str(path))


def _text(value: object) -> bool:
    return isinstance(value, str) and "\t" not in value and "\n" not in value


def _entry(path: Path, index: int, table: object) -> CuratedEntry:
    if not isinstance(table, dict):
        raise NotParsable(f"concept {index}: expected a table", file=str(path))
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise _fail(
            path,
            index,
            table,
            f"unknown key(s) {', '.join(unknown)}; expected {', '.join(sorted(_KEYS))}",
        )
    for key in _REQUIRED:
        value = table.get(key)
        if value is None:
            raise _fail(path, index, table, f"missing key '{key}'")
        if not _text(value) or not str(value).strip():
            raise _fail(path, index, table, f"'{key}' must be a non-empty one-line string")
    lists: dict[str, list[str]] = {}
    for key in _LISTS:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(_text(item) and item for item in value):
            raise _fail(path, index, table, f"'{key}' must be a list of non-empty strings")
        if any(SEPARATOR in item for item in value):
            raise _fail(path, index, table, f"'{key}' items may not contain '{SEPARATOR}'")
        lists[key] = [tidy(item) for item in value]

    concept_id, label, name = table["id"], table["label"], tidy(table["name"])
    if not _CURIE.match(concept_id) or (
        concept_id.startswith("KG:") and not _KG_ID.match(concept_id)
    ):
        raise _fail(path, index, table, "'id' must be a CURIE such as MESH:D001172 or KG:bm-msc")
    if label not in CONCEPT_LABELS:
        raise _fail(
            path, index, table, f"label {label!r} is not one of {', '.join(CONCEPT_LABELS)}"
        )
    if not usable_name(name) or SEPARATOR in name:
        raise _fail(path, index, table, f"name {name!r} is too short, a number or too long")
    for key, (only, _) in REFERENCE_FIELDS.items():
        if only is not None and lists[key] and label != only:
            raise _fail(path, index, table, f"'{key}' is only for {only} concepts")
    direction = table.get("direction")
    if direction is not None and (label != "Mechanism" or direction not in _DIRECTIONS):
        raise _fail(
            path, index, table, "'direction' is for Mechanism concepts: 'increase' or 'decrease'"
        )
    bad_xrefs = [xref for xref in lists["xrefs"] if not _CURIE.match(xref)]
    if bad_xrefs:
        raise _fail(path, index, table, f"xref {bad_xrefs[0]!r} is not a CURIE (PREFIX:id)")
    names = {normalize_key(text) for text in (name, *lists["synonyms"])}
    strays = [text for text in lists["unambiguous"] if normalize_key(text) not in names]
    if strays:
        raise _fail(path, index, table, f"unambiguous {strays[0]!r} is not the name or a synonym")

    base = make_concept(
        concept_id,
        label,
        name,
        lists["synonyms"],
        xrefs=lists["xrefs"],
        parents=lists["parents"],
        source=f"curated: {tidy(table['source'])}",
    )
    extra: dict[str, object] = {"curated": True}
    for key in ("derived_from", "targets", "cell_types", "unambiguous"):
        if lists[key]:
            extra[key] = lists[key]
    if direction is not None:
        extra["direction"] = direction
    role = table.get("role")
    if role is not None:
        if label != "Chemical" or role not in ROLES:
            raise _fail(
                path, index, table, f"'role' is for Chemical concepts: {' or '.join(ROLES)}"
            )
        extra["role"] = role
    references = tuple((key, ref) for key in REFERENCE_FIELDS for ref in lists[key])
    return CuratedEntry(replace(base, extra=extra), path, index, references)


def check_references(
    entries: Iterable[CuratedEntry],
    labels: Mapping[str, ConceptLabel],
    merged: Mapping[str, str],
) -> None:
    """Fail on an entry whose id or referenced ids are not lexicon concepts.

    ``labels`` holds every concept id of the ontologies and the curated files; ``merged`` maps
    MeSH disease ids that are only xrefs of a DOID to that DOID, so the message can say which
    id to use instead.
    """
    for entry in entries:
        if entry.concept.id in merged:
            raise NotParsable(
                f"{entry.where()}: {entry.concept.id} is not a lexicon concept of its own, it is "
                f"an xref of {merged[entry.concept.id]}; use that id",
                file=str(entry.file),
            )
        for key, ref in entry.references:
            wanted = REFERENCE_FIELDS[key][1]
            found = labels.get(ref)
            if found is None:
                hint = f" (it is an xref of {merged[ref]}; use that id)" if ref in merged else ""
                raise NotParsable(
                    f"{entry.where()}: {key} names {ref}, which is neither a curated nor an "
                    f"ontology concept{hint}",
                    file=str(entry.file),
                )
            if wanted is not None and found != wanted:
                raise NotParsable(
                    f"{entry.where()}: {key} must name {wanted} concepts; {ref} is a {found}",
                    file=str(entry.file),
                )


def augment(ontology: Concept, curated: Concept) -> Concept:
    """An ontology concept with a curated entry of the same id laid over it.

    The curated label and name win (the old name stays a synonym); synonyms, xrefs and parents
    are the union, curated first; the source names both.
    """
    merged = make_concept(
        ontology.id,
        curated.label,
        curated.name,
        [*curated.synonyms, ontology.name, *ontology.synonyms],
        xrefs=[*curated.xrefs, *ontology.xrefs],
        parents=[*curated.parents, *ontology.parents],
        source=f"{curated.source}; {ontology.source}",
    )
    return replace(merged, extra={**ontology.extra, **curated.extra})
