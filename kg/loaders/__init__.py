"""Loaders: a finished build directory into an external store (``kg load``).

Each store has one module (:mod:`kg.loaders.sparql` for SPARQL 1.1 servers,
:mod:`kg.loaders.neo4j` for Neo4j, which reads the build through
:mod:`kg.loaders.neo4j_graph`); a loader reads the build's files, never the objects of a
running build, so any build on disk can be loaded again later or elsewhere.
"""
