"""What a byline mention says about its person besides the name.

Two mentions with agreeing names are one person only when something else agrees too
(DESIGN §3, issue 4): an institution, an e-mail address or a co-author.  This module reads
the first two from a mention's affiliations; co-authors depend on who has been resolved so
far and are :mod:`kg.identity.pairs`' business.

Institutions come from :func:`kg.graph.institutions.institution_ids`, the one place that
decides which Institution node an affiliation names, so identity improves whenever
institution grounding does.  Affiliation strings repeat across mentions (a lab's address on
every paper), so both lookups are cached per string for the duration of one resolver run.

Institution ids only agree when both strings parse to the same organisation; the same lab
written ``Dept of Chemistry, McGill University 801 Sherbrooke St. West Montreal`` and
``..., 801 Sherbrooke St. W. H3A 0B8 Montreal`` often does not.  So a mention also has its
*affiliation words*: the distinctive words of its affiliations (no organisation-type words
such as ``department`` or ``university``, no country names, no short words), which the
resolver compares between two mentions of one forename block.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from kg.extract.affiliations import clean_affiliation
from kg.extract.countries import country_code
from kg.graph.institutions import institution_ids
from kg.model import Author
from kg.normalize.names import fold

__all__ = ["EvidenceReader", "words_agree"]

# Words that say what kind of place an affiliation is, not which one (several languages),
# and the pieces of multi-word country names; a shared "department" proves nothing.
_GENERIC_WORDS = frozenset(
    """
    the and for with from del della des der die das und van von les los las
    department departments dept division section school faculty faculdade facultad
    university universite universidad universita universitat universidade universiteit
    college institute institut instituto istituto institutet center centre centro centrum
    hospital hospitals hopital hospital ospedale klinikum clinic clinics clinica klinik
    medical medicine medicina medizin laboratory laboratories laboratorio lab labs
    sciences science research national state key health clinical unit units program
    programme graduate street road avenue box campus building floor room general group
    team service services foundation trust chair affiliated people republic united states
    kingdom province city district
    """.split()  # noqa: SIM905 - a word list reads better as text than as 100 quoted items
)
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MIN_SHARED = 2
_MIN_OVERLAP = 0.5


def words_agree(first: frozenset[str], second: frozenset[str]) -> bool:
    """Do two mentions' affiliation words name the same place?

    At least two shared words, covering at least half of the shorter description, so one
    shared city or subject never suffices.
    """
    if not first or not second:
        return False
    shared = len(first & second)
    return shared >= _MIN_SHARED and shared >= _MIN_OVERLAP * min(len(first), len(second))


class EvidenceReader:
    """Institution ids and e-mail addresses of mentions, each affiliation string read once.

    ``institutions`` maps an affiliation string to Institution node ids; tests and
    benchmarks may pass another mapping (e.g. to measure without institution evidence).
    """

    def __init__(self, institutions: Callable[[str], list[str]] = institution_ids) -> None:
        self._institutions = institutions
        self._places: dict[str, tuple[str, ...]] = {}
        self._mail: dict[str, tuple[str, ...]] = {}
        self._words: dict[str, frozenset[str]] = {}

    def institutions(self, affiliations: Iterable[str]) -> frozenset[str]:
        """Institution node ids named by any of ``affiliations``."""
        found: set[str] = set()
        for text in affiliations:
            places = self._places.get(text)
            if places is None:
                places = self._places[text] = tuple(self._institutions(text))
            found.update(places)
        return frozenset(found)

    def emails(self, author: Author) -> frozenset[str]:
        """E-mail addresses of the mention, lower-cased: its own and all in its affiliations.

        An affiliation may end with several addresses (``zpage@cm.utexas.edu
        sessler@cm.utexas.edu``), the author's not always first, so all of them count.
        """
        found = {author.email.lower()} if author.email else set()
        for text in author.affiliations:
            if "@" not in text:
                continue
            addresses = self._mail.get(text)
            if addresses is None:
                addresses = self._mail[text] = tuple(
                    address.lower().rstrip(".") for address in _ADDRESS.findall(text)
                )
            found.update(addresses)
        return frozenset(found)

    def affiliation_words(self, affiliations: Iterable[str]) -> frozenset[str]:
        """The distinctive words of ``affiliations`` (see the module docstring)."""
        found: set[str] = set()
        for text in affiliations:
            words = self._words.get(text)
            if words is None:
                words = self._words[text] = _distinctive_words(text)
            found.update(words)
        return frozenset(found)


def _distinctive_words(text: str) -> frozenset[str]:
    cleaned, _ = clean_affiliation(text)
    return frozenset(
        word
        for word in fold(cleaned).split()
        if (len(word) >= 4 if word.isdigit() else len(word) >= 3)
        and word not in _GENERIC_WORDS
        and country_code(word) is None
    )
