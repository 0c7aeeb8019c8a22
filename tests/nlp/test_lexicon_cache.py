"""The compiled lexicon is cached, reused, and old caches do not pile up."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.lexicon.model import Concept, write_concepts
from kg.nlp.lexicon import load_lexicon


def test_the_cache_is_reused_and_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(cache))
    lexicon_dir = tmp_path / "lexicon"
    lexicon_dir.mkdir()
    for version in range(5):
        write_concepts(
            lexicon_dir / "small.tsv",
            [Concept("DOID:9074", "Disease", f"systemic lupus erythematosus {version}")],
        )
        first = load_lexicon(lexicon_dir)
        again = load_lexicon(lexicon_dir)
        assert again.digest == first.digest
        assert again.concepts[0].name.endswith(str(version))
        time.sleep(0.01)  # distinct modification times
    assert len(list(cache.glob("lexicon-*.pickle"))) == 3
