"""Fixtures of the lexicon tests: the ontology excerpts laid out as the builder expects them."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from support import DATA

LEXICON_DATA = DATA / "lexicon"
# Excerpts are committed as plain text so a diff shows them; the builder reads these gzipped.
GZIPPED = (
    "doid/doid_2016-09-01.obo",
    "go/go_terms.tsv",
    "go/go_synonyms.tsv",
    "go/go_parents.tsv",
    "go/go_obsolete.tsv",
)


def materialise(target: Path) -> Path:
    """Copy tests/data/lexicon/ontologies to ``target``, gzipping the files shipped as .gz."""
    shutil.copytree(LEXICON_DATA / "ontologies", target)
    for name in GZIPPED:
        plain = target / name
        with gzip.open(plain.with_name(plain.name + ".gz"), "wb") as packed:
            packed.write(plain.read_bytes())
        plain.unlink()
    return target


@pytest.fixture
def lexicon_source(tmp_path: Path) -> Path:
    """A source directory shaped like shared/data/ontologies, holding the excerpts."""
    return materialise(tmp_path / "ontologies")


@pytest.fixture
def lexicon_corpora() -> Path:
    """A few real training documents of NCBI-disease, BC5CDR and BioRED."""
    return LEXICON_DATA / "corpora"


@pytest.fixture
def lexicon_curated() -> Path:
    """A tiny curated vocabulary in the shared TOML format."""
    return LEXICON_DATA / "curated"
