"""Benchmark: the whole ``kg build`` on a real PubMed file, and on N copies of it at once.

Each configuration runs ``kg build ... -q`` in a fresh Python process, so its peak memory is
its own: the parent waits with ``os.wait4`` and reports the child's ``ru_maxrss`` from the
kernel next to the ``peak_memory_mb`` the build wrote into its manifest.json, with the
seconds of every stage (``timings_seconds``) and the node and edge counts.

The N-copies run passes the same file N times as separate inputs (symlinks under distinct
names).  Every record then comes N times but the distinct papers, authors and journals do
not change, so the graph is the same size; DESIGN.md §7 asks that memory grow with distinct
entities, not with input size, and the two peaks show whether it does.

    python bench/build.py                          # ../shared/data/pubmed/xml/pubmed21n1298...
    python bench/build.py --copies 1               # the single build only
    python bench/build.py --source /path/to/other/checkout   # measure another kg tree
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "pubmed" / "xml" / "pubmed21n1298.shared.xml.gz"
STAGES = (
    "read",
    "graph",
    "lexicon",
    "annotate",
    "write_json",
    "write_turtle",
    "write_graphml",
    "write_html",
    "total",
)


def run_build(inputs: list[Path], out: Path, source: Path) -> dict[str, Any]:
    """``kg build INPUTS --out OUT -q`` in a fresh interpreter importing kg from ``source``.

    The child runs in ``out`` so that the current directory cannot shadow ``source`` on
    ``sys.path``.  Returns the manifest with the kernel's view of the child's resources.
    """
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "kg.cli.main", "build", *map(str, inputs)]
    command += ["--out", str(out), "-q"]
    env = {**os.environ, "PYTHONPATH": f"{source}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=out, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"kg build failed with exit code {code}: {' '.join(command)}")
    manifest: dict[str, Any] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["bench"] = {
        "wall_seconds": wall,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "rusage_peak_mb": usage.ru_maxrss / 1024,  # Linux reports KiB
    }
    return manifest


def copies_of(data: Path, copies: int, directory: Path) -> list[Path]:
    """``copies`` distinct names for ``data`` (symlinks), so each is reported as its own input."""
    if copies == 1:
        return [data]
    links = []
    for number in range(1, copies + 1):
        link = directory / f"copy{number}-{data.name}"
        link.symlink_to(data.resolve())
        links.append(link)
    return links


def row_of(label: str, manifest: dict[str, Any]) -> dict[str, Any]:
    timings = manifest["timings_seconds"]
    records = manifest["records"]
    return {
        "label": label,
        "inputs": len(manifest["inputs"]),
        "records": records["read"],
        "papers": records["papers"],
        "nodes": manifest["nodes"],
        "edges": manifest["edges"],
        "records_per_second": records["read"] / timings["total"],
        "peak_mb": manifest["peak_memory_mb"],
        **manifest["bench"],
        **{stage: timings.get(stage, float("nan")) for stage in STAGES},
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    stage_headers = "".join(f"{stage.removeprefix('write_'):>9}" for stage in STAGES)
    header = (
        f"{'build':<10}{'inputs':>7}{'records':>9}{'nodes':>9}{'edges':>9}{'rec/s':>7}"
        f"{stage_headers}{'peak MB':>9}{'rusage MB':>10}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        stages = "".join(f"{row[stage]:>9.2f}" for stage in STAGES)
        print(
            f"{row['label']:<10}{row['inputs']:>7}{row['records']:>9}{row['nodes']:>9}"
            f"{row['edges']:>9}{row['records_per_second']:>7.0f}{stages}"
            f"{row['peak_mb']:>9.0f}{row['rusage_peak_mb']:>10.0f}"
        )
    print("\nstage columns are seconds from manifest.json timings_seconds (json, turtle, graphml,")
    print("html = write_*); peak MB is the manifest's peak_memory_mb, rusage MB the kernel's.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PubMed XML (.xml.gz)")
    parser.add_argument(
        "--copies",
        type=int,
        default=3,
        help="also build from this many copies of --data passed as inputs (1: single build only)",
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=REPO,
        help="the kg checkout to import (default: this repository), for before/after runs",
    )
    parser.add_argument(
        "--out", type=Path, help="keep the builds here (default: a temporary directory)"
    )
    args = parser.parse_args(argv)
    if not args.data.exists():
        raise SystemExit(f"{args.data}: not found; pass --data")
    if args.copies < 1:
        raise SystemExit("--copies must be at least 1")
    print(f"data: {args.data} ({args.data.stat().st_size / 1e6:.1f} MB on disk)")
    print(f"kg from {args.source}; python {sys.version.split()[0]}, {os.cpu_count()} CPUs\n")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        base = args.out or Path(scratch)
        for copies in sorted({1, args.copies}):
            label = f"{copies}x"
            inputs = copies_of(args.data, copies, Path(scratch))
            manifest = run_build(inputs, base / f"build-{label}", args.source.resolve())
            rows.append(row_of(label, manifest))
    print_table(rows)
    if len(rows) > 1:
        single, many = rows[0], rows[-1]
        print(
            f"\n{many['label']} input: {many['records']} records -> {many['nodes']} nodes, "
            f"{many['edges']} edges; peak {many['peak_mb']:.0f} MB vs {single['peak_mb']:.0f} MB "
            f"for 1x ({many['peak_mb'] / single['peak_mb']:.2f}x)"
        )


if __name__ == "__main__":
    main()
