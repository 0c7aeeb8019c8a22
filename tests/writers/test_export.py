"""``export_build`` on real builds of examples/: exact triples, same bytes, streaming, errors."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from support import EXAMPLES

from kg.cli.main import cli
from kg.errors import ConfigError, OutputError
from kg.writers.context import load_context
from kg.writers.export import FORMATS, BuildSource, ExportOptions, export_build, open_build

RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def _build(out: Path) -> Path:
    result = CliRunner().invoke(
        cli, ["build", str(EXAMPLES), "--out", str(out), "-q"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="module")
def exports(build: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("exports")
    written = {
        name: export_build(build, name, out / spec.filename) for name, spec in FORMATS.items()
    }
    return {name: path for name, path in written.items() if path is not None}


@pytest.fixture(scope="module")
def turtle_triples(build: Path) -> set[Any]:
    return set(rdflib.Graph().parse(build / "graph.ttl", format="turtle"))


def _ox_triples(path: Path, name: str) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(path=str(path), format=OX_FORMATS[name])}


def test_turtle_is_the_builds_graph_ttl(build: Path, exports: dict[str, Path]) -> None:
    assert exports["turtle"].read_bytes() == (build / "graph.ttl").read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["ntriples", "jsonld", "rdfxml"])
def test_every_format_reads_back_as_exactly_the_turtles_triples(
    name: str, build: Path, exports: dict[str, Path], turtle_triples: set[Any]
) -> None:
    """Judged by rdflib, an independent parser (pyoxigraph wrote most of these)."""
    parsed = set(rdflib.Graph().parse(exports[name], format=RDFLIB_FORMATS[name]))
    assert len(turtle_triples) > 50_000
    assert parsed == turtle_triples
    assert _ox_triples(exports[name], name) == _ox_triples(build / "graph.ttl", "turtle")


def test_jsonld_document_embeds_the_published_context(exports: dict[str, Path]) -> None:
    document = json.loads(exports["jsonld"].read_bytes())
    assert document["@context"] == load_context()
    papers = [node for node in document["@graph"] if node.get("@type") == "Paper"]
    assert len(papers) > 1000
    assert all(node["@id"].startswith(("pubmed:", "https://doi.org/", "kgr:")) for node in papers)
    in_corpus = [node for node in papers if "title" in node and "year" in node]
    assert in_corpus and all(isinstance(node["year"], int) for node in in_corpus)


@pytest.mark.slow
def test_same_bytes_when_exported_twice_and_from_a_second_build(
    build: Path, exports: dict[str, Path], tmp_path: Path
) -> None:
    second = _build(tmp_path / "second")
    assert (second / "manifest.json").read_bytes() != (build / "manifest.json").read_bytes()
    for name, spec in FORMATS.items():
        again = export_build(build, name, tmp_path / f"again-{spec.filename}")
        other = export_build(second, name, tmp_path / f"other-{spec.filename}")
        assert again is not None and other is not None
        assert again.read_bytes() == exports[name].read_bytes(), name
        assert other.read_bytes() == exports[name].read_bytes(), name


class _CountingSource(BuildSource):
    """The real build, counting how many triples the exporter has pulled so far."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self.pulled = 0

    def quads(self) -> Iterator[ox.Quad]:
        for quad in super().quads():
            self.pulled += 1
            yield quad


class _FirstWrite:
    def __init__(self, source: _CountingSource) -> None:
        self.source = source
        self.pulled_at_first_write: int | None = None

    def write(self, data: bytes) -> int:
        if self.pulled_at_first_write is None and data:
            self.pulled_at_first_write = self.source.pulled
        return len(data)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("name", ["ntriples", "jsonld", "rdfxml"])
def test_output_streams_while_the_triples_are_read(name: str, build: Path) -> None:
    """Bytes leave before the last triple is read: no format holds the graph in memory."""
    source = _CountingSource(build)
    sink = _FirstWrite(source)
    FORMATS[name].exporter(source, sink, ExportOptions())  # type: ignore[arg-type]
    assert sink.pulled_at_first_write is not None
    assert source.pulled > 50_000
    assert sink.pulled_at_first_write < source.pulled // 4


def test_build_without_graph_ttl_is_read_from_graph_json(build: Path, tmp_path: Path) -> None:
    """The fallback source; graph.json cannot carry edge attributes named like node-link's
    own fields (the IS_A edges' ``source``), so it may hold fewer statement triples, never
    others."""
    copy = tmp_path / "old"
    shutil.copytree(build, copy)
    (copy / "graph.ttl").unlink()
    path = export_build(copy, "ntriples", tmp_path / "graph.nt")
    assert path is not None
    from_json = _ox_triples(path, "ntriples")
    from_turtle = _ox_triples(build / "graph.ttl", "turtle")
    assert from_json <= from_turtle
    nodes = {
        t
        for t in from_turtle
        if t.predicate.value.endswith("#type") and not t.object.value.endswith("#Statement")
    }
    assert len(nodes) > 3000 and nodes <= from_json
    turtle = export_build(copy, "turtle", tmp_path / "graph.ttl")
    assert turtle is not None and _ox_triples(turtle, "turtle") == from_json


def _build_with_title(build: Path, directory: Path, literal: str) -> Path:
    """A build directory whose graph.ttl is the real header and one paper title."""
    directory.mkdir()
    shutil.copy(build / "manifest.json", directory)
    turtle = (build / "graph.ttl").read_text(encoding="utf-8")
    header = "".join(line for line in turtle.splitlines(keepends=True) if line.startswith("@"))
    triple = f'<https://pubmed.ncbi.nlm.nih.gov/1> kg:title "{literal}" .\n'
    (directory / "graph.ttl").write_text(header + triple, encoding="utf-8")
    return directory


def _titles(path: Path, fmt: str) -> set[Any]:
    graph = rdflib.Graph().parse(path, format=fmt)
    return set(graph.objects(predicate=rdflib.URIRef("https://w3id.org/kg/schema#title")))


def test_rdfxml_keeps_carriage_returns(build: Path, tmp_path: Path) -> None:
    copy = _build_with_title(build, tmp_path / "cr", r"line one\r\nline two\r")
    path = export_build(copy, "rdfxml", tmp_path / "graph.rdf")
    assert path is not None
    assert rdflib.Literal("line one\r\nline two\r") in _titles(path, "xml")


def test_rdfxml_refuses_a_character_xml_cannot_hold(build: Path, tmp_path: Path) -> None:
    copy = _build_with_title(build, tmp_path / "ctl", r"bell \u0007 here")
    target = tmp_path / "graph.rdf"
    target.write_bytes(b"previous export")
    with pytest.raises(OutputError, match=r"U\+0007.*export this build as turtle"):
        export_build(copy, "rdfxml", target)
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    path = export_build(copy, "ntriples", tmp_path / "graph.nt")
    assert path is not None
    assert rdflib.Literal("bell \x07 here") in _titles(path, "nt")


def test_corrupt_turtle_fails_in_words_and_leaves_no_partial_file(
    build: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "corrupt"
    shutil.copytree(build, copy)
    with (copy / "graph.ttl").open("a", encoding="utf-8") as turtle:
        turtle.write("<https://x.org/a> kg:title \n")
    with pytest.raises(OutputError, match=r"graph\.ttl: not valid Turtle"):
        export_build(copy, "jsonld", None)
    assert sorted(p.name for p in copy.iterdir() if "jsonld" in p.name) == []


def test_not_a_build_unknown_format_and_unwritable_output(build: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"no manifest\.json"):
        open_build(tmp_path)
    with pytest.raises(OutputError, match="no such build directory"):
        open_build(tmp_path / "missing")
    with pytest.raises(ConfigError, match="unknown export format 'nt'; expected one of"):
        export_build(build, "nt", None)
    with pytest.raises(OutputError, match="does not exist"):
        export_build(build, "ntriples", tmp_path / "no" / "graph.nt")
    with pytest.raises(OutputError, match="is a directory"):
        export_build(build, "ntriples", tmp_path)


def test_default_file_is_written_in_the_build(build: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(build, copy)
    for name, spec in FORMATS.items():
        assert export_build(copy, name, None) == copy / spec.filename
        assert (copy / spec.filename).stat().st_size > 1_000_000
