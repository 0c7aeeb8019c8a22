"""``kg export``: files in the build, standard output, one-line errors with exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from support import EXAMPLES

from kg.cli.main import cli
from kg.writers.context import CONTEXT_IRI


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = CliRunner().invoke(
        cli, ["build", str(EXAMPLES), "--out", str(out), "-q"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return out


def _triple_count(data: bytes, fmt: ox.RdfFormat) -> int:
    return sum(1 for _ in ox.parse(data, format=fmt))


def test_writes_the_formats_file_in_the_build_and_says_so(
    build: Path, run_kg: Callable[..., Result]
) -> None:
    result = run_kg("export", str(build), "--to", "ntriples")
    assert result.exit_code == 0, result.output
    written = build / "graph.nt"
    assert result.stdout == ""  # the summary is on standard error
    assert result.stderr.startswith(f"Wrote {written} (") and result.stderr.endswith(" s.\n")
    turtle = _triple_count((build / "graph.ttl").read_bytes(), ox.RdfFormat.TURTLE)
    assert _triple_count(written.read_bytes(), ox.RdfFormat.N_TRIPLES) == turtle > 50_000


def test_dash_writes_only_the_graph_to_standard_output(
    build: Path, run_kg: Callable[..., Result]
) -> None:
    result = run_kg("export", str(build), "--to", "rdfxml", "--out", "-")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout_bytes.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    turtle = _triple_count((build / "graph.ttl").read_bytes(), ox.RdfFormat.TURTLE)
    assert _triple_count(result.stdout_bytes, ox.RdfFormat.RDF_XML) == turtle
    assert not (build / "graph.rdf").exists()


def test_out_file_and_context_iri(
    build: Path, tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    out = tmp_path / "kg.jsonld"
    result = run_kg(
        "export", str(build), "--to", "jsonld", "--out", str(out), "--context-iri", "-q"
    )
    assert result.exit_code == 0, result.output
    assert result.output == ""
    document = json.loads(out.read_bytes())
    assert document["@context"] == CONTEXT_IRI
    assert len(document["@graph"]) > 5000


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["--to", "n-triples"], 2, "unknown export format 'n-triples'; expected one of: turtle"),
        (["--to", "turtle", "--out", "{tmp}/missing/g.ttl"], 1, "directory {tmp}/missing does"),
        (["--to", "turtle", "--out", "{tmp}"], 1, "cannot write {tmp}: it is a directory"),
    ],
)
def test_bad_options_fail_in_one_line(
    build: Path,
    tmp_path: Path,
    run_kg: Callable[..., Result],
    arguments: list[str],
    code: int,
    message: str,
) -> None:
    filled = [argument.format(tmp=tmp_path) for argument in arguments]
    result = run_kg("export", str(build), *filled)
    assert result.exit_code == code
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert result.output.startswith("kg: error: ")
    assert message.format(tmp=tmp_path) in result.output


def test_a_directory_that_is_not_a_build_fails_in_one_line(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    (tmp_path / "graph.ttl").write_text("")
    result = run_kg("export", str(tmp_path), "--to", "jsonld")
    assert result.exit_code == 1
    assert result.output == (
        f"kg: error: {tmp_path} is not a finished kg build (no manifest.json); "
        "run `kg build INPUT... --out DIR` first\n"
    )
    assert not (tmp_path / "graph.jsonld").exists()


def test_help_names_every_format_and_ends_with_an_example(run_kg: Callable[..., Result]) -> None:
    result = run_kg("export", "--help")
    assert result.exit_code == 0
    for name in ("turtle", "ntriples", "jsonld", "rdfxml"):
        assert name in result.output
    assert result.output.rstrip().splitlines()[-1].strip().startswith("Example: kg export")
