"""Binding parameter values into a query as plain SPARQL 1.1 text, for any endpoint.

:func:`bind` returns query text, not an engine-specific binding (pyoxigraph's
``substitutions`` would not reach Fuseki or any other endpoint).  Values are written as
SPARQL terms by :func:`term` (strings escaped, numbers and booleans validated, IRIs
checked), so a value with quotes, braces or ``#`` stays one term and cannot change the query
around it.  Two ways of binding, by parameter type:

* a scalar (string, integer, decimal, boolean, iri) is *substituted*: each occurrence of its
  variable becomes the constant, in every sub-select too.  The engine then sees
  ``FILTER(?weight >= 3)`` rather than a join with ``VALUES ?min {3}``, which matters: on
  the pubmed21n1298 build Oxigraph answered coauthor_pairs in 0.5 s with the constant and
  12 s with the VALUES join or a BIND.  So a scalar parameter may only stand where a
  constant can (a triple pattern or an expression), never in SELECT, GROUP BY or ``AS``;
* a concept is a set of nodes (a name can belong to several concepts), bound by a
  ``VALUES`` block first inside the query's WHERE group, and inside each sub-select that
  uses it, so it joins before any grouping.

A concept parameter names a concept the way a user would: its value is matched
case-insensitively against ``kg:name``, ``kg:synonyms`` and ``kg:conceptId`` (so
``"systemic lupus erythematosus"``, ``"SLE"`` and ``"DOID:9074"`` all work) among nodes of
the classes the parameter lists (any concept class if none).  ``kg query`` resolves the
value to IRIs first with :func:`concept_lookup` and binds those; without that, the match is
injected into the query itself as SPARQL, which gives the same answer on any endpoint.  A
value that is an IRI (``<...>`` or ``http(s)://...``) binds the node directly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Final

from kg.errors import ConfigError, InputError
from kg.namespaces import KG, node_iri
from kg.sparql.queries import CONCEPT_CLASSES, NamedQuery, Parameter, parse_query
from kg.sparql.syntax import tokens, variables, where_groups

__all__ = [
    "bind",
    "concept_lookup",
    "concept_pattern",
    "resolve",
    "sparql_iri",
    "sparql_string",
    "term",
]

_BOOLEANS: Final = {
    "true": True,
    "yes": True,
    "1": True,
    "false": False,
    "no": False,
    "0": False,
}
_INTEGER: Final = re.compile(r"[+-]?[0-9]+")
_IRI_FORBIDDEN: Final = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_ABSOLUTE_IRI: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")
_URL: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")
# ECHAR escapes of the SPARQL grammar; other control characters become \uXXXX (UCHAR).
_ESCAPES: Final = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_CONTROL: Final = re.compile(r'[\\"\x00-\x1f\x7f]')
_CONCEPT_PROPERTIES: Final = "|".join(f"<{KG}{name}>" for name in ("name", "synonyms", "conceptId"))


def sparql_string(value: str) -> str:
    """``value`` as a double-quoted SPARQL string literal, every special character escaped."""
    return '"' + _CONTROL.sub(lambda m: _escape(m.group()), value) + '"'


def _escape(character: str) -> str:
    return _ESCAPES.get(character) or f"\\u{ord(character):04X}"


def sparql_iri(value: str) -> str:
    """``<iri>`` for an absolute IRI; ValueError naming the character if it cannot be one."""
    bad = _IRI_FORBIDDEN.search(value)
    if bad is not None:
        raise ValueError(f"an IRI cannot contain {bad.group()!r}")
    if not _ABSOLUTE_IRI.fullmatch(value):
        raise ValueError("expected an absolute IRI such as https://pubmed.ncbi.nlm.nih.gov/1")
    return f"<{value}>"


def term(parameter: Parameter, value: str) -> str:
    """The SPARQL term a value of ``parameter`` stands for; ValueError saying what was expected.

    A concept parameter's value is the text to match (a string literal) unless it is an IRI.
    """
    kind = parameter.type
    if kind == "string":
        return sparql_string(value)
    if kind == "integer":
        if not _INTEGER.fullmatch(value.strip()):
            raise ValueError("expected a whole number such as 3")
        return str(int(value))
    if kind == "decimal":
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            number = Decimal("nan")
        if not number.is_finite():
            raise ValueError("expected a number such as 0.5")
        return format(number, "f") if "." in format(number, "f") else f"{number:f}.0"
    if kind == "boolean":
        flag = _BOOLEANS.get(value.strip().lower())
        if flag is None:
            raise ValueError("expected true or false")
        return "true" if flag else "false"
    if kind == "iri":
        return _iri_or_node(value)
    if _is_iri(value):
        return _iri_or_node(value)
    return sparql_string(value)


def _is_iri(value: str) -> bool:
    text = value.strip()
    return text.startswith("<") or bool(_URL.match(text))


def _iri_or_node(value: str) -> str:
    """An IRI given as ``<...>``, as ``https://...`` or as a node id (``pmid:1``, ``DOID:9074``)."""
    text = value.strip()
    if text.startswith("<"):
        if not text.endswith(">"):
            raise ValueError("an IRI written in angle brackets must end with '>'")
        return sparql_iri(text[1:-1])
    if _URL.match(text):
        return sparql_iri(text)
    if ":" not in text:
        raise ValueError("expected an IRI or a node id such as pmid:33891966 or DOID:9074")
    return sparql_iri(node_iri(text))


def resolve(query: NamedQuery, values: Mapping[str, str]) -> dict[str, str]:
    """Every parameter of ``query`` mapped to its SPARQL term (given values, else defaults).

    ConfigError for an unknown or missing parameter or a value of the wrong type, naming the
    query, the parameter and what was expected.
    """
    unknown = sorted(set(values) - {parameter.name for parameter in query.parameters})
    if unknown:
        takes = ", ".join(p.name for p in query.parameters) or "no parameters"
        raise ConfigError(
            f"query {query.name}: unknown parameter {unknown[0]!r}; it takes: {takes}"
        )
    terms: dict[str, str] = {}
    for parameter in query.parameters:
        value = values.get(parameter.name, parameter.default)
        if value is None:
            raise ConfigError(
                f"query {query.name}: missing parameter {parameter.name!r} "
                f"({parameter.describe()}: {parameter.meaning}); "
                f"give it as --param {parameter.name}=VALUE"
            )
        try:
            terms[parameter.name] = term(parameter, value)
        except ValueError as error:
            raise ConfigError(
                f"query {query.name}: parameter {parameter.name!r} ({parameter.type}): "
                f"{error}; found {value!r}"
            ) from error
    return terms


def bind(
    query: NamedQuery | str,
    values: Mapping[str, str],
    *,
    concepts: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """The query text with ``values`` (and the defaults of parameters not given) bound.

    ``query`` is a :class:`NamedQuery` or the text of one (its header is parsed for the
    parameters).  The result is standard SPARQL 1.1 that runs unchanged on any endpoint.

    ``concepts`` maps concept parameters to the IRIs their value was already resolved to
    (see :func:`kg.sparql.store.resolve_concepts`); they bind as ``VALUES`` of IRIs.  A
    concept parameter not in it is matched by name inside the query: the same answer, but
    on a large store an engine may pick a poor join order for that match (53 s against
    0.04 s for autoimmune_papers on the 8.4M-triple pubmed21n1298 build in Oxigraph).
    """
    named = query if isinstance(query, NamedQuery) else parse_query(query, "query")
    terms = resolve(named, values)
    if not terms:
        return named.text
    text = named.text
    resolved = concepts or {}
    scalars = {p.name: terms[p.name] for p in named.parameters if p.type != "concept"}
    blocks = {
        p.name: _concept_lines(p, terms[p.name], resolved.get(p.name))
        for p in named.parameters
        if p.type == "concept"
    }
    groups = where_groups(text)
    if blocks and not groups:
        raise InputError(
            f"query {named.name}: has a concept parameter but no WHERE group to bind it in",
            file=str(named.path) if named.path else None,
        )
    edits: list[tuple[int, int, int, str]] = []  # (start, order, end, replacement)
    for token in tokens(text):
        if token.kind == "var" and token.text[1:] in scalars:
            edits.append((token.start, 1, token.end, scalars[token.text[1:]]))
    for index, group in enumerate(groups):
        used = variables(text[group.inside : group.close])
        lines = [
            line for name, block in blocks.items() if index == 0 or name in used for line in block
        ]
        if lines:
            block_text = "\n".join(["", "  # parameters bound by kg", *lines, ""])
            edits.append((group.inside, 0, group.inside, block_text))
    for start, _, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _concept_lines(parameter: Parameter, value: str, iris: Sequence[str] | None) -> list[str]:
    if iris is not None:
        listed = " ".join(sparql_iri(iri) for iri in iris)
        return [f"  VALUES ?{parameter.name} {{ {listed} }}"]
    if value.startswith("<"):
        return [f"  VALUES ?{parameter.name} {{ {value} }}", *_class_pattern(parameter)]
    return concept_pattern(parameter, value)


def concept_pattern(parameter: Parameter, literal: str) -> list[str]:
    """Lines matching ``?<name>`` to the concepts whose name, synonym or id is ``literal``.

    The comparison is ``LCASE`` on both sides, so it is case-insensitive on every endpoint.
    Helper variables are ``?<name>__label`` and ``?<name>__class``; queries must not use
    variables ending in ``__label`` or ``__class``.
    """
    name = parameter.name
    return [
        *_class_pattern(parameter),
        f"  ?{name} {_CONCEPT_PROPERTIES} ?{name}__label .",
        f"  FILTER(LCASE(STR(?{name}__label)) = LCASE({literal}))",
    ]


def _class_pattern(parameter: Parameter) -> list[str]:
    """The concept must be of one of the parameter's classes (any concept class if it names
    none), so a topic never matches an author or journal of the same name."""
    name = parameter.name
    labels = parameter.classes or CONCEPT_CLASSES
    if len(labels) == 1:
        return [f"  ?{name} a <{KG}{labels[0]}> ."]
    classes = " ".join(f"<{KG}{label}>" for label in labels)
    return [f"  VALUES ?{name}__class {{ {classes} }}", f"  ?{name} a ?{name}__class ."]


def concept_lookup(parameter: Parameter, value: str, *, exact: bool = True) -> str:
    """A SELECT of the concepts (``?concept ?name``) a concept parameter's value names.

    Exact: the value equals a name, synonym or concept id, ignoring case.  With
    ``exact=False``: the five shortest names or synonyms that *contain* it, the suggestions
    printed when nothing matches.  Each property is its own UNION branch with its own
    FILTER: on the pubmed21n1298 build that is about twice as fast in Oxigraph as one
    ``kg:name|kg:synonyms|kg:conceptId`` path and a FILTER over the whole group.
    """
    literal = sparql_string(value)
    restrict = "\n".join(_class_pattern(parameter)).replace(f"?{parameter.name}", "?concept")
    names = ("name", "synonyms", "conceptId") if exact else ("name", "synonyms")
    test = "LCASE(STR(?label)) = LCASE({})" if exact else "CONTAINS(LCASE(STR(?label)), LCASE({}))"
    branches = "\n  UNION ".join(
        f"{{ ?concept <{KG}{name}> ?label FILTER({test.format(literal)}) }}" for name in names
    )
    limit = "" if exact else "ORDER BY STRLEN(?name) ?name\nLIMIT 5\n"
    return (
        f"SELECT DISTINCT ?concept ?name WHERE {{\n{restrict}\n  {branches}\n"
        f"  ?concept <{KG}name> ?name .\n}}\n{limit}"
    )
