"""The page: self-contained, record text inert, scripts allowed by hash, data round-trips."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from writers.sample_graph import build_sample_graph

from kg.graph.contract import KnowledgeGraph
from kg.views.assets import asset, script
from kg.views.make import make_view
from kg.views.model import ViewOptions
from kg.views.render import page_data, render_page, safe_json

XSS = "<img src=x onerror=alert(1)>"
# any reference to something off the machine: http(s) or protocol-relative URLs in src/href
REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _hostile() -> KnowledgeGraph:
    graph = build_sample_graph()
    graph.add_node("pmid:1", label="Paper", pmid="1", title=XSS, year=2024, journal="<b>J</b>")
    graph.add_node("author:x", label="Author", name="</script><script>alert(2)</script>")
    graph.add_node('doi:10.1/"><script>alert(3)</script>', label="Paper", doi='10.1/">x')
    graph.add_edge("author:x", "pmid:1", key="AUTHORED", type="AUTHORED", position=1)
    return graph


def test_safe_json_cannot_end_a_script_or_open_a_tag() -> None:
    text = safe_json({"t": "</script><!-- & \u2028\u2029 > <"})
    assert not set("<>&") & set(text) and "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"t": "</script><!-- & \u2028\u2029 > <"}


def test_page_is_self_contained_and_record_text_never_appears_as_markup() -> None:
    page = render_page(make_view(_hostile(), "overview"))
    assert not REMOTE.search(page)
    assert "<img" not in page and "<script>alert" not in page
    assert page.count("<script") == 3  # the data, the sigma bundle, the page's script
    assert "</script><script>alert" not in page
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.DOTALL).group(1))
    names = {node["n"] for node in data["nodes"]}
    assert XSS in names and "</script><script>alert(2)</script>" in names


def test_only_the_pages_own_scripts_may_run() -> None:
    page = render_page(make_view(build_sample_graph(), "overview"))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    inline = SCRIPT.findall(page)
    assert len(inline) == 2
    for text in inline:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_links_come_only_from_validated_identifiers() -> None:
    view = make_view(_hostile(), "overview")
    hostile = next(node for node in view.nodes if node.id.startswith("doi:10.1/"))
    assert hostile.links == [
        ("DOI", "https://doi.org/10.1/%22%3Ex"),
        ("doi", "https://doi.org/10.1/%22%3E%3Cscript%3Ealert(3)%3C/script%3E"),
    ]
    for node in view.nodes:
        assert all(re.fullmatch(r"https?://[^\s\"'<>]+", url) for _, url in node.links)


def test_page_data_indexes_nodes_and_edges_compactly() -> None:
    view = make_view(build_sample_graph(), "coauthors")
    data = page_data(view)
    assert data["promised"] == {"nodes": len(view.nodes), "edges": len(view.edges)}
    ids = [node["id"] for node in data["nodes"]]
    for edge, entry in zip(view.edges, data["edges"], strict=True):
        assert (ids[entry["s"]], ids[entry["t"]]) == (edge.source, edge.target)
        assert data["edgeTypes"][entry["ty"]] == edge.type
        assert "d" not in entry  # co-authorship has no direction
    assert data["years"] == [2024, 2025]
    assert not data["legendIsLabels"] and data["legend"][0]["shown"] >= 1


def test_assets_ship_and_the_bundle_is_safe_to_inline() -> None:
    bundle = script("sigma-bundle.js")
    assert bundle.startswith("/*\n * kg views bundle: sigma 3.")
    assert "Permission is hereby granted" in bundle  # the MIT notices travel with the code
    assert "innerHTML" not in script("view.js")  # record text only ever goes in as text
    assert "textContent" in script("view.js")
    assert ".kg-side" in asset("view.css")


def test_bundle_matches_its_npm_lock_file() -> None:
    lock = json.loads((Path(__file__).parents[2] / "kg/views/js/package-lock.json").read_text())
    versions = {
        name: lock["packages"][f"node_modules/{name}"]["version"]
        for name in ("sigma", "graphology")
    }
    header = script("sigma-bundle.js")[:300]
    assert f"sigma {versions['sigma']} and graphology {versions['graphology']}" in header


def test_a_view_title_is_escaped(example_graph: KnowledgeGraph) -> None:
    page = render_page(make_view(example_graph, "institutions", ViewOptions(title="<b>T</b> & Co")))
    assert "<title>&lt;b&gt;T&lt;/b&gt; &amp; Co</title>" in page
