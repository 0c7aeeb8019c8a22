"""Reading the networks' material from a build directory and from an in-memory graph."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.analysis.source import Collaboration, collaboration_from_graph, read_collaboration
from kg.errors import OutputError
from kg.writers.nodelink import read_node_link


def _names(collaboration: Collaboration, links: str) -> dict[frozenset[str], int]:
    names = {**collaboration.authors}
    names.update({node: place.name for node, place in collaboration.institutions.items()})
    return {
        frozenset((names[source], names[target])): weight
        for source, target, _, weight in getattr(collaboration, links)
    }


def test_papers_people_and_links_of_a_build(collaboration: Collaboration) -> None:
    assert len(collaboration.years) == 9  # the records; cited works are not papers of the corpus
    assert sorted(collaboration.years.values()) == [2019, 2020, 2020] + [2021] * 6
    assert len(collaboration.authors) == 16
    brown = [node for node, name in collaboration.authors.items() if name == "Jamie Brown"]
    assert len(brown) == 1 and len(collaboration.author_papers[brown[0]]) == 3
    pairs = _names(collaboration, "co_authorship")
    assert len(pairs) == 21
    assert pairs[frozenset({"Robert West", "Jamie Brown"})] == 2
    assert pairs[frozenset({"Jamie Brown", "Thierry Gagné"})] == 1
    countries = {place.country_code for place in collaboration.institutions.values()}
    assert countries == {"GB", "CH", "DE", "FR", "US"}


def test_the_graph_in_memory_gives_the_same_material(
    collaboration: Collaboration, collaboration_build: Path
) -> None:
    graph = read_node_link(collaboration_build / "graph.json")
    again = collaboration_from_graph(graph)
    assert again.years == collaboration.years
    assert again.authors == collaboration.authors
    assert again.institutions == collaboration.institutions
    assert _names(again, "co_authorship") == _names(collaboration, "co_authorship")
    assert _names(again, "collaboration") == _names(collaboration, "collaboration")
    assert {k: sorted(v) for k, v in again.institution_papers.items()} == {
        k: sorted(v) for k, v in collaboration.institution_papers.items()
    }


def test_a_directory_that_is_not_a_build_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"is not a kg build directory \(does not exist\)"):
        read_collaboration(tmp_path / "missing")
    with pytest.raises(OutputError, match=r"has no graph\.json.*run `kg build"):
        read_collaboration(tmp_path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ('{"nodes": [], "links": []}', "expected nodes with id and label.*edges"),
        (
            '{"nodes": [{"id": "pmid:1", "label": "Paper", "year": "2021"}], "edges": []}',
            r"Expected `int \| null`, got `str` - at `\$.nodes\[0\].year`",
        ),
    ],
)
def test_a_broken_graph_json_says_what_and_where(
    collaboration_build: Path, tmp_path: Path, content: str, expected: str
) -> None:
    broken = tmp_path / "build"
    shutil.copytree(collaboration_build, broken)
    (broken / "graph.json").write_text(content, encoding="utf-8")
    with pytest.raises(OutputError, match=expected) as raised:
        read_collaboration(broken)
    assert "\n" not in str(raised.value)
    assert str(broken / "graph.json") in str(raised.value)


def test_links_without_a_papers_list_keep_their_weight(tmp_path: Path) -> None:
    """A hand-made node-link file (Gephi, another tool) may give weights but no papers."""
    graph = {
        "nodes": [
            {"id": "a", "label": "Author", "name": "A"},
            {"id": "b", "label": "Author", "name": "B"},
        ],
        "edges": [{"source": "a", "target": "b", "type": "CO_AUTHORED_WITH", "weight": 3}],
    }
    (tmp_path / "graph.json").write_text(json.dumps(graph), encoding="utf-8")
    assert read_collaboration(tmp_path).co_authorship == [("a", "b", [], 3)]
