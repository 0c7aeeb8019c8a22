"""``index.html`` of a build directory: what each view shows, a link to it, and how to make
the neighbourhood view of any node.

A plain page with no script at all; every text is HTML-escaped and links are the views' own
file names, so it is safe to open from anywhere.
"""

from __future__ import annotations

import html
import shlex
from dataclasses import dataclass
from typing import Final

from kg import __version__
from kg.errors import ConfigError
from kg.graph.contract import KnowledgeGraph
from kg.views.details import display_name

__all__ = ["IndexEntry", "ego_example", "render_index"]

_ABOUT: Final[dict[str, str]] = {
    "overview": "every node type, coloured by type: papers, people, places and concepts",
    "coauthors": "who writes with whom: authors by community, sized by PageRank",
    "institutions": "which institutions publish together, coloured by country",
    "biomedical": "therapies, mechanisms and diseases, with the evidence behind each relation",
}
_STYLE: Final = (
    "body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
    "color:#222}h1{font-size:1.5em}li{margin:0 0 1em}.note{color:#555}"
    "code{background:#f3f3f3;padding:2px 4px;border-radius:3px}"
)


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One view of the build: its file, or None when it had nothing to show."""

    kind: str
    title: str
    caption: list[str]
    file: str | None


def ego_example(graph: KnowledgeGraph) -> str | None:
    """A good centre for the example command: the best-connected disease, else any node.

    Given by name when the name finds exactly that node, else by id.
    """
    from kg.views.ego import find_node

    best: tuple[int, str] | None = None
    for label in ("Disease", "Therapy", "Author", "Paper"):
        for node, node_label in graph.nodes(data="label"):
            if node_label == label:
                candidate = (-graph.degree(node), node)
                best = candidate if best is None or candidate < best else best
        if best is not None:
            break
    if best is None:
        return None
    node = best[1]
    name = display_name(node, graph.nodes[node])
    try:
        return name if find_node(graph, name) == node else node
    except ConfigError:
        return node


def render_index(
    entries: list[IndexEntry], *, build: str, example: str | None, max_nodes: int
) -> str:
    """The index page."""
    items = []
    for entry in entries:
        about = html.escape(_ABOUT.get(entry.kind, ""))
        caption = html.escape(" ".join(entry.caption))
        if entry.file is not None:
            target = html.escape(entry.file, quote=True)
            head = f'<a href="{target}">{html.escape(entry.title)}</a> ({target})'
        else:
            head = f"{html.escape(entry.title)} (not written: nothing to show)"
        items.append(f"<li><strong>{head}</strong>: {about}.<br>{caption}</li>")
    directory = shlex.quote(build)
    commands = [
        f"kg view {directory} coauthors --max-nodes {max(max_nodes * 4, 2000)} "
        "--out coauthors-large.html",
    ]
    if example is not None:
        commands.insert(
            0,
            f"kg view {directory} ego --center {shlex.quote(example)} --hops 2 --out ego.html",
        )
    command_items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in commands)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        f'<meta name="generator" content="kg {html.escape(__version__)}">\n'
        f"<title>kg views of {html.escape(build)}</title>\n<style>{_STYLE}</style>\n"
        "</head>\n<body>\n"
        f"<h1>Views of {html.escape(build)}</h1>\n"
        '<p class="note">Each page opens offline in any current browser. Search by name, '
        "filter by type and year, hover for details, click a node to highlight its "
        "neighbours or an edge for its evidence. Each view draws at most "
        f"{max_nodes:,} nodes (<code>kg build --view-nodes</code>); its caption says what it "
        "leaves out.</p>\n"
        f"<ul>\n{''.join(items)}\n</ul>\n"
        "<h2>More views</h2>\n"
        "<p>The neighbourhood of any node (by id or name) and larger views are made with "
        "<code>kg view</code>:</p>\n"
        f"<ul>{command_items}</ul>\n"
        '<p class="note">The graph itself: graph.json (node-link JSON), graph.ttl (RDF), '
        "graph.graphml; what was read and left out: manifest.json, rejected.jsonl.</p>\n"
        "</body>\n</html>\n"
    )
