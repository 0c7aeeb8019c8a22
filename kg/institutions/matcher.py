"""Looking an organisation name up in the ROR index, abstaining when unsure.

Only exact matches of the name key (:func:`kg.institutions.names.name_key`) count: a fuzzy
match of ``St Michael's Hospital`` finds a hospital of that name in Bristol and a foundation in
Toronto, and precision matters more than recall here, because a wrong ROR id merges two
institutions in every network built on top.  A name is accepted only when the country agrees
with the affiliation's (when the affiliation states one) and, if several organisations share
the name there, the affiliation's city picks exactly one.  Acronyms are used only when they
are unique within the affiliation's country.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract.affiliations import state_country
from kg.extract.countries import country_code, country_name
from kg.institutions.fuzzy import FuzzyIndex
from kg.institutions.names import name_key
from kg.institutions.ror import RorOrganisation, load_ror_index
from kg.institutions.units import ORDINALS

__all__ = ["RorMatch", "RorMatcher", "default_matcher"]

# Words of a school, a college or a service inside a university, not of a campus.
_NOT_A_CAMPUS = frozenset(
    ["school", "college", "faculty", "department", "hospital", "center", "institute", "system"]
)
# A town decides the country only when ROR holds this many organisations there.
_MIN_TOWN_ORGANISATIONS = 3
# Keys this short or this generic name many organisations and none in particular.
_MIN_KEY_LENGTH = 5
_GENERIC_KEYS = frozenset(
    {
        "university",
        "hospital",
        "university hospital",
        "medical school",
        "school medicine",
        "medical center",
        "medical college",
        "general hospital",
        "childrens hospital",
        "institute",
        "research institute",
        "college medicine",
        "faculty medicine",
        "national institute",
        "cancer center",
        "cancer institute",
        "health science center",
    }
)


@dataclass(frozen=True, slots=True)
class RorMatch:
    """A ROR organisation an affiliation part names, and which name matched."""

    organisation: RorOrganisation
    matched_by: str  # "name", "label", "alias" or "acronym"


class RorMatcher:
    """Name, acronym and near-spelling tables over a ROR index."""

    def __init__(self, organisations: tuple[RorOrganisation, ...]) -> None:
        self.organisations = {organisation.ror: organisation for organisation in organisations}
        self._by_key: dict[str, list[tuple[RorOrganisation, str]]] = defaultdict(list)
        self._by_compact: dict[str, list[tuple[RorOrganisation, str]]] = defaultdict(list)
        self._by_acronym: dict[tuple[str, str], list[RorOrganisation]] = defaultdict(list)
        self._by_bag: dict[tuple[str, str], list[tuple[RorOrganisation, str]]] = defaultdict(list)
        self._by_place: dict[tuple[str, str], list[tuple[RorOrganisation, str]]] = defaultdict(list)
        # (country, first word) -> keys, for the one-typo search; built on first use.
        self._by_first_word: dict[tuple[str, str], list[str]] | None = None
        # Lookups of whole affiliation parts, which recur across thousands of strings.
        self.memo: dict[tuple[str, str | None, str | None], object] = {}
        self._fuzzy: FuzzyIndex | None = None
        self._towns: dict[str, str] | None = None  # town key -> country, built on first use
        self._regions: set[tuple[str, str]] | None = None  # (country, region key), on first use
        # (country, town key run together, without "City") -> ROR's spelling, on first use.
        self._loose_towns: dict[tuple[str, str], str] | None = None
        # (country, name after its leading kind word) -> organisations, built on first use.
        self._after_kind: dict[tuple[str, str], list[RorOrganisation]] | None = None
        # (country, the one word a company goes by) -> companies, built on first use.
        self._companies: dict[tuple[str, str], set[str]] | None = None
        for organisation in organisations:
            seen: set[str] = set()
            for kind, names in (
                ("name", (organisation.name,)),
                ("label", organisation.labels),
                ("alias", organisation.aliases),
            ):
                for name in names:
                    key = name_key(name)
                    for variant in [
                        variant
                        for form in (
                            key,
                            *_without_own_acronym(key, organisation),
                            *_without_university(key, organisation),
                            *_dash_parts(name),
                        )
                        for variant in _index_variants(
                            form, organisation.country_code, organisation.city
                        )
                    ]:
                        if variant in seen:
                            continue
                        seen.add(variant)
                        # A name cut of its country is weaker than a whole name: "University
                        # College London" is UCL, not "University College London Qatar".
                        tagged = kind if variant == key else f"{kind}-variant"
                        self._by_key[variant].append((organisation, tagged))
                        self._by_compact[variant.replace(" ", "")].append((organisation, tagged))
                        if organisation.country_code and organisation.city and variant == key:
                            place = (organisation.country_code, name_key(organisation.city))
                            self._by_place[place].append((organisation, variant))
                        bag = _bag(variant)
                        if bag and organisation.country_code:
                            self._by_bag[(organisation.country_code, bag)].append(
                                (organisation, tagged)
                            )
            for acronym in organisation.acronyms:
                if organisation.country_code:
                    self._by_acronym[(organisation.country_code, acronym.upper())].append(
                        organisation
                    )

    def is_town(self, name: str, country_code: str) -> bool:
        """Whether ROR holds an organisation in a town of this name in that country."""
        return (country_code, name_key(name)) in self._by_place

    @staticmethod
    def in_city(organisation: RorOrganisation, city: str | None) -> bool:
        """Whether ROR places ``organisation`` in ``city``."""
        return _same_city(organisation, city)

    def is_place(self, name: str, country_code: str) -> bool:
        """Whether ROR has a town or region (province, state) of this name in that country."""
        if self._regions is None:
            self._regions = {
                (organisation.country_code, name_key(organisation.region))
                for organisation in self.organisations.values()
                if organisation.country_code and organisation.region
            }
        key = name_key(name)
        return (country_code, key) in self._by_place or (country_code, key) in self._regions

    def town_spelling(self, name: str, code: str) -> str | None:
        """ROR's spelling of a town written another way (``Tao-Yuan`` and ``Taoyuan City``
        for Taoyuan, ``Kaohsiung`` for Kaohsiung City), else None (also when ROR knows the
        town as written, or the name is a state or country)."""
        key = name_key(name)
        if not key or (code, key) in self._by_place:
            return None
        if state_country(name) or country_code(name):
            return None
        if self._loose_towns is None:
            spellings: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
            for organisation in self.organisations.values():
                if organisation.city and organisation.country_code:
                    loose = _loose_town(name_key(organisation.city))
                    spellings[(organisation.country_code, loose)][organisation.city] += 1
            self._loose_towns = {
                place: max(counts.items(), key=lambda item: item[1])[0]
                for place, counts in spellings.items()
            }
        return self._loose_towns.get((code, _loose_town(key)))

    def town_size(self, name: str, country_code: str) -> int:
        """How many organisation names ROR places in a town of this name in that country."""
        return len(self._by_place.get((country_code, name_key(name)), ()))

    @staticmethod
    def namesake_elsewhere(found: RorMatch, key: str, city: str | None) -> bool:
        """``St. Joseph Hospital, Houston``: a hospital named after a saint (or a biblical
        mountain: ``Mount Sinai Medical Center``) stands in many towns, so ROR's one in
        Chicago (or Miami Beach) is not it."""
        organisation = found.organisation
        if not city or not organisation.city or _same_city(organisation, city):
            return False
        return _NAMESAKE.match(key) is not None

    def country_of_town(self, town: str) -> str | None:
        """The country a town name stands for, when ROR's organisations there say so clearly:
        at least three of them, nine in ten in one country (``Galveston``, ``Paris``; not
        ``Cambridge``, in England and in Massachusetts)."""
        if self._towns is None:
            counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
            for organisation in self.organisations.values():
                if organisation.city and organisation.country_code:
                    counts[name_key(organisation.city)][organisation.country_code] += 1
            self._towns = {}
            for key, by_country in counts.items():
                country, most = max(by_country.items(), key=lambda item: item[1])
                if most >= _MIN_TOWN_ORGANISATIONS and most >= 0.9 * sum(by_country.values()):
                    self._towns[key] = country
        return self._towns.get(name_key(town))

    def local_campus(self, found: RorMatch, key: str, city: str | None) -> RorMatch | None:
        """The one campus in ``city`` of an organisation ``found`` (which ``key`` names) seated
        elsewhere: a name continuing ``key`` and ending in ``Campus`` (``University of
        Colorado``, Aurora: the Anschutz Medical Campus, not the system seated in Boulder), or
        a university ROR places under it in that town (``State University of New York,
        Buffalo``: the University at Buffalo).  A school, a chair, a health system or a cancer
        centre in the town is not a campus (``University of Miami``, ``UC San Diego``)."""
        organisation = found.organisation
        if not city or not organisation.country_code or _same_city(organisation, city):
            return None
        if organisation.city is None:
            return None
        place = (organisation.country_code, name_key(city))
        # The campus carries the system's own name ("... State University of New York"),
        # not just the town ("Observatoire de Lyon" is not Université Claude Bernard Lyon 1).
        own_words = {
            word
            for name in organisation.names()
            for word in name_key(name).split()
            if word not in _GENERIC_WORDS
        } - set(place[1].split())
        # "University of Wisconsin", Madison: the University of Wisconsin–Madison.
        own_keys = {key} | {name_key(name) for name in organisation.names()}
        named: dict[str, set[str]] = defaultdict(set)  # each local organisation's keys
        by_ror: dict[str, RorOrganisation] = {}
        for other, other_key in self._by_place.get(place, []):
            if other.status == "active":
                named[other.ror].add(other_key)
                by_ror[other.ror] = other
        local = {
            ror: other
            for ror, other in by_ror.items()
            if any(k.startswith(key + " ") and k.endswith(" campus") for k in named[ror])
            or any(f"{own} {place[1]}" in named[ror] for own in own_keys)
            # "Mayo Clinic", Jacksonville: the "Mayo Clinic in Florida" ROR seats there.
            or any(self._own_and_place(k, own_keys, place[0]) for k in named[ror])
            # "Copenhagen University Hospital", Hvidovre: its hospital named after the town
            or (
                organisation.ror in other.parents
                and "healthcare" in other.types
                and "healthcare" in organisation.types
                and name_key(other.name) in {f"{place[1]} hospital", f"hospital {place[1]}"}
            )
            or (
                organisation.ror in other.parents
                and "education" in other.types
                and "university" in name_key(other.name).split()
                and any(not _NOT_A_CAMPUS.intersection(k.split()) for k in named[ror])
                and any(set(k.split()) & own_words for k in named[ror])
            )
        }
        if len(local) != 1:
            return None
        return RorMatch(next(iter(local.values())), "name")

    def match_without_kind(self, key: str, country_code: str, city: str) -> RorMatch | None:
        """The one active institute in ``city`` whose name is ``key`` after its kind word:
        ``Gustave Roussy``, Villejuif, the name the Institut Gustave Roussy goes by.  Two
        words at least, each rare in ROR's names (a person's or a place's, not ``Tropical
        Diseases``), and the town must agree, since a bare name says nothing of the kind
        of body."""
        if len(key.split()) < 2:
            return None
        if self._after_kind is None:
            self._after_kind = self._index_after_kind()
        local = {
            organisation.ror: organisation
            for organisation in self._after_kind.get((country_code, key), ())
            if _same_city(organisation, city)
        }
        if len(local) != 1:
            return None
        return RorMatch(next(iter(local.values())), "name-variant")

    def _index_after_kind(self) -> dict[tuple[str, str], list[RorOrganisation]]:
        """(country, the name after ``Institut``) -> institutes, for names of rare words."""
        in_names: dict[str, int] = defaultdict(int)  # word -> organisations it names
        for organisation in self.organisations.values():
            for word in {w for name in organisation.names() for w in name_key(name).split()}:
                in_names[word] += 1
        index: dict[tuple[str, str], list[RorOrganisation]] = defaultdict(list)
        for organisation in self.organisations.values():
            if organisation.status != "active" or not organisation.country_code:
                continue
            for name in (organisation.name, *organisation.labels):
                kind, _, rest = name_key(name).partition(" ")
                words = rest.split()
                rare = all(in_names[word] <= _RARE_NAME_WORD for word in words)
                if kind == "institute" and len(words) >= 2 and rare:
                    index[(organisation.country_code, rest)].append(organisation)
        return index

    def _own_and_place(self, key: str, own_keys: set[str], code: str) -> bool:
        """Whether ``key`` is one of ``own_keys`` with a place after it (a state, region,
        town or country): a site's record, not a unit's."""
        for own in own_keys:
            if key.startswith(own + " "):
                rest = key[len(own) + 1 :]
                if state_country(rest) or country_code(rest) or self.is_place(rest, code):
                    return True
        return False

    @property
    def fuzzy(self) -> FuzzyIndex:
        """The scored look-up of last resort (:mod:`kg.institutions.fuzzy`), built on first use."""
        if self._fuzzy is None:
            self._fuzzy = FuzzyIndex(list(self.organisations.values()))
        return self._fuzzy

    def match(
        self, name: str, country_code: str | None, city: str | None = None
    ) -> RorMatch | None:
        """The one organisation ``name`` denotes in ``country_code``, else None."""
        return self.match_key(name_key(name), country_code, city)

    def match_key(
        self, key: str, country_code: str | None, city: str | None = None
    ) -> RorMatch | None:
        """:meth:`match` for a name already turned into its key."""
        if len(key) < _MIN_KEY_LENGTH or key in _GENERIC_KEYS:
            return None
        if all(word in _GENERIC_WORDS for word in key.split()):
            return None  # "Science", "Medical Center": names no organisation in particular
        candidates = self._by_key.get(key, [])
        if country_code is not None:
            candidates = [item for item in candidates if item[0].country_code == country_code]
        else:
            # Without a country, only a distinctive name that one organisation owns is safe
            # ("University College London"; not "Ministry of Health"); an organisation whose
            # display name it is owns it over others that list it as an alias.
            named = [item for item in candidates if item[1] == "name"]
            candidates = named or candidates
            if len({item[0].ror for item in candidates}) > 1 or not _distinctive(key):
                return None
        chosen = _one(candidates, city)
        if chosen is None:
            return None
        if _DESCRIPTIVE.match(key) and city and not _same_city(chosen[0], city):
            # "Institute of Microbiology" names one in Beijing and another in Nanchang: a
            # descriptive name counts only in the organisation's own city.
            return None
        return RorMatch(*chosen)

    def match_variant(
        self, key: str, country_code: str | None, city: str | None = None
    ) -> RorMatch | None:
        """Spelling variants of an exact name, in a known country only: words run together
        (``AmsterdamUMC``), ``Gothenburg University`` for ``University of Gothenburg``, and
        one typo in a long word (``CReATe Fertilty Center``)."""
        if country_code is None or len(key) < _MIN_KEY_LENGTH or key in _GENERIC_KEYS:
            return None
        if all(word in _GENERIC_WORDS for word in key.split()):
            return None
        compact = [
            item
            for item in self._by_compact.get(key.replace(" ", ""), [])
            if item[0].country_code == country_code
        ]
        chosen = _one(compact, city)
        if chosen is not None:
            return RorMatch(*chosen)
        words = key.split()
        if len(words) > 2 and words[-1] == "foundation":
            # "Cleveland Clinic Foundation": the legal body of the clinic ROR records.
            found = self.match_key(" ".join(words[:-1]), country_code, city)
            if found is not None and "healthcare" in found.organisation.types:
                return found
        if "hospitals" in words:
            # "University Hospitals Leuven" = "Universitair Ziekenhuis Leuven".
            found = self.match_key(key.replace("hospitals", "hospital"), country_code, city)
            if found is not None:
                return found
        for turned in _turned_university(words):
            # "Gothenburg University" = "University of Gothenburg", "Medical University of
            # Innsbruck" = "Innsbruck Medical University" (reached only when the written order
            # names nothing).
            found = self.match_key(turned, country_code, city)
            if found is not None:
                return found
        bag = _bag(key)
        if bag:
            # "RWTH University Hospital Aachen" = "University Hospital RWTH Aachen".
            chosen = _one(self._by_bag.get((country_code, bag), []), city)
            if chosen is not None:
                return RorMatch(chosen[0], "word-order")
        return (
            self._match_typo(key, country_code, city)
            or self._match_in_city(key, country_code, city)
            or self._match_named_hospital(key, country_code, city)
            or self._match_without_parent_name(key, country_code, city)
        )

    def _match_without_parent_name(
        self, key: str, country_code: str, city: str | None
    ) -> RorMatch | None:
        """The one organisation of the town whose ROR name is its parent's name and then the
        written one: ``MD Anderson Cancer Center``, Houston = ``The University of Texas MD
        Anderson Cancer Center``, under ``The University of Texas System``."""
        if not city or not _proper_and_kinds(key)[1] or name_key(city) in key:
            return None  # "Chapel Hill" is a town, not "UNC at Chapel Hill"
        if max((self.fuzzy.weight(word) for word in key.split()), default=0) < _RARE_WORD:
            return None  # "Biomedical Research Institute" is any hospital's; "MD Anderson" one
        found: dict[str, RorOrganisation] = {}
        for organisation, known in self._by_place.get((country_code, name_key(city)), []):
            if not known.endswith(" " + key) or organisation.status != "active":
                continue
            head = known[: -len(key) - 1]
            for parent in self.parents_of(organisation):
                parent_keys = {name_key(name) for name in parent.names()}
                if head in parent_keys | {_SYSTEM.sub("", k) for k in parent_keys}:
                    found[organisation.ror] = organisation
        if len(found) != 1:
            return None
        return RorMatch(next(iter(found.values())), "same-city")

    def _match_named_hospital(
        self, key: str, country_code: str, city: str | None
    ) -> RorMatch | None:
        """A hospital written by its one proper name (``Xiangya Hospital``, Changsha; ``Bichat
        Hospital``, Paris): the one hospital of that town whose ROR name holds the name
        (``Xiangya Hospital Central South University``, ``Hôpital Bichat-Claude-Bernard``) and
        nothing that makes it another hospital (``Second Xiangya Hospital ...``, a children's
        or eye hospital).  Not when the name is the town's own (``Ankara City Hospital``)."""
        if not city:
            return None
        words = key.split()
        proper, kinds = _proper_and_kinds(key)
        town = set(name_key(city).split())
        if len(proper) != 1 or "hospital" not in kinds or proper & town:
            return None
        (name,) = proper
        if len(name) < 4 or name.isdigit():
            return None
        found: dict[str, RorOrganisation] = {}
        for organisation, known in self._by_place.get((country_code, name_key(city)), []):
            theirs = known.split()
            if (
                organisation.status == "active"
                and "healthcare" in organisation.types
                and name in theirs
                and "hospital" in theirs
                and not _ANOTHER_HOSPITAL.intersection(set(theirs) - set(words))
            ):
                found[organisation.ror] = organisation
        if len(found) != 1:
            return None
        return RorMatch(next(iter(found.values())), "same-city")

    def _match_in_city(self, key: str, country_code: str, city: str | None) -> RorMatch | None:
        """The one organisation of the affiliation's city whose name has the same kind words
        and whose proper words contain, or are contained in, at least two of the written ones
        (``Hospital Clínico Universitario Virgen de la Arrixaca``, Murcia = ``Hospital
        Universitario Virgen de la Arrixaca``)."""
        if not city:
            return None
        proper, kinds = _proper_and_kinds(key)
        if len(proper) < 2 or not kinds or proper <= set(name_key(city).split()):
            return None  # "San Luis Potosi University": any university of the town
        found: dict[str, RorOrganisation | None] = {}  # None: a namesake of another rank
        for organisation, known in self._by_place.get((country_code, name_key(city)), []):
            their_proper, their_kinds = _proper_and_kinds(known)
            if their_kinds != kinds or len(proper & their_proper) < 2:
                continue
            # A longer written name may add one word ("Hospital Clínico Universitario Virgen de
            # la Arrixaca"), not a whole programme ("National Center of Space Mutagenesis for
            # Crop Improvement" is not the "National Space Science Center").
            if proper <= their_proper:
                # ROR's name may say more ("IBM Research - Thomas J. Watson Research Center"),
                # but a rank more is another body ("Taizhou Second People's Hospital" for
                # "Taizhou People's Hospital"), and leaves the name unsure.
                ranked = bool((their_proper - proper) & _ANOTHER_HOSPITAL)
                found[organisation.ror] = None if ranked else organisation
            elif (
                their_proper <= proper
                and len(proper - their_proper) <= 1
                and not (proper - their_proper) & _ANOTHER_HOSPITAL  # "Second Xiangya ..."
                and not any(_is_place(word) for word in proper - their_proper)
                # a university's health system ("Virginia Commonwealth University Health
                # Systems") is not the university
                and not ("university" in kinds and proper - their_proper <= _SYSTEM_WORDS)
            ):
                found[organisation.ror] = organisation
        only = next(iter(found.values())) if len(found) == 1 else None
        return RorMatch(only, "same-city") if only is not None else None

    def _match_typo(self, key: str, country_code: str, city: str | None) -> RorMatch | None:
        if len(key) < _MIN_TYPO_KEY_LENGTH:
            return None
        if self._by_first_word is None:
            self._by_first_word = defaultdict(list)
            for known, items in self._by_key.items():
                for code in {item[0].country_code for item in items if item[0].country_code}:
                    self._by_first_word[(code, known.split()[0])].append(known)
        words = key.split()
        bucket = self._by_first_word.get((country_code, words[0]), [])
        if len(bucket) > _MAX_TYPO_BUCKET:
            return None
        near = [known for known in bucket if _one_typo_apart(words, known.split())]
        candidates = [
            item
            for known in near
            for item in self._by_key[known]
            if item[0].country_code == country_code
        ]
        chosen = _one(candidates, city)
        return None if chosen is None else RorMatch(chosen[0], "near-spelling")

    def match_company(self, key: str, country_code: str | None) -> RorMatch | None:
        """The one company of the country a one-word name stands for, its legal form dropped
        (``Moderna, Inc`` -> ``Moderna Therapeutics``; ``Merck & Co., Inc.`` -> ROR's
        ``Merck & Co., Inc., Rahway, NJ, USA``)."""
        if country_code is None or " " in key or len(key) < _MIN_KEY_LENGTH:
            return None
        if self._companies is None:
            self._companies = defaultdict(set)
            for organisation in self.organisations.values():
                if "company" in organisation.types and organisation.status == "active":
                    for name in organisation.names():
                        word = _company_word(name, organisation.city)
                        if word and organisation.country_code:
                            self._companies[(organisation.country_code, word)].add(organisation.ror)
        found = self._companies.get((country_code, key), set())
        if len(found) != 1:
            return None
        return RorMatch(self.organisations[next(iter(found))], "company")

    def match_acronym(
        self, acronym: str, country_code: str | None, city: str | None = None
    ) -> RorMatch | None:
        """The organisation an acronym names, if unique within the country (or, when several
        share it, within the affiliation's city: ``IITM``, Chennai)."""
        if country_code is None or len(acronym) < 3:
            return None
        candidates = [
            item
            for item in self._by_acronym.get((country_code, acronym.upper()), [])
            if item.status == "active"
        ]
        if not candidates and country_code in _FRENCH_OVERSEAS:
            return self.match_acronym(acronym, "FR")  # "CNRS, Kourou, French Guiana"
        if len(candidates) > 1 and city:
            candidates = [item for item in candidates if _same_city(item, city)]
        return RorMatch(candidates[0], "acronym") if len(candidates) == 1 else None

    def parents_of(self, organisation: RorOrganisation) -> list[RorOrganisation]:
        """The parent organisations ROR records, as far as the index holds them."""
        return [
            self.organisations[ror] for ror in organisation.parents if ror in self.organisations
        ]


_GENERIC_WORDS = frozenset(
    [
        "university",
        "hospital",
        "institute",
        "college",
        "school",
        "center",
        "medical",
        "medicine",
        "health",
        "science",
        "research",
        "national",
        "state",
        "general",
        "clinical",
        "faculty",
        "academy",
        "department",
        "ministry",
        "public",
        "technology",
        "foundation",
        "council",
        "agency",
        "laboratory",
        "society",
    ]
)
_MIN_TYPO_KEY_LENGTH = 15
_MIN_TYPO_WORD_LENGTH = 7
_MAX_TYPO_BUCKET = 400


@lru_cache(maxsize=512)
def _country_key(country_code: str) -> str:
    name = country_name(country_code)
    return name_key(name) if name else ""


def _index_variants(key: str, country_code: str | None, city: str | None = None) -> list[str]:
    """The key; without a trailing country name (``University of Newcastle Australia`` is
    written ``University of Newcastle, ..., Australia``); and a generic name with its own
    town in front (``University Hospital Basel`` is written ``Basel University Hospital``,
    ``CHU de Nantes`` ``Nantes University Hospital``)."""
    if not key:
        return []
    variants = [key]
    suffix = _country_key(country_code) if country_code else ""
    if suffix and key.endswith(" " + suffix) and len(key) > len(suffix) + 6:
        variants.append(key[: -len(suffix) - 1])
    words = key.split()
    if len(words) == 2 and "hospital" in words:
        # "Hôpital Bicêtre" = "Bicêtre Hospital": the same two words in either language's order.
        variants.append(f"{words[1]} {words[0]}")
    town = name_key(city) if city else ""
    if town and key.endswith(" " + town):
        head = key[: -len(town) - 1]
        if head and all(word in _GENERIC_WORDS for word in head.split()):
            variants.append(f"{town} {head}")
    return variants


_TYPE_WORDS = frozenset(
    [
        "university",
        "hospital",
        "institute",
        "college",
        "clinic",
        "center",
        "school",
        "academy",
        "foundation",
    ]
)
_BAG_IGNORED = (_GENERIC_WORDS | {"general", "trust", "nhs"}) - _TYPE_WORDS - {"state", "national"}


# What follows a company's own word in its name without making another company.
_COMPANY_WORDS = frozenset(
    [
        "therapeutics",
        "pharmaceuticals",
        "pharmaceutical",
        "pharma",
        "biosciences",
        "bioscience",
        "biotech",
        "biotechnology",
        "biologics",
        "biopharma",
        "technologies",
        "diagnostics",
        "laboratories",
        "group",
        "holdings",
        "international",
        "global",
    ]
)


def _company_word(name: str, city: str | None) -> str | None:
    """The one word a company's name comes down to: ``Moderna Therapeutics (United
    States)`` -> ``moderna``; ``Merck & Co., Inc., Rahway, NJ, USA`` -> ``merck`` (the
    name cut before its own town)."""
    if city and f", {city}" in name:
        name = name.split(f", {city}")[0]
    words = name_key(name).split()
    if not words or len(words[0]) < 4 or not set(words[1:]) <= _COMPANY_WORDS:
        return None
    return words[0]


# Words that make a hospital another one of the same name: its rank, whom or what it treats.
_SYSTEM_WORDS = frozenset(["system", "systems"])
_ANOTHER_HOSPITAL = ORDINALS | frozenset(
    [
        "children",
        "childrens",
        "women",
        "womens",
        "maternity",
        "eye",
        "dental",
        "stomatology",
        "cancer",
        "tumor",
        "heart",
        "psychiatric",
        "mental",
        "rehabilitation",
        "veterinary",
        "animal",
        "infectious",
        "chest",
        "orthopedic",
        "traditional",
        "chinese",
    ]
)


# France's overseas departments and territories, where France's national bodies work under
# their French acronyms.
_FRENCH_OVERSEAS = frozenset(["GF", "GP", "MQ", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF"])


def _dash_parts(name: str) -> list[str]:
    """A name of two names joined by a spaced dash is written as either: ``Technion – Israel
    Institute of Technology``, ``University of Tromsø - The Arctic University of Norway``."""
    parts = [part for part in _SPACED_DASH.split(name) if part.strip()]
    if len(parts) != 2:
        return []
    return [
        key
        for key in (name_key(part) for part in parts)
        if len(key.split()) >= 2 and key.split()[0] not in _SCHOOL_HEADS and not _is_place(key)
    ]  # not "Faculdade de Medicina" of "Faceres - Faculdade de Medicina" (any school's name)
    # nor "South Carolina" of "Anderson University - South Carolina" (a place)


_SCHOOL_HEADS = frozenset(
    ["faculty", "faculdade", "facultad", "faculte", "school", "escola", "escuela", "department"]
)


_SPACED_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")


def _without_university(key: str, organisation: RorOrganisation) -> list[str]:
    """A university hospital is often written without "University": ``Clinical Centre of
    Serbia`` for ``University Clinical Centre of Serbia``."""
    words = key.split()
    if (
        "healthcare" in organisation.types
        and len(words) >= 4
        and words[0] == "university"
        and words[1] in {"clinical", "medical", "general"}
    ):
        return [" ".join(words[1:])]
    return []


def _without_own_acronym(key: str, organisation: RorOrganisation) -> list[str]:
    """``UiT The Arctic University of Norway`` is also written without its acronym (but
    ``MSD United States`` is not ``United States``)."""
    words = key.split()
    if len(words) >= 4 and words[0] in {acronym.lower() for acronym in organisation.acronyms}:
        return [" ".join(words[1:])]
    return []


# Words that may stand before "University" in both orders of a name: "Medical University of
# Innsbruck" / "Innsbruck Medical University".
_UNIVERSITY_KINDS = frozenset(["medical", "technical", "agricultural", "pharmaceutical", "state"])


def _turned_university(words: list[str]) -> list[str]:
    """The other order of a university's name: one place word and "University", possibly
    after a kind word (``medical university innsbruck`` <-> ``innsbruck medical
    university``)."""
    if "university" not in words:
        return []
    at = words.index("university")
    before, after = words[:at], words[at + 1 :]
    if len(after) == 1 and len(before) <= 1 and set(before) <= _UNIVERSITY_KINDS:
        return [" ".join([*after, *before, "university"])]
    if at == len(words) - 1 and 1 <= len(before) <= 2:
        place, kinds = before[:1], before[1:]
        if set(kinds) <= _UNIVERSITY_KINDS:
            return [" ".join([*kinds, "university", *place])]
    return []


@lru_cache(maxsize=262_144)
def _proper_and_kinds(key: str) -> tuple[frozenset[str], frozenset[str]]:
    words = key.split()
    proper = frozenset(word for word in words if word not in _BAG_IGNORED | _TYPE_WORDS)
    return proper, frozenset(word for word in words if word in _TYPE_WORDS)


def _bag(key: str) -> str:
    """The words of a key in sorted order, for names that differ only in word order; empty
    when fewer than two words are proper names (``Miami University``/``University of
    Miami`` stay apart)."""
    words = key.split()
    if len({word for word in words if word not in _BAG_IGNORED | _TYPE_WORDS}) < 2:
        return ""
    return " ".join(sorted(words))


# Hospitals named after a saint or a virtue stand in many towns.
_NAMESAKE = re.compile(
    r"^(?:saint|sainte|san|santa|sao|good|mercy|providence|holy|mount)\s+\w+\s+"
    r"(?:hospital|medical center|clinic)$"
    # a quarter's hospital ("Hôpital Nord", Saint-Étienne, is not Marseille's)
    r"|^(?:hospital\s+(?:nord|sud|est|ouest|north|south|east|west|central|centre|center)"
    r"|(?:north|south|east|west|central)\s+hospital)$"
)
# A word this rare in ROR's names (at most 1 in e^8 - 1 of them) names one organisation.
_RARE_WORD = 8.0
_SYSTEM = re.compile(r"\s+system$")
_DESCRIPTIVE = re.compile(
    r"^(?:institute|center|school|college|laboratory|faculty|department|laboratoire|"
    r"laboratorio|centro|servicio|service|departamento|departement|unidad|unite) "
)


# A word in at most this many ROR organisations' names is a proper name's (Roussy: 2), not
# a subject's (tropical: 68, oncology: 97).
_RARE_NAME_WORD = 25


def _loose_town(key: str) -> str:
    """A town's key run together and without a trailing ``city``: ``tao yuan`` and
    ``taoyuan city`` -> ``taoyuan``."""
    words = key.split()
    if len(words) > 1 and words[-1] == "city":
        words = words[:-1]
    return "".join(words)


def _is_place(word: str) -> bool:
    """``Missouri`` in ``University of Missouri-Kansas City`` (not ``Kansas City University``)."""
    return country_code(word) is not None or state_country(word) is not None


def _same_city(organisation: RorOrganisation, city: str | None) -> bool:
    """Whether ROR places the organisation in ``city`` (``Taoyuan City`` is Taoyuan)."""
    if not city or not organisation.city:
        return False
    return _loose_town(name_key(organisation.city)) == _loose_town(name_key(city))


def _distinctive(key: str) -> bool:
    """A key with a proper name in it, long enough to belong to one organisation."""
    words = key.split()
    return len(words) >= 2 and any(word not in _GENERIC_WORDS for word in words)


def _one_typo_apart(mine: list[str], theirs: list[str]) -> bool:
    """Same words but one, which differs by one letter (not its first) and is long."""
    if len(mine) != len(theirs):
        return False
    different = [(a, b) for a, b in zip(mine, theirs, strict=True) if a != b]
    if len(different) != 1:
        return False
    first, second = different[0]
    if min(len(first), len(second)) < _MIN_TYPO_WORD_LENGTH or first[0] != second[0]:
        return False
    if any(char.isdigit() for char in first + second):
        return False
    return _edit_distance_is_one(first, second)


def _edit_distance_is_one(first: str, second: str) -> bool:
    if abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    for index, (a, b) in enumerate(zip(first, second, strict=False)):
        if a != b:
            if len(first) == len(second):
                return first[index + 1 :] == second[index + 1 :]
            return first[index:] == second[index + 1 :]
    return len(second) == len(first) + 1


def _one(
    candidates: list[tuple[RorOrganisation, str]], city: str | None
) -> tuple[RorOrganisation, str] | None:
    """The single organisation among ``candidates``: a branch in the city under another
    candidate first, then one whose display name it is (another's alias may fold to the same
    key), then active ones, then the city's."""
    unique = {organisation.ror: (organisation, kind) for organisation, kind in candidates}
    if len(unique) > 1 and city:
        # "Chang Gung Memorial Hospital", Taoyuan: the branch ROR places there under the
        # hospital seated in Taipei, which also bears the name.
        branch = [
            item
            for item in unique.values()
            if _same_city(item[0], city)
            and set(item[0].parents) & set(unique)
            and not any(
                _same_city(other[0], city) for other in unique.values() if other is not item
            )
        ]
        if len(branch) == 1:
            return branch[0]
    if len(unique) > 1:
        named = {ror: item for ror, item in unique.items() if item[1] == "name"}
        unique = named if len(named) == 1 else unique
    if len(unique) > 1:
        active = {ror: item for ror, item in unique.items() if item[0].status == "active"}
        unique = active or unique
    if len(unique) > 1 and city:
        city_key = name_key(city)
        local = {
            ror: item
            for ror, item in unique.items()
            if item[0].city and name_key(item[0].city) == city_key
        }
        unique = local or unique
        if len(unique) == 2 and local:
            # "University of Hawaii", Honolulu: the system and its flagship campus there share
            # the name; the campus, which ROR places under the system, is where people work.
            child = [item for ror, item in unique.items() if set(item[0].parents) & set(unique)]
            unique = {child[0][0].ror: child[0]} if len(child) == 1 else unique
    return next(iter(unique.values())) if len(unique) == 1 else None


@lru_cache(maxsize=4)
def default_matcher(path: Path | None = None) -> RorMatcher:
    """A matcher over the shipped ROR index (built once per process)."""
    return RorMatcher(load_ror_index(path))
