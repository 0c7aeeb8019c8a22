"""A real Apache Jena Fuseki for tests: fetched from Maven Central, started, stopped.

The jar is ``org.apache.jena:jena-fuseki-server`` from Maven Central (never the Apache
download site: CI reaches only PyPI, Debian, npm and Maven Central).  Version 5.6.0 is the
newest release that runs on Java 17; Jena 6 needs Java 21, which Debian 12 does not ship.
The download is checked against the ``.sha1`` Maven Central publishes next to it (there is
no ``.sha512`` there) and against the SHA-512 pinned below when the version was chosen, then
cached in ``$XDG_CACHE_HOME/kg/servers`` (``~/.cache/kg/servers``).

The server is Fuseki "main" (``FusekiMainCmd`` in the same jar: no web UI, no admin area,
nothing written to the working directory) with one in-memory dataset ``/ds``, updates on,
listening on a free loopback port, and HTTP Basic authentication from a password file so
that the credentials path of ``kg load`` is exercised too.  The JVM options favour a quick
start (client compiler only, serial GC): test loads are small.  Measurements of large loads
should pass ``jvm_options=()`` for the full JIT.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.request
from base64 import b64encode
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from servers.java import JavaMissing, find_java

FUSEKI_VERSION: Final = "5.6.0"
FUSEKI_SHA512: Final = (
    "6892853e217afde119f9237ad424033c4d309ec7129bed344d0199ad6e233d9f"
    "166610e2040abd42b739ecbe120c4638f2b69ecf1576872669a3403c3391f691"
)
MINIMUM_JAVA: Final = 17
MAVEN_CENTRAL: Final = "https://repo1.maven.org/maven2/org/apache/jena/jena-fuseki-server"
FAST_START: Final = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m")
_MAIN_CLASS: Final = "org.apache.jena.fuseki.main.cmds.FusekiMainCmd"
_START_SECONDS: Final = 90.0
_DATASET: Final = "ds"
_USER: Final = "kg-test"


class Unavailable(Exception):
    """This machine cannot run Fuseki (no Java 17, no way to fetch the jar)."""


class StartFailed(Exception):
    """Java and the jar are there but the server did not come up."""


@dataclass(frozen=True)
class Fuseki:
    """A running server: its dataset URL and the credentials it asks for."""

    url: str  # the dataset: http://127.0.0.1:PORT/ds (GSP at /data, queries at /query)
    user: str
    password: str
    version: str
    jar: Path
    log: Path
    started_in: float  # seconds from launching java to the first answered query


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kg" / "servers"


def fuseki_jar(version: str = FUSEKI_VERSION, sha512: str | None = FUSEKI_SHA512) -> Path:
    """The server jar, from the cache or downloaded and verified into it."""
    name = f"jena-fuseki-server-{version}.jar"
    jar = cache_dir() / name
    if jar.is_file() and (sha512 is None or _sha512(jar) == sha512):
        return jar
    url = f"{MAVEN_CENTRAL}/{version}/{name}"
    jar.parent.mkdir(parents=True, exist_ok=True)
    partial = jar.with_name(f"{name}.{os.getpid()}.part")
    try:
        published = _fetch(url + ".sha1").decode("ascii").split()[0].lower()
        sha1, actual512 = _download(url, partial)
        if sha1 != published:
            raise Unavailable(f"{url}: SHA-1 {sha1} differs from the published {published}")
        if sha512 is not None and actual512 != sha512:
            raise Unavailable(f"{url}: SHA-512 {actual512} differs from the pinned {sha512}")
        partial.replace(jar)
    finally:
        partial.unlink(missing_ok=True)
    return jar


def java_command() -> str:
    """The ``java`` to run the server with (see :func:`servers.java.find_java`)."""
    try:
        return find_java(MINIMUM_JAVA, f"Fuseki {FUSEKI_VERSION}")
    except JavaMissing as error:
        raise Unavailable(str(error)) from error


@contextmanager
def running_fuseki(
    workdir: Path,
    *,
    jvm_options: Sequence[str] = FAST_START,
    heap: str = "1g",
    query_timeout: float | None = 30.0,
) -> Iterator[Fuseki]:
    """Start Fuseki with an empty in-memory dataset; stop it when the block ends.

    ``query_timeout`` (seconds) makes the server abandon a runaway query, which would
    otherwise keep computing after its client gave up and slow every later test.
    """
    java = java_command()
    jar = fuseki_jar()
    workdir.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(16)
    passwords = workdir / "passwd"
    passwords.write_text(f"{_USER}: {password}\n", encoding="utf-8")
    log = workdir / "fuseki.log"
    for attempt in range(3):  # another process may take the free port before Fuseki does
        port = _free_port()
        started = time.perf_counter()
        options = [f"--timeout={round(query_timeout * 1000)}"] if query_timeout else []
        process = _launch(
            java, jar, workdir, port, passwords, log, [f"-Xmx{heap}", *jvm_options], options
        )
        url = f"http://127.0.0.1:{port}/{_DATASET}"
        try:
            _wait_until_answering(process, url, _USER, password, log)
        except StartFailed:
            _stop(process)
            if attempt < 2 and "Address already in use" in _tail(log):
                continue
            raise
        break
    try:
        yield Fuseki(url, _USER, password, FUSEKI_VERSION, jar, log, time.perf_counter() - started)
    finally:
        _stop(process)


def _launch(
    java: str,
    jar: Path,
    workdir: Path,
    port: int,
    passwords: Path,
    log: Path,
    jvm_options: Sequence[str],
    server_options: Sequence[str],
) -> subprocess.Popen[bytes]:
    command = [
        java,
        *jvm_options,
        "-cp",
        str(jar),
        _MAIN_CLASS,
        "--mem",
        "--update",
        "--localhost",
        f"--port={port}",
        f"--passwd={passwords}",
        "--auth=basic",
        *server_options,
        f"/{_DATASET}",
    ]
    with log.open("wb") as sink:
        return subprocess.Popen(
            command, cwd=workdir, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_until_answering(
    process: subprocess.Popen[bytes], url: str, user: str, password: str, log: Path
) -> None:
    """Poll ``ASK {}`` until the server answers 200; StartFailed with the log if it dies."""
    secret = b64encode(f"{user}:{password}".encode()).decode("ascii")
    request = urllib.request.Request(
        f"{url}/query?query=ASK%7B%7D",
        headers={"Authorization": f"Basic {secret}", "Accept": "application/sparql-results+json"},
    )
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + _START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StartFailed(
                f"Fuseki exited with status {process.returncode} before answering; "
                f"{log}:\n{_tail(log)}"
            )
        try:
            with no_proxy.open(request, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)
    raise StartFailed(
        f"Fuseki did not answer {url}/query within {_START_SECONDS:g} s; {log}:\n{_tail(log)}"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            body: bytes = response.read()
            return body
    except (urllib.error.URLError, OSError) as error:
        raise Unavailable(f"cannot fetch {url}: {error}") from error


def _download(url: str, target: Path) -> tuple[str, str]:
    """Save ``url`` to ``target``; its SHA-1 and SHA-512, computed while writing."""
    sha1, sha512 = hashlib.sha1(), hashlib.sha512()
    try:
        with urllib.request.urlopen(url, timeout=60) as response, target.open("wb") as sink:
            while chunk := response.read(1 << 20):
                sha1.update(chunk)
                sha512.update(chunk)
                sink.write(chunk)
    except (urllib.error.URLError, OSError) as error:
        raise Unavailable(f"cannot download {url}: {error}") from error
    return sha1.hexdigest(), sha512.hexdigest()


def _sha512(path: Path) -> str:
    digest = hashlib.sha512()
    with path.open("rb") as source:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
