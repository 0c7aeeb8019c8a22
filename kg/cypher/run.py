"""Run Cypher on Neo4j for ``kg query``: a named question's twin, or any query of a user's.

Queries run in read transactions (``execute_read``, retried on transient errors), so
``kg query`` changes nothing, as on the embedded SPARQL store, which it opens read-only.
The answer becomes a :class:`kg.sparql.results.SelectResult`, so the table, CSV and JSON
look the same whichever store answered:

* a node with an ``id`` (every node kg loaded) becomes the IRI of that id
  (:func:`kg.namespaces.node_iri`), exactly the IRI the SPARQL query returns; another node
  or relationship becomes the JSON text of its properties;
* numbers and booleans become typed literals (integer, double, boolean), strings plain ones;
* a list becomes its items joined by ``"; "``, as the SPARQL queries' ``GROUP_CONCAT``
  columns are (the twins ``collect`` those lists); an empty list is no value, which is what
  the embedded store answers for a ``GROUP_CONCAT`` of nothing but unbound values;
* anything else (dates, points, maps) its text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final

import pyoxigraph as ox

from kg.cypher.params import concept_lookup, concept_suggestions, cypher_values
from kg.errors import ConfigError, InputError
from kg.loaders.neo4j import Connection, backend_errors, open_driver
from kg.namespaces import node_iri
from kg.sparql.queries import NamedQuery
from kg.sparql.results import SelectResult, Term

if TYPE_CHECKING:
    import neo4j

__all__ = ["LIST_SEPARATOR", "run_cypher", "to_term"]

LIST_SEPARATOR: Final = "; "


def run_cypher(
    connection: Connection, query: NamedQuery, values: Mapping[str, str], *, source: str
) -> SelectResult:
    """The rows of ``query``'s Cypher text with ``values`` bound, from the server.

    ``source`` names the query in errors.  ConfigError for bad parameter values or a
    concept value that names nothing; InputError for Cypher the server cannot parse;
    BackendError when the server fails.
    """
    if query.cypher is None:
        raise ConfigError(f"{source} has no Cypher text (no {query.name}.cypher beside it)")
    text = query.cypher
    parameters = cypher_values(query, values)
    with (
        open_driver(connection) as driver,
        _query_errors(connection, source),
        driver.session(database=connection.database) as session,
    ):
        for parameter in query.parameters:
            if parameter.type == "concept":
                _check_concept(session, query, parameter.name, parameters[parameter.name])
        keys, records = session.execute_read(_reader(connection.timeout), text, parameters)
    return SelectResult(
        tuple(keys), tuple(tuple(to_term(value) for value in record) for record in records)
    )


def _reader(timeout: float) -> Callable[..., tuple[list[str], list[list[Any]]]]:
    """The unit of work of a query: its column names and rows, with a server-side timeout."""
    import neo4j

    @neo4j.unit_of_work(timeout=timeout)
    def read(
        tx: neo4j.ManagedTransaction, text: str, parameters: dict[str, Any]
    ) -> tuple[list[str], list[list[Any]]]:
        result = tx.run(text, parameters)
        keys = list(result.keys())
        return keys, [list(record.values()) for record in result]

    return read


def _check_concept(session: neo4j.Session, query: NamedQuery, name: str, value: Any) -> None:
    parameter = query.parameter(name)
    assert parameter is not None
    found = session.run(concept_lookup(parameter), value=value).single(strict=True)["n"]
    if found:
        return
    close = [record["label"] for record in session.run(concept_suggestions(parameter), value=value)]
    hint = f"; names containing it: {', '.join(close)}" if close else ""
    kind = " or ".join(parameter.classes) or "concept"
    raise ConfigError(
        f"query {query.name}: parameter {name!r}: no {kind} in the database has the name, "
        f"synonym or concept id {value!r} (matched case-insensitively){hint}"
    )


@contextmanager
def _query_errors(connection: Connection, source: str) -> Iterator[None]:
    """Cypher the server cannot parse is the user's InputError; the rest as backend_errors."""
    from neo4j.exceptions import Neo4jError

    user_errors = (
        "Neo.ClientError.Statement.SyntaxError",
        "Neo.ClientError.Statement.ParameterMissing",
        "Neo.ClientError.Statement.TypeError",
    )
    with backend_errors(connection):
        try:
            yield
        except Neo4jError as error:
            if not (error.code or "").startswith(user_errors):
                raise
            message = " ".join((error.message or "").split())
            raise InputError(f"not valid Cypher: {message[:300]}", file=source) from None


def to_term(value: Any) -> Term | None:
    """A value of a Cypher answer as the RDF term ``kg query`` prints (module docstring)."""
    from neo4j.graph import Node, Relationship

    if value is None:
        return None
    if isinstance(value, bool | int | float):
        return ox.Literal(value)
    if isinstance(value, str):
        return ox.Literal(value)
    if isinstance(value, Node):
        node_id = value.get("id")
        if isinstance(node_id, str):
            return ox.NamedNode(node_iri(node_id))
        return ox.Literal(_json(dict(value)))
    if isinstance(value, Relationship):
        return ox.Literal(_json({"type": value.type, **dict(value)}))
    if isinstance(value, Sequence):
        if not value:
            return None
        items = (to_term(item) for item in value)
        return ox.Literal(
            LIST_SEPARATOR.join(
                term.value for term in items if isinstance(term, ox.Literal | ox.NamedNode)
            )
        )
    if isinstance(value, Mapping):
        return ox.Literal(_json(dict(value)))
    return ox.Literal(str(value))


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
