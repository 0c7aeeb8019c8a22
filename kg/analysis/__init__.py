"""Collaboration networks of a build: co-authorship, institutions and countries.

The pieces, each a small module with one job:

* :mod:`kg.analysis.source` reads what the networks are made of (papers and their years,
  authors, institutions, the derived ``CO_AUTHORED_WITH`` / ``COLLABORATES_WITH`` edges) from
  an in-memory graph or a build's ``graph.json``;
* :mod:`kg.analysis.slicing` says which papers a time slice keeps;
* :mod:`kg.analysis.networks` turns that into one weighted undirected network;
* :mod:`kg.analysis.metrics` and :mod:`kg.analysis.communities` compute the measures with
  python-igraph (C code; ``bench/analyze.py`` on 170k authors: 2.9 s for all of them, 11.6x
  networkx, 104x for sampled betweenness, with a seventh of the memory);
* :mod:`kg.analysis.tables` and :mod:`kg.analysis.plots` present them;
* :mod:`kg.analysis.writeback` stores the full-network measures on the graph's nodes so every
  writer carries them;
* :mod:`kg.analysis.gc_pause` keeps Python's cyclic collector from walking a whole build's
  graph again and again while the networks are read.

Nothing heavy is imported here or at module level: igraph and matplotlib load inside the
functions that need them, so ``kg --help`` stays fast.
"""
