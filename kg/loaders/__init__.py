"""Loaders: a finished build directory into an external store (``kg load``).

Each store has one module (:mod:`kg.loaders.sparql` for SPARQL 1.1 servers); a loader reads
the build's files, never the objects of a running build, so any build on disk can be loaded
again later or elsewhere.
"""
