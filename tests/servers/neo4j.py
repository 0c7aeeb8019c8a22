"""A real Neo4j 5.26 LTS Community server for tests: fetched from Maven Central, started, stopped.

The jars are ``org.neo4j:neo4j`` and its runtime dependencies (tests/servers/neo4j/pom.xml),
copied by ``mvn dependency:copy-dependencies``: Maven Central is reachable from CI where
Neo4j's own download site is not.  That artifact is the whole Community DBMS, so the server
runs from its own entry point (``org.neo4j.server.CommunityEntryPoint``, which ``neo4j
console`` starts) and neo4j-admin from ``org.neo4j.cli.AdminTool``; nothing of ours runs
inside the JVM.  The jars are kept in ``$XDG_CACHE_HOME/kg/servers/neo4j-VERSION/lib``
(``~/.cache``) with a marker naming the pom they came from, so a later session starts
without running Maven at all (Maven's own copy stays in ``~/.m2``).

A server is a fresh NEO4J_HOME in a temporary directory: Bolt on a free loopback port, HTTP
off, no usage report (nothing leaves the machine), authentication on with a random password
set by ``neo4j-admin dbms set-initial-password`` before the first start, so the credentials
path of ``kg load`` is exercised.  Community has one user database (``neo4j``), so tests
share one server per session and empty it between tests (:func:`wipe`) rather than creating
databases, which is an Enterprise feature.

:func:`session_server` starts that shared server once per pytest process for every test
module that asks for it, and stops it when pytest ends.  A machine without Java 17 or Maven
or without access to Maven Central skips the tests that need it, except under CI (``CI``
set), where they fail; a server that is there but does not start always fails, with the end
of its log in the message.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pytest
from servers.java import JavaMissing, find_java

if TYPE_CHECKING:
    import neo4j

POM: Final = Path(__file__).with_name("neo4j") / "pom.xml"
MINIMUM_JAVA: Final = 17
SERVER_CLASS: Final = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS: Final = "org.neo4j.cli.AdminTool"
USER: Final = "neo4j"
# Small and quick to start: test loads are a few thousand nodes.  Benchmarks pass their own.
TEST_HEAP: Final = "768m"
TEST_PAGECACHE: Final = "128m"
_START_SECONDS: Final = 180.0
_MAVEN_ATTEMPTS: Final = 3
_MAVEN_SECONDS: Final = 1200.0


class Unavailable(Exception):
    """This machine cannot run Neo4j (no Java 17, no Maven, Maven Central unreachable)."""


class StartFailed(Exception):
    """Java and the jars are there but the server (or neo4j-admin) did not do its job."""


@dataclass(frozen=True)
class Neo4j:
    """A running server: where Bolt listens and the credentials it asks for."""

    uri: str  # bolt://127.0.0.1:PORT
    user: str
    password: str = field(repr=False)
    version: str
    home: Path
    log: Path
    started_in: float  # seconds from launching java to the first answered query

    def driver(self) -> neo4j.Driver:
        """A driver for this server (close it, or use it in a ``with`` block)."""
        import neo4j

        return neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self.password))


def neo4j_version() -> str:
    """The Neo4j version the pom asks for (the pom is the one place it is written)."""
    found = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", POM.read_text("utf-8"))
    if found is None:
        raise Unavailable(f"{POM} names no <neo4j.version>")
    return found.group(1).strip()


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kg" / "servers"


def neo4j_jars() -> Path:
    """The directory of the server's jars: from the cache, or fetched with Maven into it.

    The cache is valid when its marker holds the SHA-256 of the pom that filled it; the
    fetch runs under a file lock (two pytest processes may start at once), into a scratch
    directory renamed into place, and is retried: a dropped connection to Maven Central
    must not cost a CI run.
    """
    version = neo4j_version()
    home = cache_dir() / f"neo4j-{version}"
    lib, marker = home / "lib", home / "lib.complete"
    wanted = hashlib.sha256(POM.read_bytes()).hexdigest()
    if _complete(lib, marker, wanted):
        return lib
    home.mkdir(parents=True, exist_ok=True)
    with (home / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _complete(lib, marker, wanted):  # another process fetched them meanwhile
            return lib
        maven = shutil.which("mvn")
        if maven is None:
            raise Unavailable(
                f"no mvn on the PATH to fetch Neo4j {version} from Maven Central "
                "(apt-get install maven)"
            )
        java_command()  # Maven needs Java too; say so in Java's terms
        scratch = home / f"lib.{os.getpid()}.part"
        try:
            _copy_dependencies(maven, scratch, home / "maven.log")
            marker.unlink(missing_ok=True)
            shutil.rmtree(lib, ignore_errors=True)
            scratch.replace(lib)
            marker.write_text(wanted + "\n", encoding="ascii")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return lib


def _complete(lib: Path, marker: Path, wanted: str) -> bool:
    try:
        return marker.read_text(encoding="ascii").strip() == wanted and any(lib.glob("neo4j-*.jar"))
    except OSError:
        return False


def _copy_dependencies(maven: str, target: Path, log: Path) -> None:
    command = [
        maven,
        "-B",
        "-q",
        "-f",
        str(POM),
        # Retries of the HTTP transport: Maven 3.8 (wagon) and 3.9 (resolver) read different names.
        "-Dmaven.wagon.http.retryHandler.count=5",
        "-Daether.connector.http.retryHandler.count=5",
        "dependency:copy-dependencies",
        f"-DoutputDirectory={target}",
    ]
    for attempt in range(1, _MAVEN_ATTEMPTS + 1):
        shutil.rmtree(target, ignore_errors=True)
        with log.open("wb") as sink:
            try:
                status = subprocess.run(
                    command,
                    cwd=POM.parent,
                    stdin=subprocess.DEVNULL,
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                    timeout=_MAVEN_SECONDS,
                    check=False,
                ).returncode
            except subprocess.TimeoutExpired:
                status = -1
        if status == 0 and any(target.glob("neo4j-*.jar")):
            return
        if attempt < _MAVEN_ATTEMPTS:
            time.sleep(5 * attempt)
    raise Unavailable(
        f"mvn could not fetch the Neo4j jars of {POM} after {_MAVEN_ATTEMPTS} attempts; "
        f"{log}:\n{_tail(log)}"
    )


def java_command() -> str:
    """The ``java`` to run the server with (see :func:`servers.java.find_java`)."""
    try:
        return find_java(MINIMUM_JAVA, "Neo4j 5.26")
    except JavaMissing as error:
        raise Unavailable(str(error)) from error


def write_config(home: Path, port: int, *, pagecache: str) -> Path:
    """``home/conf/neo4j.conf`` for a loopback-only server; the configuration directory."""
    conf = home / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    settings = {
        "server.default_listen_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{port}",
        "server.bolt.advertised_address": f"127.0.0.1:{port}",
        "server.http.enabled": "false",
        "server.https.enabled": "false",
        "dbms.usage_report.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.memory.pagecache.size": pagecache,
        # Keep the transaction logs of a test server small.
        "db.tx_log.rotation.retention_policy": "2 files",
    }
    (conf / "neo4j.conf").write_text(
        "".join(f"{key}={value}\n" for key, value in settings.items()), encoding="utf-8"
    )
    return conf


def new_password() -> str:
    """A random password that neo4j-admin reads as its argument.

    Hex digits only: a url-safe token starts with '-' one time in 64, and neo4j-admin then
    takes it for an option and stops with "Missing required parameter: '<password>'".
    """
    return secrets.token_hex(18)


def admin(
    home: Path,
    *arguments: str,
    cwd: Path | None = None,
    heap: str = "512m",
    timeout: float = 1800.0,
) -> subprocess.CompletedProcess[str]:
    """Run ``neo4j-admin ARGUMENTS`` (AdminTool from the same jars) on the DBMS in ``home``.

    StartFailed with its output when it exits with an error.
    """
    java, lib = java_command(), neo4j_jars()
    conf = home / "conf"
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf)}
    result = subprocess.run(
        [java, f"-Xmx{heap}", "-cp", f"{lib}/*", ADMIN_CLASS, *arguments],
        cwd=cwd or home,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        shown = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        raise StartFailed(
            f"neo4j-admin {arguments[0]} ... exited with {result.returncode}:\n{shown}"
        )
    return result


def new_home(workdir: Path, *, pagecache: str = TEST_PAGECACHE) -> Path:
    """An empty NEO4J_HOME (configured for a port chosen at start) under ``workdir``."""
    home = workdir / "neo4j-home"
    write_config(home, 0, pagecache=pagecache)
    return home


@contextmanager
def running_neo4j(
    workdir: Path,
    *,
    home: Path | None = None,
    heap: str = TEST_HEAP,
    pagecache: str = TEST_PAGECACHE,
    jvm_options: Sequence[str] = ("-XX:+UseSerialGC",),
) -> Iterator[Neo4j]:
    """Start Neo4j on a free loopback port; stop it when the block ends.

    ``home`` is an existing NEO4J_HOME (for instance one neo4j-admin imported into) whose
    server has never run; by default a new, empty one under ``workdir``.
    """
    java, lib = java_command(), neo4j_jars()
    workdir.mkdir(parents=True, exist_ok=True)
    home = home or workdir / "neo4j-home"
    password = new_password()
    write_config(home, 0, pagecache=pagecache)
    admin(home, "dbms", "set-initial-password", password)
    log = workdir / "neo4j-console.log"
    for attempt in range(3):  # another process may take the free port before Neo4j does
        port = _free_port()
        conf = write_config(home, port, pagecache=pagecache)
        uri = f"bolt://127.0.0.1:{port}"
        started = time.perf_counter()
        command = [
            java,
            f"-Xmx{heap}",
            *jvm_options,
            "-cp",
            f"{lib}/*",
            SERVER_CLASS,
            f"--home-dir={home}",
            f"--config-dir={conf}",
            "--console-mode",
        ]
        with log.open("wb") as sink:
            process = subprocess.Popen(
                command,
                cwd=home,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_until_answering(process, uri, password, log)
        except StartFailed:
            _stop(process)
            if attempt < 2 and "already in use" in _tail(log):
                continue
            raise
        break
    try:
        yield Neo4j(uri, USER, password, neo4j_version(), home, log, time.perf_counter() - started)
    finally:
        _stop(process)


def _wait_until_answering(
    process: subprocess.Popen[bytes], uri: str, password: str, log: Path
) -> None:
    """Poll until the server answers a query; StartFailed with the log if it dies.

    First the port (cheap), then one query in a plain session: ``execute_query`` would
    retry with growing back-off on its own, and wait longer than the server takes.
    """
    import neo4j
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    port = int(uri.rpartition(":")[2])
    deadline = time.monotonic() + _START_SECONDS
    with neo4j.GraphDatabase.driver(uri, auth=(USER, password), connection_timeout=5) as driver:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise StartFailed(
                    f"Neo4j exited with status {process.returncode} before answering; "
                    f"{log}:\n{_tail(log)}"
                )
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    pass
                with driver.session() as session:
                    session.run("RETURN 1").consume()
                return
            except AuthError as error:
                raise StartFailed(f"Neo4j refused the test credentials: {error.message}") from None
            except (DriverError, Neo4jError, OSError):
                time.sleep(0.2)
    raise StartFailed(
        f"Neo4j did not answer on {uri} within {_START_SECONDS:g} s; {log}:\n{_tail(log)}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wipe(server: Neo4j, *, schema: bool = False) -> None:
    """Empty the database: every node and relationship, and with ``schema`` every constraint
    and index too (dropping them also empties the server's query plan cache, which costs
    the next load several seconds of planning)."""
    with server.driver() as driver, driver.session() as session:
        while session.run(
            "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n"
        ).single(strict=True)["n"]:
            pass
        if not schema:
            return
        for record in session.run("SHOW CONSTRAINTS YIELD name").data():
            session.run(f"DROP CONSTRAINT `{record['name']}`").consume()
        for record in session.run("SHOW INDEXES YIELD name, type").data():
            if record["type"] != "LOOKUP":  # the token lookup indexes belong to the database
                session.run(f"DROP INDEX `{record['name']}`").consume()


_shared: dict[str, Neo4j | str] = {}


def session_server(request: pytest.FixtureRequest, factory: pytest.TempPathFactory) -> Neo4j:
    """The one Neo4j of this pytest process, started on first use and stopped at its end.

    Test modules each declare a session fixture that calls this, so the server is shared by
    every module without a conftest above them all.  A failed start is remembered: every
    later test fails (or skips) with the same reason at once instead of waiting again.
    """
    found = _shared.get("server")
    if isinstance(found, Neo4j):
        return found
    if isinstance(found, str):
        _give_up(found)
    stack = contextlib.ExitStack()
    try:
        server = stack.enter_context(running_neo4j(factory.mktemp("neo4j")))
    except Unavailable as error:
        _shared["server"] = f"skip:cannot run Neo4j here: {error}"
        _give_up(str(_shared["server"]))
    except StartFailed as error:
        _shared["server"] = f"fail:Neo4j did not start: {error}"
        _give_up(str(_shared["server"]))
    request.config.add_cleanup(stack.close)
    _shared["server"] = server
    return server


def _give_up(reason: str) -> None:
    kind, _, message = reason.partition(":")
    if kind == "skip" and not os.environ.get("CI"):
        pytest.skip(message)
    pytest.fail(message)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
