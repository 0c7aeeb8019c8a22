"""``kg load``: put a finished build into an external store.

One command for every store, chosen by the option naming it (``--sparql-endpoint URL``
today), so that each store's options sit next to the others' in one ``--help`` and a build
directory is the only argument.  The loaders are imported only when the command runs, so
``kg --help`` does not import pyoxigraph.
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
    from kg.loaders.sparql import Endpoint, LoadReport

__all__ = ["load_command"]

_USER_VARIABLE = "KG_SPARQL_USER"
_PASSWORD_VARIABLE = "KG_SPARQL_PASSWORD"


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
    help="Empty the named graph first. Default: add to it (loading the same build twice "
    "changes nothing; RDF graphs are sets).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1),
    default=50_000,
    show_default=True,
    help="Triples per request.",
)
@click.option(
    "--user",
    metavar="NAME",
    help=f"User for HTTP Basic authentication (or set {_USER_VARIABLE}).",
)
@click.option(
    "--password",
    metavar="SECRET",
    help=f"Its password; prefer {_PASSWORD_VARIABLE}, which other users cannot see in the "
    "process list. Asked for on a terminal when only a user is given.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=300.0,
    show_default=True,
    help="Seconds to wait for the server to answer one request.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar (the summary stays).")
def load_command(
    build: Path,
    sparql_endpoint: str | None,
    gsp_url: str | None,
    query_url: str | None,
    graph_iri: str | None,
    replace: bool,
    batch_size: int,
    user: str | None,
    password: str | None,
    timeout: float,
    quiet: bool,
) -> None:
    """Load the graph of the build in DIR into a store.

    For a SPARQL server, the triples are sent in batches of N-Triples to one named graph
    per build, then a COUNT query checks that the graph holds them all.
    """
    from kg.loaders.sparql import Endpoint, build_triple_count, load_build

    if sparql_endpoint is None and gsp_url is None and query_url is None:
        raise click.UsageError("say where to load the graph: --sparql-endpoint URL")
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
            batch_size=batch_size,
            on_progress=progress.advance,
        )
    _print_report(report, endpoint)


def _credentials(user: str | None, password: str | None) -> tuple[str | None, str | None]:
    """Options first, then the environment; a missing password is asked for on a terminal."""
    user = user if user is not None else os.environ.get(_USER_VARIABLE) or None
    if password is None:
        password = os.environ.get(_PASSWORD_VARIABLE) or None
    if user is not None and password is None:
        if not sys.stdin.isatty():
            raise ConfigError(
                f"a SPARQL user is given but no password: set {_PASSWORD_VARIABLE} "
                "or use --password"
            )
        password = click.prompt(f"Password for {user}", hide_input=True, err=True)
    return user, password


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
    """A count of triples sent on standard error, only on a terminal and without --quiet."""

    def __init__(self, quiet: bool, total: int | None) -> None:
        self._bar: tqdm[Never] | None = None
        if not quiet and sys.stderr.isatty():
            # shutil's size falls back to 80x24 where a terminal reports 0x0, in which
            # tqdm would draw nothing (as kg.cli.console explains).
            columns, rows = shutil.get_terminal_size()
            self._bar = tqdm(
                total=total,
                unit=" triples",
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
