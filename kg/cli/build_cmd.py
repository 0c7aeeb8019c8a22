"""``kg build`` and ``kg parse``: the commands that read inputs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

import click

from kg.build import BuildOptions, BuildResult, run_build
from kg.cli.console import ProblemPrinter, Progress
from kg.errors import KGError, OutputError
from kg.graph.derived import DEFAULT_MAX_AUTHORS
from kg.ingest import Ingest
from kg.model import Record, record_to_json
from kg.readers import REGISTRY

__all__ = ["build_command", "parse_command"]

_FORMAT = click.option(
    "--format",
    "format_name",
    type=click.Choice(sorted(REGISTRY)),
    default=None,
    help="Read every input as this format instead of detecting it from the content.",
)
_STRICT = click.option(
    "--strict",
    is_flag=True,
    help="Stop at the first rejected record instead of reporting it and going on.",
)
_QUIET = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="No progress bar and no per-problem lines (the summary stays).",
)
_INPUTS = click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")


@click.command("build", epilog="Example: kg build examples/ records.xml.gz --out build/")
@_INPUTS
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Build directory to write (created if missing).",
)
@_FORMAT
@_STRICT
@_QUIET
@click.option(
    "--max-authors",
    type=click.IntRange(2),
    default=DEFAULT_MAX_AUTHORS,
    show_default=True,
    help="Papers with more authors add no co-authorship pairs (consortium papers).",
)
@click.option(
    "--view-nodes",
    type=click.IntRange(10),
    default=500,
    show_default=True,
    help="Most nodes drawn in each view (overview.html, coauthors.html...); larger graphs "
    "show their strongest part.",
)
@click.option(
    "--annotate/--no-annotate",
    default=True,
    show_default=True,
    help="Recognise diseases, therapies, chemicals, mechanisms, cell types and molecules in "
    "titles, abstracts, keywords and MeSH headings, and extract their relations.",
)
@click.option(
    "--lexicon",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Lexicon directory (from `kg lexicon build`) instead of the one shipped with kg.",
)
def build_command(
    inputs: tuple[str, ...],
    out: Path,
    format_name: str | None,
    strict: bool,
    quiet: bool,
    max_authors: int,
    view_nodes: int,
    annotate: bool,
    lexicon: Path | None,
) -> None:
    """Build the graph of INPUT files or directories into the build directory.

    Inputs may be any mix of supported formats, gzip-compressed or not; directories are
    read recursively. Writes graph.json, graph.ttl, graph.graphml, overview.html (and the
    other views, linked from index.html), rejected.jsonl, warnings.jsonl and manifest.json.
    """
    printer = ProblemPrinter(quiet)
    options = BuildOptions(
        inputs=inputs,
        out=out,
        format_name=format_name,
        strict=strict,
        max_authors=max_authors,
        view_nodes=view_nodes,
        annotate=annotate,
        lexicon=lexicon,
    )
    with Progress(quiet) as progress:
        result = run_build(
            options,
            on_problem=printer,
            on_progress=progress.advance,
            on_total=progress.start,
            on_stage=progress.stage,
        )
    _print_summary(result, printer)
    missing = [report.file for report in result.inputs if report.missing]
    if missing:
        raise KGError(f"input(s) not found: {', '.join(missing)} (the build holds the others)")
    if result.accepted + result.deleted == 0:
        raise KGError(f"no record could be read from the inputs; see rejected.jsonl in {out}")


def _print_summary(result: BuildResult, printer: ProblemPrinter) -> None:
    hidden = printer.hidden_note(str(result.out / "rejected.jsonl"))
    if hidden:
        click.echo(hidden, err=True)
    files = len(result.inputs)
    deleted = f", {result.deleted} deleted by DeleteCitation" if result.deleted else ""
    click.echo(
        f"Read {result.read} record(s) from {files} input(s): {result.accepted} accepted, "
        f"{result.rejected} rejected{deleted}, {result.warnings} warning(s)."
    )
    if result.failed_inputs:
        click.echo(
            f"{len(result.failed_inputs)} input(s) could not be read in full; see "
            f"{result.out / 'rejected.jsonl'}."
        )
    labels = ", ".join(f"{label} {count}" for label, count in result.nodes_by_label.items())
    edges = ", ".join(f"{kind} {count}" for kind, count in result.edges_by_type.items())
    click.echo(f"Graph: {sum(result.nodes_by_label.values())} nodes ({labels}).")
    click.echo(f"       {sum(result.edges_by_type.values())} edges ({edges}).")
    if result.cited_only_papers:
        click.echo(
            f"Note: {result.cited_only_papers} Paper nodes are works the inputs cite "
            "(not records read)."
        )
    for note in result.notes:
        click.echo(f"Note: {note}")
    click.echo(
        f"Wrote {result.out}/ in {result.seconds:.1f} s, "
        f"peak memory {result.peak_memory_mb:.0f} MB; open "
        f"{result.out / 'overview.html'} to look at it (all views: index.html)."
    )


@click.command("parse", epilog="Example: kg parse pubmed_result.xml --out records.jsonl")
@_INPUTS
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write records here instead of standard output.",
)
@_FORMAT
@_STRICT
@_QUIET
def parse_command(
    inputs: tuple[str, ...], out: Path | None, format_name: str | None, strict: bool, quiet: bool
) -> None:
    """Parse INPUT files into normalised records, one JSON object per line.

    The output is the input of `kg build --format records-jsonl`, so each stage can be run
    and inspected alone. Problems go to standard error.
    """
    printer = ProblemPrinter(quiet)
    ingest = Ingest(list(inputs), format_name=format_name, strict=strict, on_problem=printer)
    written = 0
    try:
        handle: IO[bytes] = out.open("wb") if out is not None else sys.stdout.buffer
    except OSError as error:
        raise OutputError(f"cannot write {out}: {error}") from error
    with Progress(quiet or out is None, "parsing") as progress:
        ingest.on_progress = progress.advance
        progress.start(ingest.total_bytes)
        try:
            for item in ingest.items():
                if isinstance(item, Record):
                    handle.write(record_to_json(item) + b"\n")
                    written += 1
        finally:
            if out is not None:
                handle.close()
            else:
                handle.flush()
    if not quiet or out is not None:
        click.echo(
            f"{written} record(s) written; {printer.errors} rejected, "
            f"{printer.warnings} warning(s).",
            err=True,
        )
    if written == 0:
        raise KGError("no record could be read from the inputs")
