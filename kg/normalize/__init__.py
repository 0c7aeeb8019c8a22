"""Normalisation shared by all readers: identifiers, dates, person names."""
