"""CSV files for Neo4j's bulk importer (``kg export DIR --to neo4j-csv``).

``neo4j-admin database import full`` builds a new database from CSV files far faster than
any transactional load, because it writes the store files directly; it is the way to make
a first, large database (DESIGN §9).  This writer gives it, in one directory:

* ``nodes_<Label>.header.csv`` + ``nodes_<Label>.csv`` per node label, and
  ``relationships_<TYPE>_<Start>_<End>.header.csv`` + ``.csv`` per relationship type and
  pair of end labels: header and data apart, so the data files are plain rows;
* ``import.args``: the importer's options and file list, read by ``neo4j-admin database
  import full @import.args neo4j`` from this directory;
* ``schema.cypher``: the uniqueness constraints and indexes ``kg load`` creates, to run
  once the imported database is started (Community's importer creates none).

The rows are those of :mod:`kg.loaders.neo4j_graph`, so an imported database holds what
``kg load`` would load: the same labels (with the marker label ``KG``), ids, types and
property values.  The format details that make the import exact:

* **ID spaces.**  ``id:ID(Paper)`` names one ID space per label and relationships name
  the space of each end (``:START_ID(Author)``, ``:END_ID(Paper)``), as uniqueness is per
  label in the loaded database too; the ``id`` column is also stored as the property ``id``.
* **Typed columns.**  ``name:string``, ``year:long``, ``open_access:boolean``,
  ``confidence:double[]``, ``keywords:string[]``...: 64-bit ``long`` and ``double`` (the
  importer's ``int`` and ``float`` are 32-bit and would change values), chosen per file
  from the values.  A property whose values differ in kind within one file (never in kg's
  own builds) is written as text, JSON for the values that are not strings, and the
  export reports it.
* **Quoting.**  Every string is quoted, quotes doubled (RFC 4180); an empty string is
  ``""`` and a missing value an empty field, which the importer keeps apart.  Strings may
  span lines (abstracts do), so ``--multiline-fields=true`` is set when one does.
* **Arrays** are joined by U+001F (the ASCII unit separator), which the importer also uses
  between the labels of ``:LABEL``: ``;`` or ``|`` occur in sentences and affiliations.  A
  string holding U+001F cannot be written and is an error naming its node.  The importer
  reads a list holding only one empty string as no value; such a list is written as that
  and counted in the report (kg's builds have none).

Files are written to a scratch directory beside the target and renamed into place, so a
failed export leaves the previous one whole.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TextIO

from kg.errors import OutputError
from kg.loaders.neo4j import SCHEMA_STATEMENTS
from kg.loaders.neo4j_graph import MARKER, PropertyGraph, read_property_graph

__all__ = [
    "ARGUMENTS_FILE",
    "ARRAY_DELIMITER",
    "SCHEMA_FILE",
    "CsvExport",
    "column_type",
    "write_neo4j_csv",
]

ARRAY_DELIMITER: Final = "\x1f"
ARGUMENTS_FILE: Final = "import.args"
SCHEMA_FILE: Final = "schema.cypher"
_SCALARS: Final = {bool: "boolean", int: "long", float: "double", str: "string"}
_BUFFER: Final = 1 << 20


@dataclass
class CsvExport:
    """What :func:`write_neo4j_csv` wrote."""

    directory: Path
    files: list[str] = field(default_factory=list)
    nodes: dict[str, int] = field(default_factory=dict)  # by label
    relationships: dict[str, int] = field(default_factory=dict)  # by type
    as_text: list[str] = field(default_factory=list)  # "file: column" written as text
    lone_empty_strings: int = 0  # [""] values, which the importer reads as no value
    multiline: bool = False
    bytes: int = 0
    seconds: float = 0.0


def write_neo4j_csv(build: Path, target: Path) -> CsvExport:
    """Write the bulk-import files of the build in ``build`` into the directory ``target``.

    An existing ``target`` is replaced (it must be a directory, or absent).  OutputError
    when the build cannot be read or the directory cannot be written.
    """
    started = time.perf_counter()
    graph = read_property_graph(build)
    if target.exists() and not target.is_dir():
        raise OutputError(f"cannot write {target}: it is a file; give a directory")
    if not target.parent.is_dir():
        raise OutputError(f"cannot write {target}: directory {target.parent} does not exist")
    scratch = target.with_name(f".{target.name}.part")
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        scratch.mkdir()
        export = _write_all(graph, scratch)
        if target.exists():
            shutil.rmtree(target)
        scratch.replace(target)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from error
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    export.directory = target
    export.bytes = sum(path.stat().st_size for path in target.iterdir())
    export.seconds = time.perf_counter() - started
    return export


def _write_all(graph: PropertyGraph, folder: Path) -> CsvExport:
    export = CsvExport(folder)
    node_files: list[tuple[str, str]] = []
    relationship_files: list[tuple[str, str]] = []
    for label, rows in sorted(graph.nodes.items()):
        stem = f"nodes_{label}"
        columns = _columns(rows, export, f"{stem}.csv")
        header = [f"id:ID({label})", ":LABEL", *_typed(columns)]
        labels = _quoted(f"{label}{ARRAY_DELIMITER}{MARKER}")
        lines = (
            ",".join([_quoted(row["id"]), labels, *_cells(row["p"], columns, export, row["id"])])
            for row in rows
        )
        node_files.append(_write_pair(folder, stem, header, lines, export))
        export.nodes[label] = len(rows)
    for (kind, start, end), rows in graph.groups():
        stem = f"relationships_{kind}_{start}_{end}"
        columns = _columns(rows, export, f"{stem}.csv")
        header = [f":START_ID({start})", f":END_ID({end})", ":TYPE"]
        header += _typed(columns)
        quoted_type = _quoted(kind)
        lines = (
            ",".join(
                [
                    _quoted(row["s"]),
                    _quoted(row["t"]),
                    quoted_type,
                    *_cells(row["p"], columns, export, f"{kind} {row['s']} -> {row['t']}"),
                ]
            )
            for row in rows
        )
        relationship_files.append(_write_pair(folder, stem, header, lines, export))
        export.relationships[kind] = export.relationships.get(kind, 0) + len(rows)
    _write_arguments(folder / ARGUMENTS_FILE, node_files, relationship_files, export.multiline)
    (folder / SCHEMA_FILE).write_text(
        "".join(f"{statement};\n" for statement in SCHEMA_STATEMENTS), encoding="utf-8"
    )
    export.files += [ARGUMENTS_FILE, SCHEMA_FILE]
    return export


def column_type(values: Iterable[Any]) -> str | None:
    """The importer's type for a column of (encoded) values, None if they differ in kind."""
    kinds: set[str] = set()
    for value in values:
        if isinstance(value, list):
            kinds.add(_SCALARS[type(value[0])] + "[]")
        else:
            kinds.add(_SCALARS[type(value)])
        if len(kinds) > 1:
            if kinds in ({"long", "double"}, {"long[]", "double[]"}):
                kinds = {"double[]" if "double[]" in kinds else "double"}
                continue
            return None
    return kinds.pop() if kinds else "string"


def _columns(
    rows: Sequence[Mapping[str, Any]], export: CsvExport, file: str
) -> list[tuple[str, str]]:
    """(property, type) of every property of the rows, by name; mixed kinds become text."""
    values: dict[str, list[Any]] = {}
    for row in rows:
        for name, value in row["p"].items():
            values.setdefault(name, []).append(value)
    columns = []
    for name in sorted(values):
        kind = column_type(values[name])
        if kind is None:
            export.as_text.append(f"{file}: {name}")
            kind = "text"  # written as a string column (see the module docstring)
        columns.append((name, kind))
    return columns


def _typed(columns: Sequence[tuple[str, str]]) -> list[str]:
    """Header fields ``name:type``; a column of mixed kinds is a string column."""
    return [f"{name}:{'string' if kind == 'text' else kind}" for name, kind in columns]


def _cells(
    properties: Mapping[str, Any], columns: Sequence[tuple[str, str]], export: CsvExport, where: str
) -> list[str]:
    cells = []
    for name, kind in columns:
        value = properties.get(name)
        if value is None:
            cells.append("")
        elif kind == "text":
            cells.append(_quoted(value if isinstance(value, str) else json.dumps(value)))
        elif kind.endswith("[]"):
            cells.append(_array(value, kind, export, where, name))
        elif kind == "string":
            export.multiline = export.multiline or "\n" in value or "\r" in value
            cells.append(_quoted(value))
        else:
            cells.append(_scalar(value, kind))
    return cells


def _scalar(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return str(value)


def _array(values: list[Any], kind: str, export: CsvExport, where: str, name: str) -> str:
    element = kind[:-2]
    if element != "string":
        return _quoted(ARRAY_DELIMITER.join(_scalar(item, element) for item in values))
    for item in values:
        if ARRAY_DELIMITER in item:
            raise OutputError(
                f"{where}: property {name!r} holds the character U+001F, which Neo4j's bulk "
                "importer reads as the array delimiter; load this build with kg load instead"
            )
        if "\n" in item or "\r" in item:
            export.multiline = True
    if values == [""]:
        export.lone_empty_strings += 1
    return _quoted(ARRAY_DELIMITER.join(values))


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _write_pair(
    folder: Path, stem: str, header: list[str], lines: Iterable[str], export: CsvExport
) -> tuple[str, str]:
    header_name, data_name = f"{stem}.header.csv", f"{stem}.csv"
    (folder / header_name).write_text(",".join(header) + "\n", encoding="utf-8")
    with (folder / data_name).open("w", encoding="utf-8", newline="", buffering=_BUFFER) as sink:
        _write_lines(sink, lines)
    export.files += [header_name, data_name]
    return header_name, data_name


def _write_lines(sink: TextIO, lines: Iterable[str]) -> None:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= 5000:
            sink.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        sink.write("\n".join(batch) + "\n")


def _write_arguments(
    path: Path,
    node_files: Sequence[tuple[str, str]],
    relationship_files: Sequence[tuple[str, str]],
    multiline: bool,
) -> None:
    """The importer's argument file (one option per line; ``#`` starts a comment)."""
    lines = [
        "# Options and files for Neo4j's bulk importer, written by `kg export --to neo4j-csv`.",
        "# Run it from this directory, with the server stopped, into a new or empty database:",
        "#   neo4j-admin database import full @import.args neo4j",
        "# then start the database and run schema.cypher (cypher-shell -f schema.cypher).",
        *(f"--nodes={header},{data}" for header, data in node_files),
        *(f"--relationships={header},{data}" for header, data in relationship_files),
        # Single-valued options last: --nodes and --relationships take any number of files,
        # and would swallow the database name that follows the argument file.
        f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}",
        f"--multiline-fields={'true' if multiline else 'false'}",
        "--bad-tolerance=0",
        "--id-type=string",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
