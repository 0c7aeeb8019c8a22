"""Just enough SPARQL lexing to bind parameters: where each WHERE group is, where variables are.

Binding edits query text, so it must know where the query's own strings, IRIs and comments
are: a ``{`` inside ``"...{..."``, a ``?x`` inside ``"why?x"`` or a ``#`` inside
``<...#name>`` is not syntax.  This is a tokenizer, not a parser; the store (or endpoint)
still parses the bound text and reports real syntax errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

__all__ = ["Group", "Token", "insertion_point", "tokens", "variables", "where_groups"]

_TOKEN: Final = re.compile(
    r"""
      (?P<long>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
    | (?P<string>"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<comment>\#[^\n\r]*)
    | (?P<open>\{)
    | (?P<close>\})
    | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
    | (?P<word>[A-Za-z_][\w.\-]*(?::[^\s{}()\[\]<>"',;]*)?|:[^\s{}()\[\]<>"',;]*)
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_FORMS: Final = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


@dataclass(frozen=True, slots=True)
class Token:
    """A lexical token: its kind (a group name of the pattern above), text and offsets."""

    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Group:
    """The WHERE group of a query or sub-select: ``text[inside:close]`` is its content."""

    inside: int  # just after the opening brace
    close: int  # offset of the closing brace (len(text) if never closed)


def tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text``; an unclosed string or IRI start is an ``other`` token."""
    for match in _TOKEN.finditer(text):
        yield Token(match.lastgroup or "other", match.group(), match.start(), match.end())


def variables(text: str) -> set[str]:
    """Names of the variables a query mentions (``?x`` and ``$x`` both give ``x``)."""
    return {token.text[1:] for token in tokens(text) if token.kind == "var"}


def where_groups(text: str) -> list[Group]:
    """The WHERE group of the query and of every sub-select in it, outermost first.

    A query form's group is the first ``{`` at its own nesting depth, after the ``WHERE``
    keyword when there is one; the keyword is optional in SPARQL, and a CONSTRUCT's first
    brace is its template, so without the keyword a CONSTRUCT's group is its second brace.
    """
    found: list[Group] = []
    stack: list[int] = []  # indexes into `found` of the groups still open, by brace depth
    pending: list[tuple[int, str, bool, int]] = []  # (depth, form, saw WHERE, braces seen)
    depth = 0
    for token in tokens(text):
        if token.kind == "word" and token.text.upper() in _FORMS:
            pending.append((depth, token.text.upper(), False, 0))
        elif token.kind == "word" and token.text.upper() == "WHERE" and pending:
            level, form, _, braces = pending[-1]
            if level == depth:
                pending[-1] = (level, form, True, braces)
        elif token.kind == "open":
            opens_group = False
            if pending and pending[-1][0] == depth:
                level, form, saw_where, braces = pending[-1]
                if saw_where or form != "CONSTRUCT" or braces == 1:
                    opens_group = True
                    pending.pop()
                else:
                    pending[-1] = (level, form, saw_where, braces + 1)
            stack.append(len(found) if opens_group else -1)
            if opens_group:
                found.append(Group(token.end, len(text)))
            depth += 1
        elif token.kind == "close" and stack:
            index = stack.pop()
            depth -= 1
            if index >= 0:
                found[index] = Group(found[index].inside, token.start)
    return found


def insertion_point(text: str) -> int | None:
    """Offset just inside the brace opening the query's outermost WHERE group, or None
    (``DESCRIBE <iri>`` has none)."""
    groups = where_groups(text)
    return groups[0].inside if groups else None
