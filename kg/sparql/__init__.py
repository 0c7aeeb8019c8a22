"""SPARQL over a build: the embedded store, the named-question library and parameter binding.

``kg build`` leaves an Oxigraph store in ``DIR/store`` (:mod:`kg.sparql.store`);
``kg query`` runs the named questions of ``queries/*.rq`` (:mod:`kg.sparql.queries`) on it,
with parameters bound as SPARQL ``VALUES`` blocks (:mod:`kg.sparql.params`) so the same
bound text runs on any SPARQL 1.1 endpoint, and prints table, CSV or JSON
(:mod:`kg.sparql.results`).

Only the pure-Python parts are re-exported here: importing :mod:`kg.sparql` must not import
pyoxigraph, so ``kg --help`` and ``kg query --list`` stay fast.
"""

from __future__ import annotations

from kg.sparql.params import bind, sparql_string
from kg.sparql.queries import NamedQuery, Parameter, find_query, load_library, parse_query

__all__ = [
    "NamedQuery",
    "Parameter",
    "bind",
    "find_query",
    "load_library",
    "parse_query",
    "sparql_string",
]
