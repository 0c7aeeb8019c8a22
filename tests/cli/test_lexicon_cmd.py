"""``kg lexicon build`` through the real CLI: output, exit codes, one-line errors."""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from support import DATA

LEXICON = DATA / "lexicon"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """The ontology excerpts laid out like shared/data/ontologies (some files gzipped)."""
    target = tmp_path / "ontologies"
    shutil.copytree(LEXICON / "ontologies", target)
    for plain in [target / "doid/doid_2016-09-01.obo", *sorted((target / "go").glob("*.tsv"))]:
        with gzip.open(plain.with_name(plain.name + ".gz"), "wb") as packed:
            packed.write(plain.read_bytes())
        plain.unlink()
    return target


def test_build_writes_the_lexicon_and_reports_each_file(
    run_kg: Callable[..., Result], source: Path, tmp_path: Path
) -> None:
    out = tmp_path / "lexicon"
    result = run_kg(
        "lexicon",
        "build",
        "--source",
        str(source),
        "--curated",
        str(LEXICON / "curated"),
        "--corpora",
        str(LEXICON / "corpora"),
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert "diseases_do.tsv" in result.output and "21 rows" in result.output
    assert "curated entries augmenting ontology concepts: 1" in result.output
    assert (out / "manifest.json").is_file() and (out / "surface_statistics.tsv").is_file()


def test_a_missing_source_directory_is_a_usage_error(
    run_kg: Callable[..., Result], tmp_path: Path
) -> None:
    result = run_kg(
        "lexicon", "build", "--source", str(tmp_path / "none"), "--out", str(tmp_path / "o")
    )
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: ontology source directory")
    assert "Traceback" not in result.output


def test_a_malformed_curated_file_is_one_line_naming_it(
    run_kg: Callable[..., Result], source: Path, tmp_path: Path
) -> None:
    curated = tmp_path / "curated"
    curated.mkdir()
    (curated / "mechanisms.toml").write_text("[[concept]]\nid = \n", encoding="utf-8")
    result = run_kg(
        "lexicon",
        "build",
        "--source",
        str(source),
        "--curated",
        str(curated),
        "--out",
        str(tmp_path / "o"),
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"kg: error: {curated / 'mechanisms.toml'}: not valid TOML")


def test_the_command_is_listed_with_an_example(run_kg: Callable[..., Result]) -> None:
    result = run_kg("lexicon", "build", "--help")
    assert result.exit_code == 0
    assert "Example: kg lexicon build --source" in result.output
