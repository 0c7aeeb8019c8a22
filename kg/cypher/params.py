"""Parameter values of a Cypher query: typed Python values, passed to Neo4j as parameters.

Values are never written into the Cypher text.  They are checked exactly as for SPARQL
(:func:`kg.sparql.params.resolve`: unknown, missing or malformed values are a ConfigError
naming the query and the parameter), then converted: ``integer`` -> int, ``decimal`` ->
float, ``boolean`` -> bool, ``string`` -> str.  A ``concept`` or ``iri`` value is the text to
match; one written as an IRI (``<https://...>`` or ``https://...``) becomes the node id that
IRI stands for (``https://pubmed.ncbi.nlm.nih.gov/1`` -> ``pmid:1``), which the twins match
against ``id``, as the SPARQL queries match the IRI.

:func:`concept_lookup` and :func:`concept_suggestions` are the Cypher counterparts of
:func:`kg.sparql.params.concept_lookup`: ``kg query`` asks first whether a concept value
names any node, so a misspelt disease is an error with the closest names rather than an
empty answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

from kg.namespaces import node_id_from_iri
from kg.sparql.params import resolve
from kg.sparql.queries import CONCEPT_CLASSES, NamedQuery, Parameter

__all__ = ["concept_lookup", "concept_suggestions", "cypher_values", "labels_of"]

_TRUE: Final = frozenset({"true", "yes", "1"})
_URL: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")
# How a twin matches a concept value (kept in step with the .cypher files).
_MATCHES: Final = (
    "c.id = $value OR toLower(c.name) = toLower($value) "
    "OR toLower(c.concept_id) = toLower($value) "
    "OR any(synonym IN c.synonyms WHERE toLower(synonym) = toLower($value))"
)


def cypher_values(query: NamedQuery, values: Mapping[str, str]) -> dict[str, Any]:
    """Every parameter of ``query`` as the Python value Neo4j receives (defaults filled in)."""
    resolve(query, values)  # ConfigError for unknown, missing or malformed values
    typed: dict[str, Any] = {}
    for parameter in query.parameters:
        value = values.get(parameter.name, parameter.default)
        assert value is not None  # resolve() refused missing values
        typed[parameter.name] = _typed(parameter, value)
    return typed


def _typed(parameter: Parameter, value: str) -> Any:
    kind, text = parameter.type, value.strip()
    if kind == "integer":
        return int(text)
    if kind == "decimal":
        return float(Decimal(text))
    if kind == "boolean":
        return text.lower() in _TRUE
    if kind in ("iri", "concept"):
        iri = text[1:-1] if text.startswith("<") and text.endswith(">") else text
        if iri != text or _URL.match(iri):
            return node_id_from_iri(iri) or iri
    return value


def labels_of(parameter: Parameter) -> str:
    """The label expression of a concept parameter's classes (``Therapy|Chemical``)."""
    return "|".join(parameter.classes or CONCEPT_CLASSES)


def concept_lookup(parameter: Parameter) -> str:
    """How many nodes of the parameter's classes ``$value`` names (id, name, synonym...)."""
    return f"MATCH (c:{labels_of(parameter)}) WHERE {_MATCHES} RETURN count(c) AS n"


def concept_suggestions(parameter: Parameter) -> str:
    """The five shortest names or synonyms of the parameter's classes containing ``$value``."""
    return (
        f"MATCH (c:{labels_of(parameter)})\n"
        "UNWIND [c.name] + coalesce(c.synonyms, []) AS label\n"
        "WITH DISTINCT label WHERE toLower(label) CONTAINS toLower($value)\n"
        "RETURN label ORDER BY size(label), label LIMIT 5"
    )
