"""The spellings a lexicon name is matched under.

Text is only ever folded one character for one character (:mod:`kg.nlp.normalize`), so every
other kind of variation is produced here, once, when the lexicon is compiled: Greek letters
spelled out or abbreviated (TNF-α = TNF-alpha = TNFa), a hyphen or a letter-digit boundary
written with or without a space (IL-10 = IL 10 = IL10), possessives (Sjögren's syndrome =
Sjogren syndrome = Sjogrens syndrome), and the plural of the last word.  Generating the variants
up front keeps recognition a single automaton pass with exact offsets.
"""

from __future__ import annotations

import itertools
import re
from typing import Final

from kg.nlp.normalize import normalize_text

__all__ = ["MAX_VARIANTS", "name_variants", "plural_forms"]

MAX_VARIANTS: Final = 48

# Greek letter -> spelled-out name and one-letter Latin abbreviation (used only when glued to
# the preceding token: "TNFa", "IL1b", "IFNg").
_GREEK: Final[dict[str, tuple[str, str]]] = {
    "α": ("alpha", "a"),
    "β": ("beta", "b"),
    "γ": ("gamma", "g"),
    "δ": ("delta", "d"),
    "ε": ("epsilon", "e"),
    "κ": ("kappa", "k"),
    "λ": ("lambda", "l"),
    "μ": ("mu", "m"),
    "ω": ("omega", "o"),
}
_SPELLED: Final = {spelled: letter for letter, (spelled, _) in _GREEK.items()}
_SUBTOKEN: Final = re.compile(r"[^\W\d_αβγδεκλμω]+|\d+|[αβγδεκλμω]", re.UNICODE)
_INVARIANT_ENDINGS: Final = ("ss", "us", "is", "sis", "ics", "ae", "a", "um", "ous")


def plural_forms(word: str) -> tuple[str, ...]:
    """English plurals of the last word of a name (lower-case), empty when it should not vary."""
    if word in _IRREGULAR_PLURALS:
        irregular = _IRREGULAR_PLURALS[word]
        return (irregular,) if irregular else ()
    if len(word) < 3 or not word.isalpha() or not word.isascii():
        return ()
    if word.endswith("s") or word.endswith(_INVARIANT_ENDINGS):
        return ()
    if word.endswith("y") and word[-2] not in "aeiou":
        return (word[:-1] + "ies",)
    if word.endswith(("ch", "sh", "x", "z")):
        return (word + "es",)
    return (word + "s",)


_IRREGULAR_PLURALS: Final = {"mouse": "mice", "mice": "", "criterion": "criteria", "datum": "data"}
_SOFT_BOUNDARY: Final = "-"  # written with or without a space ("IL-10", "IL 10", "IL10")


def _words(name: str) -> list[str]:
    """Whitespace-separated chunks of ``name``; a possessive ``'s`` becomes the marker ``\x02``."""
    marked = re.sub(r"(?<=\w)['’]s\b", "\x02", name)
    return marked.split()


def _subtokens(chunk: str) -> list[tuple[str, bool]]:
    """Folded sub-tokens of one chunk, each with whether it may be glued to the previous one.

    Hyphens and letter/digit/Greek transitions are soft (IL-10 = IL 10 = IL10); any other
    punctuation (slash, plus, comma) is a hard word boundary.
    """
    result: list[tuple[str, bool]] = []
    soft = False
    for piece in re.split(r"([^\w\x02]|_)", chunk):
        if not piece:
            continue
        if len(piece) == 1 and not (piece.isalnum() or piece == "\x02"):
            soft = piece == _SOFT_BOUNDARY
            continue
        folded = normalize_text(piece.replace("\x02", "")) + ("\x02" if "\x02" in piece else "")
        for index, part in enumerate(_SUBTOKEN.findall(folded.replace("\x02", ""))):
            result.append((part, soft or index > 0))
        if folded.endswith("\x02") and result:
            last, glue = result[-1]
            result[-1] = (last + "\x02", glue)
        soft = False
    if result:
        result[0] = (result[0][0], False)
    return result


def _spellings(part: str, first: bool) -> list[str]:
    """Greek alternatives of one sub-token; ``\x01`` marks a form only valid when glued."""
    possessive = part.endswith("\x02")
    base = part.rstrip("\x02")
    options = [base]
    if base in _GREEK:
        spelled, letter = _GREEK[base]
        options.append(spelled)
        if not first:
            options.append("\x01" + letter)
    elif base in _SPELLED:
        options.append(_SPELLED[base])
    if possessive:
        options = [option + suffix for option in options for suffix in ("", " s", "s")]
    return options


def _chunk_spellings(chunk: str) -> list[str]:
    parts = _subtokens(chunk)
    if not parts:
        return []
    choices = [_spellings(part, index == 0) for index, (part, _) in enumerate(parts)]
    joiner_choices = [
        ("",) if index == 0 else (("", " ") if glue else (" ",))
        for index, (_, glue) in enumerate(parts)
    ]
    spellings: dict[str, None] = {}
    for combination in itertools.islice(itertools.product(*choices), MAX_VARIANTS):
        for joiners in itertools.islice(itertools.product(*joiner_choices), MAX_VARIANTS):
            pieces: list[str] = []
            for joiner, option in zip(joiners, combination, strict=True):
                if option.startswith("\x01"):
                    if joiner:
                        break
                    option = option[1:]
                pieces.append(joiner + option)
            else:
                spellings[" ".join("".join(pieces).split())] = None
    return list(spellings)


def name_variants(name: str, *, pluralize: bool = True) -> list[str]:
    """Folded keys (words joined by one space) ``name`` is recognised under, the plain one first.

    At most :data:`MAX_VARIANTS` keys, so a long name full of hyphens cannot explode.
    """
    per_word = [options for options in map(_chunk_spellings, _words(name)) if options]
    if not per_word:
        return []
    keys: dict[str, None] = {" ".join(normalize_text(name.replace("’", "'")).split()): None}
    for combination in itertools.product(*per_word):
        keys[" ".join(combination)] = None
        if len(keys) >= MAX_VARIANTS:
            break
    if pluralize:
        last_word = _words(name)[-1]
        acronym_plural = re.fullmatch(r".*[A-Z]s", last_word) is not None
        for key in list(keys):
            head, _, last = key.rpartition(" ")
            if acronym_plural and last.endswith("s"):
                forms: tuple[str, ...] = (last[:-1],)
            elif last.endswith("s") and not last.endswith(_INVARIANT_ENDINGS) and len(last) > 3:
                forms = (last[:-3] + "y",) if last.endswith("ies") else (last[:-1],)
            else:
                forms = plural_forms(last)
            for form in forms:
                keys[f"{head} {form}".strip()] = None
    return list(keys)[:MAX_VARIANTS]
