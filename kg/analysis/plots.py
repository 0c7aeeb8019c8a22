"""Plots of an analysis, for those who would rather look than read: PNG or SVG files.

Three figures, each answering one question:

* ``collaboration_over_years``: is the field collaborating more?  Papers per year and, of
  them, those with two or more authors (institutions, countries);
* ``top_<network>``: who are the most connected?  A bar chart of the top nodes by the
  table's sort measure;
* ``degree_distribution``: how unequal is it?  Number of nodes per degree on log-log axes
  (collaboration networks have a long tail that only a log scale shows).

matplotlib is imported only when plotting and drawn through its object API on the Agg canvas,
so no GUI backend or display is needed and no global pyplot figure is made (igraph itself
imports pyplot when matplotlib is installed, but never draws here).  SVG files are made
deterministic (no date, fixed id salt) so they diff cleanly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final

from kg.analysis.metrics import Analysis
from kg.analysis.tables import rows
from kg.errors import OutputError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["PLOT_FORMATS", "write_plots"]

PLOT_FORMATS: Final = ("png", "svg")
_MAX_BARS: Final = 30
_LABEL_WIDTH: Final = 40
_NOUNS: Final = {
    "coauthors": ("authors", "papers with 2+ authors"),
    "institutions": ("institutions", "papers with 2+ institutions"),
    "countries": ("countries", "papers with 2+ countries"),
}


def write_plots(
    analysis: Analysis,
    paper_years: Mapping[str, int | None],
    directory: Path,
    *,
    plot_format: str = "png",
    sort: str = "degree",
    top: int = 20,
) -> list[Path]:
    """Write the three figures into ``directory`` (created if missing); returns their paths."""
    if plot_format not in PLOT_FORMATS:
        raise ValueError(f"unknown plot format {plot_format!r}; expected one of {PLOT_FORMATS}")
    import matplotlib

    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create plot directory {directory}: {error}") from error
    kind = analysis.network.kind
    figures = {
        "collaboration_over_years": _over_years(analysis, paper_years),
        f"top_{kind}": _top(analysis, sort, min(top or _MAX_BARS, _MAX_BARS)),
        "degree_distribution": _degrees(analysis),
    }
    written: list[Path] = []
    with matplotlib.rc_context({"svg.hashsalt": "kg"}):
        for name, figure in figures.items():
            path = directory / f"{name}.{plot_format}"
            metadata = {"Date": None} if plot_format == "svg" else {}
            try:
                figure.savefig(path, format=plot_format, metadata=metadata, dpi=150)
            except OSError as error:
                raise OutputError(f"cannot write {path}: {error}") from error
            written.append(path)
    return written


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _over_years(analysis: Analysis, paper_years: Mapping[str, int | None]) -> Figure:
    from matplotlib.ticker import MaxNLocator

    network = analysis.network
    members, collaborative = _NOUNS[network.kind]
    papers: Counter[int] = Counter()
    joint: Counter[int] = Counter()
    for paper, count in network.paper_members.items():
        year = paper_years.get(paper)
        if year is None:
            continue
        papers[year] += 1
        if count >= 2:
            joint[year] += 1
    figure = _figure(8, 4.5)
    axes = figure.add_subplot()
    if papers:
        years = list(range(min(papers), max(papers) + 1))
        axes.bar(years, [papers[y] for y in years], color="#9ecae1", label=f"papers with {members}")
        axes.bar(years, [joint[y] for y in years], color="#3182bd", label=collaborative)
        axes.legend(loc="upper left")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # no year 2020.5
    else:
        axes.text(0.5, 0.5, "no dated papers", ha="center", va="center")
    axes.set_xlabel("publication year")
    axes.set_ylabel("papers")
    axes.set_title(f"Collaboration over the years ({network.years.describe()})")
    return figure


def _top(analysis: Analysis, sort: str, count: int) -> Figure:
    selected = rows(analysis, sort=sort, top=count)
    labels = [_short(str(row["name"])) for row in selected]
    values = [float(row[sort]) for row in selected]
    figure = _figure(8, max(2.5, 0.3 * len(selected) + 1.2))
    axes = figure.add_subplot()
    if selected:
        positions = list(range(len(selected)))
        axes.barh(positions, values, color="#3182bd")
        axes.set_yticks(positions, labels=labels, fontsize=8)
        axes.invert_yaxis()  # the best at the top
    else:
        axes.text(0.5, 0.5, "no nodes", ha="center", va="center")
    axes.set_xlabel(sort)
    noun = _NOUNS[analysis.network.kind][0]
    axes.set_title(f"Top {len(selected)} {noun} by {sort} ({analysis.network.years.describe()})")
    return figure


def _degrees(analysis: Analysis) -> Figure:
    counts = Counter(degree for degree in analysis.metrics.degree if degree > 0)
    isolated = analysis.summary.isolated
    figure = _figure(6, 4.5)
    axes = figure.add_subplot()
    if counts:
        degrees = sorted(counts)
        axes.scatter(degrees, [counts[d] for d in degrees], s=12, color="#3182bd")
        axes.set_xscale("log")
        axes.set_yscale("log")
    else:
        axes.text(0.5, 0.5, "no links", ha="center", va="center")
    axes.set_xlabel("degree (distinct collaborators)")
    axes.set_ylabel("nodes")
    axes.set_title(f"Degree distribution ({isolated:,} nodes of degree 0 not shown)")
    return figure


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_WIDTH else text[: _LABEL_WIDTH - 1] + "…"
