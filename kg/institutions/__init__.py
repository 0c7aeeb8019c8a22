"""Institutions: the ROR index, institution names and grounding affiliations to them."""
