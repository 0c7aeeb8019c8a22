"""A view as one self-contained HTML page: header and caption, data as JSON, inlined scripts.

Why this way:

* Offline: the sigma.js bundle, the page's script and style are inlined; the page asks
  the network for nothing and works from ``file://`` (DESIGN.md §5).
* Safe: the record data is a JSON ``<script type="application/json">`` element in which
  ``<``, ``>``, ``&`` and U+2028/U+2029 are written as ``\\u`` escapes, so no record text
  can end the element or open a tag; the page's script puts record text in the DOM with
  ``textContent`` only.  The header is HTML-escaped here.  Defence in depth: a Content
  Security Policy allows no network at all and only the page's own two scripts (by hash),
  so even injected markup could neither load anything nor run an inline handler.
* Fast: drawing is WebGL (sigma.js); positions come from Python, nothing settles in the
  browser.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
from pathlib import Path
from typing import Any, Final

from kg import __version__
from kg.errors import OutputError
from kg.views.assets import asset, script
from kg.views.model import EDGE_DETAILS_LIMIT, LegendItem, View

__all__ = ["page_data", "render_page", "safe_json", "write_page"]

_JSON_ESCAPES: Final = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def safe_json(value: Any) -> str:
    """JSON that can sit inside a ``<script>`` element whatever strings it holds."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_JSON_ESCAPES)


def page_data(view: View) -> dict[str, Any]:
    """The data the page's script draws, in short keys (a 20,000-node page stays small)."""
    label_slot = {item.name: number for number, item in enumerate(view.labels)}
    index = {node.id: number for number, node in enumerate(view.nodes)}
    types = sorted({edge.type for edge in view.edges})
    type_slot = {name: number for number, name in enumerate(types)}
    nodes: list[dict[str, Any]] = []
    for node, (x, y) in zip(view.nodes, view.positions, strict=True):
        entry: dict[str, Any] = {
            "id": node.id,
            "n": node.name,
            "l": label_slot[node.label or "unlabelled"],
            "g": node.group,
            "c": node.colour,
            "x": x,
            "y": y,
            "s": node.size,
        }
        _optional(entry, yr=list(node.years), f=node.facts, k=node.links, e=node.emphasis)
        nodes.append(entry)
    edges: list[dict[str, Any]] = []
    for edge in view.edges:
        entry = {
            "s": index[edge.source],
            "t": index[edge.target],
            "ty": type_slot[edge.type],
            "c": edge.colour,
            "w": edge.size,
            "g": edge.group,
        }
        evidence = [
            [item.text, item.paper, item.link or "", item.level, item.modality]
            for item in edge.evidence
        ]
        _optional(
            entry,
            d=edge.directed,
            yr=list(edge.years),
            f=edge.facts,
            ev=evidence,
            evn=edge.evidence_total if edge.evidence_total > len(evidence) else 0,
            fa=edge.faint,
        )
        edges.append(entry)
    years = sorted(
        {year for node in view.nodes for year in node.years}
        | {year for edge in view.edges for year in edge.years}
    )
    return {
        "kind": view.kind,
        "promised": {"nodes": len(nodes), "edges": len(edges)},
        "labels": [_legend(item) for item in view.labels],
        "legendTitle": view.legend_title,
        "legend": [_legend(item) for item in view.legend],
        "legendIsLabels": view.legend == view.labels,
        "edgeLegendTitle": view.edge_legend_title,
        "edgeLegend": [_legend(item) for item in view.edge_legend],
        "edgeTypes": types,
        "years": [years[0], years[-1]] if years else None,
        "edgeEvents": len(edges) <= EDGE_DETAILS_LIMIT,
        "focus": index.get(view.focus) if view.focus is not None else None,
        "nodes": nodes,
        "edges": edges,
    }


def render_page(view: View) -> str:
    """The whole HTML page of ``view``."""
    scripts = [script("sigma-bundle.js"), script("view.js")]
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"
        for text in scripts
    )
    policy = (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    title = html.escape(view.title)
    caption = html.escape(" ".join(view.caption))
    encoding = html.escape(" ".join(view.encoding))
    body_scripts = "".join(f"<script>{text}</script>\n" for text in scripts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f'<meta name="generator" content="kg {html.escape(__version__)}">\n'
        f"<title>{title}</title>\n<style>{asset('view.css')}</style>\n</head>\n<body>\n"
        f'<header class="kg-header"><h1>{title}</h1>\n'
        f'<p class="kg-caption" id="kg-caption">{caption}</p>\n'
        f'<p class="kg-encoding">{encoding} <span id="kg-drawn"></span></p></header>\n'
        '<main class="kg-main">\n<aside class="kg-side">\n'
        '<div class="kg-search"><input id="kg-search" type="search" autocomplete="off" '
        'placeholder="Search by name or id" aria-label="Search nodes by name or id">'
        '<span id="kg-search-count" aria-live="polite"></span></div>\n'
        '<section id="kg-details" hidden></section>\n<div id="kg-filters"></div>\n'
        '</aside>\n<div id="kg-graph"></div>\n</main>\n'
        '<div id="kg-tooltip" role="tooltip" hidden></div>\n'
        "<noscript><p>This view needs JavaScript.</p></noscript>\n"
        f'<script type="application/json" id="kg-data">{safe_json(page_data(view))}</script>\n'
        f"{body_scripts}</body>\n</html>\n"
    )


def write_page(view: View, path: str | os.PathLike[str]) -> None:
    """Write the page of ``view`` to ``path``."""
    target = Path(path)
    try:
        target.write_text(render_page(view), encoding="utf-8")
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error}") from error


def _legend(item: LegendItem) -> dict[str, Any]:
    return {"name": item.name, "c": item.colour, "shown": item.shown, "total": item.total}


def _optional(entry: dict[str, Any], **values: Any) -> None:
    """Add the values that say something (leaving out empty lists, False and 0)."""
    for key, value in values.items():
        if value:
            entry[key] = 1 if value is True else value
