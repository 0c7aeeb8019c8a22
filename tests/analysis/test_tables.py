"""The rows of ``kg analyze`` and their table, CSV and JSON forms."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kg.analysis.metrics import METRICS, Analysis, analyse
from kg.analysis.networks import build_network
from kg.analysis.source import Collaboration
from kg.analysis.tables import render, rows


@pytest.fixture(scope="module")
def coauthors(collaboration: Collaboration) -> Analysis:
    return analyse(build_network(collaboration, "coauthors"))


def test_rows_are_sorted_by_the_measure_and_cut_to_the_top(coauthors: Analysis) -> None:
    top = rows(coauthors, sort="degree", top=3)
    assert [row["name"] for row in top] == ["Jamie Brown", "Robert West", "Adrian Leemann"]
    assert [row["rank"] for row in top] == [1, 2, 3]
    by_papers = rows(coauthors, sort="papers", top=0)
    assert len(by_papers) == 16
    assert [row["papers"] for row in by_papers] == sorted(
        (row["papers"] for row in by_papers), reverse=True
    )
    # Brown and Leemann have 3 papers each; the tie goes to the greater strength (7 > 6).
    assert [row["name"] for row in by_papers[:2]] == ["Jamie Brown", "Adrian Leemann"]
    with pytest.raises(ValueError, match="unknown sort key"):
        rows(coauthors, sort="fame")


def test_csv_has_a_header_and_one_line_per_node(coauthors: Analysis) -> None:
    parsed = list(csv.DictReader(io.StringIO(render(coauthors, "csv", top=5))))
    assert len(parsed) == 5
    assert list(parsed[0]) == ["rank", "id", "name", "papers", *METRICS]
    assert parsed[0]["name"] == "Jamie Brown"
    assert (int(parsed[0]["degree"]), float(parsed[0]["strength"])) == (6, 7.0)
    assert float(parsed[0]["betweenness"]) == pytest.approx(7 / 105, abs=1e-15)  # full precision


def test_institutions_carry_their_country(collaboration: Collaboration) -> None:
    analysis = analyse(build_network(collaboration, "institutions"))
    parsed = list(csv.DictReader(io.StringIO(render(analysis, "csv", top=0))))
    assert "country" in parsed[0]
    assert {row["country"] for row in parsed} >= {"GB", "CH", "DE", "FR", "US"}


def test_json_holds_the_summary_and_the_rows(coauthors: Analysis) -> None:
    document = json.loads(render(coauthors, "json", sort="betweenness", top=2))
    assert document["network"] == "coauthors"
    assert document["years"] == {"since": None, "until": None}
    assert document["papers"] == 9
    summary = document["summary"]
    assert (summary["nodes"], summary["edges"], summary["components"]) == (16, 21, 4)
    assert summary["betweenness"] == {
        "sampled": False,
        "sources": 16,
        "seed": None,
        "work": 7 * 19 + 5 * 11 + 3 * 6 + 1,  # size x (size + edges) per component
    }
    assert "seconds" not in summary  # the same analysis prints the same bytes
    assert [node["name"] for node in document["nodes"]] == ["Jamie Brown", "Adrian Leemann"]
    assert render(coauthors, "json") == render(coauthors, "json")


def test_the_table_reads_like_a_report(coauthors: Analysis) -> None:
    lines = render(coauthors, "table", top=3).splitlines()
    assert lines[0] == (
        "Co-authorship network, all years: 16 author nodes, 21 links, from 9 paper(s)"
    )
    assert "4 communities (Leiden, seed 42; largest 7, 5, 3, 1)" in lines[2]
    assert "betweenness exact" in lines[3]
    header = lines.index("Top 3 by degree:") + 1
    assert lines[header].split() == ["rank", "name", "papers", *METRICS, "id"]
    first = lines[header + 1]
    assert first.split()[:6] == ["1", "Jamie", "Brown", "3", "6", "7"]
    assert len(lines) == header + 4
