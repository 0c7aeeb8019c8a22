"""The shipped SPARQL queries run on a real build's RDF and give the build's answer."""

import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from support import EXAMPLES

from kg.cli.main import cli
from kg.resources import data_dir


@pytest.fixture(scope="module")
def rdf_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def test_papers_per_year_counts_every_paper_of_the_inputs(rdf_build: Path) -> None:
    graph = rdflib.Graph().parse(rdf_build / "graph.ttl", format="turtle")
    query = (data_dir("queries") / "papers_per_year.rq").read_text()
    rows = [(int(row[0]), int(row[1])) for row in graph.query(query)]
    nodes = json.loads((rdf_build / "graph.json").read_text())["nodes"]
    expected: dict[int, int] = {}
    for node in nodes:
        if node["label"] == "Paper" and node.get("in_corpus") and "year" in node:
            expected[node["year"]] = expected.get(node["year"], 0) + 1
    assert dict(rows) == expected
    assert sum(expected.values()) == 66
