"""``kg export``: a build's graph as Turtle, N-Triples, JSON-LD or RDF/XML, or as the CSV
files of Neo4j's bulk importer."""

from __future__ import annotations

import time
from pathlib import Path

import click

from kg.writers.export import (
    DIRECTORY_FORMATS,
    FORMATS,
    ExportOptions,
    export_build,
    export_directory,
)

__all__ = ["export_command"]

_FORMAT_HELP = "; ".join(
    [f"{spec.name} ({spec.description}, DIR/{spec.filename})" for spec in FORMATS.values()]
    + [
        f"{spec.name} ({spec.description}, DIR/{spec.dirname}/)"
        for spec in DIRECTORY_FORMATS.values()
    ]
)


@click.command(
    "export",
    epilog="Example: kg export build/ --to jsonld   (writes build/graph.jsonld)",
)
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option(
    "--to",
    "format_name",
    required=True,
    metavar="FORMAT",
    help=f"Output format: {_FORMAT_HELP}.",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, allow_dash=True),
    default=None,
    help="File to write instead of the format's file in DIR (a directory for neo4j-csv); '-' "
    "for standard output.",
)
@click.option(
    "--context-iri",
    is_flag=True,
    help="JSON-LD: reference the published context "
    "(https://w3id.org/kg/context.jsonld) instead of embedding it; smaller, but readers "
    "must be able to fetch it.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
def export_command(
    directory: Path, format_name: str, out: Path | None, context_iri: bool, quiet: bool
) -> None:
    """Write the graph of the build in DIR in another RDF format, or as the CSV files of
    Neo4j's bulk importer (--to neo4j-csv: one directory, read from graph.json).

    Reads the build's graph.ttl (streamed) and writes the same triples, in the same
    order, so the same build always gives the same bytes. The summary goes to standard
    error, so standard output carries only the graph with --out -.
    """
    started = time.perf_counter()
    if format_name in DIRECTORY_FORMATS:
        target, report = export_directory(directory, format_name, out)
        if not quiet:
            _print_directory_report(target, report, time.perf_counter() - started)
        return
    written = export_build(
        directory, format_name, out, ExportOptions(embed_context=not context_iri)
    )
    if written is None or quiet:
        return
    size = written.stat().st_size / 1e6
    click.echo(
        f"Wrote {written} ({size:.1f} MB) in {time.perf_counter() - started:.1f} s.", err=True
    )


def _print_directory_report(target: Path, report: object, seconds: float) -> None:
    """The summary of a directory format: what was written and what to run next."""
    from kg.writers.neo4j_csv import ARGUMENTS_FILE, SCHEMA_FILE, CsvExport

    files = sorted(target.iterdir())
    size = sum(path.stat().st_size for path in files) / 1e6
    click.echo(f"Wrote {target}/ ({len(files)} files, {size:.1f} MB) in {seconds:.1f} s.", err=True)
    if not isinstance(report, CsvExport):
        return
    nodes, relationships = sum(report.nodes.values()), sum(report.relationships.values())
    click.echo(
        f"{nodes:,} nodes and {relationships:,} relationships for Neo4j's bulk importer; "
        f"import them with the server stopped: cd {target} && neo4j-admin database import "
        f"full @{ARGUMENTS_FILE} neo4j, then start it and run {SCHEMA_FILE}.",
        err=True,
    )
    for column in report.as_text:
        click.echo(f"note: {column}: values of mixed kinds, written as text", err=True)
    if report.lone_empty_strings:
        click.echo(
            f"note: {report.lone_empty_strings} list(s) holding only an empty string, which the "
            "importer reads as no value",
            err=True,
        )
