"""Drug names no lexicon lists yet, recognised by their International Nonproprietary Name stem.

New drugs reach the literature before they reach MeSH; their INN endings say what they are
(-sartan, -mab, -inib, -caine).  A word with such an ending that no lexicon entry claims is
a Chemical mention grounded to nothing more than its own name (``KG:drug/<name>``), so it
still links the papers that name it.  Stems come from ``ontology/inn_stems.tsv``; they are
compiled into the lexicon's automaton (keys without a leading space match word endings), so
finding them costs nothing beyond the one automaton pass.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Final

from kg.resources import data_dir

__all__ = ["STEM_MARKER", "drug_concept_id", "drug_stems", "is_drug_word", "stems_path"]

# The concept index the automaton reports for a stem match (no real concept has it).  The
# automaton stores C ints: concept * 8192 must stay below 2**31 (see kg.nlp.lexicon).
STEM_MARKER: Final = 2**18 - 1
_MIN_LENGTH: Final = 6
# English and chemical-class words that happen to end like a stem.
_NOT_DRUGS: Final = frozenset(
    {
        "april",
        "magazine",
        "gasoline",
        "benzodiazepine",
        "phenothiazine",
        "imidazole",
        "triazole",
        "thiazole",
        "pyrazole",
        "oxazole",
        "benzimidazole",
        "tetrazole",
        "hydrazine",
        "piperazine",
        "pyrazine",
        "pyridazine",
        "triazine",
        "phenazine",
        "cholesterol",
        "statin",
        "cycline",
        "uracil",
        "estradiol",
        "thiazide",
        "theophylline",
        "orphan",
        "antibiotic",
    }
)


def stems_path() -> Path:
    """Where the INN stems are (part of the lexicon's cache key)."""
    return data_dir("ontology") / "inn_stems.tsv"


@lru_cache(maxsize=1)
def drug_stems() -> tuple[str, ...]:
    """The INN stems, lower case."""
    return tuple(
        line.split("\t", 1)[0]
        for line in stems_path().read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#") and not line.startswith("stem\t")
    )


def is_drug_word(word: str) -> bool:
    """Whether a whole word that ends in an INN stem is taken for a drug name."""
    lowered = word.lower()
    if len(lowered) < _MIN_LENGTH or not lowered.isalpha() or not lowered.isascii():
        return False
    if word[1:] != word[1:].lower():  # "TNFa", "HLAs": symbols, not drug names
        return False
    return lowered not in _NOT_DRUGS and lowered.removesuffix("s") not in _NOT_DRUGS


def drug_concept_id(name: str) -> str:
    """The id of an ungrounded drug: its lower-cased singular name."""
    word = name.lower()
    if word.endswith("s") and not word.endswith(("ss", "us")):
        word = word[:-1]
    return f"KG:drug/{word}"
