"""``kg lexicon build``: derive the lexicons under ontology/lexicon/ from their sources."""

from __future__ import annotations

import time
from pathlib import Path

import click

from kg.lexicon.assemble import build_lexicon

__all__ = ["lexicon_group"]


@click.group("lexicon")
def lexicon_group() -> None:
    """Build the concept lexicons the recogniser grounds mentions to."""


@lexicon_group.command(
    "build",
    epilog="Example: kg lexicon build --source ../shared/data/ontologies "
    "--curated ontology/curated --corpora ../shared/data/corpora --out ontology/lexicon",
)
@click.option(
    "--source",
    required=True,
    type=click.Path(path_type=Path),
    help="Directory with the ontologies (doid/, mesh/, cl/, go/ as in shared/data/ontologies).",
)
@click.option(
    "--curated",
    type=click.Path(path_type=Path),
    help="Directory of curated *.toml vocabulary files (ontology/curated).",
)
@click.option(
    "--corpora",
    type=click.Path(path_type=Path),
    help="Directory with the annotated corpora; only their training splits are mined.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory the lexicon files are written to (ontology/lexicon).",
)
def build_command(source: Path, curated: Path | None, corpora: Path | None, out: Path) -> None:
    """Derive the lexicon TSV files, README.md and manifest.json from the sources."""
    started = time.perf_counter()
    result = build_lexicon(source, out, curated=curated, corpora=corpora)
    width = max(len(output.name) for output in result.files)
    for output in result.files:
        rows = f"{output.rows:>9,} rows" if output.name.endswith(".tsv") else " " * 14
        click.echo(f"{output.name:<{width}}  {rows}  {output.bytes / 1_048_576:7.2f} MiB")
    labels = ", ".join(f"{label} {count:,}" for label, count in result.labels.items())
    click.echo(f"concepts: {labels}")
    if result.augmented:
        click.echo(f"curated entries augmenting ontology concepts: {len(result.augmented)}")
    click.echo(
        f"wrote {len(result.files)} files ({result.total_bytes / 1_048_576:.2f} MiB) to "
        f"{result.out} in {time.perf_counter() - started:.1f} s"
    )


@lexicon_group.command(
    "ror",
    epilog="Example: kg lexicon ror --source ../shared/data/ror --out ontology/institutions",
)
@click.option(
    "--source",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Directory with ROR records as JSON Lines (*.jsonl or *.jsonl.gz, schema v1 or v2).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory the institution index is written to (ontology/institutions).",
)
def ror_command(source: Path, out: Path) -> None:
    """Flatten ROR records into the institution index affiliations are grounded to."""
    from kg.institutions.ror import build_ror_index

    started = time.perf_counter()
    target, rows = build_ror_index(source, out)
    click.echo(
        f"wrote {rows:,} organisations ({target.stat().st_size / 1_048_576:.2f} MiB) to "
        f"{target} in {time.perf_counter() - started:.1f} s"
    )
