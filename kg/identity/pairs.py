"""Which pairs of mentions share evidence, and of which kinds.

Nothing here decides a merge (that is :mod:`kg.identity.resolver`); this module only finds
the pairs worth deciding on, without ever comparing all pairs of a block:

* **indexed evidence**: every candidate mention is filed under (block, institution),
  (block, e-mail) and (block, co-author); two mentions filed together share that evidence.
  A co-author is known by its written name in the first round and by the person it was
  resolved to in later rounds (a cluster spanning papers), see :meth:`EvidencePairs.pairs`;
* **affiliation words**, compared pair by pair within a forename block (``chen|l|liting``),
  because common words make them useless as an index;
* **reordered names** (same words, another split or order), which fall in different
  blocks and are checked pair by pair.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from itertools import combinations

from kg.identity.clusters import Byline, Clusters, Mentions
from kg.identity.evidence import EvidenceReader, words_agree

__all__ = [
    "AFFILIATION",
    "COAUTHOR",
    "EMAIL",
    "INITIALS_COAUTHOR",
    "INSTITUTION",
    "EvidencePairs",
    "Pairs",
]

COAUTHOR = "coauthor"
INSTITUTION = "institution"
EMAIL = "email"
AFFILIATION = "affiliation"
# A shared co-author known only by initials (``Gómez Ruiz M``): weaker, see the resolver.
INITIALS_COAUTHOR = "coauthor-by-initials"

# Affiliation words and reordered names are compared pair by pair within a group; a group
# this large (a very common name in a very large corpus) relies on indexed evidence alone.
_MAX_GROUP = 1_000

Pairs = dict[tuple[int, int], set[str]]


class EvidencePairs:
    """The evidence-sharing pairs of one resolver run (see the module docstring)."""

    def __init__(
        self,
        mentions: Mentions,
        clusters: Clusters,
        bylines: Sequence[Byline],
        reader: EvidenceReader,
        *,
        max_coauthors: int,
        affiliation_words: bool,
    ) -> None:
        self._mentions = mentions
        self._clusters = clusters
        self._reader = reader
        self._use_words = affiliation_words
        self._small = {
            number for number, byline in enumerate(bylines) if len(byline.authors) <= max_coauthors
        }
        self._blocks = [name.block for name in mentions.name]
        self._keys = [name.full_key for name in mentions.name]
        self._initials_keys = [name.initials_key for name in mentions.name]
        sizes = Counter(block for block in self._blocks if block is not None)
        # Only mentions sharing a block with another mention can merge by indexed evidence.
        self._candidates = [i for i, block in enumerate(self._blocks) if block and sizes[block] > 1]
        self._candidates_of: dict[int, list[int]] = defaultdict(list)
        for i in self._candidates:
            self._candidates_of[mentions.byline[i]].append(i)
        self.reordered = self._reordered_pairs()

    def pairs(self, first_round: bool) -> Pairs:
        """Pairs in different clusters that share evidence, with the kinds they share.

        Only co-authors resolved since can add pairs after the first round: the other
        evidence never changes, and a pair refused once is refused again.
        """
        groups: list[tuple[str, list[int]]] = []
        if first_round:
            groups.extend(self._fixed_groups())
        groups.extend(self._coauthor_groups(by_name=first_round))
        pairs: Pairs = defaultdict(set)
        byline, find = self._mentions.byline, self._clusters.find
        for kind, members in groups:
            for i, j in combinations(members, 2):
                if byline[i] != byline[j] and find(i) != find(j):
                    pairs[(i, j)].add(kind)
        if first_round and self._use_words:
            for i, j in self._word_pairs():
                if find(i) != find(j):
                    pairs[(i, j)].add(AFFILIATION)
        for i, j in self.reordered:
            if find(i) != find(j):
                kinds = self._pair_evidence(i, j)
                if kinds:
                    pairs[(i, j)] |= kinds
        return pairs

    def _fixed_groups(self) -> Iterator[tuple[str, list[int]]]:
        index: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        reader = self._reader
        for i in self._candidates:
            block, author = self._blocks[i], self._mentions.author[i]
            assert block is not None
            for place in sorted(reader.institutions(author.affiliations)):
                index[(block, INSTITUTION, place)].append(i)
            for address in sorted(reader.emails(author)):
                index[(block, EMAIL, address)].append(i)
        for (_, kind, _), members in index.items():
            if len(members) > 1:
                yield kind, members

    def _coauthor_groups(self, by_name: bool) -> Iterator[tuple[str, list[int]]]:
        """Per co-author held by two papers: the other mentions of those papers, by block."""
        for token, found in self._coauthor_holders(by_name).items():
            if len(found) < 2 or len({number for number, _ in found}) < 2:
                continue
            kind = INITIALS_COAUTHOR if token.startswith("~") else COAUTHOR
            by_block: dict[str, set[int]] = defaultdict(set)
            for number, holder in found:
                for i in self._candidates_of.get(number, ()):
                    if i != holder:
                        by_block[self._blocks[i] or ""].add(i)
            for members in by_block.values():
                if len(members) > 1:
                    yield kind, sorted(members)

    def _coauthor_holders(self, by_name: bool) -> dict[str, list[tuple[int, int]]]:
        """Every co-author token with the (byline, mention) pairs that hold it.

        A co-author is known by the written name (``chen|liting``; ``~gomezruiz|m`` when
        only initials are written; first round only) and, once resolved across papers, by
        the person it was resolved to (``#17``).  Bylines above ``max_coauthors`` hold none.
        """
        mentions, clusters = self._mentions, self._clusters
        holders: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for number, members in mentions.of_byline.items():
            if number not in self._small:
                continue
            for j in members:
                if by_name:
                    token = self._written_token(j)
                    if token is not None:
                        holders[token].append((number, j))
                root = clusters.find(j)
                if clusters.spans_papers(root):
                    holders[f"#{root}"].append((number, j))
        return holders

    def _written_token(self, index: int) -> str | None:
        key = self._keys[index]
        if key is not None:
            return key
        initials = self._initials_keys[index]
        return None if initials is None else f"~{initials}"

    def _word_pairs(self) -> Iterator[tuple[int, int]]:
        """Pairs of one forename block whose affiliation words agree."""
        mentions = self._mentions
        groups: dict[str, list[int]] = defaultdict(list)
        for i in self._candidates:
            key = mentions.name[i].forename_block
            if key is not None and mentions.author[i].affiliations:
                groups[key].append(i)
        for members in groups.values():
            if not 1 < len(members) <= _MAX_GROUP:
                continue
            words = {
                i: self._reader.affiliation_words(mentions.author[i].affiliations) for i in members
            }
            for i, j in combinations(members, 2):
                if mentions.byline[i] != mentions.byline[j] and words_agree(words[i], words[j]):
                    yield i, j

    def _reordered_pairs(self) -> dict[tuple[int, int], bool]:
        """Mentions whose words are the same but split or ordered differently.

        ``Juan | Pablo Sánchez`` and ``Juan Pablo | Sánchez`` read the same (``True``);
        ``Ahmed, Karim Bushra`` and ``Karim, Bushra Ahmed``, or ``Chen Liting`` read family
        name last, are the same words in another order (``False``).
        """
        names, byline = self._mentions.name, self._mentions.byline
        groups: dict[str, list[int]] = defaultdict(list)
        for index, name in enumerate(names):
            key = name.reordering_key
            if key is not None:
                groups[key].append(index)
        found: dict[tuple[int, int], bool] = {}
        for members in groups.values():
            if not 1 < len(members) <= _MAX_GROUP:
                continue
            for i, j in combinations(members, 2):
                if byline[i] != byline[j] and not names[i].family & names[j].family:
                    found[(i, j)] = names[i].words == names[j].words
        return found

    def _pair_evidence(self, i: int, j: int) -> set[str]:
        """The kinds of evidence two mentions share, read directly (few pairs need this)."""
        reader = self._reader
        one, other = self._mentions.author[i], self._mentions.author[j]
        kinds: set[str] = set()
        if reader.institutions(one.affiliations) & reader.institutions(other.affiliations):
            kinds.add(INSTITUTION)
        if reader.emails(one) & reader.emails(other):
            kinds.add(EMAIL)
        if self._use_words and words_agree(
            reader.affiliation_words(one.affiliations),
            reader.affiliation_words(other.affiliations),
        ):
            kinds.add(AFFILIATION)
        shared = self._coauthors_of(i) & self._coauthors_of(j)
        if any(not token.startswith("~") for token in shared):
            kinds.add(COAUTHOR)
        elif shared:
            kinds.add(INITIALS_COAUTHOR)
        return kinds

    def _coauthors_of(self, index: int) -> set[str]:
        mentions, clusters = self._mentions, self._clusters
        number = mentions.byline[index]
        if number not in self._small:
            return set()
        tokens: set[str] = set()
        for j in mentions.of_byline[number]:
            if j == index:
                continue
            token = self._written_token(j)
            if token is not None:
                tokens.add(token)
            root = clusters.find(j)
            if clusters.spans_papers(root):
                tokens.add(f"#{root}")
        return tokens
