"""``kg validate``: check a build's RDF against the kg SHACL shapes and say what is wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kg.validate import ENGINES, Engine, Group, Report, validate_build

__all__ = ["validate_command"]


@click.command(
    "validate",
    epilog="Example: kg validate build/   (exit status 1 if the graph breaks a rule)",
)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per broken rule and node label; json: the whole report.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="oxigraph",
    show_default=True,
    help="oxigraph runs the shapes as SPARQL queries (seconds); pyshacl is the reference "
    "SHACL implementation (minutes on a small build, for cross-checking).",
)
@click.option(
    "--examples",
    type=click.IntRange(0),
    default=5,
    show_default=True,
    help="Nodes named per line of text output (json lists up to 1000 per rule).",
)
@click.pass_context
def validate_command(
    ctx: click.Context, directory: Path, output_format: str, engine: Engine, examples: int
) -> None:
    """Check DIRECTORY/graph.ttl against the shapes in ontology/shapes.ttl.

    Prints each broken rule once per node label, with how many nodes break it and which,
    then a one-line summary.  Exits 1 when a rule of severity Violation is broken; warnings
    (unusual but possibly right, such as a PubMed erratum without a title) are printed and
    do not fail.
    """
    report = validate_build(directory, engine=engine)
    if output_format == "json":
        click.echo(json.dumps(_as_json(directory, report), indent=2, ensure_ascii=False))
    else:
        for group in report.groups:
            click.echo(_line(group, examples))
        click.echo(_summary(directory, report))
    if not report.conforms:
        ctx.exit(1)


def _line(group: Group, shown: int) -> str:
    """``12 Paper nodes without ...: pmid:1, pmid:2, … and 10 more (shape kg:PaperShape)``."""
    prefix = "" if group.severity == "Violation" else f"{group.severity.lower()}: "
    noun = "node" if group.nodes == 1 else "nodes"
    names = ", ".join(group.examples[:shown])
    hidden = group.results - min(shown, len(group.examples))
    more = f", … and {hidden} more" if hidden and names else f"{hidden} results" if hidden else ""
    listing = f": {names}{more}" if names or more else ""
    where = f"(shape {group.shape})"
    return f"{prefix}{group.nodes} {group.label} {noun} {group.message}{listing} {where}"


def _summary(directory: Path, report: Report) -> str:
    violations = report.count("Violation")
    warnings = report.count("Warning")
    verdict = "conforms to" if report.conforms else "does not conform to"
    problems = ", ".join(
        f"{count} {name}{'' if count == 1 else 's'}"
        for name, count in (("violation", violations), ("warning", warnings))
        if count or name == "violation"
    )
    return (
        f"{directory / 'graph.ttl'} {verdict} the kg shapes: {problems}; checked "
        f"{report.triples} triples, {report.nodes} nodes, {report.shapes} shapes in "
        f"{report.seconds:.1f} s, {report.load_seconds:.1f} s of it loading ({report.engine})"
    )


def _as_json(directory: Path, report: Report) -> dict[str, Any]:
    return {
        "graph": str(directory / "graph.ttl"),
        "conforms": report.conforms,
        "violations": report.count("Violation"),
        "warnings": report.count("Warning"),
        "engine": report.engine,
        "triples": report.triples,
        "nodes": report.nodes,
        "shapes": report.shapes,
        "seconds": report.seconds,
        "load_seconds": report.load_seconds,
        "groups": [
            {
                "severity": group.severity,
                "shape": group.shape,
                "message": group.message,
                "label": group.label,
                "nodes": group.nodes,
                "results": group.results,
                "examples": list(group.examples),
            }
            for group in report.groups
        ],
    }
