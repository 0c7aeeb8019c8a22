"""Lexicons: grounded concepts (diseases, therapies, chemicals, mechanisms, cell types,
molecules) derived from open ontologies and a curated vocabulary, as committed under
``ontology/lexicon/``."""
