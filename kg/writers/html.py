"""An offline HTML overview of a build: one pyvis (vis-network) page that opens in any browser.

Why it is built the way it is (pyvis 0.3.2 pitfalls, DESIGN.md §9):

* Offline: only ``cdn_resources="in_line"`` inlines vis-network, and the template still links
  Bootstrap from a CDN, so every ``<script src>``/``<link href>`` to a remote URL is removed
  after rendering, and writing fails if one survives.  The page needs no network at all.
* Speed: physics is off and positions are computed here with a seeded force layout, so the
  page draws at once instead of settling for minutes; nodes and edges are handed to the
  template as lists (pyvis's ``add_edge`` is quadratic).
* Size: above ``max_nodes`` the page shows the best-connected nodes of each label (every
  label keeps at least one node, the rest of the budget is shared in proportion to label
  size) and the edges among them; a caption says how many nodes and edges of how many are
  shown.
* Safety: titles and names come from input records.  Tooltips are HTML (they hold PubMed,
  DOI, ORCID and ROR links, rendered with ``innerHTML`` by pyvis's popup), so every record
  text is HTML-escaped in tooltips, and links are built here from validated ids.  Labels are
  drawn on the canvas as text, but are escaped too (``&``, ``<``, ``>``) so markup cannot
  form if a template ever renders them as HTML.  A title ``<img src=x onerror=alert(1)>``
  shows as text.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from kg.errors import ConfigError, OutputError
from kg.graph.contract import SYMMETRIC_EDGE_TYPES, KnowledgeGraph
from kg.namespaces import KGR, node_iri

__all__ = ["LABEL_COLOURS", "OverviewSummary", "select_nodes", "write_overview"]

# Tableau 10: distinct, colour-blind-friendlier than the vis defaults.
LABEL_COLOURS: Final[dict[str, str]] = {
    "Paper": "#4e79a7",
    "Author": "#f28e2b",
    "Institution": "#59a14f",
    "Journal": "#b07aa1",
    "Disease": "#e15759",
    "Therapy": "#76b7b2",
    "Chemical": "#edc948",
    "Mechanism": "#ff9da7",
    "CellType": "#9c755f",
    "Molecule": "#bab0ac",
}
_OTHER_COLOUR: Final = "#7f7f7f"
_LABEL_CHARS: Final = 40
_LAYOUT_SEED: Final = 20250101
_LAYOUT_ITERATIONS: Final = 60
_REMOTE_TAG: Final = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>\s*</script\s*>"
    r"|<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
_EMPTY_HEADING: Final = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)
# pyvis leaves a commented-out <link>/<script> to ../node_modules in the page: dead weight.
_DEAD_COMMENT: Final = re.compile(r"<!--\s*<link[^>]*node_modules.*?-->", re.DOTALL)
_OPTIONS: Final[dict[str, Any]] = {
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
    "edges": {"smooth": False, "color": {"color": "#b0b0b0", "opacity": 0.6}, "width": 1},
    "nodes": {
        "shape": "dot",
        "scaling": {
            "min": 6,
            "max": 40,
            "label": {"enabled": True, "min": 10, "max": 18, "drawThreshold": 6},
        },
    },
}


@dataclass(frozen=True, slots=True)
class OverviewSummary:
    """What the overview shows, for the build manifest."""

    nodes_shown: int
    nodes_total: int
    edges_shown: int
    edges_total: int

    @property
    def reduced(self) -> bool:
        return self.nodes_shown < self.nodes_total or self.edges_shown < self.edges_total

    def as_dict(self) -> dict[str, int | bool]:
        return {
            "nodes_shown": self.nodes_shown,
            "nodes_total": self.nodes_total,
            "edges_shown": self.edges_shown,
            "edges_total": self.edges_total,
            "reduced": self.reduced,
        }


def write_overview(
    graph: KnowledgeGraph,
    path: str | os.PathLike[str],
    *,
    max_nodes: int = 500,
    title: str = "kg overview",
) -> OverviewSummary:
    """Write the offline overview page of ``graph`` to ``path`` and say what it shows."""
    shown = select_nodes(graph, max_nodes)
    subgraph = graph.subgraph(shown)
    degrees = dict(graph.degree())
    positions = _layout(subgraph, shown)
    nodes = [_vis_node(node, graph.nodes[node], degrees[node], positions[node]) for node in shown]
    edges = [
        _vis_edge(source, target, key, data)
        for source, target, key, data in sorted(
            subgraph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))
        )
    ]
    summary = OverviewSummary(
        len(nodes), graph.number_of_nodes(), len(edges), graph.number_of_edges()
    )
    header = _header(title, summary, _label_counts(graph, shown))
    page = _render(nodes, edges, title=title, header=header)
    Path(path).write_text(page, encoding="utf-8")
    return summary


def select_nodes(graph: KnowledgeGraph, max_nodes: int) -> list[str]:
    """The nodes to draw, sorted: all of them, or the best-connected ones of every label.

    Papers of the inputs are preferred to works they only cite, so a reduced view shows the
    corpus rather than its bibliography.
    """
    if max_nodes < 1:
        raise ConfigError(f"max_nodes must be at least 1, got {max_nodes}")
    if graph.number_of_nodes() <= max_nodes:
        return sorted(graph.nodes)
    degrees = dict(graph.degree())
    # Works only cited by the inputs come after the inputs' own papers, whatever their degree.
    cited_only = {node for node, inside in graph.nodes(data="in_corpus") if inside is False}
    by_label: dict[str, list[str]] = defaultdict(list)
    for node, label in graph.nodes(data="label", default=""):
        if node not in cited_only:
            by_label[str(label)].append(node)
    for members in by_label.values():
        members.sort(key=lambda node: (-degrees[node], node))
    quotas = _quotas({label: len(members) for label, members in by_label.items()}, max_nodes)
    chosen = {node for label, members in by_label.items() for node in members[: quotas[label]]}
    spare = max_nodes - len(chosen)
    if spare > 0:
        rest = sorted(
            (node for node in graph.nodes if node not in chosen),
            key=lambda n: (n in cited_only, -degrees[n], n),
        )
        chosen.update(rest[:spare])
    return sorted(chosen)


def _quotas(sizes: Mapping[str, int], budget: int) -> dict[str, int]:
    """One node per label (largest labels first if the budget is tiny), the rest pro rata."""
    labels = sorted(sizes, key=lambda label: (-sizes[label], label))
    quotas = {label: 1 if rank < budget else 0 for rank, label in enumerate(labels)}
    spare = budget - sum(quotas.values())
    remaining = sum(sizes[label] - quotas[label] for label in labels)
    if spare > 0 and remaining > 0:
        for label in labels:
            quotas[label] += spare * (sizes[label] - quotas[label]) // remaining
    return quotas


def _layout(subgraph: KnowledgeGraph, nodes: list[str]) -> dict[str, tuple[int, int]]:
    """Seeded force-directed positions in pixels (spread grows with the square root of size)."""
    if not nodes:
        return {}
    index = {node: number for number, node in enumerate(nodes)}
    pairs = sorted({(index[u], index[v]) for u, v in subgraph.edges() if u != v})
    raw = _force_layout(len(nodes), pairs)
    scale = 100.0 * math.sqrt(len(nodes))
    return {
        node: (round(float(x) * scale), round(float(y) * scale))
        for node, (x, y) in zip(nodes, raw, strict=True)
    }


def _force_layout(count: int, pairs: list[tuple[int, int]]) -> npt.NDArray[np.float64]:
    """Fruchterman-Reingold positions in [-1, 1]², computed densely with numpy.

    networkx's ``spring_layout`` switches to scipy at 500 nodes, which kg does not depend
    on; the dense form needs only numpy and O(count²) memory (about 10 MB at the default
    500 nodes, 150 MB at 2,000).  Nodes repel with k²/d, edges attract with d²/k, and
    the step size cools linearly so the layout settles in a fixed number of iterations.
    """
    rng = np.random.default_rng(_LAYOUT_SEED)
    position = rng.random((count, 2))
    edges = np.array(pairs, dtype=np.intp).reshape(-1, 2)
    k = 1.0 / math.sqrt(count)
    temperature = 0.1
    cooling = temperature / (_LAYOUT_ITERATIONS + 1)
    for _ in range(_LAYOUT_ITERATIONS):
        x, y = position[:, 0], position[:, 1]
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
        repulsion = k * k / np.maximum(dx * dx + dy * dy, 1e-4)
        shift = np.column_stack(((dx * repulsion).sum(axis=1), (dy * repulsion).sum(axis=1)))
        along = position[edges[:, 0]] - position[edges[:, 1]]
        pull = along * (np.hypot(along[:, 0], along[:, 1]) / k)[:, None]
        np.subtract.at(shift, edges[:, 0], pull)
        np.add.at(shift, edges[:, 1], pull)
        length = np.maximum(np.hypot(shift[:, 0], shift[:, 1]), 0.01)
        position += shift * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    position -= position.mean(axis=0)
    extent = float(np.abs(position).max()) or 1.0
    result: npt.NDArray[np.float64] = position / extent
    return result


def _vis_node(
    node: str, attributes: Mapping[str, object], degree: int, position: tuple[int, int]
) -> dict[str, object]:
    label = str(attributes.get("label", ""))
    return {
        "id": node,
        # Canvas text, never parsed as HTML; escaped anyway (not quotes, which would show as
        # entities) so no markup can form if a future template renders labels as HTML.
        "label": html.escape(_short(_display_name(node, attributes)), quote=False),
        "title": _tooltip(node, label, attributes, degree),
        "color": LABEL_COLOURS.get(label, _OTHER_COLOUR),
        "value": degree,
        "x": position[0],
        "y": position[1],
    }


def _vis_edge(
    source: str, target: str, key: object, data: Mapping[str, object]
) -> dict[str, object]:
    edge_type = str(data.get("type", key))
    arrows = "" if edge_type in SYMMETRIC_EDGE_TYPES else "to"
    return {"from": source, "to": target, "arrows": arrows}


def _display_name(node: str, attributes: Mapping[str, object]) -> str:
    for name in ("name", "title"):
        value = attributes.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return node


def _short(text: str) -> str:
    """Truncate before escaping so an entity is never cut in half."""
    text = " ".join(text.split())
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"


def _tooltip(node: str, label: str, attributes: Mapping[str, object], degree: int) -> str:
    """Tooltip HTML: every record text escaped, links only from validated identifiers."""
    lines = [f"<b>{html.escape(_display_name(node, attributes))}</b>"]
    lines.extend(_details(label, attributes))
    connections = "1 connection" if degree == 1 else f"{degree:,} connections"
    lines.append(f"{html.escape(label or 'node')} {html.escape(node)} · {connections}")
    links = [_link(text, iri) for text, iri in _link_targets(node, attributes) if iri]
    if links:
        lines.append(" · ".join(links))
    return "<br>".join(lines)


def _details(label: str, attributes: Mapping[str, object]) -> list[str]:
    fields = {
        "Paper": ("year", "journal"),
        "Author": ("paper_count",),
        "Institution": ("city", "country", "paper_count"),
        "Journal": ("title",),
    }.get(label, ())
    parts = [
        f"{html.escape(name.replace('_', ' '))}: {html.escape(str(attributes[name]))}"
        for name in fields
        if name in attributes
    ]
    return [" · ".join(parts)] if parts else []


def _link_targets(node: str, attributes: Mapping[str, object]) -> list[tuple[str, str | None]]:
    """(text, IRI) for every public record of the node; IRIs come from kg.namespaces."""
    targets = [
        (text, _resolvable(f"{scheme}:{attributes[scheme]}") if scheme in attributes else None)
        for text, scheme in (("PubMed", "pmid"), ("DOI", "doi"), ("ORCID", "orcid"), ("ROR", "ror"))
    ]
    own = _resolvable(node)
    if own and own not in {iri for _, iri in targets}:
        targets.append((node.partition(":")[0], own))
    return targets


def _resolvable(node_id: str) -> str | None:
    iri = node_iri(node_id)
    return None if iri.startswith(KGR) else iri


def _link(text: str, iri: str) -> str:
    return (
        f'<a href="{html.escape(iri, quote=True)}" target="_blank" rel="noopener noreferrer">'
        f"{html.escape(text)}</a>"
    )


def _label_counts(graph: KnowledgeGraph, shown: list[str]) -> dict[str, tuple[int, int]]:
    """Per label: (nodes shown, nodes in the graph)."""
    totals: dict[str, int] = defaultdict(int)
    for _, label in graph.nodes(data="label", default=""):
        totals[str(label)] += 1
    drawn: dict[str, int] = defaultdict(int)
    for node in shown:
        drawn[str(graph.nodes[node].get("label", ""))] += 1
    return {label: (drawn[label], totals[label]) for label in totals}


def _header(title: str, summary: OverviewSummary, counts: Mapping[str, tuple[int, int]]) -> str:
    if summary.reduced:
        caption = (
            f"Showing {summary.nodes_shown:,} of {summary.nodes_total:,} nodes and "
            f"{summary.edges_shown:,} of {summary.edges_total:,} edges: the best-connected "
            f"nodes of every label and the edges among them; "
            f"{summary.nodes_total - summary.nodes_shown:,} nodes and "
            f"{summary.edges_total - summary.edges_shown:,} edges are left out."
        )
    else:
        caption = f"All {summary.nodes_total:,} nodes and {summary.edges_total:,} edges."
    caption += (
        " Node size: connections in the whole graph. Click a node to highlight its neighbours."
    )
    order = [label for label in LABEL_COLOURS if label in counts] + sorted(
        set(counts) - set(LABEL_COLOURS)
    )
    items = "".join(_legend_item(label, *counts[label]) for label in order)
    return (
        '<header class="kg-header">'
        f"<h1>{html.escape(title)}</h1>"
        f'<p class="kg-caption">{html.escape(caption)}</p>'
        f'<ul class="kg-legend">{items}</ul></header>'
    )


def _legend_item(label: str, shown: int, total: int) -> str:
    colour = LABEL_COLOURS.get(label, _OTHER_COLOUR)
    name = html.escape(label or "unlabelled")
    swatch = f'<span class="kg-swatch" style="background:{colour}"></span>'
    return f"<li>{swatch}{name} ({shown:,} of {total:,})</li>"


_STYLE: Final = (
    "<style>.kg-header{font-family:system-ui,sans-serif;margin:0 0 8px}"
    ".kg-header h1{font-size:1.4em;margin:4px 0}.kg-caption{margin:4px 0;color:#333}"
    ".kg-legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:14px}"
    ".kg-swatch{display:inline-block;width:12px;height:12px;border-radius:50%;"
    "margin-right:5px;vertical-align:middle}</style>"
)


def _render(
    nodes: list[dict[str, object]], edges: list[dict[str, object]], *, title: str, header: str
) -> str:
    """Fill pyvis's template with everything inlined, then strip what would reach the network."""
    from pyvis.network import Network  # optional integration: imported only when used

    network = Network(height="80vh", width="100%", directed=True, cdn_resources="in_line")
    template = network.templateEnv.get_template(network.path)
    page: str = template.render(
        height="80vh",
        width="100%",
        nodes=nodes,
        edges=edges,
        heading="",
        options=json.dumps(_OPTIONS),
        physics_enabled=False,
        use_DOT=False,
        dot_lang=[],
        widget=False,
        bgcolor="#ffffff",
        conf=False,
        tooltip_link=True,  # titles are (escaped) HTML with links: use pyvis's HTML popup
        neighborhood_highlight=True,
        select_menu=False,
        filter_menu=False,
        notebook=False,
        cdn_resources="in_line",
    )
    for pattern in (_REMOTE_TAG, _EMPTY_HEADING, _DEAD_COMMENT):
        page = pattern.sub("", page)
    head = f"<title>{html.escape(title)}</title>{_STYLE}"
    page = page.replace('<meta charset="utf-8">', f'<meta charset="utf-8">{head}', 1)
    page = re.sub(r"<body>", lambda _: f"<body>{header}", page, count=1)
    if _REMOTE_TAG.search(page):
        raise OutputError(
            "the pyvis template still loads a remote resource; the page would not work offline"
        )
    return page
