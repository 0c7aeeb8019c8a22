"""``kg view``: one interactive HTML view of a build, written as a self-contained page."""

from __future__ import annotations

from pathlib import Path

import click

from kg.errors import ConfigError, OutputError

__all__ = ["view_command"]

# Kept here rather than imported from kg.views.make so `kg --help` imports nothing of the
# views; a test checks the two lists agree.
VIEW_KINDS = ("overview", "coauthors", "institutions", "biomedical", "ego")


@click.command(
    "view",
    epilog="Examples: kg view build/ coauthors --out coauthors.html\n\n"
    "kg view build/ ego --center 'systemic lupus erythematosus' --hops 2 --out sle.html",
)
@click.argument(
    "directory",
    metavar="DIR",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.argument("kind", metavar="KIND", type=click.Choice(VIEW_KINDS))
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML file to write [default: KIND.html in the current directory].",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(1),
    default=2000,
    show_default=True,
    help="Most nodes drawn; a larger view keeps its strongest part and says so.",
)
@click.option("--center", default=None, help="ego: the node at the centre, by id or name.")
@click.option(
    "--hops",
    type=click.IntRange(1, 6),
    default=1,
    show_default=True,
    help="ego: how many steps from the centre.",
)
@click.option("--title", default=None, help="Page title instead of the view's own.")
def view_command(
    directory: Path,
    kind: str,
    out: Path | None,
    max_nodes: int,
    center: str | None,
    hops: int,
    title: str | None,
) -> None:
    """Write the KIND view of the build in DIR as one HTML page that works offline.

    KIND is overview (every node type), coauthors (communities), institutions (by country),
    biomedical (therapy - mechanism - disease, evidence as edge style) or ego (everything
    within --hops of --center).
    """
    if kind == "ego" and not center:
        raise ConfigError("the ego view needs --center ID_OR_NAME")
    if kind != "ego" and (center is not None or hops != 1):
        raise ConfigError("--center and --hops apply to the ego view only")
    from kg.views.make import make_view, write_view
    from kg.views.model import ViewOptions
    from kg.writers.nodelink import read_node_link

    source = directory / "graph.json"
    if not source.is_file():
        raise OutputError(f"{directory} is not a kg build: it has no graph.json (run kg build)")
    graph = read_node_link(source)
    options = ViewOptions(max_nodes=max_nodes, center=center, hops=hops, title=title)
    view = make_view(graph, kind, options)
    target = out if out is not None else Path(f"{kind}.html")
    summary = write_view(view, target)
    shown = (
        f"{summary.nodes_shown:,} of {summary.nodes_total:,} nodes and "
        f"{summary.edges_shown:,} of {summary.edges_total:,} edges"
    )
    click.echo(f"Wrote {target}: {shown}; open it in any browser (it works offline).")
    if summary.reduced:
        click.echo(f"Reduced to its strongest part (--max-nodes {max_nodes:,}); see its caption.")
