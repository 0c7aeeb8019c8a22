"""Text processing for concept recognition: normalisation, sentences, abbreviations."""
