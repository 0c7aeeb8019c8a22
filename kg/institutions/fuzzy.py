"""The last look-up for a part no exact rule grounds: a ROR name whose words it contains.

Exact keys and their listed variants miss what authors actually write: a misspelt word
(``Teerthankar Mahaveer University``), a school or campus run into its university without a
comma (``Drexel University Dornsife School of Public Health``, ``Korea University Sejong
Campus``), a run-in town (``Teerthanker Mahaveer University Moradabad``), a name cut short by
a slash or a bracket (``Weill Cornell Medicine/New York Presbyterian``).  This look-up scores
the ROR names of the affiliation's country by how much of each name the part contains, each
word weighted by how rare it is among all ROR names, so ``University`` counts for little and
``Teerthanker`` for much.  It answers only when one organisation clearly wins, when almost all
of its name is in the part, when the words it matched open the part in the name's order, and
when nothing else is run on after them (a hospital of a university is not that university).
The thresholds were set on the development samples and checked on held-out ones (README,
"Institutions, grounded to ROR").
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from kg.institutions.names import name_key
from kg.institutions.ror import RorOrganisation

__all__ = ["FuzzyIndex", "Scored"]

# How much of the ROR name's weight the part must hold (a missing "The", "of Medicine" or
# country name weighs little; a missing proper name much).
MIN_NAME_COVER = 0.9
# The winner's score must beat the best other organisation's by this much.
MIN_MARGIN = 0.1
_MIN_TYPO_LENGTH = 6

# Words that say what kind of organisation a name is: a part that has one the ROR name lacks
# names a different organisation ("X Hospital of Y University" is not Y University).
_KIND_WORDS = frozenset(
    [
        "hospital",
        "hospitals",
        "clinic",
        "institute",
        "center",
        "foundation",
        "academy",
        "museum",
        "company",
        "council",
        "agency",
        "ministry",
        "society",
        "infirmary",
        "laboratory",
        "laboratories",
    ]
)
# Words that say what an organisation is and that a name never leaves out.
_HEAD_WORDS = frozenset(["university", "college", "school", "polytechnic"])
# Words of a part inside an organisation, which a university's or hospital's name omits.
_SUBUNIT_WORDS = frozenset(["school", "college", "faculty", "department", "graduate", "campus"])
# A university's health-sciences campus, which ROR records apart only where it is a university
# of its own (and then its whole name matches before this look-up is tried).
_CAMPUS_TAILS = frozenset(["health science center", "center health science", "health science"])


@dataclass(frozen=True, slots=True)
class Scored:
    """The organisation the fuzzy look-up chose, and how sure it was."""

    organisation: RorOrganisation
    name: str  # the ROR name that matched
    score: float


_SCHOOL = re.compile(r"\b(?:school|college|faculty)\b", re.IGNORECASE)


class FuzzyIndex:
    """The words of every active ROR name, posted per country, with their rarity weights."""

    def __init__(self, organisations: tuple[RorOrganisation, ...] | list[RorOrganisation]):
        self._names: list[tuple[RorOrganisation, tuple[str, ...], str]] = []
        document_frequency: dict[str, int] = defaultdict(int)
        for organisation in organisations:
            if organisation.country_code is None or organisation.status != "active":
                continue
            for name in dict.fromkeys(organisation.names()):
                words = tuple(dict.fromkeys(name_key(name).split()))
                if len(words) < 2:
                    continue
                self._names.append((organisation, words, name))
                for word in words:
                    document_frequency[word] += 1
        total = max(len(self._names), 1)
        self._weight = {
            word: math.log(1 + total / count) for word, count in document_frequency.items()
        }
        self._unseen_weight = math.log(1 + total)
        self._postings: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._vocabulary: dict[tuple[str, str], set[str]] = defaultdict(set)
        for index, (organisation, words, _) in enumerate(self._names):
            country = organisation.country_code or ""
            for word in words:
                self._vocabulary[(country, word[:2])].add(word)
                self._postings[(country, word)].append(index)

    def weight(self, word: str) -> float:
        """How much a word says about which organisation is meant (inverse name frequency)."""
        return self._weight.get(word, self._unseen_weight)

    def best(self, unit: str, country_code: str, city: str | None = None) -> Scored | None:
        """The one organisation of ``country_code`` whose name the part ``unit`` starts with,
        or None."""
        query = name_key(unit).split()
        boundaries = _boundaries(unit)
        hyphens = boundaries - _boundaries(unit, _STRONG_SEPARATOR)
        # A hyphen separates two names after a name's last word ("National Institute for
        # Medical Research-Mwanza Research Centre") or before another organisation's name
        # ("State University of New York-Downstate Medical Center"); otherwise it joins a
        # compound name ("Université Paris-Saclay APHP", "Hoffmann-La Roche").
        boundaries -= {cut for cut in hyphens if not _separates(query, cut)}
        if len(query) < 2:
            return None
        # Each word of the part, and the country's ROR words it stands for (itself, or one
        # letter off when long and unknown there).
        readings = {word: self._readings(word, country_code) for word in query}
        # The name must cover the part's first two words (a lone first word cannot carry nine
        # tenths of a name's weight), so only names holding both are scored.
        first = self._holding(readings[query[0]], country_code)
        second = self._holding(readings[query[1]], country_code)
        candidates = first & second if len(first) > len(second) else second & first
        best_by_organisation: dict[str, tuple[float, int]] = {}
        for index in candidates:
            organisation, words, _ = self._names[index]
            score = self._score(query, readings, words, (boundaries, hyphens), city, organisation)
            if score is None:
                continue
            previous = best_by_organisation.get(organisation.ror)
            if previous is None or score > previous[0]:
                best_by_organisation[organisation.ror] = (score, index)
        if not best_by_organisation:
            return None
        ranked = sorted(best_by_organisation.values(), reverse=True)
        score, index = ranked[0]
        if len(ranked) > 1 and score - ranked[1][0] < MIN_MARGIN:
            flagship = self._flagship(index, ranked[1][1], city)
            if flagship is None:
                return None
            score, index = flagship
        organisation, _, name = self._names[index]
        if _SCHOOL.search(unit) and not {"education", "healthcare"} & set(organisation.types):
            return None  # "Robert Wood Johnson Medical School" is not the foundation
        return Scored(organisation, name, score)

    def _flagship(self, first: int, second: int, city: str | None) -> tuple[float, int] | None:
        """Of a system and its own campus in the affiliation's town, both near the part
        (``University of Wisconsin ...``, Madison), the campus: it is where people work."""
        if not city:
            return None
        one, other = self._names[first][0], self._names[second][0]
        for child, parent, index in ((one, other, first), (other, one, second)):
            local = child.city is not None and name_key(child.city) == name_key(city)
            if parent.ror in child.parents and local:
                return 1.0, index
        return None

    def _holding(self, forms: set[str], country_code: str) -> set[int]:
        """The names of the country holding any of ``forms``."""
        found: set[int] = set()
        for form in forms:
            found.update(self._postings.get((country_code, form), ()))
        return found

    def _readings(self, word: str, country_code: str) -> set[str]:
        """The word itself, and when ROR does not know it, the country's ROR words one slip
        away (``comapny`` -> ``company``)."""
        if (country_code, word) in self._postings or word in self._weight:
            return {word} | _SAME_STEM.get(word, set())
        if len(word) < _MIN_TYPO_LENGTH or word.isdigit():
            return {word}
        near = {
            other
            for other in self._vocabulary.get((country_code, word[:2]), ())
            if len(other) >= _MIN_TYPO_LENGTH and _one_edit(word, other)
        }
        return near | {word}

    def _score(
        self,
        query: list[str],
        readings: dict[str, set[str]],
        words: tuple[str, ...],
        cuts: tuple[frozenset[int], frozenset[int]],
        city: str | None,
        organisation: RorOrganisation,
    ) -> float | None:
        """How well the ROR name ``words`` accounts for the part ``query`` (None: not at all).

        The name's words must stand in the part in order, with nothing of the part before or
        between them (``Kyushu Dental University`` is not ``Kyushu University``, ``Catholic
        University of America`` not ``University of America``), and the score is the share
        of the name's weight the part holds; what may follow is :meth:`_tail_is_allowed`.
        ``cuts`` are the separator boundaries of the part, and those that are a bare hyphen.
        """
        boundaries, hyphens = cuts
        position: dict[str, int] = {}
        for place, word in enumerate(query):
            for form in readings[word]:
                position.setdefault(form, place)
        places = [position.get(word) for word in words]
        found = [place for place in places if place is not None]
        if not found or found != sorted(found) or len(set(found)) != len(found):
            return None  # "Sejong University" is not in "Korea University Sejong Campus"
        if any(
            place is None and word in _KIND_WORDS | _HEAD_WORDS
            for word, place in zip(words, places, strict=True)
        ):
            return None  # the name says "University" and the part does not
        first, last = found[0], found[-1]
        if first != 0 or last - first + 1 != len(found):
            return None
        name_weight = sum(self.weight(word) for word in words)
        # The organisation's own town ending its name, given apart (``University of
        # Wisconsin ..., Madison``), counts as written (but a unit and its town do not make
        # ``Shanghai Business School`` of ``Business School, ..., Shanghai``).
        town = (
            set(name_key(organisation.city).split())
            if city and organisation.city and name_key(organisation.city) == name_key(city)
            else set()
        )
        last_written = max(index for index, place in enumerate(places) if place is not None)
        matched_weight = sum(
            self.weight(word)
            for index, (word, place) in enumerate(zip(words, places, strict=True))
            if place is not None or (word in town and index > last_written)
        )
        name_cover = matched_weight / name_weight
        if name_cover < MIN_NAME_COVER:
            return None
        tail = query[last + 1 :]
        if tail and not self._tail_is_allowed(tail, last + 1, boundaries, city, organisation):
            return None
        if tail and len(found) < len(words) and last + 1 in hyphens:
            # "Université Paris-Saclay": a name cut at a hyphen must be whole ("Université
            # Paris Cité" is not in it).
            return None
        return name_cover

    @staticmethod
    def _tail_is_allowed(
        tail: list[str],
        cut: int,
        boundaries: frozenset[int],
        city: str | None,
        organisation: RorOrganisation,
    ) -> bool:
        """Whether what follows the name in the part leaves the name whole: another name after
        a slash or bracket (``Weill Cornell Medicine/New York Presbyterian``), a school or
        campus of it (``Drexel University Dornsife School of Public Health``, ``Korea
        University Sejong Campus``) or its own town (``Teerthanker Mahaveer University
        Moradabad``) — but not another town, where a campus ROR lacks would stand.  Anything
        else run on makes another organisation (``Kaiser Permanente Northwest``, ``Carl Zeiss
        Meditec``, ``Chang Gung University`` for ``Chang Gung``)."""
        own_town = name_key(organisation.city).split() if organisation.city else []
        if city and "campus" not in tail:
            place = name_key(city).split()
            if place != own_town and set(place) <= set(tail):
                return False  # "University of Texas Medical School at Houston": not the system
        if cut in boundaries or " ".join(tail) in _CAMPUS_TAILS:
            return True
        if tail[0] in _KIND_WORDS or tail[0] in {"university", "polytechnic"}:
            return False  # "Chang Gung University ..." is not "Chang Gung"
        if _SUBUNIT_WORDS.intersection(tail[:2]):
            return True
        return bool(own_town) and tail == own_town


_SEPARATOR = re.compile(r"\s*[/(\[,;\u2013\u2014]|\s+-\s*|(?<=[a-z])-(?=[A-Z])")
# A word read as its noun where an organisation was renamed after its subject ("Weill Cornell
# Medical College" is now "Weill Cornell Medicine").
_SAME_STEM = {"medical": {"medicine"}}
_NAME_ENDINGS = _KIND_WORDS | _HEAD_WORDS | {"research", "medicine", "science", "sciences"}
_STRONG_SEPARATOR = re.compile(r"\s*[/(\[,;\u2013\u2014]|\s+-\s*")


def _separates(query: list[str], cut: int) -> bool:
    if not 0 < cut < len(query):
        return False
    return query[cut - 1] in _NAME_ENDINGS or bool(_KIND_WORDS.intersection(query[cut:]))


def _boundaries(unit: str, separator: re.Pattern[str] = _SEPARATOR) -> frozenset[int]:
    """The word counts (of the name key) at which the part has a separator: after ``Weill
    Cornell Medicine`` in ``Weill Cornell Medicine/New York Presbyterian``, 3."""
    return frozenset(
        len(name_key(unit[: match.start()]).split()) for match in separator.finditer(unit)
    )


def _one_edit(first: str, second: str) -> bool:
    """One letter added, dropped, changed or two neighbours swapped."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        different = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
        if len(different) == 1:
            return True
        return (
            len(different) == 2
            and different[1] == different[0] + 1
            and first[different[0]] == second[different[1]]
            and first[different[1]] == second[different[0]]
        )
    if len(first) > len(second):
        first, second = second, first
    for index, (a, b) in enumerate(zip(first, second, strict=False)):
        if a != b:
            return first[index:] == second[index + 1 :]
    return True
