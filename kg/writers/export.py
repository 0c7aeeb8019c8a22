"""``kg export``: a finished build's graph in another RDF serialisation.

Source: the build's ``graph.ttl``, read by pyoxigraph's streaming parser.  On the build of
pubmed21n1298 (8.4M triples) it gives every triple in 18 s and 20 MB, where
``read_node_link`` + :func:`kg.writers.rdf.iter_triples` take 69 s and 2.4 GB; and it
is exact where graph.json is not (node-link's ``source``/``target``/``key`` fields shadow
edge attributes of those names, e.g. the ``source`` of IS_A edges).  The triples come in
the Turtle's order, which the build made deterministic, so every format is too.  A build
without graph.ttl (made by an older kg, or pruned) is read from graph.json instead.

Serialisers: the fastest correct one per format.  bench/rdf.py on 1M triples of that build:
pyoxigraph serialises Turtle 118x, N-Triples 17x and RDF/XML 36x faster than rdflib, and
parses each 20-35x faster.  All exports stream: peak memory 54-72 MB on 8.4M triples.

* ``turtle``: the build's graph.ttl is already it; copied byte for byte;
* ``ntriples``: pyoxigraph, streamed triple by triple from the parser (constant memory);
* ``rdfxml``: pyoxigraph, streamed.  Its writer puts a carriage return into element text
  as a raw byte, which every XML parser turns into a line feed; the output is passed
  through a filter that writes it as ``&#13;`` instead, and that refuses the control
  characters XML 1.0 cannot carry at all (the triple stays exportable as Turtle);
* ``jsonld``: :mod:`kg.writers.jsonld`, compacted under the published context: pyoxigraph
  writes only expanded JSON-LD (3.4x faster than this writer, 2.7x the bytes, full IRIs as
  keys) and rdflib's compacting serialiser is 7.5x slower than it.

Output goes to a temporary file beside the target and is renamed into place at the end, so
a failed export never leaves a truncated file or destroys the previous one.  :data:`FORMATS`
is a registry like :data:`kg.writers.WRITERS`.  :data:`DIRECTORY_FORMATS` holds the formats
that are a directory of files rather than one file (``neo4j-csv``: the header and data files
of Neo4j's bulk importer, :mod:`kg.writers.neo4j_csv`); ``kg export --to`` takes a name of
either registry.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, Final, cast

import pyoxigraph as ox

from kg.errors import ConfigError, OutputError
from kg.graph.contract import KnowledgeGraph
from kg.namespaces import PREFIXES

__all__ = [
    "DIRECTORY_FORMATS",
    "FORMATS",
    "BuildSource",
    "DirectoryFormat",
    "ExportFormat",
    "ExportOptions",
    "export_build",
    "export_directory",
    "get_format",
    "open_build",
]


class BuildSource:
    """The graph of a finished build directory, as RDF (or as the networkx graph)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.turtle = directory / "graph.ttl"
        self.node_link = directory / "graph.json"

    @property
    def has_turtle(self) -> bool:
        """True when the build's Turtle (the preferred, exact source) is there."""
        return self.turtle.is_file()

    def quads(self) -> Iterator[ox.Quad]:
        """Every triple of the build, in a deterministic order, streamed when possible.

        They come as pyoxigraph Quads in the default graph, which is what its parser
        yields; wrapping each in a Triple would cost seconds on a large build for nothing.
        """
        if not self.has_turtle:
            from kg.writers.rdf import iter_triples

            for triple in iter_triples(self.graph()):
                yield ox.Quad(triple.subject, triple.predicate, triple.object)
            return
        try:
            yield from ox.parse(path=str(self.turtle), format=ox.RdfFormat.TURTLE)
        except SyntaxError as error:
            raise OutputError(f"{self.turtle}: not valid Turtle: {error}") from error

    def graph(self) -> KnowledgeGraph:
        """The build's graph as networkx (for formats that are not RDF)."""
        from kg.writers.nodelink import read_node_link

        return read_node_link(self.node_link)


def open_build(directory: Path) -> BuildSource:
    """A finished build in ``directory``; OutputError in words when it is not one."""
    if not directory.is_dir():
        raise OutputError(f"{directory}: no such build directory; run `kg build ... --out DIR`")
    source = BuildSource(directory)
    if not (directory / "manifest.json").is_file():
        raise OutputError(
            f"{directory} is not a finished kg build (no manifest.json); "
            "run `kg build INPUT... --out DIR` first"
        )
    if not source.has_turtle and not source.node_link.is_file():
        raise OutputError(f"{directory} holds no graph (neither graph.ttl nor graph.json)")
    return source


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Choices that only some formats use; each exporter reads what applies to it."""

    embed_context: bool = True  # JSON-LD: embed the context (else reference its IRI)


Exporter = Callable[[BuildSource, BinaryIO, ExportOptions], None]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """A format of ``kg export --to``: the file it makes in the build and how it is written."""

    name: str
    filename: str
    media_type: str
    description: str
    exporter: Exporter


def _export_turtle(source: BuildSource, sink: BinaryIO, options: ExportOptions) -> None:
    if source.has_turtle:
        with source.turtle.open("rb") as turtle:
            shutil.copyfileobj(turtle, sink, 1 << 20)
        return
    from kg.writers.rdf import write_turtle

    # write_turtle (which orders the prefix header) takes a path: go through a scratch file.
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "graph.ttl"
        write_turtle(source.graph(), path)
        with path.open("rb") as turtle:
            shutil.copyfileobj(turtle, sink, 1 << 20)


def _export_ntriples(source: BuildSource, sink: BinaryIO, options: ExportOptions) -> None:
    ox.serialize(source.quads(), cast(IO[bytes], sink), ox.RdfFormat.N_TRIPLES)


def _export_rdfxml(source: BuildSource, sink: BinaryIO, options: ExportOptions) -> None:
    guarded = _XmlTextGuard(sink)
    output = cast(IO[bytes], guarded)  # pyoxigraph needs only write() and flush()
    ox.serialize(source.quads(), output, ox.RdfFormat.RDF_XML, prefixes=dict(PREFIXES))


def _export_jsonld(source: BuildSource, sink: BinaryIO, options: ExportOptions) -> None:
    from kg.writers.jsonld import write_jsonld

    write_jsonld(source.quads(), sink, embed=options.embed_context)


FORMATS: Final[dict[str, ExportFormat]] = {
    spec.name: spec
    for spec in (
        ExportFormat("turtle", "graph.ttl", "text/turtle", "Turtle", _export_turtle),
        ExportFormat(
            "ntriples",
            "graph.nt",
            "application/n-triples",
            "N-Triples, streamed",
            _export_ntriples,
        ),
        ExportFormat(
            "jsonld",
            "graph.jsonld",
            "application/ld+json",
            "JSON-LD with kg's context embedded",
            _export_jsonld,
        ),
        ExportFormat("rdfxml", "graph.rdf", "application/rdf+xml", "RDF/XML", _export_rdfxml),
    )
}


@dataclass(frozen=True, slots=True)
class DirectoryFormat:
    """A format of ``kg export --to`` that writes a directory of files into the build."""

    name: str
    dirname: str
    description: str
    exporter: Callable[[Path, Path], object]  # (build directory, target directory)


def _export_neo4j_csv(build: Path, target: Path) -> object:
    from kg.writers.neo4j_csv import write_neo4j_csv

    return write_neo4j_csv(build, target)


DIRECTORY_FORMATS: Final[dict[str, DirectoryFormat]] = {
    spec.name: spec
    for spec in (
        DirectoryFormat(
            "neo4j-csv",
            "neo4j-csv",
            "header and data CSV files for neo4j-admin database import full",
            _export_neo4j_csv,
        ),
    )
}


def get_format(name: str) -> ExportFormat:
    """The export format called ``name``; ConfigError (exit 2) listing the known ones."""
    spec = FORMATS.get(name)
    if spec is None:
        known = ", ".join([*FORMATS, *DIRECTORY_FORMATS])
        raise ConfigError(f"unknown export format {name!r}; expected one of: {known}")
    return spec


def export_directory(directory: Path, format_name: str, out: Path | None) -> tuple[Path, object]:
    """Write the build in ``directory`` as the directory format ``format_name``.

    ``out`` None means the format's directory inside the build.  Returns the directory
    written and what the format's exporter reports about it.
    """
    spec = DIRECTORY_FORMATS[format_name]
    if out is not None and str(out) == "-":
        raise ConfigError(
            f"{format_name} is a directory of files and cannot go to standard output; "
            "give --out DIR or leave --out out"
        )
    open_build(directory)
    target = directory / spec.dirname if out is None else out
    return target, spec.exporter(directory, target)


def export_build(
    directory: Path,
    format_name: str,
    out: Path | None,
    options: ExportOptions | None = None,
) -> Path | None:
    """Write the build in ``directory`` as ``format_name`` to ``out``.

    ``out`` None means the format's file in the build directory; ``Path("-")`` means
    standard output (returns None then).  Returns the file written.
    """
    if format_name in DIRECTORY_FORMATS:
        return export_directory(directory, format_name, out)[0]
    spec = get_format(format_name)
    source = open_build(directory)
    chosen = ExportOptions() if options is None else options
    if out is not None and str(out) == "-":
        sink = sys.stdout.buffer
        spec.exporter(source, sink, chosen)
        sink.flush()
        return None
    target = directory / spec.filename if out is None else out
    if spec.name == "turtle" and source.has_turtle and _same_file(target, source.turtle):
        return target  # exporting graph.ttl onto itself: already there
    _write_atomically(target, lambda sink: spec.exporter(source, sink, chosen))
    return target


def _same_file(left: Path, right: Path) -> bool:
    try:
        return left.exists() and left.samefile(right)
    except OSError:
        return False


def _write_atomically(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Run ``write`` on a scratch file beside ``target``, then rename it into place."""
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a directory; give a file name")
    if not target.parent.is_dir():
        raise OutputError(f"cannot write {target}: directory {target.parent} does not exist")
    scratch = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        with scratch.open("wb", buffering=1 << 20) as sink:
            write(sink)
        scratch.replace(target)
    except OSError as error:
        scratch.unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from error
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise


# Characters XML 1.0 cannot hold even as character references: C0 controls other than
# tab, line feed and carriage return, and U+FFFE/U+FFFF (as UTF-8 bytes).
_XML_FORBIDDEN: Final = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


class _XmlTextGuard:
    """A byte sink that keeps pyoxigraph's RDF/XML exact: ``\\r`` as ``&#13;``, no controls.

    Only literal text can contain these bytes (IRIs cannot), and a character reference
    means the same character in element text and in attribute values alike.
    """

    def __init__(self, sink: BinaryIO) -> None:
        self._sink = sink
        self._tail = b""  # the last bytes written, for a U+FFFE split between two writes

    def write(self, data: bytes) -> int:
        window = self._tail + data
        forbidden = _XML_FORBIDDEN.search(window)
        if forbidden is not None:
            character = forbidden.group().decode("utf-8", "replace")
            context = window[max(0, forbidden.start() - 60) : forbidden.end() + 20]
            raise OutputError(
                f"RDF/XML cannot hold the character U+{ord(character):04X} found in a literal "
                f"(...{context.decode('utf-8', 'replace')!r}...); export this build as turtle, "
                "ntriples or jsonld instead"
            )
        self._tail = data[-2:]
        self._sink.write(data.replace(b"\r", b"&#13;"))
        return len(data)

    def flush(self) -> None:
        self._sink.flush()
