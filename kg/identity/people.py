"""From finished clusters to people: stable node ids, the name to show, the merge record.

A person's id must be the same in every run and for every input order (DESIGN §3):
``orcid:ID`` when the person has an ORCID, else ``author:`` and the fullest spelling of the
name (:func:`kg.graph.keys.name_key`, as before author identity existed).  Only when
several people share that key does each get a short hash of where it first appears (paper
id and byline position), which no other person can share.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kg.graph.keys import name_key
from kg.identity.clusters import Byline, Clusters, Mentions
from kg.model import Author

__all__ = ["Person", "Resolution", "name_people"]


@dataclass(frozen=True, slots=True)
class Person:
    """One resolved person: node id, the fullest spelling of the name, and the record."""

    id: str
    name: Author  # the mention with the fullest spelling (its ORCID is not the person's)
    orcid: str | None
    mentions: int
    merged_by: tuple[str, ...]


@dataclass(frozen=True)
class Resolution:
    """Who each byline position is; positions of groups and unreadable names are ``None``."""

    people: tuple[Person, ...]
    bylines: tuple[tuple[Person | None, ...], ...]

    def people_of(self, byline: int) -> tuple[Person | None, ...]:
        """The person at each position of byline number ``byline`` (input order)."""
        return self.bylines[byline]


def name_people(bylines: Sequence[Byline], mentions: Mentions, clusters: Clusters) -> Resolution:
    """One :class:`Person` per cluster, and every byline position's person."""
    # A root is its cluster's smallest mention number: clusters come out in paper order.
    members: dict[int, list[int]] = {}
    for index in range(len(mentions)):
        members.setdefault(clusters.find(index), []).append(index)
    drafts: list[tuple[int, Author, str | None, list[int]]] = []
    for root, group in members.items():
        orcids = clusters.orcids(root)
        drafts.append((root, _fullest(mentions, group), min(orcids) if orcids else None, group))
    bases = [
        f"orcid:{orcid}"
        if orcid
        else name_key(best.last_name or "", best.fore_name or best.initials)
        for _, best, orcid, _ in drafts
    ]
    shared = Counter(bases)
    people: list[Person] = []
    by_mention: list[Person | None] = [None] * len(mentions)
    for (root, best, orcid, group), base in zip(drafts, bases, strict=True):
        node = base
        if shared[base] > 1 and orcid is None:
            first = group[0]
            where = f"{bylines[mentions.byline[first]].paper}#{mentions.position[first] + 1}"
            node = f"{base}-{hashlib.sha1(where.encode()).hexdigest()[:8]}"
        reasons = tuple(sorted(clusters.reasons(root))) if len(group) > 1 else ()
        person = Person(node, best, orcid, len(group), reasons)
        people.append(person)
        for index in group:
            by_mention[index] = person
    return Resolution(tuple(people), tuple(_assign(bylines, mentions, by_mention)))


def _assign(
    bylines: Sequence[Byline], mentions: Mentions, by_mention: list[Person | None]
) -> Iterator[tuple[Person | None, ...]]:
    for number, byline in enumerate(bylines):
        slots: list[Person | None] = [None] * len(byline.authors)
        for index in mentions.of_byline.get(number, ()):
            slots[mentions.position[index]] = by_mention[index]
        yield tuple(slots)


def _fullest(mentions: Mentions, group: list[int]) -> Author:
    """The most complete spelling in the group; ties broken by the text, never by order."""

    def rank(index: int) -> tuple[int, int, int, str, str]:
        author = mentions.author[index]
        fore = author.fore_name or ""
        full_words = sum(not token.initial for token in mentions.name[index].given)
        accents = sum(not char.isascii() for char in f"{author.last_name}{fore}")
        return (full_words, len(fore), accents, fore, author.last_name or "")

    return mentions.author[group[0] if len(group) == 1 else max(group, key=rank)]
