"""``kg analyze``: co-authorship, institution and country networks of a build, with metrics."""

from __future__ import annotations

import math
from pathlib import Path

import click

from kg.analysis.metrics import (
    DEFAULT_BETWEENNESS_SOURCES,
    DEFAULT_SEED,
    EXACT_BETWEENNESS_WORK,
)
from kg.analysis.networks import NETWORK_KINDS, NetworkKind
from kg.analysis.plots import PLOT_FORMATS
from kg.analysis.tables import FORMATS, SORT_KEYS
from kg.errors import OutputError

__all__ = ["analyze_command"]


@click.command(
    "analyze",
    epilog="Example: kg analyze build/ coauthors --top 10 --sort betweenness --since 2020",
)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.argument("network", type=click.Choice(NETWORK_KINDS))
@click.option(
    "--top",
    type=click.IntRange(0),
    default=20,
    show_default=True,
    help="How many nodes to list (0: all).",
)
@click.option(
    "--sort",
    type=click.Choice(SORT_KEYS),
    default="degree",
    show_default=True,
    help="The measure the list is sorted by, highest first.",
)
@click.option("--since", type=int, default=None, metavar="YEAR", help="Only papers from YEAR.")
@click.option("--until", type=int, default=None, metavar="YEAR", help="Only papers up to YEAR.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="An aligned table with a summary, or CSV / JSON for other tools.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Write the output to FILE instead of standard output.",
)
@click.option(
    "--plot",
    "plot_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIR",
    help="Also plot collaboration over the years, the top nodes and the degree distribution.",
)
@click.option(
    "--plot-format",
    type=click.Choice(PLOT_FORMATS),
    default="png",
    show_default=True,
    help="Image format of --plot.",
)
@click.option(
    "--seed",
    type=int,
    default=DEFAULT_SEED,
    show_default=True,
    help="Seed of the community detection and of sampled betweenness.",
)
@click.option(
    "--betweenness-sources",
    type=click.IntRange(2),
    default=DEFAULT_BETWEENNESS_SOURCES,
    show_default=True,
    metavar="K",
    help="Estimate betweenness from K sampled source nodes when exact would take more than "
    f"{EXACT_BETWEENNESS_WORK:,} search steps (a few seconds).",
)
@click.option(
    "--exact-betweenness",
    is_flag=True,
    help="Compute betweenness exactly whatever the size (one search per node: slow on "
    "large networks).",
)
def analyze_command(
    directory: Path,
    network: NetworkKind,
    top: int,
    sort: str,
    since: int | None,
    until: int | None,
    output_format: str,
    out: Path | None,
    plot_dir: Path | None,
    plot_format: str,
    seed: int,
    betweenness_sources: int,
    exact_betweenness: bool,
) -> None:
    """Measure the NETWORK (coauthors, institutions or countries) of the build in DIRECTORY.

    Links are weighted by joint papers; --since/--until keep only the papers of those years,
    so a link of 2019 papers is not in a 2020-2021 slice.  Prints degree, strength,
    PageRank, betweenness, clustering, component and community of the top nodes, after the
    network's components, communities (Leiden) and modularity.
    """
    from kg.analysis.gc_pause import paused_gc
    from kg.analysis.metrics import analyse
    from kg.analysis.networks import build_network
    from kg.analysis.slicing import YearRange
    from kg.analysis.source import read_collaboration
    from kg.analysis.tables import render

    years = YearRange(since, until)  # a reversed range is a usage error before any reading
    with paused_gc():
        collaboration = read_collaboration(directory)
        built = build_network(collaboration, network, years)
        analysis = analyse(
            built,
            seed=seed,
            betweenness_sources=betweenness_sources,
            exact_work=math.inf if exact_betweenness else EXACT_BETWEENNESS_WORK,
        )
    text = render(analysis, output_format, sort=sort, top=top)
    if out is None:
        click.echo(text, nl=False)
    else:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as error:
            raise OutputError(f"cannot write {out}: {error.strerror or error}") from error
    if plot_dir is not None:
        from kg.analysis.plots import write_plots  # matplotlib only when plotting

        paths = write_plots(
            analysis,
            collaboration.years,
            plot_dir,
            plot_format=plot_format,
            sort=sort,
            top=top,
        )
        click.echo(f"Wrote {len(paths)} plot(s) to {plot_dir}/: ", err=True, nl=False)
        click.echo(", ".join(path.name for path in paths), err=True)
