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

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.institutions.names import name_key
from kg.institutions.ror import RorOrganisation, load_ror_index

__all__ = ["RorMatch", "RorMatcher", "default_matcher"]

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
    """Name and acronym tables over a ROR index."""

    def __init__(self, organisations: tuple[RorOrganisation, ...]) -> None:
        self.organisations = {organisation.ror: organisation for organisation in organisations}
        self._by_key: dict[str, list[tuple[RorOrganisation, str]]] = defaultdict(list)
        self._by_acronym: dict[tuple[str, str], list[RorOrganisation]] = defaultdict(list)
        for organisation in organisations:
            seen: set[str] = set()
            for kind, names in (
                ("name", (organisation.name,)),
                ("label", organisation.labels),
                ("alias", organisation.aliases),
            ):
                for name in names:
                    key = name_key(name)
                    if key and key not in seen:
                        seen.add(key)
                        self._by_key[key].append((organisation, kind))
            for acronym in organisation.acronyms:
                if organisation.country_code:
                    self._by_acronym[(organisation.country_code, acronym.upper())].append(
                        organisation
                    )

    def match(
        self, name: str, country_code: str | None, city: str | None = None
    ) -> RorMatch | None:
        """The one organisation ``name`` denotes in ``country_code``, else None."""
        key = name_key(name)
        if len(key) < _MIN_KEY_LENGTH or key in _GENERIC_KEYS:
            return None
        candidates = self._by_key.get(key, [])
        if country_code is not None:
            candidates = [item for item in candidates if item[0].country_code == country_code]
        elif len({item[0].country_code for item in candidates}) > 1 or len(key.split()) < 3:
            # Without a country, only a long name owned by one country is safe.
            return None
        chosen = _one(candidates, city)
        return None if chosen is None else RorMatch(*chosen)

    def match_acronym(self, acronym: str, country_code: str | None) -> RorMatch | None:
        """The organisation an acronym names, if unique within the country."""
        if country_code is None or len(acronym) < 3:
            return None
        candidates = [
            item
            for item in self._by_acronym.get((country_code, acronym.upper()), [])
            if item.status == "active"
        ]
        return RorMatch(candidates[0], "acronym") if len(candidates) == 1 else None

    def parents_of(self, organisation: RorOrganisation) -> list[RorOrganisation]:
        """The parent organisations ROR records, as far as the index holds them."""
        return [
            self.organisations[ror] for ror in organisation.parents if ror in self.organisations
        ]


def _one(
    candidates: list[tuple[RorOrganisation, str]], city: str | None
) -> tuple[RorOrganisation, str] | None:
    """The single organisation among ``candidates``: prefer one whose display name it is
    (another's alias may fold to the same key), then active ones, then the city's."""
    unique = {organisation.ror: (organisation, kind) for organisation, kind in candidates}
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
    return next(iter(unique.values())) if len(unique) == 1 else None


@lru_cache(maxsize=4)
def default_matcher(path: Path | None = None) -> RorMatcher:
    """A matcher over the shipped ROR index (built once per process)."""
    return RorMatcher(load_ror_index(path))
