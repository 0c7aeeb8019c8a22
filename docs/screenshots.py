"""Regenerate the screenshots of the example build's views in docs/ (headless Chromium).

    kg build examples/ --out /tmp/ex
    python docs/screenshots.py --build /tmp/ex

Writes docs/views-overview.png, views-coauthors.png, views-institutions.png,
views-biomedical.png (a TREATS relation opened: its supporting sentences) and views-ego.png
(the neighbourhood of systemic lupus erythematosus, its centre selected).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def _chromium() -> Any:
    spec = importlib.util.spec_from_file_location(
        "kg_docs_chromium", REPO / "tests/views/chromium.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _data(path: Path) -> dict[str, Any]:
    match = re.search(r'id="kg-data">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, required=True, help="kg build examples/ --out DIR")
    parser.add_argument("--center", default="systemic lupus erythematosus")
    args = parser.parse_args()
    ego = args.build / "ego.html"
    subprocess.run(
        ["kg", "view", str(args.build), "ego", "--center", args.center, "--hops", "2",
         "--out", str(ego)],
        check=True,
    )  # fmt: skip
    actions: dict[str, str] = {"overview": "", "coauthors": "", "institutions": ""}
    relations = _data(args.build / "biomedical.html")
    treats = relations["edgeTypes"].index("TREATS")
    best = max(
        (j for j, edge in enumerate(relations["edges"]) if edge["ty"] == treats),
        key=lambda j: len(relations["edges"][j].get("ev", [])),
    )
    actions["biomedical"] = f"window.kgView.selectEdge({best})"
    actions["ego"] = "window.kgView.select(window.kgView.focus)"
    chromium = _chromium()
    browser = chromium.Chromium()
    try:
        for kind, action in actions.items():
            path = ego if kind == "ego" else args.build / f"{kind}.html"
            page = browser.new_page(1400, 900)
            page.open(path)
            page.wait_for("window.kgView && window.kgView.ready")
            if action:
                page.evaluate(action)
                page.wait_for("window.kgView.selected !== null")
            assert page.errors == [], page.errors
            (DOCS / f"views-{kind}.png").write_bytes(page.screenshot())
            print(f"docs/views-{kind}.png")
            page.close()
    finally:
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
