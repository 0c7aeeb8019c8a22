"""Clustering byline mentions into people, recording why every merge happened.

The rules (issue 4), in the order they are applied:

1. **ORCID.** Mentions with the same ORCID are one person, whatever their names say.
2. **Short form in a record.** Within one paper's byline, a name known only by its initials
   (``Chen L``) and the one full name it agrees with (``Liting Chen``) are one person when
   neither agrees with any other name of that byline.  Readers that assemble a byline from
   a citation line and an affiliation block leave such pairs when the two lists disagree.
   Otherwise two positions of one byline are two people.
3. **Same name plus evidence.** Across papers, two mentions are one person when their names
   agree (:func:`kg.identity.names.agreement`) *and* they share an institution, an e-mail
   address, the words of an affiliation, or a co-author (:mod:`kg.identity.pairs`).  How
   much evidence a pair needs depends on how well the names agree:

   * full forenames agree (``same-name``): one kind of evidence;
   * initials agree with a spelled-out forename (``initials``): one kind, and only when
     unambiguous: an initials-only person with evidence for two people whose forenames
     conflict (``Chen L`` with ``Chen Li`` and ``Chen Lei``) stays apart;
   * both are initials only (``same-initials``): identical initials and two independent
     kinds, a place *and* a co-author; initials alone are never enough;
   * the same words split or ordered differently: one kind when they read the same
     (``Juan | Pablo Sánchez``), else (``reordered-name``) a place and a co-author.

   A co-author is first recognised by an identical written name, then, round after round,
   by being a person already resolved, until a round merges nothing.

Every merge is checked against the whole of both clusters (:class:`Clusters`), so a chain
of agreeing pairs can never join two ORCIDs, two positions of one byline, or two conflicting
full forenames (A ~ B and B ~ C but A and C conflict: the second merge is refused).
Processing follows sorted paper ids, never the input order, so the same input gives the
same people in any order; :mod:`kg.identity.people` gives them stable node ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations

from kg.graph.institutions import institution_ids
from kg.identity.clusters import Byline, Clusters, Mentions
from kg.identity.evidence import EvidenceReader
from kg.identity.names import Agreement, agreement
from kg.identity.pairs import (
    AFFILIATION,
    COAUTHOR,
    EMAIL,
    INITIALS_COAUTHOR,
    INSTITUTION,
    EvidencePairs,
    Pairs,
)
from kg.identity.people import Person, Resolution, name_people

__all__ = [
    "DEFAULT_MAX_COAUTHORS",
    "ORCID",
    "SHORT_FORM",
    "Byline",
    "Person",
    "Resolution",
    "resolve_authors",
]

ORCID = "orcid"
SHORT_FORM = "short-form-in-record"

# Consortium papers share hundreds of co-authors by construction: no co-author evidence.
DEFAULT_MAX_COAUTHORS = 100
_MAX_ROUNDS = 6

Plan = tuple[int, int, str, set[str]]  # two mentions, how their names agree, evidence kinds


def resolve_authors(
    bylines: Sequence[Byline],
    *,
    use_orcid: bool = True,
    institutions: Callable[[str], list[str]] = institution_ids,
    affiliation_words: bool = True,
    max_coauthors: int = DEFAULT_MAX_COAUTHORS,
) -> Resolution:
    """Cluster every personal-name mention of ``bylines`` into people (module docstring).

    ``use_orcid=False`` hides ORCIDs from the matcher (to measure it against them);
    ``institutions`` maps an affiliation string to Institution node ids;
    ``affiliation_words=False`` drops the word-overlap evidence (to measure what it adds);
    bylines longer than ``max_coauthors`` give no co-author evidence.
    """
    mentions = Mentions.read(bylines, use_orcid)
    clusters = Clusters(mentions)
    _join_orcids(mentions, clusters)
    _join_short_forms(mentions, clusters)
    evidence = EvidencePairs(
        mentions,
        clusters,
        bylines,
        EvidenceReader(institutions),
        max_coauthors=max_coauthors,
        affiliation_words=affiliation_words,
    )
    merger = _Merger(mentions, clusters, evidence.reordered)
    for round_number in range(_MAX_ROUNDS):
        if not merger.merge(evidence.pairs(first_round=round_number == 0)):
            break
    return name_people(bylines, mentions, clusters)


def _join_orcids(mentions: Mentions, clusters: Clusters) -> None:
    """Rule 1."""
    first: dict[str, int] = {}
    for index, orcid in enumerate(mentions.orcid):
        if orcid is None:
            continue
        if orcid in first:
            clusters.union(first[orcid], index, {ORCID})
        else:
            first[orcid] = index


def _join_short_forms(mentions: Mentions, clusters: Clusters) -> None:
    """Rule 2: an initials-only name and its one agreeing full name in the same byline."""
    names = mentions.name
    for members in mentions.of_byline.values():
        short = [i for i in members if mentions.author[i].fore_name is None]
        full = [i for i in members if names[i].has_full_given]
        if not short or not full:
            continue
        partners = {
            i: [j for j in full if agreement(names[i], names[j]) >= Agreement.INITIALS]
            for i in short
        }
        for i, found in partners.items():
            if len(found) != 1:
                continue
            j = found[0]
            rivals = [k for k in short if j in partners[k]]
            one, other = clusters.find(i), clusters.find(j)
            if rivals != [i] or one == other:
                continue
            if not clusters.conflict(one, other, same_byline_ok=True):
                clusters.union(one, other, {SHORT_FORM})


class _Merger:
    """Rule 3: decides which evidence-sharing pairs are one person, and merges them."""

    def __init__(
        self, mentions: Mentions, clusters: Clusters, reordered: dict[tuple[int, int], bool]
    ) -> None:
        self._names = mentions.name
        self._clusters = clusters
        self._reordered = reordered

    def merge(self, pairs: Pairs) -> int:
        """Full-name merges first, then the unambiguous initials ones; returns how many."""
        first: list[Plan] = []
        later: list[Plan] = []
        for i, j in sorted(pairs):
            plan = self._plan(i, j, pairs[(i, j)])
            if plan is not None:
                (later if plan[2] in {"initials", "same-initials"} else first).append(plan)
        merged = sum(self._join(*plan) for plan in first)
        ambiguous = self._ambiguous(later)
        find = self._clusters.find
        for plan in later:
            if find(plan[0]) not in ambiguous and find(plan[1]) not in ambiguous:
                merged += self._join(*plan)
        return merged

    def _plan(self, i: int, j: int, kinds: set[str]) -> Plan | None:
        """How the names of a pair agree, and whether its evidence is enough for that."""
        names, clusters = self._names, self._clusters
        same_reading = self._reordered.get((i, j))
        if same_reading is False:  # the order is a guess
            return (i, j, "reordered-name", _labels(kinds)) if _corroborated(kinds) else None
        level = Agreement.FULL if same_reading else agreement(names[i], names[j])
        if level is Agreement.LETTERS and (
            clusters.spelled(clusters.find(i)) or clusters.spelled(clusters.find(j))
        ):
            level = Agreement.INITIALS  # initials joining a person whose forename is known
        if level is Agreement.LETTERS:
            if names[i].given == names[j].given and _corroborated(kinds):
                return i, j, "same-initials", _labels(kinds)
            return None
        strong = kinds - {INITIALS_COAUTHOR}
        if not strong or level < Agreement.INITIALS:
            return None
        return i, j, "same-name" if level is Agreement.FULL else "initials", strong

    def _join(self, i: int, j: int, level: str, kinds: set[str]) -> int:
        clusters = self._clusters
        one, other = clusters.find(i), clusters.find(j)
        if one == other or clusters.conflict(one, other):
            return 0
        clusters.union(one, other, {f"{level}+{kind}" for kind in kinds})
        return 1

    def _ambiguous(self, plans: list[Plan]) -> set[int]:
        """Clusters with initials-level evidence for two people who cannot be one."""
        clusters = self._clusters
        partners: dict[int, set[int]] = defaultdict(set)
        for i, j, _, _ in plans:
            one, other = clusters.find(i), clusters.find(j)
            if one != other:
                partners[one].add(other)
                partners[other].add(one)
        return {
            root
            for root, found in partners.items()
            if len(found) > 1
            and any(clusters.conflict(a, b) for a, b in combinations(sorted(found), 2))
        }


def _corroborated(kinds: set[str]) -> bool:
    """Two independent kinds of evidence: the same place *and* a shared co-author.

    What a weak name agreement needs (``Tou S`` and ``Tou S``; a guessed name order):
    either alone is what initial-based matching gets wrong.
    """
    place = bool(kinds & {INSTITUTION, AFFILIATION, EMAIL})
    people = bool(kinds & {COAUTHOR, INITIALS_COAUTHOR})
    return place and people


def _labels(kinds: set[str]) -> set[str]:
    return {COAUTHOR if kind == INITIALS_COAUTHOR else kind for kind in kinds}
