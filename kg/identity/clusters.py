"""The mentions being resolved, and the clusters they form so far.

:class:`Mentions` is a column table of every personal-name mention, numbered in sorted
paper order (never input order), so that every later choice that depends on numbering
(which root a union keeps, which pair is tried first) is the same for any input order.

:class:`Clusters` is a union-find over mention numbers that knows what each cluster must
keep consistent: at most one ORCID, at most one position per byline, and forenames that
never conflict under the same family name.  Singletons (most mentions) have no record of
their own; one is made only when a merge happens, so memory follows the merged people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kg.identity.names import Agreement, GivenToken, PersonName, compare_given, person_name
from kg.model import Author

__all__ = ["Byline", "Clusters", "Mentions"]

Form = tuple[frozenset[str], tuple[GivenToken, ...]]  # family spellings, forenames


@dataclass(frozen=True, slots=True)
class Byline:
    """The authors of one paper in byline order; ``paper`` is its (stable) node id."""

    paper: str
    authors: tuple[Author, ...]


@dataclass(slots=True)
class Mentions:
    """The personal-name mentions of some bylines, in sorted paper order (index = number)."""

    byline: list[int] = field(default_factory=list)
    position: list[int] = field(default_factory=list)
    name: list[PersonName] = field(default_factory=list)
    author: list[Author] = field(default_factory=list)
    orcid: list[str | None] = field(default_factory=list)
    of_byline: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def read(cls, bylines: Sequence[Byline], use_orcid: bool) -> Mentions:
        """Every mention with a readable personal name; groups and nameless ones are left."""
        mentions = cls()
        for number in sorted(range(len(bylines)), key=lambda index: (bylines[index].paper, index)):
            for position, author in enumerate(bylines[number].authors):
                name = person_name(author)
                if name is None:
                    continue
                mentions.of_byline[number].append(len(mentions.name))
                mentions.byline.append(number)
                mentions.position.append(position)
                mentions.name.append(name)
                mentions.author.append(author)
                mentions.orcid.append(author.orcid if use_orcid else None)
        return mentions

    def __len__(self) -> int:
        return len(self.name)


@dataclass(slots=True)
class _Cluster:
    bylines: set[int]
    orcids: set[str]
    forms: set[Form]
    reasons: set[str] = field(default_factory=set)


class Clusters:
    """Union-find over mentions that refuses merges breaking a cluster's consistency."""

    def __init__(self, mentions: Mentions) -> None:
        self._mentions = mentions
        self._parent = list(range(len(mentions)))
        self._merged: dict[int, _Cluster] = {}

    def find(self, item: int) -> int:
        """The root of ``item``'s cluster: its smallest mention number."""
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def orcids(self, root: int) -> set[str]:
        merged = self._merged.get(root)
        if merged is not None:
            return merged.orcids
        orcid = self._mentions.orcid[root]
        return {orcid} if orcid else set()

    def reasons(self, root: int) -> set[str]:
        """Why the cluster's mentions were merged (empty for a single mention)."""
        merged = self._merged.get(root)
        return merged.reasons if merged is not None else set()

    def spelled(self, root: int) -> bool:
        """Is a forename of the cluster known beyond its initial?"""
        merged = self._merged.get(root)
        if merged is None:
            return self._mentions.name[root].has_full_given
        return any(not token.initial for _, given in merged.forms for token in given)

    def spans_papers(self, root: int) -> bool:
        """Has the cluster mentions on more than one paper (a person resolved across papers)?"""
        merged = self._merged.get(root)
        return merged is not None and len(merged.bylines) > 1

    def conflict(self, first: int, second: int, *, same_byline_ok: bool = False) -> bool:
        """Would merging the clusters of roots ``first`` and ``second`` break a rule?"""
        one, other = self._cluster(first), self._cluster(second)
        if len(one.orcids | other.orcids) > 1:
            return True
        if not same_byline_ok and not one.bylines.isdisjoint(other.bylines):
            return True
        return any(
            _forenames_conflict(mine, theirs)
            for family, mine in one.forms
            for other_family, theirs in other.forms
            if family & other_family  # forenames are compared under the same family name
        )

    def union(self, first: int, second: int, reasons: set[str]) -> None:
        """Merge the clusters of ``first`` and ``second`` (checked by the caller)."""
        one, other = self.find(first), self.find(second)
        if one == other:
            return
        root, child = min(one, other), max(one, other)
        kept, absorbed = self._cluster(root), self._cluster(child)
        kept.bylines |= absorbed.bylines
        kept.orcids |= absorbed.orcids
        kept.forms |= absorbed.forms
        kept.reasons |= absorbed.reasons | reasons
        self._merged[root] = kept
        self._merged.pop(child, None)
        self._parent[child] = root

    def _cluster(self, root: int) -> _Cluster:
        merged = self._merged.get(root)
        if merged is not None:
            return merged
        mentions = self._mentions
        orcid = mentions.orcid[root]
        name = mentions.name[root]
        return _Cluster(
            {mentions.byline[root]}, {orcid} if orcid else set(), {(name.family, name.given)}
        )


@lru_cache(maxsize=65_536)
def _forenames_conflict(first: tuple[GivenToken, ...], second: tuple[GivenToken, ...]) -> bool:
    return compare_given(first, second) is Agreement.CONFLICT
