"""networkx node-link JSON (``graph.json``): the lossless build output for Python and JS tools.

The file is ``networkx.node_link_data(graph, edges="edges")``: ``nodes`` carry ``id`` and the
node attributes, ``edges`` carry ``source``, ``target``, ``key`` and the edge attributes.
Nodes are sorted by id, edges by (source, target, key) and object keys alphabetically, so the
same graph gives the same bytes and builds diff cleanly.  The encoder rejects NaN and
infinity (``allow_nan=False``) because browsers' ``JSON.parse`` cannot read them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import OutputError
from kg.graph.contract import KnowledgeGraph

__all__ = ["read_node_link", "write_node_link"]


def write_node_link(graph: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as node-link JSON (UTF-8, one line, deterministic) to ``path``."""
    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    data["nodes"].sort(key=lambda node: str(node["id"]))
    data["edges"].sort(
        key=lambda edge: (str(edge["source"]), str(edge["target"]), str(edge["key"]))
    )
    text = json.dumps(
        data, ensure_ascii=False, sort_keys=True, allow_nan=False, separators=(",", ":")
    )
    Path(path).write_text(text + "\n", encoding="utf-8")


def read_node_link(path: str | os.PathLike[str]) -> KnowledgeGraph:
    """Read node-link JSON written by :func:`write_node_link` (or networkx) into a graph."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise OutputError(f"{os.fspath(path)}: cannot read node-link JSON: {error}") from error
    if not isinstance(data, dict) or not {"nodes", "edges"} <= data.keys():
        found = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise OutputError(
            f"{os.fspath(path)}: expected node-link JSON with 'nodes' and 'edges', found {found}"
        )
    # A kg graph is always a directed multigraph, whatever flags a hand-edited file carries.
    data = {**data, "directed": True, "multigraph": True}
    try:
        graph: KnowledgeGraph = nx.node_link_graph(data, edges="edges")
    except (KeyError, TypeError, nx.NetworkXError) as error:
        raise OutputError(f"{os.fspath(path)}: malformed node-link JSON: {error!r}") from error
    return graph
