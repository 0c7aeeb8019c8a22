"""A real Fuseki for the whole test session, and the builds the loader tests load into it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from click.testing import CliRunner
from servers.fuseki import Fuseki, StartFailed, Unavailable, running_fuseki
from support import EXAMPLES

from kg.cli.main import cli


@pytest.fixture(scope="session")
def fuseki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuseki]:
    """Apache Jena Fuseki on a loopback port, stopped at the end of the session.

    A machine without Java 17 or without access to Maven Central skips these tests, except
    under CI (``CI`` set), where everything must run; a server that is there but does not
    start always fails.
    """
    with pytest.MonkeyPatch.context() as patch, ExitStack() as stack:
        # A proxy from the environment must not be asked for 127.0.0.1.
        for name in ("no_proxy", "NO_PROXY"):
            patch.setenv(name, ",".join(filter(None, [os.environ.get(name), "127.0.0.1"])))
        try:
            server = stack.enter_context(running_fuseki(tmp_path_factory.mktemp("fuseki")))
        except Unavailable as error:
            message = f"cannot run Apache Jena Fuseki here: {error}"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        except StartFailed as error:
            pytest.fail(f"Apache Jena Fuseki did not start: {error}")
        yield server


def _build(out: Path, *inputs: Path | str) -> Path:
    result = CliRunner().invoke(cli, ["build", *map(str, inputs), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The build of examples/ (66 papers with their relations and evidence)."""
    return _build(tmp_path_factory.mktemp("examples-build"), EXAMPLES)


@pytest.fixture(scope="session")
def lupus_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second, different build: the one saved PubMed page of examples/."""
    return _build(tmp_path_factory.mktemp("lupus-build"), EXAMPLES / "pubmed_page_msc_lupus.txt")
