"""Answers of the named questions from both stores, made comparable (shared by Neo4j tests).

A SPARQL answer (the build's embedded store) and a Cypher answer (Neo4j) of the same
question are equal when they have the same columns and the same rows as a multiset, with
what the two languages leave open made equal: an IRI is compared as the node id it stands
for, numbers by value, a ``"; "``-separated list sorted (``GROUP_CONCAT`` and ``collect``
order is the engine's).  The order of rows is compared through each question's
ORDER BY key (:data:`ORDER_KEYS`) only, so ties may come in any order, and so may the final
tie-breaker on node identity (an IRI in SPARQL, an id in Cypher).
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.namespaces import node_id_from_iri
from kg.sparql import NamedQuery, bind
from kg.sparql.results import SelectResult
from kg.sparql.store import execute, open_store, resolve_concepts

Row = dict[str, Any]

# The ORDER BY of each .rq, as a key on normalised rows, up to the node-identity tie-breaker.
ORDER_KEYS: dict[str, Callable[[Row], tuple[Any, ...]]] = {
    "autoimmune_papers": lambda r: (r["year"] is None, -(r["year"] or 0), r["reference"]),
    "bridging_authors": lambda r: (-min(r["coauthors_a"], r["coauthors_b"]), r["name"]),
    "coauthor_pairs": lambda r: (-r["papers"], r["name_a"], r["name_b"]),
    "cross_country_collaborations": lambda r: (-r["papers"], r["name_a"], r["name_b"]),
    "diseases_for_mechanism": lambda r: (-r["paper_count"], r["disease_name"], r["via_name"]),
    "journals_by_count": lambda r: (-r["papers"], r["name"]),
    "mechanism_evidence": lambda r: (r["reference"], r["field"], r["start"]),
    "most_cited_in_set": lambda r: (-r["citations"], r["reference"]),
    "papers_per_year": lambda r: (r["year"],),
    "shared_mechanisms": lambda r: (-(r["papers_a"] + r["papers_b"]), r["mechanism_name"]),
    "therapies_for_disease": lambda r: (-r["paper_count"], r["therapy_name"], r["condition_name"]),
    "therapy_papers_per_year": lambda r: (r["year"],),
    "top_authors": lambda r: (-r["papers"], r["name"]),
    "top_institutions": lambda r: (-r["papers"], r["name"]),
}


def example_values(query: NamedQuery) -> dict[str, str]:
    """The ``--param NAME=VALUE`` pairs of the query's own example line."""
    words = shlex.split(query.example)
    return dict(
        words[index + 1].split("=", 1) for index, word in enumerate(words[:-1]) if word == "--param"
    )


def sparql_answer(build: Path, query: NamedQuery, values: Mapping[str, str]) -> SelectResult:
    """The answer ``kg query`` gives on the build's embedded store."""
    store = open_store(build)
    concepts = resolve_concepts(store, query, values, where=str(build))
    result = execute(store, bind(query, values, concepts=concepts), source=query.name)
    assert isinstance(result, SelectResult)
    return result


def rows(result: SelectResult) -> list[Row]:
    """The rows as dicts of comparable cells, in the engine's order."""
    return [
        {name: _cell(term) for name, term in zip(result.variables, row, strict=True)}
        for row in result.rows
    ]


def as_multiset(result: SelectResult, *, unordered_pairs: bool = False) -> Counter[str]:
    """The rows as a multiset of text.  ``unordered_pairs``: a row naming a pair (columns
    ending in ``_a`` and ``_b``) is the same row with the two sides swapped."""
    found: Counter[str] = Counter()
    for row in rows(result):
        if unordered_pairs:
            sides = sorted(
                repr(sorted((k[:-2], repr(v)) for k, v in row.items() if k.endswith(end)))
                for end in ("_a", "_b")
            )
            rest = sorted((k, repr(v)) for k, v in row.items() if not k.endswith(("_a", "_b")))
            found[repr((sides, rest))] += 1
        else:
            found[repr(sorted((k, repr(v)) for k, v in row.items()))] += 1
    return found


def _cell(term: object) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("node", node_id_from_iri(term.value) or term.value)
    assert isinstance(term, ox.Literal), term
    kind = term.datatype.value.rpartition("#")[2]
    if kind in ("integer", "double", "decimal", "float", "long", "int"):
        return round(float(term.value), 9)
    if kind == "boolean":
        return term.value == "true"
    text = term.value
    identified = node_id_from_iri(text) if text.startswith("http") else None
    if identified is not None:  # a reference that fell back to the paper's IRI (or id)
        return identified
    return ("list", tuple(sorted(text.split("; ")))) if "; " in text else text
