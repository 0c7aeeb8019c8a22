"""Cypher for Neo4j: the Cypher twins of the named questions, and running any query.

Every named question of ``queries/`` has a SPARQL text (``NAME.rq``, for the build's
embedded store and SPARQL servers) and a Cypher twin (``NAME.cypher``, for a Neo4j that
``kg load --neo4j-uri`` filled) with the same header and parameters
(:mod:`kg.cypher.library`); ``kg query DIR NAME --neo4j-uri URI`` runs the twin with typed
parameter values (:mod:`kg.cypher.params`) and prints the rows exactly as the SPARQL answer
is printed (:mod:`kg.cypher.run`).

Only the pure-Python parts are imported here, never the Neo4j driver, so ``kg --help`` and
``kg query --list`` stay fast.
"""

from __future__ import annotations

from kg.cypher.library import attach_twin, parameters_used, parse_cypher_query

__all__ = ["attach_twin", "parameters_used", "parse_cypher_query"]
