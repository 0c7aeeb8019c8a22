"""PubTator parsing and corpus mining on real training documents (tests/data/lexicon/corpora)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.lexicon.corpora import TRAINING, count_surfaces, external_id, mine, read_training
from kg.lexicon.model import ConceptLabel


def test_training_splits_are_read_each_document_once(lexicon_corpora: Path) -> None:
    training = read_training(lexicon_corpora)
    assert [corpus.key for corpus, _ in training] == [corpus.key for corpus in TRAINING]
    for _, documents in training:
        assert documents
        assert len({document.id for document in documents}) == len(documents)


@pytest.mark.parametrize(
    ("ids", "label", "curie"),
    [
        ("D012345", "Disease", "MESH:D012345"),
        ("MESH:D012345", "Chemical", "MESH:D012345"),
        ("C535306", "Chemical", "MESH:C535306"),
        ("D000077157", "Chemical", "MESH:D000077157"),
        ("OMIM:180300", "Disease", "OMIM:180300"),
        ("-1", "Chemical", None),
        ("-", "Disease", None),
        ("", "Disease", None),
        ("D001943|D010051", "Disease", None),
        ("D008581+D012008", "Disease", None),
        ("3630", "Molecule", "NCBIGene:3630"),
        ("3172,3651,6927", "Molecule", None),
        ("rs74805019", "Molecule", None),
    ],
)
def test_external_id(ids: str, label: ConceptLabel, curie: str | None) -> None:
    assert external_id(ids, label) == curie


def test_count_surfaces_counts_whole_token_ngrams_only() -> None:
    texts = [
        "Systemic lupus erythematosus (SLE) and lupus nephritis; lupus.",
        "Anti-lupus antibodies in systemic   lupus  erythematosus.",
    ]
    keys = {"lupus", "systemic lupus erythematosus", "lupus nephritis", "sle", "anti"}
    counts = count_surfaces(texts, keys)
    assert counts == Counter(
        {"lupus": 5, "systemic lupus erythematosus": 2, "lupus nephritis": 1, "sle": 1, "anti": 1}
    )


def test_mining_grounds_ids_and_makes_concepts_only_for_unknown_ones(lexicon_corpora: Path) -> None:
    training = read_training(lexicon_corpora)
    lexicon = {"DOID:162": "cancer", "MESH:D009270": "naloxone"}
    owner = {"MESH:D009369": "DOID:162"}
    mining = mine(
        training,
        lambda curie: curie if curie in lexicon else owner.get(curie, curie),
        lexicon.__contains__,
        {"naloxone", "cancer", "disease"},
    )
    rows = {(row.surface, row.concept): row for row in mining.terms}
    assert rows["cancer", "DOID:162"].annotated == 1
    assert rows["tumours", "DOID:162"].label == "Disease"
    assert rows["naloxone", "MESH:D009270"].annotated == 5
    assert rows["HNF-6", "NCBIGene:3175"].corpora == ("BioRED",)
    concepts = {concept.id: concept for concept in mining.concepts}
    assert "MESH:D009270" not in concepts and "DOID:162" not in concepts
    insulin = concepts["NCBIGene:3630"]
    assert (insulin.label, insulin.name) == ("Molecule", "insulin")
    assert insulin.source == "mined from BioRED training annotations"
    assert "MESH:D003110|MESH:D009369" not in concepts  # composites are not mined
    assert concepts["MESH:D014786"].source == "mined from BC5CDR training annotations"


def test_surface_statistics_count_occurrences_and_annotations_per_label(
    lexicon_corpora: Path,
) -> None:
    mining = mine(read_training(lexicon_corpora), lambda c: c, lambda c: False, {"disease", "cell"})
    stats = {row.key: row for row in mining.statistics}
    naloxone = stats["naloxone"]
    assert (naloxone.occurrences, naloxone.annotated["Chemical"]) == (6, 5)
    assert naloxone.chemical_corpora == 6 and naloxone.molecule_corpora == 0
    insulin = stats["insulin"]
    assert insulin.annotated["Molecule"] == 4 and insulin.molecule_corpora == insulin.occurrences
    assert stats["cell"].annotated == {"Disease": 0, "Chemical": 0, "Molecule": 0}
    assert "disease" not in stats  # a candidate that never occurs gets no row
    assert list(stats) == sorted(stats)


def test_read_training_names_a_missing_split(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"NCBItrainset_corpus\.txt: file not found"):
        read_training(tmp_path)
