"""Top-N tables of an analysis: an aligned table for the terminal, CSV and JSON for tools.

All three carry the same rows: the nodes sorted by one measure, highest first, cut to the top
N.  Ties go to the greater strength, then more papers (sums of integers, so exact on every
platform, unlike a tie-break on PageRank's last bits), then name and id: the order never
depends on the input order.  The table rounds for reading; CSV and JSON keep full
precision.  JSON adds the whole-network summary, so one file says what the numbers are about.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Final

from kg.analysis.metrics import METRICS, Analysis

__all__ = ["FORMATS", "SORT_KEYS", "render", "rows", "summary_lines"]

FORMATS: Final = ("table", "csv", "json")
SORT_KEYS: Final = ("degree", "strength", "pagerank", "betweenness", "clustering", "papers")
_NOUN: Final = {"coauthors": "author", "institutions": "institution", "countries": "country"}
_TITLE: Final = {
    "coauthors": "Co-authorship network",
    "institutions": "Institution collaboration network",
    "countries": "Country collaboration network",
}
_NAME_WIDTH: Final = 40


def rows(analysis: Analysis, *, sort: str = "degree", top: int | None = 20) -> list[dict[str, Any]]:
    """The nodes as rows (rank, id, name, [country], papers, measures), best first.

    ``top`` of ``None`` or 0 keeps every node.
    """
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}; expected one of {SORT_KEYS}")
    network, metrics = analysis.network, analysis.metrics
    values = network.papers if sort == "papers" else getattr(metrics, sort)
    order = sorted(
        range(len(network)),
        key=lambda v: (
            -values[v],
            -metrics.strength[v],
            -network.papers[v],
            network.names[v],
            network.ids[v],
        ),
    )
    if top:
        order = order[:top]
    result: list[dict[str, Any]] = []
    for rank, vertex in enumerate(order, start=1):
        row: dict[str, Any] = {"rank": rank, "id": network.ids[vertex]}
        row["name"] = network.names[vertex]
        if network.countries is not None:
            row["country"] = network.countries[vertex] or ""
        row["papers"] = network.papers[vertex]
        row.update(metrics.of(vertex))
        result.append(row)
    return result


def render(
    analysis: Analysis, output_format: str, *, sort: str = "degree", top: int | None = 20
) -> str:
    """The text ``kg analyze`` prints: ``table``, ``csv`` or ``json``."""
    selected = rows(analysis, sort=sort, top=top)
    if output_format == "csv":
        return _csv(analysis, selected)
    if output_format == "json":
        return _json(analysis, selected, sort, top)
    if output_format == "table":
        return _table(analysis, selected, sort)
    raise ValueError(f"unknown output format {output_format!r}; expected one of {FORMATS}")


def summary_lines(analysis: Analysis) -> list[str]:
    """Whole-network figures in words (the head of the terminal table)."""
    network, summary = analysis.network, analysis.summary
    noun = _NOUN[network.kind]
    papers = len(network.paper_members)
    modularity = "n/a" if summary.modularity is None else f"{summary.modularity:.3f}"
    lines = [
        f"{_TITLE[network.kind]}, {network.years.describe()}: {summary.nodes:,} {noun} nodes, "
        f"{summary.edges:,} links, from {papers:,} paper(s)",
        f"{summary.components:,} connected component(s) (largest {summary.largest_component:,}),"
        f" {summary.isolated:,} {noun} node(s) without links",
        f"{summary.communities:,} communities (Leiden, seed {summary.seed}; largest "
        f"{', '.join(f'{size:,}' for size in summary.largest_communities) or '-'}), "
        f"modularity {modularity}",
        f"clustering: average {summary.average_clustering:.3f}, "
        f"transitivity {summary.transitivity:.3f}; "
        f"betweenness {summary.betweenness.describe()}",
    ]
    lines.extend(f"note: {note}" for note in network.notes)
    return lines


def _table(analysis: Analysis, selected: list[dict[str, Any]], sort: str) -> str:
    lines = summary_lines(analysis)
    if not selected:
        return "\n".join([*lines, "(no nodes)"]) + "\n"
    columns = [name for name in selected[0] if name != "id"] + ["id"]
    cells = [[_cell(row[name], name) for name in columns] for row in selected]
    widths = [max(len(name), *(len(line[i]) for line in cells)) for i, name in enumerate(columns)]
    numeric = {"rank", "papers", *METRICS}
    lines.append("")
    lines.append(f"Top {len(selected)} by {sort}:")
    lines.append(_line(columns, widths, columns, numeric))
    lines.extend(_line(line, widths, columns, numeric) for line in cells)
    return "\n".join(lines) + "\n"


def _line(cells: list[str], widths: list[int], columns: list[str], numeric: set[str]) -> str:
    padded = [
        cell.rjust(width) if column in numeric else cell.ljust(width)
        for cell, width, column in zip(cells, widths, columns, strict=True)
    ]
    return "  ".join(padded).rstrip()


def _cell(value: Any, column: str) -> str:
    if column == "name":
        text = str(value)
        return text if len(text) <= _NAME_WIDTH else text[: _NAME_WIDTH - 1] + "…"
    if isinstance(value, float):
        if column == "strength":
            return f"{value:g}"
        return f"{value:.4g}"
    return str(value)


def _csv(analysis: Analysis, selected: list[dict[str, Any]]) -> str:
    buffer = io.StringIO(newline="")
    columns = list(selected[0]) if selected else _columns(analysis)
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(selected)
    return buffer.getvalue()


def _columns(analysis: Analysis) -> list[str]:
    country = ["country"] if analysis.network.countries is not None else []
    return ["rank", "id", "name", *country, "papers", *METRICS]


def _json(analysis: Analysis, selected: list[dict[str, Any]], sort: str, top: int | None) -> str:
    network = analysis.network
    document = {
        "network": network.kind,
        "years": network.years.as_dict(),
        "papers": len(network.paper_members),
        "summary": analysis.summary.as_dict(timings=False),
        "notes": network.notes,
        "sort": sort,
        "top": top or None,
        "nodes": selected,
    }
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
