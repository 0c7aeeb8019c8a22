"""Upload a build's RDF to a SPARQL 1.1 server with the Graph Store Protocol (``kg load``).

Why the Graph Store Protocol (GSP) and not SPARQL Update ``INSERT DATA``: GSP moves whole RDF
documents, which the server reads with its streaming parser; ``INSERT DATA`` makes it parse
every triple as query syntax and build an update request in memory.  Fuseki, GraphDB,
Virtuoso, Stardog and Oxigraph's server all implement GSP (under URLs of their own, hence
``gsp_url`` and ``query_url``).

How a load goes:

* The triples are the build's ``graph.ttl`` (the RDF of :mod:`kg.writers.rdf`), parsed by
  pyoxigraph as a stream, so memory stays bounded whatever the build's size.
* Every ``batch_size`` triples become one N-Triples document sent to
  ``GSP_URL?graph=<named graph>`` (SPARQL 1.1 GSP §5.5 "indirect graph identification").
  N-Triples because any run of its lines is a complete document.  kg's RDF has no blank
  nodes (every node has an IRI), so cutting the graph into independent documents loses
  nothing; a blank node would become a different node in each document.
* Merge (the default) POSTs every batch: RDF graphs are sets, so loading the same build twice
  leaves the graph as it was.  ``replace`` PUTs the first batch, which empties the graph
  first (an empty PUT for an empty build), and POSTs the rest.
* The next batch is parsed and serialised in a thread while the current one is on the wire:
  waiting on the socket releases the GIL, so our parsing and the server's overlap.  The
  server sets the pace: on the pubmed21n1298 build (8.4M triples) parsing and serialising
  take 14 s (600k triples/s) of a 7-8 minute load into Fuseki 5.6's in-memory dataset
  (18-20k triples/s on a busy 2-core machine), and its final COUNT takes 40 s.
* At the end a ``COUNT`` on the query endpoint checks that the named graph holds the build:
  exactly as many triples when it was empty or replaced; when merging into a graph that held
  triples, at least as many as the build and as the graph before, at most their sum.

One named graph per build: :func:`build_graph_iri` names it from manifest.json, so two
builds coexist in one dataset and loading a rebuild of the same inputs with the same kg
lands in the same graph.

Credentials go in a pre-emptive HTTP Basic header (one round trip per batch, not two) and
never into a message: errors name the method, the URL without user information, the HTTP
status and the server's first line of explanation.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import queue
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Final, TypeVar, cast

import pyoxigraph as ox

from kg import __version__
from kg.errors import BackendError, ConfigError, OutputError
from kg.loaders.urls import shown_url
from kg.namespaces import KGR

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_TIMEOUT",
    "Endpoint",
    "LoadReport",
    "build_graph_iri",
    "build_rdf_file",
    "build_triple_count",
    "count_triples",
    "load_build",
    "safe_url",
    "select",
]

DEFAULT_BATCH_SIZE: Final = 50_000
DEFAULT_TIMEOUT: Final = 300.0
# The build's RDF: the Turtle kg build writes.  Not a graph.nt of `kg export`, which a later
# rebuild into the same directory would leave stale.
_SOURCE: Final = "graph.ttl"
# Options of kg build that change no triple: the size of the HTML view, and the lexicon's
# path (its content is named by the manifest's "biomedical.lexicon").
_OPTIONS_NOT_IN_GRAPH: Final = frozenset({"view_nodes", "lexicon"})
_NTRIPLES: Final = "application/n-triples"
_RESULTS_JSON: Final = "application/sparql-results+json"
_DETAIL_CHARACTERS: Final = 200
_T = TypeVar("_T")


@dataclass(frozen=True)
class Endpoint:
    """Where a SPARQL server takes graphs (``gsp_url``) and queries (``query_url``)."""

    gsp_url: str
    query_url: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_urls(
        cls,
        dataset_url: str | None,
        *,
        gsp_url: str | None = None,
        query_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> Endpoint:
        """The endpoint of a dataset URL, Fuseki's way: ``URL/data`` and ``URL/query``.

        Servers that name their services otherwise are reached with explicit ``gsp_url`` and
        ``query_url``.  ``user:password@`` in a URL is taken out of it and used when no
        ``user`` is given, so it never reaches a message.
        """
        named: dict[str, str | None] = {
            "--sparql-endpoint": dataset_url,
            "--gsp-url": gsp_url,
            "--query-url": query_url,
        }
        found: dict[str, str] = {}
        url_user = url_password = None
        for option, url in named.items():
            if url is None:
                continue
            bare, in_user, in_password = _split_credentials(option, url)
            found[option] = bare
            url_user = url_user or in_user
            url_password = url_password or in_password
        base = found.get("--sparql-endpoint", "").rstrip("/")
        if not base and ("--gsp-url" not in found or "--query-url" not in found):
            raise ConfigError(
                "say where the SPARQL server is: --sparql-endpoint URL (a dataset URL such as "
                "http://localhost:3030/kg), or both --gsp-url and --query-url"
            )
        if user is None:
            user, password = url_user, password if password is not None else url_password
        if password is not None and user is None:
            raise ConfigError("a SPARQL password was given without a user (--user)")
        return cls(
            gsp_url=found.get("--gsp-url", f"{base}/data"),
            query_url=found.get("--query-url", f"{base}/query"),
            user=user,
            password=password,
            timeout=timeout,
        )


@dataclass(frozen=True)
class LoadReport:
    """What a load did; the figures the CLI reports."""

    graph: str
    source: Path
    triples: int  # triples of the build (each sent once)
    batches: int
    replaced: bool
    before: int  # triples in the named graph before the load (0 when replaced)
    after: int  # triples in the named graph after it
    seconds: float  # sending, without the counts

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds if self.seconds > 0 else 0.0


def build_rdf_file(build: Path) -> Path:
    """The RDF (Turtle) of a build directory; OutputError if there is none."""
    if not (build / "manifest.json").is_file():
        raise OutputError(
            f"{build} is not a kg build directory (no manifest.json); "
            "run `kg build INPUT... --out DIR` first"
        )
    if not (build / _SOURCE).is_file():
        raise OutputError(f"{build} has no {_SOURCE}; run `kg build` again")
    return build / _SOURCE


def build_triple_count(build: Path) -> int | None:
    """The triples of the build as its manifest records them (its SPARQL store's size), for
    a progress bar with an end; None if the manifest does not say."""
    try:
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
        triples = manifest["outputs"]["store"]["triples"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return triples if isinstance(triples, int) and not isinstance(triples, bool) else None


def build_graph_iri(build: Path) -> str:
    """The named graph of a build: ``https://w3id.org/kg/id/build/<32 hex digits>``.

    The digits are the first 128 bits of the SHA-256 of the canonical JSON of what decides
    the build's triples, all read from manifest.json: kg's version, the SHA-256 of each input
    in the order read, the build options except those that change no triple, and the
    lexicon's content id.  The creation time is left out, so a rebuild of the same inputs by
    the same kg has the same IRI and loading it again merges into (or replaces) that graph.
    """
    path = build / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        identity = {
            "kg_version": manifest["kg_version"],
            "inputs": [report.get("sha256") for report in manifest["inputs"]],
            "options": {
                name: value
                for name, value in manifest.get("options", {}).items()
                if name not in _OPTIONS_NOT_IN_GRAPH
            },
            "lexicon": manifest.get("biomedical", {}).get("lexicon"),
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise OutputError(f"{path}: not a kg manifest ({type(error).__name__}: {error})") from error
    canonical = json.dumps(identity, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"{KGR}build/{hashlib.sha256(canonical.encode('utf-8')).hexdigest()[:32]}"


def load_build(
    build: Path,
    endpoint: Endpoint,
    *,
    graph: str | None = None,
    replace: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: Callable[[int], None] | None = None,
) -> LoadReport:
    """Send the build's triples to the named graph and check the server holds them all.

    ``graph`` overrides :func:`build_graph_iri`; ``on_progress`` is called with the number
    of triples of each batch the server accepted.  Raises BackendError when the server
    fails or refuses, or when the count afterwards does not add up.
    """
    source = build_rdf_file(build)
    graph = _checked_iri(graph) if graph is not None else build_graph_iri(build)
    before = 0 if replace else count_triples(endpoint, graph)
    sent = batches = 0
    started = time.perf_counter()
    for size, body in _prefetched(_ntriples_batches(source, batch_size)):
        method = "PUT" if replace and batches == 0 else "POST"
        _send_batch(endpoint, method, graph, body)
        sent += size
        batches += 1
        if on_progress is not None:
            on_progress(size)
    if replace and batches == 0:  # an empty build still empties the graph
        _send_batch(endpoint, "PUT", graph, b"")
    seconds = time.perf_counter() - started
    after = count_triples(endpoint, graph)
    report = LoadReport(graph, source, sent, batches, replace, before, after, seconds)
    _check_count(report, endpoint)
    return report


def count_triples(endpoint: Endpoint, graph: str) -> int:
    """Triples in the named graph ``graph`` (0 when the server has no such graph)."""
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{_checked_iri(graph)}> {{ ?s ?p ?o }} }}"
    rows = select(endpoint, query)
    try:
        return int(rows[0]["n"]["value"])
    except (IndexError, KeyError, TypeError, ValueError) as error:
        raise BackendError(
            f"{_where('POST', endpoint.query_url)}: the answer to a COUNT query has no count"
        ) from error


def select(
    endpoint: Endpoint, query: str, *, default_graph: str | None = None
) -> list[dict[str, dict[str, str]]]:
    """The bindings of a SELECT query (SPARQL 1.1 Query Results JSON), row by row.

    ``default_graph`` asks the server to answer from that named graph as the default graph
    (the protocol's ``default-graph-uri``), so the queries written for a build's own store run
    unchanged against the build's graph in a shared dataset.
    """
    fields = [("query", query)]
    if default_graph is not None:
        fields.append(("default-graph-uri", default_graph))
    body = urllib.parse.urlencode(fields).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": _RESULTS_JSON}
    answer = _request(endpoint, "POST", endpoint.query_url, body, headers)
    try:
        results: Any = json.loads(answer)
        rows: list[dict[str, dict[str, str]]] = results["results"]["bindings"]
    except (ValueError, KeyError, TypeError) as error:
        raise BackendError(
            f"{_where('POST', endpoint.query_url)}: the answer is not SPARQL JSON results"
        ) from error
    return rows


def _checked_iri(iri: str) -> str:
    """``iri`` if it is an absolute IRI that can go between ``<>`` in a query."""
    try:
        ox.NamedNode(iri)
    except ValueError as error:
        raise ConfigError(f"graph name {iri!r} is not an absolute IRI ({error})") from error
    if not urllib.parse.urlsplit(iri).scheme:
        raise ConfigError(f"graph name {iri!r} is not an absolute IRI (no scheme)")
    return iri


def _ntriples_batches(source: Path, batch_size: int) -> Iterator[tuple[int, bytes]]:
    """(triples, N-Triples bytes) for each run of ``batch_size`` triples of ``source``."""
    try:
        triples = ox.parse(path=str(source), format=ox.RdfFormat.TURTLE)
        while batch := list(islice(triples, batch_size)):
            body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES)
            yield len(batch), cast(bytes, body)  # bytes, as no output file is given
    except (OSError, SyntaxError, ValueError) as error:
        raise OutputError(f"{source}: cannot be read as Turtle ({error})") from error


class _End:
    """The last entry of a :func:`_prefetched` queue: the end of the items, or their error."""

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error


def _prefetched(items: Iterator[_T], depth: int = 2) -> Iterator[_T]:
    """``items``, produced up to ``depth`` ahead in a thread; its errors re-raised here."""
    channel: queue.Queue[_T | _End] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if not _put(channel, item, stop):
                    return
        except Exception as error:  # handed to the consumer, which raises it
            _put(channel, _End(error), stop)
            return
        _put(channel, _End(), stop)

    worker = threading.Thread(target=produce, name="kg-load-batches", daemon=True)
    worker.start()
    try:
        while not isinstance(entry := channel.get(), _End):
            yield entry
        if entry.error is not None:
            raise entry.error
    finally:
        stop.set()
        worker.join(timeout=5)


def _put(channel: queue.Queue[_T], entry: _T, stop: threading.Event) -> bool:
    """Put ``entry`` once there is room; False if the consumer stopped first."""
    while not stop.is_set():
        try:
            channel.put(entry, timeout=0.1)
        except queue.Full:
            continue
        return True
    return False


def _send_batch(endpoint: Endpoint, method: str, graph: str, body: bytes) -> None:
    url = _with_query(endpoint.gsp_url, {"graph": graph})
    _request(endpoint, method, url, body, {"Content-Type": _NTRIPLES})


def _with_query(url: str, fields: dict[str, str]) -> str:
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    return url + separator + urllib.parse.urlencode(fields)


def _request(
    endpoint: Endpoint, method: str, url: str, body: bytes, headers: dict[str, str]
) -> bytes:
    """The response body of one HTTP request; every failure as a one-line BackendError."""
    headers = {**headers, "User-Agent": f"kg/{__version__}"}
    if endpoint.user is not None:
        secret = f"{endpoint.user}:{endpoint.password or ''}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(secret).decode("ascii")
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    where = _where(method, url)
    try:
        with _OPENER.open(request, timeout=endpoint.timeout) as response:
            answer: bytes = response.read()
            return answer
    except urllib.error.HTTPError as error:
        raise BackendError(_http_failure(where, error)) from None
    except urllib.error.URLError as error:
        raise BackendError(f"{where}: cannot reach the server ({error.reason})") from None
    except TimeoutError:
        raise BackendError(
            f"{where}: no answer within {endpoint.timeout:g} s (raise --timeout?)"
        ) from None
    except (OSError, http.client.HTTPException) as error:
        raise BackendError(
            f"{where}: the connection failed ({type(error).__name__}: {error})"
        ) from None


def _where(method: str, url: str) -> str:
    """``METHOD URL`` for messages (see :func:`safe_url`)."""
    return f"{method} {safe_url(url)}"


def safe_url(url: str) -> str:
    """``url`` as it may be shown: no user information, no query string, no fragment."""
    return shown_url(url)


def _http_failure(where: str, error: urllib.error.HTTPError) -> str:
    """The status, the server's first line of explanation, and a hint for the usual causes."""
    try:
        text = error.read(4096).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        text = ""
    detail = _first_line(text) if "html" not in (error.headers.get("Content-Type") or "") else ""
    message = f"{where}: HTTP {error.code} {error.reason}"
    if detail and detail.lower() != str(error.reason).lower():
        message += f": {detail[:_DETAIL_CHARACTERS]}"
    hints = {
        401: "check --user and the password (or KG_SPARQL_USER / KG_SPARQL_PASSWORD)",
        403: "the user may not write to this dataset",
        404: "no such service; check the dataset URL, or give --gsp-url / --query-url",
        405: "the service refuses this method; is updating enabled on the server?",
    }
    if error.code in hints:
        message += f" ({hints[error.code]})"
    elif 300 <= error.code < 400 and error.headers.get("Location"):
        target = urllib.parse.urljoin(error.url or "", error.headers["Location"])
        message += f" (the server redirects to {safe_url(target)}; give that URL instead)"
    return message


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """Turn a redirect into an error: urllib would follow a POST's redirect as a GET without
    its body, so a batch would seem accepted and be lost."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER: Final = urllib.request.build_opener(_RefuseRedirects())


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())
    return ""


def _split_credentials(option: str, url: str) -> tuple[str, str | None, str | None]:
    """``url`` without ``user:password@``, and that user and password (URL-decoded)."""
    parts = urllib.parse.urlsplit(url)
    try:
        valid = parts.scheme in {"http", "https"} and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a port that is not a number
        valid = False
    if not valid:
        shown = "a URL with user information" if "@" in url else repr(url)
        raise ConfigError(
            f"{option} must be an http:// or https:// URL such as "
            f"http://localhost:3030/kg, got {shown}"
        )
    if parts.username is None:
        return url, None, None
    netloc = parts.netloc.rpartition("@")[2]
    bare = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    password = urllib.parse.unquote(parts.password) if parts.password is not None else None
    return bare, urllib.parse.unquote(parts.username), password


def _check_count(report: LoadReport, endpoint: Endpoint) -> None:
    """Raise if the named graph cannot hold every triple sent (see the module docstring)."""
    if report.before == 0:
        low = high = report.triples
    else:
        low, high = max(report.before, report.triples), report.before + report.triples
    if low <= report.after <= high:
        return
    expected = str(low) if low == high else f"between {low} and {high}"
    raise BackendError(
        f"{_where('POST', endpoint.query_url)}: after the load the graph <{report.graph}> holds "
        f"{report.after} triples, expected {expected} ({report.triples} sent, "
        f"{report.before} there before); the server lost or changed triples"
    )
