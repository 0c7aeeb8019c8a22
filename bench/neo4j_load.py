"""Benchmark: loading a real build into Neo4j: kg's loader, a naive loader, the bulk importer.

On a Neo4j 5.26 Community server of its own (tests/servers/neo4j.py: the jars from Maven
Central, a fresh database in a temporary directory, full JIT, ``--heap`` and
``--pagecache``), in one run, after a first load of the whole build that warms the server
up (its figures are printed as the cold server's: a just-started JVM compiles the query
plans and its own code as it goes, which made a first load about half as fast as a second
in our runs) and is then deleted:

1. **naive nodes**: a sample of ``--sample`` nodes (every label in proportion) merged the way
   a first script does it: one ``MERGE`` statement per node, each its own auto-commit
   transaction, into a database with the same uniqueness constraints (so each MERGE is an
   index lookup, not a scan);
2. **kg load**: the whole build with :func:`kg.loaders.neo4j.load_build` into the emptied
   database (``UNWIND $rows MERGE`` in batches of ``--batch-size`` rows per transaction),
   nodes/s and relationships/s timed apart, then its check of every node and relationship;
3. **naive relationships**: a sample of ``--sample`` of those relationships (every type and
   pair of end labels in proportion) deleted, then merged back one statement and one
   transaction each, so the naive loader meets the same full database kg's did;
4. the ratios kg/naive (the goal is at least 20x);
5. **bulk import**: ``kg export --to neo4j-csv`` of the build and ``neo4j-admin database
   import full`` of those files into a new database, timed.

    python bench/neo4j_load.py                                  # builds pubmed21n1298 first
    python bench/neo4j_load.py --build /tmp/neo4j_bench_build   # an existing build
    python bench/neo4j_load.py --build DIR --sample 1000 --batch-size 5000
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from servers.neo4j import Neo4j, admin, new_home, running_neo4j, wipe  # noqa: E402

from kg.loaders.neo4j import (  # noqa: E402
    DEFAULT_BATCH_SIZE,
    SCHEMA_STATEMENTS,
    Connection,
    load_build,
)
from kg.loaders.neo4j_graph import PropertyGraph, read_property_graph  # noqa: E402
from kg.writers.neo4j_csv import ARGUMENTS_FILE, write_neo4j_csv  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "pubmed" / "xml" / "pubmed21n1298.shared.xml.gz"
DEFAULT_BUILD = Path("/tmp/neo4j_bench_build")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--build", type=Path, default=DEFAULT_BUILD, help="build directory")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="input, if no build")
    parser.add_argument("--sample", type=int, default=2000, help="rows for the naive loader")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--heap", default="2g", help="server JVM heap")
    parser.add_argument("--pagecache", default="1g", help="server page cache")
    parser.add_argument("--skip-import", action="store_true", help="no bulk import")
    args = parser.parse_args()
    build = args.build
    if not (build / "graph.json").is_file():
        print(f"building {args.data} into {build} ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "kg.cli.main", "build", str(args.data), "--out", str(build)],
            check=True,
            cwd=REPO,
        )
    started = time.perf_counter()
    graph = read_property_graph(build)
    size = (build / "graph.json").stat().st_size / 1e6
    print(
        f"build: {build}: {graph.node_count:,} nodes, {graph.relationship_count:,} "
        f"relationships (graph.json {size:.0f} MB, read in {time.perf_counter() - started:.1f} s)"
    )
    with tempfile.TemporaryDirectory(prefix="kg-bench-neo4j-") as scratch:
        work = Path(scratch)
        with running_neo4j(
            work / "server", heap=args.heap, pagecache=args.pagecache, jvm_options=()
        ) as server:
            print(
                f"server: Neo4j {server.version} Community, heap {args.heap}, page cache "
                f"{args.pagecache}, started in {server.started_in:.1f} s"
            )
            _loads(server, build, graph, args.sample, args.batch_size)
        if not args.skip_import:
            _bulk_import(build, work, graph)
    return 0


def _loads(server: Neo4j, build: Path, graph: PropertyGraph, sample: int, batch: int) -> None:
    connection = Connection.from_options(server.uri, user=server.user, password=server.password)
    cold = load_build(build, connection, batch_size=batch)
    print(
        f"cold server, first kg load: {cold.node_total / cold.node_seconds:,.0f} nodes/s, "
        f"{cold.relationship_total / cold.relationship_seconds:,.0f} relationships/s "
        f"(check {cold.check_seconds:.1f} s); deleted again"
    )
    wipe(server)
    with server.driver() as driver, driver.session() as session:
        for statement in SCHEMA_STATEMENTS:
            session.run(statement).consume()
        session.run("CALL db.awaitIndexes(300)").consume()
        nodes = list(_sample_nodes(graph, sample))
        started = time.perf_counter()
        for label, row in nodes:
            session.run(
                f"MERGE (n:`{label}` {{id: $id}}) SET n += $p, n:KG", id=row["id"], p=row["p"]
            ).consume()
        naive_nodes = len(nodes) / (time.perf_counter() - started)
        print(
            f"naive nodes: {len(nodes):,} nodes, one auto-commit MERGE each: "
            f"{naive_nodes:,.0f} nodes/s"
        )
    wipe(server)
    report = load_build(build, connection, batch_size=batch)
    node_rate = report.node_total / report.node_seconds
    relationship_rate = report.relationship_total / report.relationship_seconds
    print(
        f"kg load ({batch:,} rows per transaction): {report.node_total:,} nodes in "
        f"{report.node_seconds:.1f} s ({node_rate:,.0f} nodes/s), "
        f"{report.relationship_total:,} relationships in {report.relationship_seconds:.1f} s "
        f"({relationship_rate:,.0f} relationships/s); check of the counts by label and type "
        f"{report.check_seconds:.1f} s: equal to graph.json"
    )
    with server.driver() as driver, driver.session() as session:
        relationships = list(_sample_relationships(graph, sample))
        for key, row in relationships:
            kind, start, end = key
            session.run(
                f"MATCH (:`{start}` {{id: $s}})-[r:`{kind}`]->(:`{end}` {{id: $t}}) DELETE r",
                s=row["s"],
                t=row["t"],
            ).consume()
        started = time.perf_counter()
        for (kind, start, end), row in relationships:
            session.run(
                f"MATCH (a:`{start}` {{id: $s}}) MATCH (b:`{end}` {{id: $t}}) "
                f"MERGE (a)-[r:`{kind}`]->(b) SET r += $p",
                s=row["s"],
                t=row["t"],
                p=row["p"],
            ).consume()
        naive_relationships = len(relationships) / (time.perf_counter() - started)
        print(
            f"naive relationships: {len(relationships):,} relationships, one auto-commit MERGE "
            f"each: {naive_relationships:,.0f} relationships/s"
        )
    kg_rows = (report.node_total + report.relationship_total) / report.seconds
    naive_rows = (len(nodes) + len(relationships)) / (
        len(nodes) / naive_nodes + len(relationships) / naive_relationships
    )
    print(
        f"kg / naive: nodes {node_rate / naive_nodes:.1f}x, relationships "
        f"{relationship_rate / naive_relationships:.1f}x, all rows {kg_rows / naive_rows:.1f}x "
        f"({kg_rows:,.0f} vs {naive_rows:,.0f} rows/s; goal >= 20x)"
    )


def _sample_nodes(graph: PropertyGraph, size: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """About ``size`` node rows, every label in proportion (at least one each)."""
    for label, rows in sorted(graph.nodes.items()):
        share = max(1, round(size * len(rows) / graph.node_count))
        for row in rows[:: max(1, len(rows) // share)][:share]:
            yield label, row


def _sample_relationships(
    graph: PropertyGraph, size: int
) -> Iterator[tuple[tuple[str, str, str], dict[str, Any]]]:
    """About ``size`` relationship rows, every group in proportion (at least one each)."""
    for key, rows in graph.groups():
        share = max(1, round(size * len(rows) / graph.relationship_count))
        for row in rows[:: max(1, len(rows) // share)][:share]:
            yield key, row


def _bulk_import(build: Path, work: Path, graph: PropertyGraph) -> None:
    started = time.perf_counter()
    export = write_neo4j_csv(build, work / "neo4j-csv")
    exported = time.perf_counter() - started
    print(
        f"kg export --to neo4j-csv: {len(export.files)} files, {export.bytes / 1e6:.0f} MB "
        f"in {exported:.1f} s"
    )
    home = new_home(work / "import")
    started = time.perf_counter()
    result = admin(
        home, "database", "import", "full", f"@{work / 'neo4j-csv' / ARGUMENTS_FILE}", "neo4j",
        "--report-file", str(work / "import.report"), cwd=work / "neo4j-csv", heap="1g",
    )  # fmt: skip
    seconds = time.perf_counter() - started
    found = re.search(r"Imported:\s+(\d+) nodes\s+(\d+) relationships", result.stdout)
    counts = (int(found.group(1)), int(found.group(2))) if found else None
    expected = (graph.node_count, graph.relationship_count)
    rows = (graph.node_count + graph.relationship_count) / seconds
    print(
        f"neo4j-admin database import full: {seconds:.1f} s ({rows:,.0f} rows/s; export and "
        f"import {exported + seconds:.1f} s); imported {counts[0]:,} nodes and {counts[1]:,} "
        f"relationships{', as graph.json' if counts == expected else ', NOT as graph.json'}"
        if counts
        else f"neo4j-admin database import full: {seconds:.1f} s (no counts in its output)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
