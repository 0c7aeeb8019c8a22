"""``kg export``: a build's graph as Turtle, N-Triples, JSON-LD or RDF/XML."""

from __future__ import annotations

import time
from pathlib import Path

import click

from kg.writers.export import FORMATS, ExportOptions, export_build

__all__ = ["export_command"]

_FORMAT_HELP = "; ".join(
    f"{spec.name} ({spec.description}, DIR/{spec.filename})" for spec in FORMATS.values()
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
    help="File to write instead of the format's file in DIR; '-' for standard output.",
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
    """Write the graph of the build in DIR in another RDF format.

    Reads the build's graph.ttl (streamed) and writes the same triples, in the same
    order, so the same build always gives the same bytes. The summary goes to standard
    error, so standard output carries only the graph with --out -.
    """
    started = time.perf_counter()
    written = export_build(
        directory, format_name, out, ExportOptions(embed_context=not context_iri)
    )
    if written is None or quiet:
        return
    size = written.stat().st_size / 1e6
    click.echo(
        f"Wrote {written} ({size:.1f} MB) in {time.perf_counter() - started:.1f} s.", err=True
    )
