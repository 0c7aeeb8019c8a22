"""The Cypher twins of the named questions (``queries/NAME.cypher``) and users' Cypher files.

A twin starts with the header of its SPARQL query written with ``//`` comments::

    // title: Therapies for a disease
    // description: ...
    // parameters:
    //   - disease (concept Disease): the disease, by name, synonym or concept id ...
    // example: kg query build/ therapies_for_disease --param disease="rheumatoid arthritis"
    MATCH (root:Disease) WHERE ...

The header must say exactly what the ``.rq`` header says (title, description, each
parameter with its type, classes, default and meaning, and the example), and each
parameter must be used in the Cypher text as ``$name``, while no other ``$name`` may be:
Neo4j would refuse the query for a missing parameter only when it runs, on a user's
machine.  So the two texts of a question cannot drift apart unnoticed.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Final

from kg.errors import InputError
from kg.sparql.queries import Header, NamedQuery, parse_header

__all__ = ["attach_twin", "parameters_used", "parse_cypher_query"]

# What a Cypher text is made of, for finding its $parameters: strings ('...' or "..." with
# backslash escapes), backquoted names, comments, and the parameters themselves.
_TOKEN: Final = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|//[^\n]*|/\*.*?\*/"""
    r"""|\$(?P<name>[A-Za-z_][A-Za-z0-9_]*)""",
    re.DOTALL,
)
_NAME: Final = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-]*")


def parameters_used(text: str) -> set[str]:
    """The ``$name`` parameters of a Cypher text (not those inside strings or comments)."""
    return {match["name"] for match in _TOKEN.finditer(text) if match["name"]}


def attach_twin(query: NamedQuery, path: Path) -> NamedQuery:
    """``query`` with the Cypher text of its twin ``path``, after checking the two agree."""
    twin = _read(path)
    header = parse_header(twin, str(path), comment="//")
    sparql = Header(query.title, query.description, query.parameters, query.example)
    for name in ("title", "description", "parameters", "example"):
        if getattr(header, name) != getattr(sparql, name):
            raise InputError(
                f"the header's {name} differs from that of its SPARQL twin "
                f"{query.path or query.name}; a question has one header, copy it over",
                file=str(path),
            )
    _check_parameters(twin, header, str(path))
    return dataclasses.replace(query, cypher=twin, cypher_path=path)


def parse_cypher_query(
    text: str, name: str, *, path: Path | None = None, require_header: bool = True
) -> NamedQuery:
    """A Cypher query of its own (``kg query --cypher FILE``) as a NamedQuery.

    A text starting with a ``// title:`` line has a header, checked as strictly as a
    twin's; otherwise it is a query without parameters.  The SPARQL text is empty.
    """
    where = str(path) if path is not None else f"query {name}"
    if not _NAME.fullmatch(name):
        raise InputError(f"query name {name!r} must be letters, digits, '_' or '-'", file=where)
    if not require_header and not text.startswith("// title:"):
        return NamedQuery(name, name, "", (), "", "", path, cypher=text, cypher_path=path)
    header = parse_header(text, where, comment="//")
    _check_parameters(text, header, where)
    return NamedQuery(
        name,
        header.title,
        header.description,
        header.parameters,
        header.example,
        "",
        path,
        cypher=text,
        cypher_path=path,
    )


def _check_parameters(text: str, header: Header, where: str) -> None:
    used = parameters_used(text)
    declared = {parameter.name for parameter in header.parameters}
    for name in sorted(declared - used):
        raise InputError(
            f"parameter {name!r} is declared but the Cypher text never uses ${name}", file=where
        )
    for name in sorted(used - declared):
        raise InputError(
            f"the Cypher text uses ${name}, which the header does not declare", file=where
        )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read query: {error}", file=str(path)) from error
