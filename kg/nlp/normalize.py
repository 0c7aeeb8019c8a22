"""Length-preserving text normalisation, so a match in normalised text has the offsets of the
original.

Recognition lower-cases, strips diacritics and turns every character that is not a letter or
digit into a space, one character for one character.  The lexicon's names go through the same
function, so ``Sjögren's syndrome`` in a lexicon matches ``Sjogren's  Syndrome`` in a text at the
same offsets, and word boundaries become spaces the automaton can match on.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Final

__all__ = ["normalize_key", "normalize_text"]

_SPACE: Final = " "


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    """One character, lower-cased and stripped of diacritics, or a space if not alphanumeric."""
    if not char.isalnum():
        return _SPACE
    lowered = char.lower()
    if len(lowered) != 1:  # e.g. 'İ'.lower() has two code points
        lowered = lowered[0]
    if lowered.isascii():
        return lowered
    base = unicodedata.normalize("NFKD", lowered)[0]
    return base if base.isalnum() else lowered


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that folds and caches any code point on first sight."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE: Final = _FoldTable()


def normalize_text(text: str) -> str:
    """Fold ``text`` character by character; the result has exactly ``len(text)`` characters."""
    return text.translate(_TABLE)


def normalize_key(text: str) -> str:
    """The comparison key of a name: folded, with runs of spaces collapsed and ends trimmed."""
    return " ".join(normalize_text(text).split())
