"""The embedded SPARQL store of a build: ``DIR/store``, an on-disk Oxigraph database.

``kg build`` writes it right after ``graph.ttl`` by bulk-loading that file, so the store
holds exactly the Turtle's triples and nothing re-derives them from the graph: parsing is
done by Oxigraph's Rust parser on both cores, which on the pubmed21n1298 build (8.4M triples)
took about 30 s, where producing the same triples again from Python would cost about what
writing the Turtle did (44 s).  The load is then compacted (``optimize``, a few seconds):
a bulk load leaves dozens of sorted files and every index lookup probes them all, so
compacting made lookup-heavy queries 3-6 times faster there (journals_by_count 3.0 s ->
0.65 s), at the price of a larger directory.  ``kg query`` opens the store read-only, so
any number of queries can run at once and none can change the build.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import pyoxigraph as ox

from kg.errors import ConfigError, InputError, OutputError
from kg.sparql.params import concept_lookup, resolve
from kg.sparql.queries import NamedQuery
from kg.sparql.results import BooleanResult, GraphResult, Result, SelectResult

__all__ = [
    "STORE_DIRNAME",
    "check_syntax",
    "execute",
    "open_store",
    "remove_store",
    "resolve_concepts",
    "write_store",
]

STORE_DIRNAME: Final = "store"
_TURTLE: Final = "graph.ttl"


def remove_store(out: Path) -> None:
    """Delete a previous build's store so a rebuild never queries stale triples."""
    path = out / STORE_DIRNAME
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def write_store(out: Path) -> dict[str, Any]:
    """Bulk-load ``out/graph.ttl`` into a new store at ``out/store``; details for the manifest.

    OutputError if the store cannot be written (disk full, permissions) or the Turtle is
    missing; a store left half-written is removed, so a directory never holds a partial one.
    """
    turtle = out / _TURTLE
    path = out / STORE_DIRNAME
    try:
        remove_store(out)
        store = ox.Store(str(path))
        store.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE)
        store.optimize()
        store.flush()
        triples = len(store)
        del store  # closes the database before its files are measured
    except (OSError, SyntaxError) as error:
        shutil.rmtree(path, ignore_errors=True)
        raise OutputError(f"cannot write the SPARQL store {path} from {turtle}: {error}") from error
    return {"path": STORE_DIRNAME, "triples": triples, "bytes": _size(path)}


def open_store(directory: Path) -> ox.Store:
    """The store of the build in ``directory``, read-only; OutputError saying what is wrong."""
    path = directory / STORE_DIRNAME
    if not path.is_dir():
        if not (directory / "manifest.json").is_file():
            raise OutputError(
                f"{directory} is not a kg build directory (no manifest.json); "
                "run `kg build INPUT... --out DIR` first"
            )
        raise OutputError(
            f"{directory} has no SPARQL store ({path} is missing); it was built by a kg "
            "without one: run `kg build` again"
        )
    try:
        return ox.Store.read_only(str(path))
    except OSError as error:
        raise OutputError(f"cannot open the SPARQL store {path}: {error}") from error


def execute(store: ox.Store, text: str, *, source: str) -> Result:
    """Run a SPARQL query; its rows (SELECT), truth value (ASK) or triples (CONSTRUCT/DESCRIBE).

    ``source`` names the query in errors (a query name or a file).  A syntax error becomes
    an InputError with the engine's message, which gives the line and column.
    """
    try:
        answer = store.query(text)
        if isinstance(answer, ox.QuerySolutions):
            names = tuple(variable.value for variable in answer.variables)
            rows = tuple(tuple(solution[name] for name in names) for solution in answer)
            return SelectResult(names, rows)
        if isinstance(answer, ox.QueryBoolean):
            return BooleanResult(bool(answer))
        return GraphResult(tuple(answer))
    except SyntaxError as error:
        raise InputError(f"not valid SPARQL: {_one_line(error)}", file=source) from error
    except OSError as error:
        raise OutputError(f"{source}: the store failed while answering: {error}") from error


def check_syntax(text: str, *, source: str, hint: str = "") -> None:
    """InputError if ``text`` is not SPARQL, with the line and column in ``text`` itself.

    Run on a query before binding (which inserts lines), so the position is the one in the
    user's file.  Parsing needs a store; an empty in-memory one evaluates nothing.
    ``hint`` is added to the message (what binding may have broken).
    """
    try:
        ox.Store().query(text)
    except SyntaxError as error:
        raise InputError(f"not valid SPARQL: {_one_line(error)}{hint}", file=source) from error


def resolve_concepts(
    store: ox.Store, query: NamedQuery, values: Mapping[str, str], *, where: str
) -> dict[str, tuple[str, ...]]:
    """The IRIs each concept parameter's value names in ``store`` (see
    :func:`kg.sparql.params.bind`); values given as IRIs are left to ``bind``.

    ConfigError naming the closest names when a value matches no concept, rather than an
    empty answer that reads as 'no therapies for this disease'.
    """
    terms = resolve(query, values)  # ConfigError for unknown, missing or malformed values
    resolved: dict[str, tuple[str, ...]] = {}
    for parameter in query.parameters:
        value = values.get(parameter.name, parameter.default)
        if parameter.type != "concept" or value is None or terms[parameter.name].startswith("<"):
            continue
        iris = sorted(
            {
                solution["concept"].value
                for solution in _solutions(store, concept_lookup(parameter, value))
                if isinstance(solution["concept"], ox.NamedNode)
            }
        )
        if iris:
            resolved[parameter.name] = tuple(iris)
            continue
        close = [
            solution["name"].value
            for solution in _solutions(store, concept_lookup(parameter, value, exact=False))
            if isinstance(solution["name"], ox.Literal)
        ]
        hint = f"; names containing it: {', '.join(close)}" if close else ""
        kind = " or ".join(parameter.classes) or "concept"
        raise ConfigError(
            f"query {query.name}: parameter {parameter.name!r}: no {kind} in {where} has the "
            f"name, synonym or concept id {value!r} (matched case-insensitively){hint}"
        )
    return resolved


def _solutions(store: ox.Store, text: str) -> ox.QuerySolutions:
    answer = store.query(text)
    assert isinstance(answer, ox.QuerySolutions)
    return answer


def _one_line(error: Exception) -> str:
    """The engine's message on one line, its list of expected tokens cut short."""
    message = " ".join(str(error).split())
    return message if len(message) <= 240 else message[:240] + "..."


def _size(path: Path) -> int:
    return sum(
        (Path(folder) / name).stat().st_size for folder, _, names in os.walk(path) for name in names
    )
