"""Benchmark: RDF writing and parsing of a real build, pyoxigraph next to rdflib.

Two parts, both printed as tables:

1. ``kg export`` of the whole build to every format, each in a fresh process (seconds,
   MB/s, triples/s and the process's peak memory, which for N-Triples must not grow with
   the graph), then each output parsed back by pyoxigraph and checked against graph.ttl
   with an order-free fingerprint of the triples (count and a sum of per-triple hashes).
2. The serialisers and parsers themselves on a sample -- the first ``--sample`` triples of
   graph.ttl, so subjects stay whole -- because rdflib on the whole graph of pubmed21n1298
   (8.4M triples) takes well over 3 minutes per step and several GB: pyoxigraph, kg's JSON-LD
   writer and rdflib each serialise the same triples held in memory, then pyoxigraph and
   rdflib each parse the bytes ``kg export`` would write.

    python bench/rdf.py                       # builds ../shared/data/pubmed/xml/pubmed21n1298...
    python bench/rdf.py --build /tmp/b1298    # an existing build directory
    python bench/rdf.py --sample 200000       # a smaller rdflib sample
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.namespaces import PREFIXES  # noqa: E402
from kg.writers.context import load_context  # noqa: E402
from kg.writers.export import FORMATS  # noqa: E402
from kg.writers.jsonld import write_jsonld  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "pubmed" / "xml" / "pubmed21n1298.shared.xml.gz"
# pyoxigraph's parser per format; kg's JSON-LD follows the streaming document form.
OX_READERS = {
    "turtle": "TURTLE",
    "ntriples": "N_TRIPLES",
    "jsonld": "STREAMING_JSON_LD",
    "rdfxml": "RDF_XML",
}
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
LIMIT_SECONDS = 180.0  # a step slower than this is reported as too slow for the full graph


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--build", type=Path, help="an existing build directory")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="input to build")
    parser.add_argument("--sample", type=int, default=1_000_000, help="triples for rdflib")
    parser.add_argument("--skip-rdflib", action="store_true", help="only the kg/pyoxigraph part")
    parser.add_argument("--parse-back", nargs=2, metavar=("FILE", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.parse_back:  # the child of _parse_in_child
        path, fmt = args.parse_back
        count, fingerprint = _fingerprint(ox.parse(path=path, format=getattr(ox.RdfFormat, fmt)))
        print(count, fingerprint)
        return 0
    with tempfile.TemporaryDirectory(prefix="kg-bench-rdf-") as scratch:
        build = args.build or _build(args.data, Path(scratch) / "build")
        turtle = build / "graph.ttl"
        print(f"build: {build} (graph.ttl {turtle.stat().st_size / 1e6:.0f} MB)")
        seconds, peak, *reference = _parse_in_child(turtle, "TURTLE")
        print(
            f"graph.ttl: {reference[0]:,} triples, parsed by pyoxigraph in {seconds:.1f} s "
            f"(peak {peak:.0f} MB)\n"
        )
        _export_table(build, Path(scratch), (reference[0], reference[1]))
        _sample_tables(turtle, args.sample, skip_rdflib=args.skip_rdflib)
    return 0


def _build(data: Path, out: Path) -> Path:
    print(f"building {data} ...", flush=True)
    started = time.perf_counter()
    _run([sys.executable, "-m", "kg.cli.main", "build", str(data), "--out", str(out), "-q"])
    print(f"built in {time.perf_counter() - started:.0f} s")
    return out


def _run(command: list[str]) -> tuple[float, float, str]:
    """COMMAND in a fresh process: (wall seconds, its peak resident MB, its output).

    Every measured step runs in a child started while this process is still small: a child
    forked from a large parent would report the parent's pages as its own peak.
    """
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, env=env, stdout=output)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(command)}")
        output.seek(0)
        return wall, usage.ru_maxrss / 1024, output.read().decode()


def _parse_in_child(path: Path, fmt: str) -> tuple[float, float, int, int]:
    """pyoxigraph parses PATH in a child: (seconds, peak MB, triples, fingerprint)."""
    wall, peak, output = _run([sys.executable, __file__, "--parse-back", str(path), fmt])
    count, fingerprint = map(int, output.split())
    return wall, peak, count, fingerprint


def _fingerprint(quads: Iterable[ox.Quad]) -> tuple[int, int]:
    """Triple count and the sum of their hashes: equal for the same triples in any order.

    pyoxigraph hashes a term by its value in Rust (the same in every process, checked), so
    this costs little beyond the parse.
    """
    count = total = 0
    for quad in quads:
        total += hash(quad)
        count += 1
    return count, total % (1 << 64)


def _export_table(build: Path, scratch: Path, reference: tuple[int, int]) -> None:
    triples = reference[0]
    print("kg export of the whole build, then pyoxigraph parsing it back (a fresh process each)")
    print(
        f"{'format':<9} {'export s':>9} {'MB':>6} {'MB/s':>6} {'triples/s':>10} {'peak MB':>8}"
        f" | {'parser':<17} {'parse s':>8} {'triples/s':>10} {'peak MB':>8}  exact"
    )
    for name, spec in FORMATS.items():
        out = scratch / spec.filename
        command = [sys.executable, "-m", "kg.cli.main", "export", str(build), "--to", name]
        wall, peak, _ = _run([*command, "--out", str(out), "-q"])
        size = out.stat().st_size / 1e6
        parsers = [OX_READERS[name]] + (["JSON_LD"] if name == "jsonld" else [])
        for number, parser in enumerate(parsers):
            seconds, parse_peak, *found = _parse_in_child(out, parser)
            export = (
                f"{wall:>9.1f} {size:>6.0f} {size / wall:>6.1f} {triples / wall:>10,.0f} "
                f"{peak:>8.0f}"
                if number == 0
                else " " * 43
            )
            print(
                f"{name:<9} {export} | {parser:<17} {seconds:>8.1f} {triples / seconds:>10,.0f} "
                f"{parse_peak:>8.0f}  {tuple(found) == reference}",
                flush=True,
            )
        out.unlink()
    print(
        "(export s includes starting Python and reading graph.ttl, turtle being a copy of it; "
        "parse s includes starting Python)\n"
    )


def _sample_tables(turtle: Path, size: int, *, skip_rdflib: bool) -> None:
    stream = ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE)
    sample = [quad.triple for quad in itertools.islice(stream, size)]
    print(f"sample: the first {len(sample):,} triples of graph.ttl, held in memory")
    outputs: dict[str, bytes] = {}
    rows: list[tuple[str, str, float, int]] = []
    for name, fmt in OX_FORMATS.items():
        seconds, data = _timed(lambda fmt=fmt: _ox_serialize(sample, fmt))
        label = "pyoxigraph (expanded)" if name == "jsonld" else "pyoxigraph"
        rows.append((name, label, seconds, len(data)))
        outputs[name] = data
    seconds, data = _timed(lambda: _kg_jsonld(sample))
    rows.append(("jsonld", "kg writer (compacted)", seconds, len(data)))
    outputs["jsonld"] = data  # what kg export writes
    graph: rdflib.Graph | None = None
    if not skip_rdflib:
        seconds, graph = _timed(lambda: _rdflib_graph(sample))
        print(f"rdflib: {len(sample):,} triples into an in-memory Graph in {seconds:.1f} s")
        for name, fmt in RDFLIB_FORMATS.items():
            seconds, data = _timed(lambda fmt=fmt: _rdflib_serialize(graph, fmt))
            label = "rdflib (compacted)" if name == "jsonld" else "rdflib"
            rows.append((name, label, seconds, len(data)))
    _print_rows("serialise", rows, len(sample))
    rows = []
    for name, data in outputs.items():
        fmt = getattr(ox.RdfFormat, OX_READERS[name])
        seconds, count = _timed(lambda d=data, f=fmt: sum(1 for _ in ox.parse(d, format=f)))
        rows.append((name, "pyoxigraph", seconds, len(data)))
        if not skip_rdflib:
            seconds, parsed = _timed(
                lambda d=data, f=RDFLIB_FORMATS[name]: rdflib.Graph().parse(data=d, format=f)
            )
            rows.append((name, "rdflib", seconds, len(data)))
            if graph is not None and len(parsed) != len(graph):
                print(f"  ! rdflib read {len(parsed):,} triples of {name}, not {len(graph):,}")
        if count != len(sample):
            print(f"  ! pyoxigraph read {count:,} triples of {name}, not {len(sample):,}")
    _print_rows("parse (the bytes kg export writes)", rows, len(sample))


def _timed(step: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = step()
    return time.perf_counter() - started, result


def _ox_serialize(triples: list[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    data = ox.serialize(triples, None, fmt, prefixes=dict(PREFIXES))
    assert data is not None
    return data


def _kg_jsonld(triples: list[ox.Triple]) -> bytes:
    sink = io.BytesIO()
    write_jsonld(triples, sink)
    return sink.getvalue()


def _rdflib_graph(triples: list[ox.Triple]) -> rdflib.Graph:
    # Through N-Triples, rdflib's fastest parser, so the load is not a Turtle benchmark.
    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    data = ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return graph.parse(data=data, format="nt")


def _rdflib_serialize(graph: rdflib.Graph | None, fmt: str) -> bytes:
    assert graph is not None
    options: dict[str, Any] = {}
    if fmt == "json-ld":
        options = {"context": load_context(), "auto_compact": True}
    return graph.serialize(format=fmt, encoding="utf-8", **options)


def _print_rows(title: str, rows: list[tuple[str, str, float, int]], triples: int) -> None:
    print(f"{title}:")
    print(f"{'format':<9} {'engine':<22} {'seconds':>8} {'MB':>7} {'MB/s':>7} {'triples/s':>11}")
    order = list(OX_FORMATS)
    rows = sorted(rows, key=lambda row: order.index(row[0]))  # stable: engines keep their order
    fastest: dict[str, float] = {}
    for name, _, seconds, _ in rows:
        fastest[name] = min(fastest.get(name, seconds), seconds)
    for name, engine, seconds, size in rows:
        slow = "  (> 3 min)" if seconds > LIMIT_SECONDS else ""
        ratio = seconds / fastest[name]
        print(
            f"{name:<9} {engine:<22} {seconds:>8.2f} {size / 1e6:>7.1f} "
            f"{size / 1e6 / seconds:>7.1f} {triples / seconds:>11,.0f}  x{ratio:.1f}{slow}"
        )
    print()


if __name__ == "__main__":
    sys.exit(main())
