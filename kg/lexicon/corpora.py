"""What the annotated training corpora teach the lexicon: extra names and how often names matter.

Only the *training* splits are read (NCBI-disease, BC5CDR, BioRED); the development splits are
kept for measuring the recogniser, and mining them would make those measurements lie.

Two products:

* corpus terms: every annotated spelling with the concept its corpus id grounds to in our
  lexicon (a MeSH disease id to the DOID that carries it, a gene to the curated molecule that
  has its NCBIGene id), plus concepts for the corpus ids the lexicon lacks (MeSH supplementary
  chemicals, genes, OMIM entries);
* surface statistics: for every name the recogniser could match, how often it occurs in the
  training texts and how often the annotators marked it, so generic uses ("disease",
  "patients", "cancer") can be told from names the corpora actually annotate.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from kg.lexicon.model import Concept, ConceptLabel
from kg.lexicon.ontologies import make_concept, read_lines, tidy, usable_name
from kg.nlp.normalize import normalize_key, normalize_text
from kg.pubtator import PubtatorDocument, iter_documents

__all__ = [
    "CORPUS_TYPES",
    "MAX_NGRAM",
    "TRAINING",
    "Corpus",
    "Mining",
    "SurfaceCount",
    "TermRow",
    "count_surfaces",
    "external_id",
    "mine",
    "read_training",
]

MAX_NGRAM: Final = 8

# PubTator entity types of the three corpora and the lexicon label each one means.
CORPUS_TYPES: Final[Mapping[str, ConceptLabel]] = {
    "SpecificDisease": "Disease",
    "DiseaseClass": "Disease",
    "Modifier": "Disease",
    "CompositeMention": "Disease",
    "Disease": "Disease",
    "DiseaseOrPhenotypicFeature": "Disease",
    "Chemical": "Chemical",
    "ChemicalEntity": "Chemical",
    "GeneOrGeneProduct": "Molecule",
}


@dataclass(frozen=True, slots=True)
class Corpus:
    """One training split: where it is under ``--corpora`` and what its annotators marked."""

    key: str
    title: str
    path: str
    labels: frozenset[ConceptLabel]


TRAINING: Final = (
    Corpus(
        "ncbi-disease",
        "NCBI-disease",
        "ncbi-disease/NCBItrainset_corpus.txt",
        frozenset({"Disease"}),
    ),
    Corpus(
        "bc5cdr",
        "BC5CDR",
        "bc5cdr/CDR_TrainingSet.PubTator.txt",
        frozenset({"Disease", "Chemical"}),
    ),
    Corpus(
        "biored",
        "BioRED",
        "biored/Train.PubTator",
        frozenset({"Disease", "Chemical", "Molecule"}),
    ),
)

_COMPOSITE: Final = re.compile(r"[|,;+]")
_MESH: Final = re.compile(r"^(?:MESH:)?([CD]\d{6,9})$")
_OMIM: Final = re.compile(r"^(?:OMIM|MIM):(\d+)$")


def read_training(directory: Path) -> list[tuple[Corpus, list[PubtatorDocument]]]:
    """The three training splits under ``directory``, each document once (first copy wins)."""
    result: list[tuple[Corpus, list[PubtatorDocument]]] = []
    for corpus in TRAINING:
        path = directory / corpus.path
        lines = read_lines(path, f"the {corpus.title} training split (PubTator)")
        documents: dict[str, PubtatorDocument] = {}
        for document in iter_documents(lines, str(path)):
            documents.setdefault(document.id, document)
        result.append((corpus, list(documents.values())))
    return result


# --------------------------------------------------------------------------------------------
# Mining


def external_id(ids: str, label: ConceptLabel) -> str | None:
    """The corpus id of a mention as a CURIE, or None for no id, a composite or an unknown form.

    Corpora write MeSH ids bare (``D012345``) or prefixed, OMIM as ``OMIM:123``, genes as NCBI
    Gene numbers; ``-1``/``-`` mean no id and ``D1|D2`` (or comma lists) a composite mention,
    which names several concepts and teaches nothing about one of them.
    """
    ids = ids.strip()
    if not ids or ids in ("-1", "-") or _COMPOSITE.search(ids):
        return None
    if label == "Molecule":
        return f"NCBIGene:{ids}" if ids.isdigit() else None
    mesh = _MESH.match(ids)
    if mesh:
        return f"MESH:{mesh.group(1)}"
    omim = _OMIM.match(ids)
    return f"OMIM:{omim.group(1)}" if omim else None


@dataclass(frozen=True, slots=True)
class TermRow:
    """One row of corpus_terms.tsv: an annotated spelling and the concept it grounds to."""

    surface: str
    label: ConceptLabel
    concept: str
    annotated: int
    corpora: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SurfaceCount:
    """One row of surface_statistics.tsv."""

    key: str
    occurrences: int
    annotated: Mapping[ConceptLabel, int]
    # Occurrences in the documents of corpora that annotate chemicals / molecules at all: a
    # gene name in NCBI-disease abstracts was never going to be annotated.
    chemical_corpora: int
    molecule_corpora: int


@dataclass(frozen=True, slots=True)
class Mining:
    """Everything mined from the training corpora."""

    terms: list[TermRow]
    concepts: list[Concept]
    statistics: list[SurfaceCount]


@dataclass(slots=True)
class _Tally:
    spellings: Counter[str] = field(default_factory=Counter)
    labels: Counter[ConceptLabel] = field(default_factory=Counter)
    corpora: set[str] = field(default_factory=set)

    def add(self, spelling: str, label: ConceptLabel, corpus: str) -> None:
        self.spellings[spelling] += 1
        self.labels[label] += 1
        self.corpora.add(corpus)


def _most_common(counter: Counter[str]) -> str:
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0]


def _label(counter: Counter[ConceptLabel]) -> ConceptLabel:
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0]


def mine(
    training: list[tuple[Corpus, list[PubtatorDocument]]],
    ground: Callable[[str], str],
    known: Callable[[str], bool],
    lexicon_keys: Iterable[str],
) -> Mining:
    """Corpus terms, corpus-only concepts and surface statistics of the training documents.

    ``ground`` maps a corpus CURIE to the lexicon id it stands for (itself when the lexicon has
    no such concept), ``known`` says whether an id is a lexicon concept, and ``lexicon_keys``
    are the comparison keys of every lexicon name, the candidates for the statistics.
    """
    terms: defaultdict[tuple[str, str], _Tally] = defaultdict(_Tally)
    mined: defaultdict[str, _Tally] = defaultdict(_Tally)
    annotated: defaultdict[str, Counter[ConceptLabel]] = defaultdict(Counter)
    for corpus, documents in training:
        for document in documents:
            for mention in document.mentions:
                label = CORPUS_TYPES.get(mention.type)
                if label is None:
                    continue
                key = normalize_key(mention.text)
                annotated[key][label] += 1
                curie = external_id("|".join(mention.ids), label)
                if curie is None or not usable_name(mention.text):
                    continue
                concept = ground(curie)
                tallies = [terms[key, concept]]
                if not known(concept):
                    tallies.append(mined[concept])
                for tally in tallies:
                    tally.add(tidy(mention.text), label, corpus.title)

    rows = [
        TermRow(
            _most_common(tally.spellings),
            _label(tally.labels),
            concept,
            sum(tally.spellings.values()),
            tuple(sorted(tally.corpora)),
        )
        for (_, concept), tally in sorted(terms.items())
    ]
    concepts = [
        make_concept(
            concept_id,
            _label(tally.labels),
            _most_common(tally.spellings),
            sorted(tally.spellings, key=lambda text: (-tally.spellings[text], text)),
            source=f"mined from {', '.join(sorted(tally.corpora))} training annotations",
        )
        for concept_id, tally in sorted(mined.items())
    ]
    candidates = {key for key in (*lexicon_keys, *annotated) if key and key.count(" ") < MAX_NGRAM}
    statistics = _statistics(training, candidates, annotated)
    return Mining(rows, concepts, statistics)


def _statistics(
    training: list[tuple[Corpus, list[PubtatorDocument]]],
    candidates: set[str],
    annotated: Mapping[str, Counter[ConceptLabel]],
) -> list[SurfaceCount]:
    totals: Counter[str] = Counter()
    chemical: Counter[str] = Counter()
    molecule: Counter[str] = Counter()
    for corpus, documents in training:
        counts = count_surfaces(
            (text for document in documents for text in (document.title, document.abstract)),
            candidates,
        )
        totals.update(counts)
        if "Chemical" in corpus.labels:
            chemical.update(counts)
        if "Molecule" in corpus.labels:
            molecule.update(counts)
    return [
        SurfaceCount(
            key,
            occurrences,
            {
                label: annotated.get(key, Counter())[label]
                for label in ("Disease", "Chemical", "Molecule")
            },
            chemical[key],
            molecule[key],
        )
        for key, occurrences in sorted(totals.items())
    ]


def count_surfaces(texts: Iterable[str], keys: set[str]) -> Counter[str]:
    """How often each key occurs as a whole-token n-gram (n <= MAX_NGRAM) of the texts.

    One pass over the tokens with a set of key prefixes: an n-gram is extended only while it is
    still the beginning of some key, so the cost is near one lookup per token.
    """
    prefixes: set[str] = set()
    for key in keys:
        tokens = key.split(" ")
        for size in range(1, len(tokens) + 1):
            prefixes.add(" ".join(tokens[:size]))
    counts: Counter[str] = Counter()
    for text in texts:
        tokens = normalize_text(text).split()
        for start, first in enumerate(tokens):
            gram = first
            end = start + 1
            while gram in prefixes:
                if gram in keys:
                    counts[gram] += 1
                if end >= len(tokens) or end - start >= MAX_NGRAM:
                    break
                gram = f"{gram} {tokens[end]}"
                end += 1
    return counts
