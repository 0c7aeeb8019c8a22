"""The named-question library: ``queries/*.rq`` files and the headers that describe them.

A named query is a SPARQL file whose leading comment block says what it answers, so
``kg query --list`` and the README can show it and ``kg query`` can check parameters
before anything runs::

    # title: Therapies for a disease
    # description: Therapies and chemicals said to treat the disease (or a subtype of
    #   it), with ...
    # parameters:
    #   - disease (concept Disease): the disease, by name, synonym or concept id.
    #   - asserted_only (boolean, default false): leave out relations that were only
    #     stated speculatively.
    # example: kg query build/ therapies_for_disease --param disease="rheumatoid arthritis"

Field lines are ``# field: value`` with one space after ``#``; lines with two or more
spaces (or a bare ``#``) continue the field above.  ``parameters`` is ``none`` or a list of
``- NAME (TYPE [CLASS|CLASS...][, default VALUE]): meaning`` items; a parameter without a
default is required.  Each parameter is the query variable of the same name, bound by
:func:`kg.sparql.params.bind`.  The header is strict (an unknown field or a stray comment
line is an error naming the file and line) because a typo there would otherwise silently
drop a parameter's documentation or default.

A question may also have a Cypher twin, ``NAME.cypher`` beside ``NAME.rq``, for Neo4j: the
same header written with ``//`` comments, the same parameters used as ``$name``
(:mod:`kg.cypher.library` reads and checks it).  :func:`load_query` attaches the twin's
text to the query (``cypher``), so one library entry has both texts and a header that
drifts from its twin is an error, not two different questions under one name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from kg.errors import ConfigError, InputError
from kg.resources import data_dir
from kg.sparql.syntax import variables

__all__ = [
    "CONCEPT_CLASSES",
    "PARAMETER_TYPES",
    "Header",
    "NamedQuery",
    "Parameter",
    "find_query",
    "load_library",
    "load_query",
    "parse_header",
    "parse_query",
]

PARAMETER_TYPES: Final = ("string", "integer", "decimal", "boolean", "iri", "concept")
# Classes a concept parameter may be restricted to (node labels of the graph contract).
CONCEPT_CLASSES: Final = ("Disease", "Therapy", "Chemical", "Mechanism", "CellType", "Molecule")
_FIELDS: Final = ("title", "description", "parameters", "example")
# The header's line shapes for each comment marker: '#' in SPARQL, '//' in Cypher.
_FIELD_LINES: Final = {
    marker: re.compile(re.escape(marker) + r" (?P<field>[A-Za-z_]+):(?P<value>.*)")
    for marker in ("#", "//")
}
_CONTINUATIONS: Final = {
    marker: re.compile(re.escape(marker) + r"(?:\s{2,}(?P<text>.*))?\s*") for marker in ("#", "//")
}
_PARAMETER: Final = re.compile(
    r"-\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+\((?P<spec>[^)]*)\):\s*(?P<meaning>.*)"
)
_NAME: Final = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-]*")


@dataclass(frozen=True)
class Parameter:
    """One parameter of a named query: the variable ``?name`` and how a value binds to it."""

    name: str
    type: str  # one of PARAMETER_TYPES
    meaning: str
    default: str | None = None  # None: the parameter is required
    classes: tuple[str, ...] = ()  # concept parameters: the node labels a match may have

    @property
    def required(self) -> bool:
        """A parameter without a default must be given."""
        return self.default is None

    def describe(self) -> str:
        """``disease (concept Disease, required)``: how ``--list`` and errors name it."""
        kind = " ".join([self.type, "|".join(self.classes)]).strip()
        if self.default is None:
            default = "required"
        elif self.type in ("string", "concept"):
            default = f"default {json.dumps(self.default, ensure_ascii=False)}"
        else:
            default = f"default {self.default}"
        return f"{self.name} ({kind}, {default})"


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library (or any ``.rq`` file) with its header."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    example: str
    text: str
    path: Path | None = field(default=None, compare=False)
    # The Cypher twin (NAME.cypher), when the question has one; None for a user's query.
    cypher: str | None = field(default=None, compare=False)
    cypher_path: Path | None = field(default=None, compare=False)

    def parameter(self, name: str) -> Parameter | None:
        """The parameter called ``name``, if the query has one."""
        return next((p for p in self.parameters if p.name == name), None)


@dataclass(frozen=True)
class Header:
    """What a query file's leading comment block says."""

    title: str
    description: str
    parameters: tuple[Parameter, ...]
    example: str


def load_library(directory: Path | None = None) -> dict[str, NamedQuery]:
    """Every ``*.rq`` query of ``directory`` (default: the shipped ``queries/``), by name,
    each with its Cypher twin when there is one."""
    folder = directory if directory is not None else data_dir("queries")
    if not folder.is_dir():
        raise ConfigError(f"query folder {folder} does not exist")
    for twin in sorted(folder.glob("*.cypher")):
        if not twin.with_suffix(".rq").is_file():
            raise InputError(
                f"a Cypher twin without a SPARQL query {twin.stem}.rq beside it; every named "
                "question is written in both",
                file=str(twin),
            )
    return {path.stem: load_query(path) for path in sorted(folder.glob("*.rq"))}


def find_query(name: str, directory: Path | None = None) -> NamedQuery:
    """The named query ``name``; ConfigError listing the known names if there is none."""
    library = load_library(directory)
    query = library.get(name)
    if query is None:
        known = ", ".join(library) or "none"
        raise ConfigError(
            f"unknown query {name!r}; the named queries are: {known} (see `kg query --list`)"
        )
    return query


def load_query(path: Path, *, require_header: bool = True) -> NamedQuery:
    """Read and parse one query file; InputError naming the file if it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read query: {error}", file=str(path)) from error
    query = parse_query(text, path.stem, path=path, require_header=require_header)
    twin = path.with_suffix(".cypher")
    if path.suffix == ".rq" and twin.is_file():
        from kg.cypher.library import attach_twin

        query = attach_twin(query, twin)
    return query


def parse_query(
    text: str, name: str, *, path: Path | None = None, require_header: bool = True
) -> NamedQuery:
    """Parse the header of a query text.

    With ``require_header=False`` (a user's ``--sparql`` file) a text that does not start with
    a ``# title:`` line is taken as a query without header or parameters; one that does is
    checked as strictly as a library query.
    """
    where = str(path) if path is not None else f"query {name}"
    if not _NAME.fullmatch(name):
        raise InputError(f"query name {name!r} must be letters, digits, '_' or '-'", file=where)
    lines = text.splitlines()
    if not require_header and not (lines and lines[0].startswith("# title:")):
        return NamedQuery(name, name, "", (), "", text, path)
    header = parse_header(text, where)
    used = variables(text)
    for parameter in header.parameters:
        if parameter.name not in used:
            raise InputError(
                f"parameter {parameter.name!r} is declared but the query has no "
                f"?{parameter.name} variable to bind it to",
                file=where,
            )
    return NamedQuery(
        name=name,
        title=header.title,
        description=header.description,
        parameters=header.parameters,
        example=header.example,
        text=text,
        path=path,
    )


def parse_header(text: str, where: str, *, comment: str = "#") -> Header:
    """The header of a query text whose comment lines start with ``comment`` ('#' for
    SPARQL, '//' for Cypher); InputError naming ``where`` and the line when malformed."""
    fields = _header_fields(text.splitlines(), where, comment)
    missing = [key for key in _FIELDS if key not in fields]
    if missing:
        raise InputError(
            f"query header lacks {', '.join(missing)}; expected '{comment} field: value' lines "
            f"for {', '.join(_FIELDS)} at the top of the file",
            file=where,
        )
    return Header(
        title=_one_line(fields["title"]),
        description=_one_line(fields["description"]),
        parameters=tuple(_parameters(fields["parameters"], where)),
        example=_one_line(fields["example"]),
    )


def _header_fields(lines: list[str], where: str, comment: str = "#") -> dict[str, list[str]]:
    """The header's fields as lists of lines (continuations kept as separate lines)."""
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    field_pattern, continuation_pattern = _FIELD_LINES[comment], _CONTINUATIONS[comment]
    for number, line in enumerate(lines, start=1):
        if not line.startswith(comment):
            break
        field_line = field_pattern.fullmatch(line.rstrip())
        if field_line:
            key = field_line["field"]
            if key not in _FIELDS:
                raise InputError(
                    f"unknown header field {key!r}; expected one of {', '.join(_FIELDS)}",
                    file=where,
                    line=number,
                )
            if key in fields:
                raise InputError(f"header field {key!r} given twice", file=where, line=number)
            current = fields[key] = [field_line["value"].strip()]
            continue
        continuation = continuation_pattern.fullmatch(line.rstrip())
        if continuation is None or current is None:
            raise InputError(
                f"a header line must be '{comment} field: value' or a continuation indented by "
                f"two or more spaces after '{comment}'; found {line!r}",
                file=where,
                line=number,
            )
        current.append((continuation["text"] or "").strip())
    return fields


def _one_line(lines: list[str]) -> str:
    return " ".join(line for line in lines if line)


def _parameters(lines: list[str], where: str) -> list[Parameter]:
    first, rest = lines[0], [line for line in lines[1:] if line]
    if first.lower() == "none":
        if rest:
            raise InputError("'parameters: none' is followed by parameter lines", file=where)
        return []
    if first:
        raise InputError(
            f"'parameters:' must be 'none' or followed by '- NAME (TYPE): meaning' lines; "
            f"found {first!r}",
            file=where,
        )
    items: list[list[str]] = []
    for line in rest:
        if line.startswith("- "):
            items.append([line])
        elif items:
            items[-1].append(line)
        else:
            raise InputError(
                f"parameter lines start with '- NAME (TYPE): '; found {line!r}", file=where
            )
    parameters = [_parameter(" ".join(item), where) for item in items]
    names = [parameter.name for parameter in parameters]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise InputError(f"parameter {duplicated[0]!r} declared twice", file=where)
    if not parameters:
        raise InputError("'parameters:' lists no parameter (write 'none')", file=where)
    return parameters


def _parameter(text: str, where: str) -> Parameter:
    match = _PARAMETER.fullmatch(text)
    if match is None:
        raise InputError(
            f"parameter line {text!r} is not '- NAME (TYPE[, default VALUE]): meaning'",
            file=where,
        )
    spec, _, default_text = match["spec"].partition(",")
    words = spec.split()
    kind = words[0] if words else ""
    if kind not in PARAMETER_TYPES:
        raise InputError(
            f"parameter {match['name']!r} has type {kind!r}; expected one of "
            f"{', '.join(PARAMETER_TYPES)}",
            file=where,
        )
    classes = tuple(words[1].split("|")) if len(words) > 1 else ()
    unknown = [label for label in classes if label not in CONCEPT_CLASSES]
    if len(words) > 2 or (classes and kind != "concept") or unknown:
        raise InputError(
            f"parameter {match['name']!r}: only a concept parameter names classes, as "
            f"'concept Disease|Therapy' (classes: {', '.join(CONCEPT_CLASSES)}); "
            f"found {match['spec']!r}",
            file=where,
        )
    return Parameter(
        name=match["name"],
        type=kind,
        meaning=match["meaning"].strip(),
        default=_default(match["name"], default_text, where),
        classes=classes,
    )


def _default(name: str, text: str, where: str) -> str | None:
    """``default VALUE`` (VALUE bare or as a JSON string) after the type, or None."""
    text = text.strip()
    if not text:
        return None
    keyword, _, value = text.partition(" ")
    value = value.strip()
    if keyword != "default" or not value:
        raise InputError(
            f"parameter {name!r}: after the type expected ', default VALUE'; found {text!r}",
            file=where,
        )
    if value.startswith('"'):
        try:
            decoded = json.loads(value)
        except ValueError as error:
            raise InputError(
                f"parameter {name!r}: default {value} is not a valid quoted string",
                file=where,
            ) from error
        if not isinstance(decoded, str):
            raise InputError(f"parameter {name!r}: default {value} is not a string", file=where)
        return decoded
    return value
