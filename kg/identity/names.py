"""Person names made comparable: the matching key of author identity.

Bylines spell one person many ways: ``Müller``/``Mueller``/``Muller``, ``Tjønneland``/
``Tjonneland``, ``Jean-Pierre``/``Jean Pierre``/``Jeanpierre``, ``van der Berg``/``Van Der
Berg``, ``Chen L``/``Chen Liting``, ``Anne M``/``Anne Marit``.  A :class:`PersonName` keeps
what is needed to tell whether two spellings *can* be one person and how strongly the names
alone agree (:func:`agreement`); deciding that they *are* one person needs more evidence and
is the resolver's job.

Choices, and why:

* Letters are transliterated to ASCII with ``anyascii`` (``ø`` -> ``o``, ``ł`` -> ``l``,
  ``ß`` -> ``ss``), which plain Unicode decomposition cannot do.  Letters that German and
  Scandinavian names also write as two letters (``ü``/``ue``, ``ø``/``oe``, ``å``/``aa``) give
  a second spelling, and two names agree when any spellings agree.  Folding ``ue`` to ``u``
  everywhere instead would merge common and distinct Chinese family names (Xue and Xu).
* Family names keep their particles (``van der``, ``de``, ``dos``) and lose case, spaces,
  hyphens and apostrophes, so ``De Vos``/``de Vos``/``DeVos`` agree but ``Berg`` and ``van der
  Berg`` do not.  Lower-case particles a source left at the end of the forenames
  (``Jan van der`` / ``Berg``) move to the family name.
* Forenames are tokens, each a full word or an initial.  They agree when the concatenated
  words are equal (``Man-Kit``/``Mankit``) or when the tokens agree one by one from the first,
  an initial agreeing with any word of that letter and missing trailing initials allowed
  (``Shaji``/``Shaji K``).  Two different full words are a conflict: ``Li`` and ``Lei`` are
  never one person, whatever else agrees; nor is ``Jing-Xin`` the ``Jing`` of another paper.
  How far names agree is graded (:class:`Agreement`): a spelled-out forename (``FULL``),
  initials fitting a spelled-out forename (``INITIALS``), or initials only on both sides
  (``LETTERS``), and the resolver asks for more evidence the weaker the agreement.
* Family names are compared only within a block (squashed family name and first initial),
  so comparisons and memory grow with the people sharing a block, not with the corpus.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from anyascii import anyascii

from kg.model import Author
from kg.normalize.names import NAME_PARTICLES

__all__ = [
    "Agreement",
    "GivenToken",
    "PersonName",
    "agreement",
    "compare_given",
    "person_name",
    "spellings",
]

# Letters with a two-letter transliteration in the languages that use them.
_DIGRAPHS = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ø": "oe",
        "Ø": "Oe",
        "å": "aa",
        "Å": "Aa",
    }
)
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_GIVEN_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013.,]+")
_APOSTROPHES = re.compile(r"['\u2019\u02bc`]")
_SQUASH = re.compile(r"(?<=[aou])e|(?<=a)a")
_SUFFIXES = {
    "jr": "jr",
    "sr": "sr",
    "ii": "ii",
    "iii": "iii",
    "iv": "iv",
    "2nd": "ii",
    "3rd": "iii",
}


class Agreement(IntEnum):
    """How far two names agree, from the names alone (ordered: higher agrees more)."""

    CONFLICT = 0  # different people: different family names or different full forenames
    UNKNOWN = 1  # a side has no forename at all: nothing to compare
    LETTERS = 2  # compatible initials and nothing more (``H`` and ``H``): never enough
    INITIALS = 3  # initials agree with a spelled-out forename (``H`` and ``Hidekazu``)
    FULL = 4  # a full forename agrees (``Shaji`` and ``Shaji K``)


@dataclass(frozen=True, slots=True)
class GivenToken:
    """One forename word, or an initial when only its first letter is known."""

    spellings: frozenset[str]
    initial: bool

    @property
    def letter(self) -> str:
        """The first letter, the same in every spelling (``ü``: ``u``/``ue``)."""
        return next(iter(self.spellings))[0]


@dataclass(frozen=True, slots=True)
class PersonName:
    """A personal name reduced to what identity matching compares."""

    family: frozenset[str]
    given: tuple[GivenToken, ...]
    suffix: str | None = None
    # Every word in reading order (forenames, then family name) when all forenames are
    # spelled out: how a name split differently or in the other order is recognised.
    words: tuple[str, ...] = ()

    @property
    def reordering_key(self) -> str | None:
        """The words in sorted order: equal for ``Juan Pablo | Sánchez``, ``Juan | Pablo
        Sánchez`` and ``Sánchez | Juan Pablo`` (``None`` with initials or a single word)."""
        return " ".join(sorted(self.words)) if len(self.words) > 1 else None

    @property
    def has_full_given(self) -> bool:
        """True when at least one forename is known beyond its initial."""
        return any(not token.initial for token in self.given)

    @property
    def block(self) -> str | None:
        """Family name and first initial, with digraphs squashed: who can be compared at all.

        Every spelling of a name lands in the same block (``Müller``, ``Mueller`` and
        ``Muller`` are all ``muller|j``), so memory and comparisons grow with the number of
        people sharing a block, not with the corpus.  ``None`` without a forename.
        """
        if not self.given:
            return None
        return f"{_SQUASH.sub('', min(self.family))}|{self.given[0].letter}"

    @property
    def forename_block(self) -> str | None:
        """The block narrowed by the first forename, or by all initials when that is all.

        ``muller|j|jurgen``, ``tou|s|#s``: the mentions whose affiliations are worth
        comparing word by word.  ``None`` for ``M Jesús`` (an initial, then a word).
        """
        block = self.block
        if block is None:
            return None
        if not self.given[0].initial:
            return f"{block}|{_SQUASH.sub('', min(self.given[0].spellings))}"
        if self.has_full_given:
            return None
        return f"{block}|#{''.join(token.letter for token in self.given)}"

    @property
    def full_key(self) -> str | None:
        """``family|forenames`` when the first forename is a full word, else ``None``.

        Identical keys are the same written name (``beach|steven r h``); used for co-author
        evidence before any co-author has been resolved.
        """
        if not self.given or self.given[0].initial:
            return None
        return f"{min(self.family)}|{' '.join(min(token.spellings) for token in self.given)}"

    @property
    def initials_key(self) -> str | None:
        """``family|letters`` when only initials are known (``gomezruiz|m``), else ``None``."""
        if not self.given or self.has_full_given:
            return None
        return f"{min(self.family)}|{''.join(token.letter for token in self.given)}"


def spellings(text: str) -> frozenset[str]:
    """The ASCII spellings of ``text``: one, or two when it has a digraph letter."""
    if text.isascii():
        return frozenset((_fold(text),))
    text = unicodedata.normalize("NFC", text)
    return frozenset((_fold(text), _fold(text.translate(_DIGRAPHS))))


def _fold(text: str) -> str:
    return _NOT_ALPHANUMERIC.sub("", (text if text.isascii() else anyascii(text)).lower())


def person_name(author: Author) -> PersonName | None:
    """The comparable name of ``author``; ``None`` for groups and nameless entries."""
    if author.collective_name or not author.last_name:
        return None
    return _person_name(author.last_name, author.fore_name, author.initials, author.suffix)


@lru_cache(maxsize=262_144)
def _person_name(
    last: str, fore: str | None, initials: str | None, suffix: str | None
) -> PersonName | None:
    words = fore.split() if fore else []
    particles: list[str] = []
    while words and words[-1] in NAME_PARTICLES:  # lower-case only: "Le" is a forename
        particles.insert(0, words.pop())
    family, family_words = _family(" ".join((*particles, last)))
    if not any(family):
        return None
    given = _given_tokens(" ".join(words)) if words else _initial_tokens(initials or "")
    key = (suffix or "").lower().rstrip(".")
    reading: tuple[str, ...] = ()
    if given and not any(token.initial for token in given):
        reading = (*(min(token.spellings, key=len) for token in given), *family_words)
    return PersonName(family, given, _SUFFIXES.get(key), reading)


@lru_cache(maxsize=65_536)
def _family(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Spellings of a family name, and its words (family names repeat: ``Wang``, ``Li``)."""
    words = _GIVEN_SEPARATORS.split(_APOSTROPHES.sub("", text))
    return spellings(text), tuple(word for word in map(_fold, words) if word)


@lru_cache(maxsize=65_536)
def _given_tokens(text: str) -> tuple[GivenToken, ...]:
    words = [word for word in _GIVEN_SEPARATORS.split(_APOSTROPHES.sub("", text)) if word]
    shouting = text.isupper() and len(text.replace(" ", "")) > 3  # "JOHN", not "JH"
    tokens: list[GivenToken] = []
    for word in words:
        tokens.extend(_word_tokens(word, shouting))
    return tuple(tokens)


@lru_cache(maxsize=65_536)
def _word_tokens(word: str, shouting: bool) -> tuple[GivenToken, ...]:
    """One forename word as tokens: ``JH`` and ``P`` are initials, ``Liting`` is a word."""
    if len(word) == 1 or (not shouting and word.isalpha() and word.isupper() and len(word) <= 3):
        return _initial_tokens(word)
    forms = frozenset(form for form in spellings(word) if form)
    return (GivenToken(forms, initial=False),) if forms else ()


def _initial_tokens(letters: str) -> tuple[GivenToken, ...]:
    folded = (_fold(letter) for letter in letters if letter.isalpha())
    return tuple(_INITIALS[form[0]] for form in folded if form)


_INITIALS = {
    letter: GivenToken(frozenset((letter,)), initial=True)
    for letter in "abcdefghijklmnopqrstuvwxyz0123456789"
}


def compare_given(first: tuple[GivenToken, ...], second: tuple[GivenToken, ...]) -> Agreement:
    """How the forenames of two mentions agree (see the module docstring)."""
    if not first or not second:
        return Agreement.UNKNOWN
    if _concatenations(first) & _concatenations(second):
        return Agreement.FULL
    full = False
    for mine, theirs in zip(first, second, strict=False):
        if mine.initial or theirs.initial:
            if mine.letter != theirs.letter:
                return Agreement.CONFLICT
        elif mine.spellings & theirs.spellings:
            full = True
        else:
            return Agreement.CONFLICT
    shorter, longer = sorted((first, second), key=len)
    if any(not token.initial for token in shorter) and any(
        not token.initial for token in longer[len(shorter) :]
    ):
        # Both spell their forenames out, and one has a word more: "Jing-Xin" is not "Jing".
        return Agreement.CONFLICT
    if full:
        return Agreement.FULL
    spelled = any(not token.initial for token in (*first, *second))
    return Agreement.INITIALS if spelled else Agreement.LETTERS


def _concatenations(tokens: tuple[GivenToken, ...]) -> frozenset[str]:
    """``Man-Kit`` and ``Mankit`` alike: the words run together, in each spelling."""
    if any(token.initial for token in tokens):
        return frozenset()
    if all(len(token.spellings) == 1 for token in tokens):
        return frozenset(("".join(next(iter(token.spellings)) for token in tokens),))
    plain = "".join(min(token.spellings, key=len) for token in tokens)
    digraph = "".join(max(token.spellings, key=len) for token in tokens)
    return frozenset((plain, digraph))


@lru_cache(maxsize=262_144)
def agreement(first: PersonName, second: PersonName) -> Agreement:
    """How two names agree: family names must share a spelling, then forenames decide."""
    if not first.family & second.family:
        return Agreement.CONFLICT
    if first.suffix and second.suffix and first.suffix != second.suffix:
        return Agreement.CONFLICT  # father and son
    return compare_given(first.given, second.given)
