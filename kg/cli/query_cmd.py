"""``kg query``: named questions and any SPARQL on a build's embedded store, or their Cypher
twins and any Cypher on a Neo4j server (``--neo4j-uri``, ``--cypher``).

The store is chosen by the options: a named question runs its SPARQL text on DIR/store
unless ``--neo4j-uri`` is given, when it runs its Cypher twin there; ``--cypher FILE`` runs
on the Neo4j of ``--neo4j-uri`` or ``NEO4J_URI``.  ``NEO4J_URI`` alone never moves a named
question off the build's own store, so setting it for ``kg load`` changes no answer.  Rows
print the same way from both stores (:mod:`kg.cypher.run`).
"""

from __future__ import annotations

import json
import os
import re
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

from kg.errors import ConfigError, InputError
from kg.sparql.params import bind
from kg.sparql.queries import NamedQuery, find_query, load_library, parse_query

__all__ = ["query_command"]

_FORMATS = ("table", "csv", "json")
_BOUND_HINT = (
    " (after binding the parameters: a string, number, boolean or iri parameter becomes a "
    "constant wherever its variable is, so it cannot stand in SELECT, GROUP BY or AS)"
)


@click.command(
    "query",
    epilog="Example: kg query build/ therapies_for_disease --param disease=SLE",
)
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.argument("name", required=False)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A value for a parameter of the query (repeat for several).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(_FORMATS),
    default="table",
    show_default=True,
    help="How to print rows: an aligned table, or the W3C SPARQL CSV or JSON results format "
    "(CONSTRUCT and DESCRIBE always print N-Triples).",
)
@click.option(
    "--sparql",
    "sparql_file",
    metavar="FILE|-",
    default=None,
    help="Run the SPARQL query in FILE ('-' reads standard input) instead of a named query.",
)
@click.option(
    "--cypher",
    "cypher_file",
    metavar="FILE|-",
    default=None,
    help="Run the Cypher query in FILE ('-' reads standard input) on Neo4j (--neo4j-uri or "
    "NEO4J_URI); a '// title:' header in it declares parameters as in the library.",
)
@click.option(
    "--neo4j-uri",
    metavar="URI",
    help="Answer on this Neo4j server (bolt://host:7687...), loaded by kg load: a named query "
    "runs its Cypher twin (queries/NAME.cypher). DIR is then optional.",
)
@click.option(
    "--database",
    metavar="NAME",
    help="Neo4j: the database to query (or set NEO4J_DATABASE); default the server's.",
)
@click.option("--user", metavar="NAME", help="Neo4j user (or set NEO4J_USERNAME; default neo4j).")
@click.option(
    "--password",
    metavar="SECRET",
    help="Neo4j password; prefer NEO4J_PASSWORD, which other users cannot see in the process list.",
)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=None,
    help="Print at most this many rows.",
)
def query_command(
    directory: Path | None,
    name: str | None,
    params: tuple[str, ...],
    output_format: str,
    sparql_file: str | None,
    cypher_file: str | None,
    neo4j_uri: str | None,
    database: str | None,
    user: str | None,
    password: str | None,
    list_queries: bool,
    limit: int | None,
) -> None:
    """Answer a question about the build in DIRECTORY with SPARQL, or on Neo4j with Cypher.

    NAME is a named query of the library (`kg query --list` shows them with their
    parameters); --sparql FILE runs any SELECT, ASK, CONSTRUCT or DESCRIBE query.  Queries
    run on the store `kg build` leaves in DIRECTORY/store; nothing is changed.  With
    --neo4j-uri, NAME runs its Cypher twin on that Neo4j, and --cypher FILE any Cypher
    query, in read-only transactions:

    \b
    kg query build/ therapies_for_disease --param disease=SLE --neo4j-uri bolt://localhost:7687
    echo 'MATCH (p:Paper) RETURN count(p) AS papers' | kg query --cypher -
    """
    if list_queries:
        _print_library(output_format)
        return
    if cypher_file is not None or neo4j_uri is not None:
        if sparql_file is not None:
            raise click.UsageError(
                "--sparql runs on the build's store; leave out --neo4j-uri/--cypher"
            )
        question = _Question(directory, name, params, output_format, limit)
        _query_neo4j(question, cypher_file, _Neo4jLogin(neo4j_uri, database, user, password))
        return
    if user is not None or password is not None or database is not None:
        raise click.UsageError("--user, --password and --database are for Neo4j: add --neo4j-uri")
    if directory is None:
        raise click.UsageError("give the build DIRECTORY (or --list to see the named queries)")
    if (name is None) == (sparql_file is None):
        raise click.UsageError("give either a query NAME or --sparql FILE, not both or neither")
    values = _parse_params(params)
    if name is not None:
        query, source = find_query(name), f"query {name}"
    else:
        query, source = _read_sparql(sparql_file or "-")
    from kg.sparql.results import render
    from kg.sparql.store import check_syntax, execute, open_store, resolve_concepts

    check_syntax(query.text, source=source)
    bind(query, values)  # parameter errors before the store is opened
    store = open_store(directory)
    concepts = resolve_concepts(store, query, values, where=str(directory))
    bound = bind(query, values, concepts=concepts)
    if bound != query.text:
        check_syntax(bound, source=source, hint=_BOUND_HINT)
    result = execute(store, bound, source=source)
    click.echo(render(result, output_format, limit=limit), nl=False)


@dataclass(frozen=True)
class _Question:
    """What ``kg query`` was asked, whichever store answers it."""

    directory: Path | None
    name: str | None
    params: tuple[str, ...]
    output_format: str
    limit: int | None


@dataclass(frozen=True)
class _Neo4jLogin:
    """Where and as whom to run Cypher; unset fields fall back to NEO4J_* variables."""

    uri: str | None
    database: str | None
    user: str | None
    password: str | None = field(repr=False)


def _query_neo4j(question: _Question, cypher_file: str | None, login: _Neo4jLogin) -> None:
    """A named question's Cypher twin, or a user's Cypher, on Neo4j."""
    directory, name = question.directory, question.name
    neo4j_uri, database, user, password = login.uri, login.database, login.user, login.password
    uri = neo4j_uri or os.environ.get("NEO4J_URI")
    if not uri:
        raise click.UsageError("--cypher runs on Neo4j: give --neo4j-uri URI or set NEO4J_URI")
    if name is None and directory is not None and not directory.is_dir():
        name, directory = str(directory), None  # kg query NAME --neo4j-uri URI
    if (name is None) == (cypher_file is None):
        raise click.UsageError("give either a query NAME or --cypher FILE, not both or neither")
    values = _parse_params(question.params)
    if name is not None:
        query, source = find_query(name), f"query {name}"
    else:
        query, source = _read_cypher(cypher_file or "-")
    from kg.cypher.run import run_cypher
    from kg.loaders.neo4j import Connection
    from kg.sparql.results import render

    user = user if user is not None else os.environ.get("NEO4J_USERNAME") or None
    password = password if password is not None else os.environ.get("NEO4J_PASSWORD") or None
    connection = Connection.from_options(
        uri, user=user, password=password, database=database or os.environ.get("NEO4J_DATABASE")
    )
    result = run_cypher(connection, query, values, source=source)
    click.echo(render(result, question.output_format, limit=question.limit), nl=False)


def _read_cypher(source: str) -> tuple[NamedQuery, str]:
    """A user's Cypher file (or standard input) and how errors name it."""
    from kg.cypher.library import parse_cypher_query

    return _read_query(source, parse_cypher_query)


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ConfigError(f"--param {item!r}: expected KEY=VALUE, e.g. --param disease=asthma")
        if key in values:
            raise ConfigError(f"--param {key!r} given twice")
        values[key] = value
    return values


def _read_sparql(source: str) -> tuple[NamedQuery, str]:
    """A user's query file (or standard input) and how errors name it; a ``# title:`` header
    in it declares parameters as in the library."""
    return _read_query(source, parse_query)


def _read_query(source: str, parse: Callable[..., NamedQuery]) -> tuple[NamedQuery, str]:
    """Read ``source`` (a path, or ``-`` for standard input) and parse it with ``parse``,
    named after the file so that errors say where."""
    if source == "-":
        return parse(sys.stdin.read(), "stdin", require_header=False), "<stdin>"
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the query: {error}", file=source) from error
    name = re.sub(r"[^A-Za-z0-9_\-]", "_", path.stem) or "query"
    return parse(text, name, path=path, require_header=False), source


def _print_library(output_format: str) -> None:
    library = load_library()
    if output_format == "json":
        listing = [
            {
                "name": query.name,
                "title": query.title,
                "description": query.description,
                "parameters": [
                    {
                        "name": parameter.name,
                        "type": parameter.type,
                        "classes": list(parameter.classes),
                        "default": parameter.default,
                        "meaning": parameter.meaning,
                    }
                    for parameter in query.parameters
                ],
                "example": query.example,
            }
            for query in library.values()
        ]
        click.echo(json.dumps(listing, indent=2, ensure_ascii=False))
        return
    for query in library.values():
        click.echo(f"{query.name}: {query.title}")
        for parameter in query.parameters:
            click.echo(
                textwrap.fill(
                    f"--param {parameter.describe()}: {parameter.meaning}",
                    width=100,
                    initial_indent="    ",
                    subsequent_indent="        ",
                    break_on_hyphens=False,
                )
            )
