"""One weighted, undirected collaboration network: co-authors, institutions or countries.

Vertices are numbered 0..n-1 in the order of their sorted ids, so the same graph always gives
the same numbering and therefore the same (seeded) metrics.  Edge weights are joint papers:
the derived edges' ``papers`` restricted to the time slice.  Without a slice every author
(institution) of the graph is a vertex, those without co-authors included (degree 0); with
one, only those on at least one paper of the slice.

The country network is derived here, as no node stands for a country: a paper links every
pair of countries among the institutions its authors name, once per paper.  It is not capped
by the size of the byline as the other two are (by ``kg build --max-authors``), since a
paper names a few dozen countries at most.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, combinations
from typing import Final, Literal, TypeAlias

from kg.analysis.slicing import ALL_YEARS, YearRange
from kg.analysis.source import Collaboration, Link

__all__ = ["NETWORK_KINDS", "Network", "NetworkKind", "build_network"]

NetworkKind: TypeAlias = Literal["coauthors", "institutions", "countries"]
NETWORK_KINDS: Final[tuple[NetworkKind, ...]] = ("coauthors", "institutions", "countries")


@dataclass(frozen=True)
class Network:
    """A network ready for the metrics: vertices 0..n-1, weighted edges ``i < j``."""

    kind: NetworkKind
    years: YearRange
    ids: list[str]
    names: list[str]
    papers: list[int]  # papers of each vertex within the slice
    edges: list[tuple[int, int]]
    weights: list[int]
    # Papers of the slice with at least one member, and how many members each has: the
    # "collaboration over years" plot counts those with two or more.
    paper_members: dict[str, int] = field(default_factory=dict)
    countries: list[str | None] | None = None  # institutions: ISO code of each vertex
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)


def build_network(
    collaboration: Collaboration, kind: NetworkKind, years: YearRange = ALL_YEARS
) -> Network:
    """The ``kind`` network of ``collaboration`` restricted to the papers ``years`` admits."""
    notes: list[str] = []
    if years.bounded:
        undated = sum(1 for year in collaboration.years.values() if year is None)
        if undated:
            notes.append(f"{undated} paper(s) of unknown year are outside every time slice")
    names: Mapping[str, str]
    member_papers: Mapping[str, Sequence[str]]
    links: Iterable[Link]
    if kind == "coauthors":
        names, member_papers = collaboration.authors, collaboration.author_papers
        links = collaboration.co_authorship
    elif kind == "institutions":
        names = {node: place.name for node, place in collaboration.institutions.items()}
        member_papers, links = collaboration.institution_papers, collaboration.collaboration
    elif kind == "countries":
        names, member_papers, links = _countries(collaboration, notes)
    else:
        raise ValueError(f"unknown network kind {kind!r}; expected one of {NETWORK_KINDS}")
    network = _assemble(kind, names, member_papers, links, collaboration.years, years, notes)
    if kind == "institutions":
        codes = [collaboration.institutions[node].country_code for node in network.ids]
        return replace(network, countries=codes)
    return network


def _assemble(
    kind: NetworkKind,
    names: Mapping[str, str],
    member_papers: Mapping[str, Sequence[str]],
    links: Iterable[Link],
    paper_years: Mapping[str, int | None],
    years: YearRange,
    notes: list[str],
) -> Network:
    bounded = years.bounded
    kept: Mapping[str, Sequence[str]]
    if bounded:
        kept = {member: years.keep(member_papers.get(member, ()), paper_years) for member in names}
        ids = sorted(member for member, papers in kept.items() if papers)
    else:  # every member, its papers as they are: no copies of a million lists
        kept = member_papers
        ids = sorted(names)
    index = {member: position for position, member in enumerate(ids)}.get
    pairs: dict[tuple[int, int], int] = {}
    for source, target, shared, count in links:
        weight = len(years.keep(shared, paper_years)) if bounded else count
        first, second = index(source), index(target)
        if weight <= 0 or first is None or second is None or first == second:
            continue
        pair = (first, second) if first < second else (second, first)
        pairs[pair] = pairs.get(pair, 0) + weight
    edges = sorted(pairs)
    papers_of = [kept.get(member, ()) for member in ids]
    paper_members = Counter(chain.from_iterable(papers_of))
    return Network(
        kind=kind,
        years=years,
        ids=ids,
        names=[names[member] for member in ids],
        papers=[len(papers) for papers in papers_of],
        edges=edges,
        weights=[pairs[pair] for pair in edges],
        paper_members=dict(paper_members),
        notes=notes,
    )


def _countries(
    collaboration: Collaboration, notes: list[str]
) -> tuple[dict[str, str], dict[str, list[str]], list[Link]]:
    """Country names, each country's papers, and one link per pair of countries of a paper."""
    from kg.extract.countries import country_name  # pycountry only for this network

    by_paper: dict[str, set[str]] = defaultdict(set)
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    without = 0
    for node, place in collaboration.institutions.items():
        code = place.country_code
        if code is None:
            without += 1
            continue
        spelled[code][place.country or code] += 1
        for paper in collaboration.institution_papers.get(node, ()):
            by_paper[paper].add(code)
    if without:
        notes.append(f"{without} institution(s) without a known country are left out")
    papers_of: dict[str, list[str]] = defaultdict(list)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for paper, codes in by_paper.items():
        ordered = sorted(codes)
        for code in ordered:
            papers_of[code].append(paper)
        for pair in combinations(ordered, 2):
            shared[pair].append(paper)
    names = {
        code: country_name(code) or counts.most_common(1)[0][0] for code, counts in spelled.items()
    }
    links: list[Link] = [
        (first, second, papers, len(papers)) for (first, second), papers in shared.items()
    ]
    return names, dict(papers_of), links
