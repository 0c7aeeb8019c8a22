"""``kg load``: put a finished build into an external store.

One command for every store, chosen by the option naming it (``--sparql-endpoint URL`` or
``--neo4j-uri URI``, also taken from ``NEO4J_URI`` when no store is named), so that each
store's options sit next to the others' in one ``--help`` and a build directory is the only
argument.  ``--user``, ``--password``, ``--replace``, ``--batch-size`` and ``--timeout``
mean the same for both; each store reads its own environment variables for credentials.
The loaders are imported only when the command runs, so ``kg --help`` imports neither
pyoxigraph nor the Neo4j driver.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Never

import click
from tqdm import tqdm

from kg.errors import ConfigError

if TYPE_CHECKING:
    from kg.loaders.neo4j import LoadReport as Neo4jReport
    from kg.loaders.sparql import Endpoint, LoadReport

__all__ = ["load_command"]

_USER_VARIABLE = "KG_SPARQL_USER"
_PASSWORD_VARIABLE = "KG_SPARQL_PASSWORD"
# Neo4j's own tools read these; so does kg for a Neo4j target.
_NEO4J_URI = "NEO4J_URI"
_NEO4J_USER = "NEO4J_USERNAME"
_NEO4J_PASSWORD = "NEO4J_PASSWORD"
_NEO4J_DATABASE = "NEO4J_DATABASE"
_SPARQL_BATCH = 50_000


@click.command(
    "load",
    epilog="Example: kg load build/ --sparql-endpoint http://localhost:3030/kg --replace",
)
@click.argument(
    "build", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--sparql-endpoint",
    metavar="URL",
    help="Load into this SPARQL 1.1 dataset with the Graph Store Protocol. Give the dataset "
    "URL (Fuseki: http://host:3030/NAME); graphs go to URL/data and queries to URL/query.",
)
@click.option(
    "--neo4j-uri",
    metavar="URI",
    help=f"Load into this Neo4j server over Bolt (bolt://host:7687, neo4j+s://host...); "
    f"default ${_NEO4J_URI} when no other store is named. Nodes and relationships are "
    "merged in batches, then counted by label and type against graph.json.",
)
@click.option(
    "--database",
    metavar="NAME",
    help=f"Neo4j: the database to load into (or set {_NEO4J_DATABASE}); default the "
    "server's default database.",
)
@click.option("--gsp-url", metavar="URL", help="Graph Store Protocol URL, if not URL/data.")
@click.option("--query-url", metavar="URL", help="SPARQL query URL, if not URL/query.")
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    help="Named graph to load into. Default: one IRI per build, "
    "https://w3id.org/kg/id/build/<hash of kg version, inputs and options>.",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Empty the named graph first (Neo4j: delete the nodes and relationships kg loaded "
    "before, and nothing else). Default: add to it (loading the same build twice changes "
    "nothing).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1),
    default=None,
    help=f"Triples per request (SPARQL, default {_SPARQL_BATCH:,}) or rows per transaction "
    "(Neo4j, default 10,000).",
)
@click.option(
    "--user",
    metavar="NAME",
    help=f"User for HTTP Basic authentication (or set {_USER_VARIABLE}); Neo4j: the user "
    f"(or set {_NEO4J_USER}; default neo4j when a password is given).",
)
@click.option(
    "--password",
    metavar="SECRET",
    help=f"Its password; prefer {_PASSWORD_VARIABLE} (Neo4j: {_NEO4J_PASSWORD}), which other "
    "users cannot see in the process list. Asked for on a terminal when only a user is given.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=300.0,
    show_default=True,
    help="Seconds to wait for the server to answer one request (Neo4j: one transaction).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar (the summary stays).")
def load_command(
    build: Path,
    sparql_endpoint: str | None,
    neo4j_uri: str | None,
    database: str | None,
    gsp_url: str | None,
    query_url: str | None,
    graph_iri: str | None,
    replace: bool,
    batch_size: int | None,
    user: str | None,
    password: str | None,
    timeout: float,
    quiet: bool,
) -> None:
    """Load the graph of the build in DIR into a store.

    For a SPARQL server, the triples are sent in batches of N-Triples to one named graph
    per build, then a COUNT query checks that the graph holds them all.  For Neo4j,
    uniqueness constraints come first, then nodes and relationships are merged in batched
    transactions (loading twice changes nothing; another build merges in), then every node
    and relationship of the build is looked up and counted by label and type:

    \b
    NEO4J_PASSWORD=... kg load build/ --neo4j-uri bolt://localhost:7687
    """
    sparql_named = sparql_endpoint is not None or gsp_url is not None or query_url is not None
    if neo4j_uri is None and not sparql_named:
        neo4j_uri = os.environ.get(_NEO4J_URI) or None
    if neo4j_uri is not None:
        if sparql_named or graph_iri is not None:
            raise click.UsageError(
                "--neo4j-uri loads into Neo4j: leave out --sparql-endpoint, --gsp-url, "
                "--query-url and --graph (one store per command)"
            )
        _load_neo4j(build, neo4j_uri, database, replace, batch_size, user, password, timeout, quiet)
        return
    from kg.loaders.sparql import Endpoint, build_triple_count, load_build

    if not sparql_named:
        raise click.UsageError(
            f"say where to load the graph: --sparql-endpoint URL or --neo4j-uri URI "
            f"(or set {_NEO4J_URI})"
        )
    if database is not None:
        raise click.UsageError("--database is a Neo4j option; give --neo4j-uri too")
    user, password = _credentials(user, password)
    endpoint = Endpoint.from_urls(
        sparql_endpoint,
        gsp_url=gsp_url,
        query_url=query_url,
        user=user,
        password=password,
        timeout=timeout,
    )
    with _TripleProgress(quiet, total=build_triple_count(build)) as progress:
        report = load_build(
            build,
            endpoint,
            graph=graph_iri,
            replace=replace,
            batch_size=batch_size or _SPARQL_BATCH,
            on_progress=progress.advance,
        )
    _print_report(report, endpoint)


def _load_neo4j(
    build: Path,
    uri: str,
    database: str | None,
    replace: bool,
    batch_size: int | None,
    user: str | None,
    password: str | None,
    timeout: float,
    quiet: bool,
) -> None:
    from kg.loaders.neo4j import DEFAULT_BATCH_SIZE, Connection, load_build

    user, password = _credentials(
        user, password, users=_NEO4J_USER, passwords=_NEO4J_PASSWORD, store="Neo4j"
    )
    connection = Connection.from_options(
        uri,
        user=user,
        password=password,
        database=database or os.environ.get(_NEO4J_DATABASE),
        timeout=timeout,
    )
    with _TripleProgress(quiet, total=None, unit=" rows") as progress:
        report = load_build(
            build,
            connection,
            replace=replace,
            batch_size=batch_size or DEFAULT_BATCH_SIZE,
            on_progress=progress.advance,
            on_graph=lambda graph: progress.resize(graph.node_count + graph.relationship_count),
        )
    _print_neo4j_report(report)


def _credentials(
    user: str | None,
    password: str | None,
    *,
    users: str = _USER_VARIABLE,
    passwords: str = _PASSWORD_VARIABLE,
    store: str = "SPARQL",
) -> tuple[str | None, str | None]:
    """Options first, then the environment; a missing password is asked for on a terminal."""
    user = user if user is not None else os.environ.get(users) or None
    if password is None:
        password = os.environ.get(passwords) or None
    if user is not None and password is None:
        if not sys.stdin.isatty():
            raise ConfigError(
                f"a {store} user is given but no password: set {passwords} or use --password"
            )
        password = click.prompt(f"Password for {user}", hide_input=True, err=True)
    return user, password


def _print_neo4j_report(report: Neo4jReport) -> None:
    nodes, relationships = report.node_total, report.relationship_total
    node_rate = nodes / max(report.node_seconds, 1e-9)
    relationship_rate = relationships / max(report.relationship_seconds, 1e-9)
    click.echo(
        f"Loaded {nodes:,} nodes and {relationships:,} relationships from {report.source} into "
        f"Neo4j at {report.server} in {report.seconds:.1f} s ({node_rate:,.0f} nodes/s, "
        f"{relationship_rate:,.0f} relationships/s, {report.transactions} "
        f"transaction(s)): {report.created_nodes:,} nodes and "
        f"{report.created_relationships:,} relationships new, the rest already there."
    )
    if report.replaced is not None:
        replaced = report.replaced
        kept = (
            f"; kept {replaced.kept:,} node(s) that other data links to, without the KG label"
            if replaced.kept
            else ""
        )
        click.echo(
            f"Replaced: first deleted {replaced.nodes:,} nodes and {replaced.relationships:,} "
            f"relationships kg had loaded{kept}."
        )
    labels = ", ".join(f"{label} {count:,}" for label, count in report.check.nodes.items())
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in report.check.relationships.items())
    others = report.check.kg_nodes - nodes
    click.echo(
        f"Checked: node counts by label and relationship counts by type in the database equal "
        f"graph.json ({labels}; {kinds})"
        + (f"; the database also holds {others:,} kg node(s) of other builds." if others else ".")
    )


def _print_report(report: LoadReport, endpoint: Endpoint) -> None:
    from kg.loaders.sparql import safe_url

    click.echo(
        f"Loaded {report.triples:,} triples from {report.source} into <{report.graph}> at "
        f"{safe_url(endpoint.gsp_url)} in {report.seconds:.1f} s "
        f"({report.triples_per_second:,.0f} triples/s, {report.batches} request(s)"
        f"{', graph replaced' if report.replaced else ''})."
    )
    if report.before == 0:
        click.echo(f"Checked: the graph holds {report.after:,} triples, as many as the build.")
    else:
        click.echo(
            f"Checked: the graph holds {report.after:,} triples: {report.before:,} were there "
            f"before, the build has {report.triples:,} and "
            f"{report.before + report.triples - report.after:,} of them were already there."
        )


class _TripleProgress:
    """A count of triples (or rows) sent on standard error, only on a terminal and without
    --quiet."""

    def __init__(self, quiet: bool, total: int | None, unit: str = " triples") -> None:
        self._bar: tqdm[Never] | None = None
        if not quiet and sys.stderr.isatty():
            # shutil's size falls back to 80x24 where a terminal reports 0x0, in which
            # tqdm would draw nothing (as kg.cli.console explains).
            columns, rows = shutil.get_terminal_size()
            self._bar = tqdm(
                total=total,
                unit=unit,
                unit_scale=True,
                desc="loading",
                file=sys.stderr,
                leave=False,
                ncols=columns,
                nrows=rows,
            )

    def __enter__(self) -> _TripleProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.close()

    def advance(self, triples: int) -> None:
        if self._bar is not None:
            self._bar.update(triples)

    def resize(self, total: int) -> None:
        """Set the total once it is known (a Neo4j load reads graph.json first)."""
        if self._bar is not None:
            self._bar.reset(total=total)
