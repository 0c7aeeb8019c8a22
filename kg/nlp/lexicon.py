"""The committed lexicons compiled into one Aho-Corasick automaton, cached on disk.

Compiling means: every name, synonym and corpus-attested spelling of every concept is expanded
into its variants (:mod:`kg.nlp.variants`), each variant is padded with a space on both sides
(folded text turns every non-alphanumeric character into a space, so a padded key can only
match whole words), and each key is given to exactly one concept:

* a curated concept beats an ontology concept (the curated vocabulary knows this field);
* a concept's own preferred name beats the same words mined from a corpus for another concept
  (BioRED grounds "lung cancer" through MeSH "Lung Neoplasms", which Disease Ontology gives to
  "lung benign neoplasm"; the words are DOID:1324's name);
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
from kg.nlp.drug_names import STEM_MARKER, drug_stems, stems_path
from kg.nlp.normalize import normalize_key
from kg.nlp.variants import name_variants
from kg.resources import data_dir

__all__ = [
    "KEY_LENGTH_LIMIT",
    "CompiledLexicon",
    "ConceptInfo",
    "KeyInfo",
    "load_lexicon",
]

COMPILER_VERSION: Final = "8"
CORPUS_TERMS: Final = "corpus_terms.tsv"
SURFACE_STATISTICS: Final = "surface_statistics.tsv"
_NOT_CONCEPT_FILES: Final = {CORPUS_TERMS, SURFACE_STATISTICS}

# Labels the training corpora annotate: (column counting annotations of the label, column
# counting occurrences in the corpora that annotate that label).
_STATISTICS_COLUMN: Final = {
    "Disease": ("annotated_disease", "occurrences"),
    "Chemical": ("annotated_chemical", "occurrences_in_chemical_corpora"),
    "Molecule": ("annotated_molecule", "occurrences_in_molecule_corpora"),
}
# A key seen this often in the training text and annotated this rarely is a common word there.
MIN_OCCURRENCES: Final = 3
MIN_ANNOTATED_SHARE: Final = 0.15

_MAX_SYNONYMS_KEPT: Final = 20  # on graph nodes; recognition uses them all

# Concepts too general to be a finding ("disease", "cell", "biological process").
_TOO_GENERAL: Final = frozenset(
    {
        "DOID:4",
        "DOID:7",
        "MESH:D004194",
        "MESH:D004630",  # Emergencies ("emergency department")
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
_GO_MAX_WORDS: Final = 5
# GO names that are not how a paper names a mechanism of a therapy: systematic regulation
# terms, metabolism of particular compounds, complex assembly, and "<molecule> production" /
# "<molecule> secretion" (those are read as a change of the molecule, see kg.nlp.relations).
_GO_SYSTEMATIC: Final = re.compile(
    r"(?:positive |negative |up-?\s?|down-?\s?)?regulation of |(?:inhibition|activation"
    r"|stimulation|induction) of |.* (?:involved in|of|by|via|to|in) .*\b(?:of|by)\b"
    r"|.*\b(?:metabolic|biosynthetic|catabolic) process\b|.*\b(?:metabolism|biosynthesis"
    r"|catabolism|anabolism|formation|breakdown|degradation|utilization|synthesis|assembly"
    r"|disassembly|biogenesis|production|secretion)$",
    re.IGNORECASE,
)
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
    # Capital letters (0, 1 or 2 = "two or more") a match must have in the text: a short form
    # such as "MS" or "Na" is another word when written in lower case.
    capitals: int
    ambiguous: bool  # an acronym that only counts when defined or backed by the full name


KEY_LENGTH_LIMIT: Final = 1024  # keys are at most 12 words; longer ones are not indexed


def encode_key(concept: int, length: int, *, capitals: int, ambiguous: bool) -> int:
    """One int per key, so the automaton stores no Python objects (small, fast to load).

    pyahocorasick keeps values as C ints: ``concept`` must stay below 2**18.
    """
    return (concept * KEY_LENGTH_LIMIT + length) * 8 + min(capitals, 2) * 2 + ambiguous


def decode_key(value: int) -> tuple[int, KeyInfo]:
    """The key length and what the key stands for, from :func:`encode_key`'s int."""
    flags = value & 7
    concept, length = divmod(value >> 3, KEY_LENGTH_LIMIT)
    return length, KeyInfo(concept=concept, capitals=flags >> 1, ambiguous=bool(flags & 1))


@dataclass
class CompiledLexicon:
    """Concepts and the automaton over padded keys (values from :func:`encode_key`)."""

    concepts: list[ConceptInfo]
    automaton: ahocorasick.Automaton
    key_count: int = 0
    index_of: dict[str, int] = field(default_factory=dict)
    digest: str = ""
    dropped_keys: int = 0
    # Concepts whose preferred name the training corpora annotate under other concepts' ids
    # (DO's "lung cancer" has no MeSH id; the corpora index it as MeSH "Lung Neoplasms").
    indexed_as: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def concept(self, concept_id: str) -> ConceptInfo | None:
        """The concept with this id, or None."""
        position = self.index_of.get(concept_id)
        return None if position is None else self.concepts[position]

    def lookup(self, text: str) -> KeyInfo | None:
        """The key entry a whole name (a keyword, a MeSH heading) stands for."""
        value = self.automaton.get(f" {normalize_key(text)} ", None)
        return None if value is None else decode_key(value)[1]

    def standard_ids(self, concept_id: str, *, max_hops: int = 3) -> tuple[str, ...]:
        """MeSH and OMIM ids for a concept: its own MeSH ids, the MeSH ids the training
        corpora index its name under, its own OMIM ids; else its nearest ancestors' ids.

        Annotated corpora give a disease without a MeSH heading of its own the heading of
        the broader disease (as MeSH indexers do), so the nearest ancestor's id stands in.
        """
        position = self.index_of.get(concept_id)
        if position is not None:
            own = self._own_ids(position)
            indexed = [
                identifier
                for other in self.indexed_as.get(position, ())
                if (other_position := self.index_of.get(other)) is not None
                for identifier in self._own_ids(other_position)
                if identifier.startswith("MESH:")
            ]
            ordered = (
                [x for x in own if x.startswith("MESH:")]
                + indexed
                + [x for x in own if x.startswith("OMIM:")]
            )
            if ordered:
                return tuple(dict.fromkeys(ordered))
        frontier = [concept_id]
        seen = set(frontier)
        for _ in range(max_hops + 1):
            found: list[str] = []
            parents: list[str] = []
            for current in frontier:
                info = self.concept(current)
                if info is None:
                    continue
                found.extend(
                    identifier
                    for identifier in (info.id, *info.xrefs)
                    if identifier.startswith(("MESH:", "OMIM:"))
                )
                parents.extend(parent for parent in info.parents if parent not in seen)
            if found:
                return tuple(dict.fromkeys(found))
            seen.update(parents)
            frontier = parents
        return ()

    def _own_ids(self, position: int) -> list[str]:
        info = self.concepts[position]
        return [x for x in (info.id, *info.xrefs) if x.startswith(("MESH:", "OMIM:"))]

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
    digest = _digest([*files, stems_path()])
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
            _prune_cache(cache.parent)
        except OSError:
            pass  # an unwritable cache only costs the next run the compile time
    return compiled


_CACHES_KEPT: Final = 3  # compiled lexicons (~70 MB each) kept: the most recently written


def _prune_cache(directory: Path) -> None:
    """Remove compiled lexicons of older lexicon versions, keeping the latest few."""
    caches = sorted(
        directory.glob("lexicon-*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True
    )
    for stale in caches[_CACHES_KEPT:]:
        stale.unlink(missing_ok=True)


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


_ADJECTIVE_ENDINGS: Final = ("ic", "ive", "ous", "al", "ary", "oid")
_NOT_A_NAME: Final = re.compile(r"(?:alpha|beta|gamma|delta|kappa|[αβγδκ]|\d+|\W)+", re.I)


def _trusted_corpus_spelling(surface: str, times: int) -> bool:
    """Whether a spelling annotators used once or twice is a name rather than an adjective
    ("cytotoxic", "amnesic") or a bare Greek letter and number ("alpha(1)")."""
    if _NOT_A_NAME.fullmatch(surface):
        return False
    if times >= 3 or " " in surface or not surface.islower():
        return True
    return not surface.endswith(_ADJECTIVE_ENDINGS)


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
        # Abstracts say "suppressed T cell proliferation", not "negative regulation of T cell
        # proliferation"; GO's long systematic names only bloat the automaton.
        if len(words) > _GO_MAX_WORDS or _GO_SYSTEMATIC.match(name) or "obsolete" in name:
            return False
    return True


@dataclass(order=True, frozen=True, slots=True)
class _Claim:
    """A concept's claim on a key; the smallest claim wins."""

    curated: int
    preferred: int  # a concept's own preferred name beats spellings mined for other concepts
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
        if position is None or not _trusted_corpus_spelling(surface, count):
            continue
        names[position].append((surface, False))
        key = normalize_key(surface)
        annotated[(key, position)] = annotated.get((key, position), 0) + count
    statistics = _read_statistics(directory / SURFACE_STATISTICS)

    claims: dict[str, _Claim] = {}
    indexed_as: dict[int, set[int]] = {}
    for position, info in enumerate(concepts):
        for surface, preferred in names[position]:
            times = annotated.get((normalize_key(surface), position), 0)
            for key in name_variants(surface, pluralize=not info.id.startswith("GO:")):
                claim = _Claim(
                    curated=0 if curated[position] else 1,
                    preferred=0 if preferred and key == normalize_key(surface) else 1,
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
                    if current is not None and current.annotated < 0 and claim.preferred == 0:
                        # The corpora index these words under the other concept's ids.
                        indexed_as.setdefault(position, set()).add(current.concept)
                    claims[key] = claim
                elif claim.annotated < 0 and current.preferred == 0:
                    indexed_as.setdefault(current.concept, set()).add(position)

    if len(concepts) >= STEM_MARKER:
        raise ValueError(f"{len(concepts)} concepts: the automaton's int values hold fewer")
    kept = 0
    dropped = 0
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS, ahocorasick.KEY_STRING)
    for key in sorted(claims):
        if len(key) >= KEY_LENGTH_LIMIT:
            continue
        claim = claims[key]
        info = concepts[claim.concept]
        if not curated[claim.concept] and _common_in_training_text(
            key, info.label, statistics, annotated_here=-claim.annotated
        ):
            dropped += 1
            continue
        acronym = is_acronym(claim.surface)
        capitals = sum(char.isupper() for char in claim.surface) if acronym else 0
        ambiguous = (
            acronym
            and _is_ambiguous_acronym(claim.surface)
            and claim.surface not in unambiguous[claim.concept]
            and claim.surface.rstrip("s") not in unambiguous[claim.concept]
        )
        automaton.add_word(
            f" {key} ", encode_key(claim.concept, len(key), capitals=capitals, ambiguous=ambiguous)
        )
        kept += 1
    # Drug-name endings (INN stems) match at the end of any word: no leading space.
    for stem in drug_stems():
        for ending in (stem, stem + "s"):
            automaton.add_word(
                f"{ending} ", encode_key(STEM_MARKER, len(ending), capitals=0, ambiguous=False)
            )
    automaton.make_automaton()
    return CompiledLexicon(
        concepts=concepts,
        automaton=automaton,
        key_count=kept,
        indexed_as={
            position: tuple(sorted(concepts[other].id for other in others))
            for position, others in indexed_as.items()
        },
        index_of=index_of,
        dropped_keys=dropped,
    )


def _common_in_training_text(
    key: str, label: str, statistics: dict[str, dict[str, int]], *, annotated_here: int
) -> bool:
    """Whether the training corpora show ``key`` to be mostly not a mention of ``label``."""
    columns = _STATISTICS_COLUMN.get(label)
    row = statistics.get(key)
    if columns is None or row is None:
        return False
    annotated_column, occurrence_column = columns
    occurrences = row.get(occurrence_column, 0)
    if occurrences < MIN_OCCURRENCES:
        return False
    share = max(row.get(annotated_column, 0), annotated_here) / occurrences
    return share < MIN_ANNOTATED_SHARE


def _as_strings(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(item) for item in value]
    return []
