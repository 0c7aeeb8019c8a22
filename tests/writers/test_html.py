"""The HTML outputs of a build: overview.html, the other views and index.html linking them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from kg.errors import ConfigError
from kg.graph.contract import KnowledgeGraph
from kg.views import BUILD_VIEWS, INDEX_FILE
from kg.writers.html import write_build_views, write_overview

REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def _data(path: Path) -> dict[str, Any]:
    match = re.search(r'id="kg-data">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_overview_page_reports_what_it_shows(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "overview.html"
    summary = write_overview(sample_graph, path, max_nodes=12, title="MSC <field>")
    page = path.read_text(encoding="utf-8")
    data = _data(path)
    assert summary.reduced and summary.nodes_shown == len(data["nodes"]) == 12
    assert summary.edges_shown == len(data["edges"])
    assert summary.nodes_total == sample_graph.number_of_nodes()
    assert f"Showing 12 of {summary.nodes_total} nodes" in page
    assert "<title>MSC &lt;field&gt;</title>" in page
    assert not REMOTE.search(page)


def test_overview_is_deterministic(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    write_overview(sample_graph, tmp_path / "a.html")
    write_overview(sample_graph, tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert all(isinstance(node["x"], int) for node in _data(tmp_path / "a.html")["nodes"])


def test_max_nodes_must_be_positive(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="max_nodes"):
        write_overview(sample_graph, tmp_path / "overview.html", max_nodes=0)


def test_build_views_and_an_index_linking_them(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    relations = ("TREATS", "ACTS_VIA", "IMPLICATED_IN", "TARGETS")
    sample_graph.remove_edges_from(
        [edge for edge in sample_graph.edges(keys=True) if edge[2] in relations]
    )
    details = write_build_views(sample_graph, tmp_path, max_nodes=50, build_name="build/")
    assert set(details["views"]) == set(BUILD_VIEWS) - {"biomedical"}  # no relations left
    assert details["view"] == {k: v for k, v in details["views"]["overview"].items() if k != "path"}
    index = (tmp_path / INDEX_FILE).read_text(encoding="utf-8")
    for kind, entry in details["views"].items():
        assert (tmp_path / entry["path"]).is_file()
        assert f'<a href="{kind}.html">' in index
    assert not (tmp_path / "biomedical.html").exists()
    assert "(not written: nothing to show)" in index
    assert "kg view build/ ego --center" in index
    assert "<script" not in index and not REMOTE.search(index)


def test_empty_graph_still_gets_an_overview_and_index(tmp_path: Path) -> None:
    details = write_build_views(KnowledgeGraph(), tmp_path)
    assert list(details["views"]) == ["overview"]
    assert details["view"]["nodes_shown"] == 0
    assert (tmp_path / INDEX_FILE).is_file()
