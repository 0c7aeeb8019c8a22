"""The committed lexicons compiled into one Aho-Corasick automaton, cached on disk.

Compiling means: every name, synonym and corpus-attested spelling of every concept is expanded
into its variants (:mod:`kg.nlp.variants`), each variant is padded with a space on both sides
(folded text turns every non-alphanumeric character into a space, so a padded key can only
match whole words), and each key is given to exactly one concept:

* a curated concept beats an ontology concept (the curated vocabulary knows this field);
* a spelling the training corpora annotate beats one they do not;
* a preferred name beats a synonym, Disease Ontology beats MeSH.

Keys that the training corpora (surface_statistics.tsv) show to be mostly *not* annotated
where they occur ("disease", "patients", "damage") are dropped for the labels those corpora
annotate, unless a curator put them in.  Short upper-case forms (RA, CIA, MS) are flagged
ambiguous: the recogniser keeps them only when the text defines them or names the concept in
full.

Compiling ~60k concepts takes seconds, so the result is pickled under the user's cache
directory keyed by the lexicon files' digest and the compiler's version; loading the cache
takes well under a second.
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import ahocorasick

from kg.lexicon.model import Concept, read_concepts
from kg.nlp.normalize import normalize_key
from kg.nlp.variants import name_variants
from kg.resources import data_dir

__all__ = [
    "CompiledLexicon",
    "ConceptInfo",
    "KeyInfo",
    "load_lexicon",
]

COMPILER_VERSION: Final = "1"
CORPUS_TERMS: Final = "corpus_terms.tsv"
SURFACE_STATISTICS: Final = "surface_statistics.tsv"
_NOT_CONCEPT_FILES: Final = {CORPUS_TERMS, SURFACE_STATISTICS}

# Labels the training corpora annotate, with the statistics column that counts them.
_STATISTICS_COLUMN: Final = {
    "Disease": "annotated_disease",
    "Chemical": "annotated_chemical",
    "Molecule": "annotated_molecule",
}
# A key seen this often in the training text and annotated this rarely is a common word there.
MIN_OCCURRENCES: Final = 3
MIN_ANNOTATED_SHARE: Final = 0.25

_MAX_SYNONYMS_KEPT: Final = 20  # on graph nodes; recognition uses them all

# Concepts too general to be a finding ("disease", "cell", "biological process").
_TOO_GENERAL: Final = frozenset(
    {
        "DOID:4",
        "DOID:7",
        "MESH:D004194",
        "CL:0000000",
        "CL:0000003",
        "CL:0000548",
        "GO:0008150",
        "GO:0009987",
        "GO:0065007",
    }
)
_ACRONYM_WORD: Final = re.compile(
    r"[A-Za-z0-9\u0370-\u03ff+\-/]*[A-Z][A-Za-z0-9\u0370-\u03ff+\-/]*"
)
_LETTERS_ONLY_ACRONYM: Final = re.compile(r"[A-Z][A-Za-z]{0,4}")
_GO_SINGLE_WORD_SUFFIXES: Final = ("genesis", "osis", "ysis", "ization", "isation", "itis")
_LABEL_RANK: Final = {
    "Therapy": 0,
    "Disease": 1,
    "Chemical": 2,
    "Molecule": 3,
    "CellType": 4,
    "Mechanism": 5,
}


@dataclass(frozen=True, slots=True)
class ConceptInfo:
    """What recognition and the graph need of a concept, without its synonym lists."""

    id: str
    label: str
    name: str
    xrefs: tuple[str, ...]
    parents: tuple[str, ...]
    extra: dict[str, object]
    synonyms: tuple[str, ...] = ()

    @property
    def standard_id(self) -> str | None:
        """The MeSH or OMIM id annotated corpora use for this concept, if it has one."""
        for candidate in (self.id, *self.xrefs):
            if candidate.startswith(("MESH:", "OMIM:")):
                return candidate
        return None


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """Which concept a key stands for and how carefully to trust a match of it."""

    concept: int
    acronym: bool  # the spelling is an upper-case short form: case must match in the text
    ambiguous: bool  # an acronym that only counts when defined or backed by the full name


@dataclass
class CompiledLexicon:
    """Concepts, the key table and the automaton over padded keys."""

    concepts: list[ConceptInfo]
    keys: dict[str, KeyInfo]
    automaton: ahocorasick.Automaton
    index_of: dict[str, int] = field(default_factory=dict)
    digest: str = ""
    dropped_keys: int = 0

    def concept(self, concept_id: str) -> ConceptInfo | None:
        """The concept with this id, or None."""
        position = self.index_of.get(concept_id)
        return None if position is None else self.concepts[position]

    def lookup(self, text: str) -> KeyInfo | None:
        """The key entry a whole name (a keyword, an abbreviation's long form) stands for."""
        return self.keys.get(normalize_key(text))

    def by_xref(self) -> dict[str, int]:
        """Concept position by every id and cross-reference (MeSH headings ground through it)."""
        table: dict[str, int] = {}
        for position, info in enumerate(self.concepts):
            for identifier in (*info.xrefs, info.id):
                table.setdefault(identifier, position)
            table[info.id] = position
        return table


def _lexicon_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.glob("*.tsv"))


def _digest(files: Iterable[Path]) -> str:
    digest = hashlib.sha256(COMPILER_VERSION.encode())
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def _cache_dir() -> Path:
    base = os.environ.get("KG_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "kg" if not os.environ.get("KG_CACHE_DIR") else root


def load_lexicon(directory: Path | None = None, *, use_cache: bool = True) -> CompiledLexicon:
    """The compiled lexicon of ``directory`` (default: the lexicons shipped with kg)."""
    directory = directory or data_dir("ontology") / "lexicon"
    files = _lexicon_files(directory)
    if not files:
        raise FileNotFoundError(f"no lexicon files (*.tsv) in {directory}")
    digest = _digest(files)
    cache = _cache_dir() / f"lexicon-{digest}.pickle"
    if use_cache and cache.is_file():
        try:
            with cache.open("rb") as stream:
                cached = pickle.load(stream)
            if isinstance(cached, CompiledLexicon) and cached.digest == digest:
                return cached
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            pass
    compiled = compile_lexicon(directory)
    compiled.digest = digest
    if use_cache:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as stream:
                pickle.dump(compiled, stream, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(cache)
        except OSError:
            pass  # an unwritable cache only costs the next run the compile time
    return compiled


def _read_statistics(path: Path) -> dict[str, dict[str, int]]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {
            row["key"]: {name: int(value) for name, value in row.items() if name != "key"}
            for row in reader
        }


def _read_corpus_terms(path: Path) -> Iterator[tuple[str, str, int]]:
    """(surface, concept id, times annotated) rows of corpus_terms.tsv."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            yield row["surface"], row["concept"], int(row["annotated"])


def is_acronym(surface: str) -> bool:
    """Whether a spelling is an upper-case short form whose case carries its meaning."""
    surface = surface.strip()
    if " " in surface or len(surface) > 10:
        return False
    capitals = sum(1 for char in surface if char.isupper())
    return capitals >= 2 or (
        len(surface) <= 3 and capitals >= 1 and _ACRONYM_WORD.fullmatch(surface) is not None
    )


def _is_ambiguous_acronym(surface: str) -> bool:
    """Letters-only short forms (RA, CIA, MS, ALL) mean different things in different papers."""
    stem = surface[:-1] if len(surface) > 2 and surface.endswith("s") else surface
    return _LETTERS_ONLY_ACRONYM.fullmatch(stem) is not None and is_acronym(surface)


def _keep_name(concept: Concept, name: str) -> bool:
    """Drop names no text uses as a mention of the concept."""
    if len(name) < 2 or name.isdigit():
        return False
    if concept.id.startswith("GO:") and not concept.extra.get("curated"):
        words = name.split()
        if len(words) == 1 and not name.lower().endswith(_GO_SINGLE_WORD_SUFFIXES):
            return False
        if "obsolete" in name.lower():
            return False
    return True


@dataclass(order=True, frozen=True, slots=True)
class _Claim:
    """A concept's claim on a key; the smallest claim wins."""

    curated: int
    annotated: int
    synonym: int
    source_rank: int
    label_rank: int
    concept_id: str
    concept: int = field(compare=False)
    surface: str = field(compare=False)


def compile_lexicon(directory: Path) -> CompiledLexicon:
    """Compile the lexicon files of ``directory`` (no caching; see :func:`load_lexicon`)."""
    concepts: list[ConceptInfo] = []
    index_of: dict[str, int] = {}
    names: list[list[tuple[str, bool]]] = []  # per concept: (surface, is preferred name)
    curated: list[bool] = []
    unambiguous: list[frozenset[str]] = []
    for path in _lexicon_files(directory):
        if path.name in _NOT_CONCEPT_FILES:
            continue
        for concept in read_concepts(path):
            if concept.id in _TOO_GENERAL:
                continue
            position = index_of.get(concept.id)
            if position is None:
                position = len(concepts)
                index_of[concept.id] = position
                concepts.append(
                    ConceptInfo(
                        id=concept.id,
                        label=concept.label,
                        name=concept.name,
                        xrefs=concept.xrefs,
                        parents=concept.parents,
                        extra=dict(concept.extra),
                        synonyms=concept.synonyms[:_MAX_SYNONYMS_KEPT],
                    )
                )
                names.append([])
                curated.append(bool(concept.extra.get("curated")))
                unambiguous.append(frozenset(_as_strings(concept.extra.get("unambiguous"))))
            names[position].extend(
                (name, index == 0)
                for index, name in enumerate(concept.names())
                if _keep_name(concept, name)
            )
    annotated: dict[tuple[str, int], int] = {}
    for surface, concept_id, count in _read_corpus_terms(directory / CORPUS_TERMS):
        position = index_of.get(concept_id)
        if position is None:
            continue
        names[position].append((surface, False))
        key = normalize_key(surface)
        annotated[(key, position)] = annotated.get((key, position), 0) + count
    statistics = _read_statistics(directory / SURFACE_STATISTICS)

    claims: dict[str, _Claim] = {}
    for position, info in enumerate(concepts):
        for surface, preferred in names[position]:
            times = annotated.get((normalize_key(surface), position), 0)
            for key in name_variants(surface):
                claim = _Claim(
                    curated=0 if curated[position] else 1,
                    annotated=-times,
                    synonym=0 if preferred else 1,
                    source_rank=0 if info.id.startswith(("DOID:", "KG:")) else 1,
                    label_rank=_LABEL_RANK.get(info.label, 9),
                    concept_id=info.id,
                    concept=position,
                    surface=surface,
                )
                current = claims.get(key)
                if current is None or claim < current:
                    claims[key] = claim

    keys: dict[str, KeyInfo] = {}
    dropped = 0
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
    for key in sorted(claims):
        claim = claims[key]
        info = concepts[claim.concept]
        if not curated[claim.concept] and _common_in_training_text(
            key, info.label, statistics, annotated_here=-claim.annotated
        ):
            dropped += 1
            continue
        acronym = is_acronym(claim.surface)
        ambiguous = (
            acronym
            and _is_ambiguous_acronym(claim.surface)
            and claim.surface not in unambiguous[claim.concept]
            and claim.surface.rstrip("s") not in unambiguous[claim.concept]
        )
        entry = KeyInfo(concept=claim.concept, acronym=acronym, ambiguous=ambiguous)
        keys[key] = entry
        automaton.add_word(f" {key} ", (len(key), entry))
    automaton.make_automaton()
    return CompiledLexicon(
        concepts=concepts,
        keys=keys,
        automaton=automaton,
        index_of=index_of,
        dropped_keys=dropped,
    )


def _common_in_training_text(
    key: str, label: str, statistics: dict[str, dict[str, int]], *, annotated_here: int
) -> bool:
    """Whether the training corpora show ``key`` to be mostly not a mention of ``label``."""
    column = _STATISTICS_COLUMN.get(label)
    row = statistics.get(key)
    if column is None or row is None:
        return False
    occurrences = row.get("occurrences", 0)
    if occurrences < MIN_OCCURRENCES:
        return False
    share = max(row.get(column, 0), annotated_here) / occurrences
    return share < MIN_ANNOTATED_SHARE


def _as_strings(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(item) for item in value]
    return []
