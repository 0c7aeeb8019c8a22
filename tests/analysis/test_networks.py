"""The three networks of a real build, checked by hand (tests/data/analysis/README.md)."""

from __future__ import annotations

import pytest

from kg.analysis.networks import Network, build_network
from kg.analysis.slicing import YearRange
from kg.analysis.source import Collaboration


def _links(network: Network) -> dict[frozenset[str], int]:
    return {
        frozenset((network.names[i], network.names[j])): weight
        for (i, j), weight in zip(network.edges, network.weights, strict=True)
    }


def _papers(network: Network) -> dict[str, int]:
    return dict(zip(network.names, network.papers, strict=True))


def test_co_authorship_over_all_years(collaboration: Collaboration) -> None:
    network = build_network(collaboration, "coauthors")
    assert len(network) == 16 and len(network.edges) == 21
    assert network.ids == sorted(network.ids)
    assert all(i < j for i, j in network.edges)
    links = _links(network)
    assert sum(links.values()) == 28
    assert links[frozenset({"Robert West", "Jamie Brown"})] == 2
    assert links[frozenset({"Ben Gittelson", "Adrian Leemann"})] == 2
    assert links[frozenset({"Adrian Leemann", "Carina Steiner"})] == 1
    assert _papers(network)["Jamie Brown"] == 3
    assert _papers(network)["Harold L Lazar"] == 1  # on his own: a vertex without links
    assert not any("Harold L Lazar" in pair for pair in links)
    assert len(network.paper_members) == 9
    assert network.paper_members and max(network.paper_members.values()) == 4


def test_a_time_slice_drops_the_links_of_other_years(collaboration: Collaboration) -> None:
    network = build_network(collaboration, "coauthors", YearRange(since=2021))
    links = _links(network)
    assert len(network) == 14 and len(links) == 16
    assert "Aleksandra Herbec" not in network.names  # her only paper is of 2019
    assert frozenset({"Aleksandra Herbec", "Jamie Brown"}) not in links
    assert links[frozenset({"Robert West", "Jamie Brown"})] == 1  # 2019's joint paper is out
    assert set(links.values()) == {1}
    assert _papers(network)["Jamie Brown"] == 2


def test_until_keeps_only_the_early_papers(collaboration: Collaboration) -> None:
    network = build_network(collaboration, "coauthors", YearRange(until=2020))
    assert len(network) == 10 and len(network.edges) == 12
    assert set(network.weights) == {1}
    assert "Thierry Gagné" not in network.names
    assert len(network.paper_members) == 3


def test_institutions_link_where_their_authors_share_papers(
    collaboration: Collaboration,
) -> None:
    network = build_network(collaboration, "institutions")
    assert network.countries is not None
    find = {
        place: next(n for n in network.names if place in n)
        for place in ("Oxford", "Bern", "Tübingen", "London")
    }
    links = _links(network)
    for first, second in (("Oxford", "Bern"), ("Oxford", "Tübingen"), ("Bern", "Tübingen")):
        assert links[frozenset({find[first], find[second]})] == 2
    # UCL's one partner is the SPECTRUM Consortium, on the two papers where Brown names both.
    ucl = next(n for n in network.names if n == "University College London")
    spectrum = next(n for n in network.names if "SPECTRUM" in n)
    assert {pair: count for pair, count in links.items() if ucl in pair} == {
        frozenset({ucl, spectrum}): 2
    }
    codes = dict(zip(network.names, network.countries, strict=True))
    assert codes[find["Bern"]] == "CH" and codes[find["London"]] == "GB"


@pytest.mark.parametrize(("since", "weight"), [(None, 2), (2021, 1)])
def test_countries_are_linked_by_the_papers_they_share(
    collaboration: Collaboration, since: int | None, weight: int
) -> None:
    network = build_network(collaboration, "countries", YearRange(since=since))
    assert network.ids == ["CH", "DE", "FR", "GB", "US"]
    assert network.names[network.ids.index("GB")] == "United Kingdom"  # not the "UK" of one
    links = _links(network)
    assert links == {
        frozenset({"Switzerland", "United Kingdom"}): weight,
        frozenset({"Germany", "United Kingdom"}): weight,
        frozenset({"Germany", "Switzerland"}): weight,
    }
    papers = _papers(network)
    assert papers["United Kingdom"] == (5 if since is None else 3)
    assert papers["France"] == (2 if since is None else 1)
