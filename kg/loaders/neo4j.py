"""Load a build into Neo4j over Bolt (``kg load DIR --neo4j-uri URI``).

How a load goes (DESIGN §9: batched ``UNWIND`` in managed transactions):

1. **Schema first.**  A uniqueness constraint on ``id`` for every node label of the graph
   contract (its index is what makes each ``MERGE`` a lookup, not a scan) and indexes on
   the properties questions start from (``name``; a paper's ``pmid``, ``doi``, ``year``),
   then ``db.awaitIndexes`` so no row is written before they are online.
2. **Nodes, then relationships**, ``batch_size`` rows per transaction, each a
   parameterised statement: ``UNWIND $rows AS row MERGE (n:Label {id: row.id}) SET n +=
   row.p, n:KG`` and ``UNWIND $rows AS row MATCH (a:Start {id: row.s}) MATCH (b:End {id:
   row.t}) MERGE (a)-[r:TYPE]->(b) SET r += row.p``.  Record text travels only as
   parameter values; labels and types in the statement text come from the graph contract
   (:mod:`kg.loaders.neo4j_graph` refuses any other), so no title can change a statement.
   Each batch runs in ``session.execute_write``, which retries it on transient errors
   (deadlocks, leader changes); MERGE on constrained keys makes a retried batch harmless.
3. **Idempotent and incremental.**  MERGE finds what is already there: loading the same
   build twice creates nothing the second time, and a second build merges into the first
   (shared papers, authors and concepts are one node; properties the newer build has are
   overwritten, others kept).  ``replace`` first deletes what kg loaded before — the
   relationships of the contract's types between two ``KG`` nodes, then the ``KG`` nodes
   left without relationships — and nothing else: a ``KG`` node that other data still
   links to is kept with its ``KG`` label removed, and nodes without the label are never
   touched.
4. **Check.**  The counts of the build's nodes in the database, label by label, and of its
   relationships, type by type, must equal graph.json's, or the load fails.  A label or
   type the database had none of before the load is counted from Neo4j's count store
   (constant time: everything of it is this load's, and MERGE on unique ids cannot
   duplicate); any other is checked by looking every node id of the build up by label and
   every relationship by its ends and type, so the check holds whatever else the database
   contains.  On the pubmed21n1298 build the lookups took 47 s for 1.4M rows; the count
   store makes the check of a first load instant.

Credentials come in as a :class:`Connection`; they go to the driver and nowhere else: no
message, log line or ``repr`` carries the password, and URIs are shown without user
information.  The driver's notifications are switched off, so a server's deprecation
notices never reach the user's terminal as log warnings.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from kg.errors import BackendError, ConfigError
from kg.graph.contract import EDGE_TYPES, NODE_LABELS
from kg.loaders.neo4j_graph import MARKER, PropertyGraph, RelationshipKey, read_property_graph
from kg.loaders.urls import shown_url

if TYPE_CHECKING:
    import neo4j

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "SCHEMA_STATEMENTS",
    "Check",
    "Connection",
    "LoadReport",
    "ReplaceReport",
    "backend_errors",
    "load_build",
    "node_statement",
    "open_driver",
    "relationship_statement",
    "safe_uri",
]

DEFAULT_BATCH_SIZE: Final = 10_000
_CHECK_BATCH: Final = 50_000
_SCHEMES: Final = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_INDEXED: Final = {"Paper": ("pmid", "doi", "year")}  # besides id (unique) and name


def _name(name: str, allowed: Sequence[str]) -> str:
    """A label or type for statement text: only names of the graph contract, backquoted."""
    if name not in allowed:
        raise ValueError(f"{name!r} is not a name of the graph contract")
    return f"`{name}`"


def _schema_statements() -> tuple[str, ...]:
    statements = []
    for label in NODE_LABELS:
        quoted, lower = _name(label, NODE_LABELS), label.lower()
        statements.append(
            f"CREATE CONSTRAINT kg_{lower}_id IF NOT EXISTS FOR (n:{quoted}) REQUIRE n.id IS UNIQUE"
        )
        for prop in ("name", *_INDEXED.get(label, ())):
            statements.append(
                f"CREATE INDEX kg_{lower}_{prop} IF NOT EXISTS FOR (n:{quoted}) ON (n.{prop})"
            )
    return tuple(statements)


# The constraints and indexes kg creates before loading (also written by `kg export --to
# neo4j-csv` for a bulk import, whose database starts without any).
SCHEMA_STATEMENTS: Final = _schema_statements()


def node_statement(label: str) -> str:
    """The parameterised MERGE of a batch of ``label`` nodes (``$rows``)."""
    return (
        f"UNWIND $rows AS row\nMERGE (n:{_name(label, NODE_LABELS)} {{id: row.id}})\n"
        f"SET n += row.p, n:{MARKER}"
    )


def relationship_statement(key: RelationshipKey) -> str:
    """The parameterised MERGE of a batch of relationships of one type between two labels."""
    kind, start, end = key
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{_name(start, NODE_LABELS)} {{id: row.s}})\n"
        f"MATCH (b:{_name(end, NODE_LABELS)} {{id: row.t}})\n"
        f"MERGE (a)-[r:{_name(kind, EDGE_TYPES)}]->(b)\n"
        "SET r += row.p"
    )


@dataclass(frozen=True)
class Connection:
    """Where a Neo4j server is and how to log in; the password never shows in a repr."""

    uri: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str | None = None  # None: the server's default database
    timeout: float = 300.0  # seconds one transaction may run on the server

    @classmethod
    def from_options(
        cls,
        uri: str,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        timeout: float = 300.0,
    ) -> Connection:
        """Check the URI and take ``user:password@`` out of it (used when not given apart)."""
        parts = urllib.parse.urlsplit(uri)
        try:
            valid = parts.scheme in _SCHEMES and bool(parts.hostname) and parts.port != 0
        except ValueError:  # a port that is not a number
            valid = False
        if not valid:
            shown = "a URI with user information" if "@" in uri else repr(uri)
            raise ConfigError(
                f"--neo4j-uri must be a Bolt URI such as bolt://localhost:7687 or "
                f"neo4j+s://host ({', '.join(_SCHEMES)}), got {shown}"
            )
        if parts.username is not None:
            user = user or urllib.parse.unquote(parts.username)
            if password is None and parts.password is not None:
                password = urllib.parse.unquote(parts.password)
            netloc = parts.netloc.rpartition("@")[2]
            uri = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
        if password is not None and user is None:
            user = "neo4j"  # Neo4j's own default user name
        return cls(uri, user, password, database or None, timeout)

    @property
    def shown(self) -> str:
        """The server as messages name it: URI without user information, and the database."""
        where = safe_uri(self.uri)
        return f"{where} (database {self.database})" if self.database else where


def safe_uri(uri: str) -> str:
    """``uri`` as it may be shown: scheme, host and port only."""
    return shown_url(uri, keep_path=False)


@contextmanager
def open_driver(connection: Connection) -> Iterator[neo4j.Driver]:
    """A driver for ``connection`` whose connectivity and credentials are checked."""
    import neo4j

    auth = (connection.user, connection.password or "") if connection.user else None
    with (
        backend_errors(connection),
        neo4j.GraphDatabase.driver(
            connection.uri,
            auth=auth,
            connection_timeout=min(connection.timeout, 30.0),
            notifications_min_severity="OFF",
            user_agent="kg",
        ) as driver,
    ):
        driver.verify_connectivity()
        yield driver


@contextmanager
def backend_errors(connection: Connection) -> Iterator[None]:
    """Turn the driver's exceptions into one-line BackendError / ConfigError messages."""
    from neo4j.exceptions import (
        AuthError,
        ConfigurationError,
        DriverError,
        Neo4jError,
        ServiceUnavailable,
    )

    where = connection.shown
    try:
        yield
    except AuthError:
        raise BackendError(
            f"{where}: Neo4j refused the credentials of user {connection.user!r} (check --user "
            "and the password, or NEO4J_USERNAME / NEO4J_PASSWORD)"
        ) from None
    except ServiceUnavailable as error:
        raise BackendError(f"{where}: cannot reach Neo4j ({_first_line(error)})") from None
    except ConfigurationError as error:
        raise ConfigError(f"{where}: {_first_line(error)}") from None
    except Neo4jError as error:
        raise BackendError(
            f"{where}: Neo4j refused: {error.code}: {_first_line(error.message or '')}"
        ) from None
    except DriverError as error:
        raise BackendError(f"{where}: {type(error).__name__}: {_first_line(error)}") from None


def _first_line(error: object) -> str:
    for line in str(error).splitlines():
        if line.strip():
            return " ".join(line.split())[:300]
    return type(error).__name__


@dataclass(frozen=True)
class ReplaceReport:
    """What ``replace`` removed before the load."""

    relationships: int
    nodes: int
    kept: int  # KG nodes other data links to: kept, their KG label removed


@dataclass(frozen=True)
class Check:
    """What the check found in the database after the load."""

    nodes: dict[str, int]  # nodes of the build found, by label
    relationships: dict[str, int]  # relationships of the build found, by type
    kg_nodes: int  # every KG node in the database (this build and others)


@dataclass(frozen=True)
class LoadReport:
    """What a load did, for the summary ``kg load`` prints."""

    source: Path
    server: str
    nodes: dict[str, int]  # in graph.json, by label
    relationships: dict[str, int]  # in graph.json, by type
    created_nodes: int
    created_relationships: int
    transactions: int
    node_seconds: float  # writing the nodes
    relationship_seconds: float  # writing the relationships
    check_seconds: float
    check: Check
    replaced: ReplaceReport | None = None

    @property
    def seconds(self) -> float:
        """Writing nodes and relationships (the schema, replace and check not counted)."""
        return self.node_seconds + self.relationship_seconds

    @property
    def node_total(self) -> int:
        return sum(self.nodes.values())

    @property
    def relationship_total(self) -> int:
        return sum(self.relationships.values())


def load_build(
    build: Path,
    connection: Connection,
    *,
    replace: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: Callable[[int], None] | None = None,
    on_graph: Callable[[PropertyGraph], None] | None = None,
) -> LoadReport:
    """Load the build in ``build`` into the database and check it holds all of it.

    ``on_graph`` is called with the graph once it is read (``kg load`` sizes its progress
    bar from it); ``on_progress`` with the number of rows of each batch written.
    BackendError when the server refuses or the check finds a difference.
    """
    graph = read_property_graph(build)
    if on_graph is not None:
        on_graph(graph)
    with (
        open_driver(connection) as driver,
        backend_errors(connection),
        driver.session(database=connection.database) as session,
    ):
        for statement in SCHEMA_STATEMENTS:
            session.run(statement).consume()
        session.run("CALL db.awaitIndexes($seconds)", seconds=int(connection.timeout)).consume()
        replaced = _delete_loaded(session) if replace else None
        before = _totals(session)
        written = _write(session, graph, batch_size, connection.timeout, on_progress)
        started = time.perf_counter()
        check = _check(session, graph, before)
        check_seconds = time.perf_counter() - started
    report = LoadReport(
        source=graph.source,
        server=connection.shown,
        nodes=graph.nodes_by_label(),
        relationships=graph.relationships_by_type(),
        created_nodes=written.created_nodes,
        created_relationships=written.created_relationships,
        transactions=written.transactions,
        node_seconds=written.node_seconds,
        relationship_seconds=written.relationship_seconds,
        check_seconds=check_seconds,
        check=check,
        replaced=replaced,
    )
    _raise_on_difference(report)
    return report


@dataclass
class _Written:
    created_nodes: int = 0
    created_relationships: int = 0
    transactions: int = 0
    node_seconds: float = 0.0
    relationship_seconds: float = 0.0


def _write(
    session: neo4j.Session,
    graph: PropertyGraph,
    batch_size: int,
    timeout: float,
    on_progress: Callable[[int], None] | None,
) -> _Written:
    """Every node, then every relationship, ``batch_size`` rows per managed transaction."""
    written = _Written()
    write = _writer(timeout)
    started = time.perf_counter()
    for label, rows in sorted(graph.nodes.items()):
        statement = node_statement(label)
        for batch in _batches(rows, batch_size):
            written.created_nodes += session.execute_write(write, statement, batch)[0]
            written.transactions += 1
            if on_progress is not None:
                on_progress(len(batch))
    written.node_seconds = time.perf_counter() - started
    for key, rows in graph.groups():
        statement = relationship_statement(key)
        for batch in _batches(rows, batch_size):
            written.created_relationships += session.execute_write(write, statement, batch)[1]
            written.transactions += 1
            if on_progress is not None:
                on_progress(len(batch))
    written.relationship_seconds = time.perf_counter() - started - written.node_seconds
    return written


def _writer(timeout: float) -> Callable[..., tuple[int, int]]:
    """The unit of work of one batch: run the statement, count what it created."""
    import neo4j

    @neo4j.unit_of_work(timeout=timeout)
    def write(tx: neo4j.ManagedTransaction, statement: str, rows: list[Any]) -> tuple[int, int]:
        counters = tx.run(statement, rows=rows).consume().counters
        return counters.nodes_created, counters.relationships_created

    return write


def _batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _delete_loaded(session: neo4j.Session) -> ReplaceReport:
    """Delete what kg loaded before (see the module docstring), in batches of 10,000."""
    relationships = _repeat(
        session,
        f"MATCH (:{MARKER})-[r]->(:{MARKER}) WHERE type(r) IN $types "
        "WITH r LIMIT 10000 DELETE r RETURN count(*) AS n",
        types=list(EDGE_TYPES),
    )
    nodes = _repeat(
        session,
        f"MATCH (n:{MARKER}) WHERE NOT EXISTS {{ (n)--() }} "
        "WITH n LIMIT 10000 DELETE n RETURN count(*) AS n",
    )
    kept = _repeat(
        session, f"MATCH (n:{MARKER}) WITH n LIMIT 10000 REMOVE n:{MARKER} RETURN count(*) AS n"
    )
    return ReplaceReport(relationships, nodes, kept)


def _repeat(session: neo4j.Session, statement: str, **parameters: Any) -> int:
    """Run a ``... LIMIT k ... RETURN count(*) AS n`` statement until it finds nothing."""

    def once(tx: neo4j.ManagedTransaction) -> int:
        count: int = tx.run(statement, **parameters).single(strict=True)["n"]
        return count

    total = 0
    while done := session.execute_write(once):
        total += done
    return total


def _totals(session: neo4j.Session) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes of each contract label and relationships of each contract type in the whole
    database, from the count store."""
    nodes = {
        label: session.run(f"MATCH (n:{_name(label, NODE_LABELS)}) RETURN count(n) AS n").single(
            strict=True
        )["n"]
        for label in NODE_LABELS
    }
    relationships = {
        kind: session.run(
            f"MATCH ()-[r:{_name(kind, EDGE_TYPES)}]->() RETURN count(r) AS n"
        ).single(strict=True)["n"]
        for kind in EDGE_TYPES
    }
    return nodes, relationships


def _check(
    session: neo4j.Session,
    graph: PropertyGraph,
    before: tuple[dict[str, int], dict[str, int]],
) -> Check:
    """How many of the nodes and relationships of ``graph`` the database holds (see the
    module docstring: the count store where the load started from none, else lookups)."""

    def count(tx: neo4j.ManagedTransaction, statement: str, rows: list[Any]) -> int:
        found: int = tx.run(statement, rows=rows).single(strict=True)["n"]
        return found

    after = _totals(session)
    nodes: dict[str, int] = {}
    for label, node_rows in sorted(graph.nodes.items()):
        if before[0][label] == 0:
            nodes[label] = after[0][label]
            continue
        statement = (
            f"UNWIND $rows AS id MATCH (n:{_name(label, NODE_LABELS)} {{id: id}}) "
            f"WHERE n:{MARKER} RETURN count(n) AS n"
        )
        ids = [row["id"] for row in node_rows]
        nodes[label] = sum(
            session.execute_read(count, statement, batch) for batch in _batches(ids, _CHECK_BATCH)
        )
    relationships: dict[str, int] = {}
    for key, rows in graph.groups():
        kind, start, end = key
        if before[1][kind] == 0:
            relationships[kind] = after[1][kind]
            continue
        statement = (
            f"UNWIND $rows AS row MATCH (a:{_name(start, NODE_LABELS)} {{id: row[0]}})"
            f"-[r:{_name(kind, EDGE_TYPES)}]->(b:{_name(end, NODE_LABELS)} {{id: row[1]}}) "
            "RETURN count(r) AS n"
        )
        pairs = [[row["s"], row["t"]] for row in rows]
        found = sum(
            session.execute_read(count, statement, batch) for batch in _batches(pairs, _CHECK_BATCH)
        )
        relationships[kind] = relationships.get(kind, 0) + found
    kg_nodes = session.run(f"MATCH (n:{MARKER}) RETURN count(n) AS n").single(strict=True)["n"]
    return Check(dict(sorted(nodes.items())), dict(sorted(relationships.items())), kg_nodes)


def _raise_on_difference(report: LoadReport) -> None:
    differences = _differences("nodes", report.nodes, report.check.nodes) + _differences(
        "relationships", report.relationships, report.check.relationships
    )
    if differences:
        raise BackendError(
            f"{report.server}: after the load the database does not hold the build of "
            f"{report.source}: {'; '.join(differences)}"
        )


def _differences(kind: str, expected: Mapping[str, int], found: Mapping[str, int]) -> list[str]:
    return [
        f"{name} {kind}: {found.get(name, 0):,} found, graph.json has {count:,}"
        for name, count in expected.items()
        if found.get(name, 0) != count
    ]
