"""The views in a real headless Chromium (Debian's package), network off.

Each page must draw exactly what it promised (nodes and edges counted from sigma.js's own
display data), raise no console error, ask the network for nothing, look like something
(a screenshot with a drawn graph), and answer search, filters and clicks.  Records whose
texts are markup must show as text, run nothing and load nothing.
"""

from __future__ import annotations

import io
import json
import math
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image
from views.chromium import Chromium, Page
from views.conftest import XSS_AUTHOR, XSS_PLACE, XSS_SENTENCE, XSS_TITLE

from kg.cli.main import cli
from kg.views import BUILD_VIEWS

_DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.DOTALL)


def page_data(path: Path) -> dict[str, Any]:
    """The JSON a page draws, read from the file."""
    match = _DATA.search(path.read_text(encoding="utf-8"))
    assert match is not None, f"{path} holds no view data"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


@pytest.fixture
def open_page(chromium: Chromium) -> Iterator[Any]:
    """open_page(path) -> a ready Page; every page is checked for errors and requests."""
    pages: list[tuple[Page, Path]] = []

    def opener(path: Path) -> Page:
        page = chromium.new_page(1280, 800)
        pages.append((page, path))
        page.open(path)
        page.wait_for("window.kgView && (window.kgView.ready || window.kgView.error !== null)")
        assert page.evaluate("window.kgView.error") is None
        return page

    yield opener
    for page, path in pages:
        assert page.errors == [], f"{path.name}: {page.errors}"
        assert page.dialogs == [], f"{path.name} opened dialogs: {page.dialogs}"
        assert page.requests == [path.resolve().as_uri()], f"{path.name}: {page.requests}"
        page.close()


def drawn(page: Page) -> dict[str, int]:
    value: dict[str, int] = page.evaluate("window.kgView.drawn")
    return value


def graph_pixels(png: bytes) -> tuple[int, int]:
    """(pixels that are not background, distinct colours) in the graph area of a screenshot."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    area = image.crop((330, 130, image.width, image.height))
    colours = area.getcolors(maxcolors=1 << 20) or []
    background = max(colours)[1] if colours else (255, 255, 255)
    painted = sum(count for count, colour in colours if colour != background)
    return painted, len(colours)


@pytest.mark.parametrize("kind", BUILD_VIEWS)
def test_each_build_view_draws_what_it_promised(
    example_build: Path, open_page: Any, kind: str
) -> None:
    path = example_build / f"{kind}.html"
    manifest = json.loads((example_build / "manifest.json").read_text(encoding="utf-8"))
    promised = manifest["outputs"]["html"]["views"][kind]
    page = open_page(path)
    assert page.evaluate("window.kgView.promised") == {
        "nodes": promised["nodes_shown"],
        "edges": promised["edges_shown"],
    }
    assert drawn(page) == {"nodes": promised["nodes_shown"], "edges": promised["edges_shown"]}
    assert promised["nodes_shown"] > 0 and promised["edges_shown"] > 0
    caption = page.evaluate("document.getElementById('kg-caption').textContent")
    assert f"{promised['nodes_total']:,}" in caption
    painted, colours = graph_pixels(page.screenshot())
    assert painted > 2000 and colours > 5, (painted, colours)


def test_ego_view_centres_on_a_node_found_by_name(
    example_build: Path, open_page: Any, tmp_path: Path
) -> None:
    out = tmp_path / "ego.html"
    result = CliRunner().invoke(
        cli,
        [
            "view",
            str(example_build),
            "ego",
            "--center",
            "Systemic Lupus Erythematosus",
            "--hops",
            "2",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    data = page_data(out)
    page = open_page(out)
    assert page.evaluate("window.kgView.focus") == "DOID:9074"
    assert drawn(page) == data["promised"]
    assert data["promised"]["nodes"] > 9  # two hops reach beyond the disease's neighbours


def test_search_by_name_highlights_matches_and_enter_selects(
    example_build: Path, open_page: Any
) -> None:
    path = example_build / "coauthors.html"
    data = page_data(path)
    expected = [node for node in data["nodes"] if "wang" in node["n"].lower()]
    assert len(expected) > 1
    page = open_page(path)
    page.type_into("#kg-search", "Wang")
    page.wait_for(f"window.kgView.matches === {len(expected)}")
    count = page.evaluate("document.getElementById('kg-search-count').textContent")
    assert count == f"{len(expected)} matches"
    page.press("Enter", "Enter", 13)
    best = max(expected, key=lambda node: node["s"])
    page.wait_for("window.kgView.selected !== null")
    assert page.evaluate("window.kgView.selected") in {
        node["id"] for node in expected if node["s"] == best["s"]
    }
    page.type_into("#kg-search", "x")  # one letter: no search
    page.wait_for("window.kgView.matches === 0")


def test_type_filter_hides_a_label_and_its_edges(example_build: Path, open_page: Any) -> None:
    path = example_build / "overview.html"
    data = page_data(path)
    paper = [item["name"] for item in data["labels"]].index("Paper")
    kept = {number for number, node in enumerate(data["nodes"]) if node["l"] != paper}
    kept_edges = [edge for edge in data["edges"] if edge["s"] in kept and edge["t"] in kept]
    page = open_page(path)
    box = f"document.querySelector('input[data-filter=\"label:{paper}\"]')"
    click_element(page, box)
    page.wait_for(f"window.kgView.drawn.nodes === {len(kept)}")
    assert drawn(page) == {"nodes": len(kept), "edges": len(kept_edges)}
    click_element(page, box)
    page.wait_for(f"window.kgView.drawn.nodes === {len(data['nodes'])}")
    assert drawn(page) == data["promised"]


def test_year_filter_keeps_items_of_those_years(example_build: Path, open_page: Any) -> None:
    path = example_build / "coauthors.html"
    data = page_data(path)
    first, last = data["years"]
    assert first < last
    year = last - 1

    def keeps(item: dict[str, Any]) -> bool:
        return "yr" not in item or year in item["yr"]

    kept = {number for number, node in enumerate(data["nodes"]) if keeps(node)}
    kept_edges = [
        edge for edge in data["edges"] if edge["s"] in kept and edge["t"] in kept and keeps(edge)
    ]
    assert 0 < len(kept) < len(data["nodes"])
    page = open_page(path)
    page.type_into("#kg-year-from", str(year))
    page.type_into("#kg-year-to", str(year))
    page.wait_for(f"window.kgView.drawn.nodes === {len(kept)}")
    assert drawn(page) == {"nodes": len(kept), "edges": len(kept_edges)}


def test_click_on_a_node_highlights_its_neighbours(example_build: Path, open_page: Any) -> None:
    path = example_build / "coauthors.html"
    data = page_data(path)
    number = _loneliest(data)
    node = data["nodes"][number]
    incident = [e for e in data["edges"] if number in (e["s"], e["t"])]
    neighbours = {e["s"] for e in incident} | {e["t"] for e in incident}
    neighbours.discard(number)
    page = open_page(path)
    point = page.evaluate(f"window.kgView.positionOf({json.dumps(node['id'])})")
    page.hover(point["x"], point["y"])
    page.wait_for("!document.getElementById('kg-tooltip').hidden")
    tooltip = page.evaluate("document.getElementById('kg-tooltip').textContent")
    assert node["n"] in tooltip
    page.click(point["x"], point["y"])
    page.wait_for(f"window.kgView.selected === {json.dumps(node['id'])}")
    assert page.evaluate("window.kgView.highlighted") == len(neighbours)
    assert drawn(page) == {"nodes": len(data["nodes"]), "edges": len(incident)}
    panel = page.evaluate("document.getElementById('kg-details').textContent")
    assert node["n"] in panel and f"{len(neighbours)} neighbour" in panel
    time.sleep(0.4)  # a second click sooner would be a double click (a zoom)
    empty = _empty_point(page, data)
    page.click(empty["x"], empty["y"])  # on the empty stage: selection cleared
    page.wait_for("window.kgView.selected === null")
    assert drawn(page) == data["promised"]


def test_hostile_records_show_as_text_and_run_nothing(hostile_build: Path, open_page: Any) -> None:
    written = sorted(path.stem for path in hostile_build.glob("*.html") if path.stem != "index")
    assert written == sorted(BUILD_VIEWS)  # each view holds hostile text somewhere
    for kind in written:
        path = hostile_build / f"{kind}.html"
        data = page_data(path)
        page = open_page(path)
        assert drawn(page) == data["promised"]
        assert page.evaluate("document.images.length") == 0
        assert page.evaluate("document.querySelectorAll('svg, iframe, object').length") == 0
        assert page.evaluate("document.scripts.length") == 3  # the data and kg's two scripts
        if kind == "overview":
            assert page.evaluate("window.kgView.search('<img src=x')") == 1
            point = page.evaluate("window.kgView.positionOf('pmid:12230038')")
            page.hover(point["x"], point["y"])
            page.wait_for("!document.getElementById('kg-tooltip').hidden")
            tooltip = page.evaluate("document.getElementById('kg-tooltip').textContent")
            assert tooltip.startswith(XSS_TITLE)
        for node in data["nodes"]:
            if "<" in node["n"]:
                page.evaluate(f"window.kgView.select({json.dumps(node['id'])})")
                panel = page.evaluate("document.getElementById('kg-details').textContent")
                assert node["n"] in panel
                assert page.evaluate("document.images.length") == 0
        page.evaluate("window.kgView.clear()")
    overview = page_data(hostile_build / "overview.html")
    names = {node["n"] for node in overview["nodes"]}
    assert XSS_TITLE in names and any(XSS_AUTHOR in name for name in names)
    assert any(XSS_PLACE in name for name in names)
    evidence = [row[0] for edge in overview["edges"] for row in edge.get("ev", [])]
    assert any(XSS_SENTENCE in text for text in evidence)


def test_an_edge_click_lists_its_supporting_sentences(example_build: Path, open_page: Any) -> None:
    path = example_build / "biomedical.html"
    data = page_data(path)
    page = open_page(path)
    for number, edge in sorted(
        enumerate(data["edges"]), key=lambda item: -len(item[1].get("ev", []))
    )[:10]:
        middle = page.evaluate(
            "(() => { const a = window.kgView.positionOf("
            f"{json.dumps(data['nodes'][edge['s']]['id'])}), b = window.kgView.positionOf("
            f"{json.dumps(data['nodes'][edge['t']]['id'])}); "
            "return {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}; })()"
        )
        page.click(middle["x"], middle["y"])
        if page.evaluate("window.kgView.selected") == f"edge:{number}":
            break
        page.evaluate("window.kgView.clear()")
    else:
        pytest.fail("no edge could be clicked at its middle")
    panel = page.evaluate("document.getElementById('kg-details').textContent")
    assert edge["ev"][0][0] in panel
    assert data["edgeTypes"][edge["ty"]] in panel


def click_element(page: Page, expression: str) -> None:
    """A real mouse click in the middle of the element ``expression`` evaluates to."""
    box = page.evaluate(
        f"(() => {{ const r = ({expression}).getBoundingClientRect();"
        " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()"
    )
    page.click(box["x"], box["y"])


def _empty_point(page: Page, data: dict[str, Any]) -> dict[str, float]:
    """A point of the graph area at least 40 px away from every node."""
    ids = json.dumps([node["id"] for node in data["nodes"]])
    point: dict[str, float] = page.evaluate(
        f"""(() => {{
        const box = document.getElementById('kg-graph').getBoundingClientRect();
        const at = {ids}.map(id => window.kgView.positionOf(id));
        for (let y = box.top + 20; y < box.bottom - 20; y += 20)
          for (let x = box.left + 20; x < box.right - 20; x += 20)
            if (at.every(p => Math.hypot(p.x - x, p.y - y) > 40)) return {{x, y}};
        return null;
      }})()"""
    )
    assert point, "no empty point in the graph area"
    return point


def _loneliest(data: dict[str, Any]) -> int:
    """A node with neighbours whose nearest other node is farthest away (easy to click)."""
    linked = {edge["s"] for edge in data["edges"]} | {edge["t"] for edge in data["edges"]}
    nodes = data["nodes"]

    def room(number: int) -> float:
        own = nodes[number]
        return min(
            math.hypot(own["x"] - other["x"], own["y"] - other["y"])
            for k, other in enumerate(nodes)
            if k != number
        )

    return max(sorted(linked), key=room)


def test_the_harness_sees_dialogs_errors_and_requests(tmp_path: Path, chromium: Chromium) -> None:
    """The checks above rely on these being seen; prove that they would be (on a page
    without the views' Content Security Policy, which would block the request itself)."""
    probe = tmp_path / "probe.html"
    probe.write_text("<!DOCTYPE html><title>probe</title><p>probe</p>", encoding="utf-8")
    page = chromium.new_page()
    try:
        page.open(probe)
        page.evaluate("setTimeout(() => alert('probe'), 0); console.error('oops')")
        page.evaluate("fetch('https://example.org/x').catch(() => null)", await_promise=True)
        deadline = time.perf_counter() + 10
        while not page.dialogs and time.perf_counter() < deadline:
            time.sleep(0.05)
        assert page.dialogs == ["probe"]
        assert any("oops" in error for error in page.errors)
        assert "https://example.org/x" in page.requests
    finally:
        page.close()
