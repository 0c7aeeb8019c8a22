"""``kg validate DIR``: lines in words, a one-line summary, exit 1 only on violations."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from support import DATA, EXAMPLES

from kg.cli.main import cli

KG = "https://w3id.org/kg/schema#"
SUMMARY = re.compile(
    r"^(?P<graph>\S+graph\.ttl) (?P<verdict>conforms to|does not conform to) the kg shapes: "
    r"(?P<violations>\d+) violations?(, (?P<warnings>\d+) warnings?)?; checked (?P<triples>\d+) "
    r"triples, (?P<nodes>\d+) nodes, (?P<shapes>\d+) shapes in [0-9.]+ s, [0-9.]+ s of it loading "
    r"\(oxigraph\)$"
)


def _build(inputs: Path, out: Path) -> Path:
    result = CliRunner().invoke(cli, ["build", str(inputs), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def csv_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small real build that conforms without warnings."""
    return _build(DATA / "pubmed_csv", tmp_path_factory.mktemp("csv") / "build")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The JSON report of the examples build as built (its known findings and warnings)."""
    out = _build(EXAMPLES, tmp_path_factory.mktemp("examples") / "build")
    result = CliRunner().invoke(cli, ["validate", str(out), "--format", "json"])
    report: dict[str, Any] = json.loads(result.output)
    report["directory"] = out
    return report


@pytest.fixture(scope="module")
def broken_build(baseline: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples build with a confidence of 1.5 and a paper's title removed.

    The paper is one no evidence quotes from its title, so only the missing title is reported.
    """
    out = tmp_path_factory.mktemp("broken") / "build"
    shutil.copytree(baseline["directory"], out)
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    store.update(
        f"""PREFIX kg: <{KG}>
        DELETE {{ ?e kg:confidence ?c }} INSERT {{ ?e kg:confidence 1.5e0 }} WHERE {{
          {{ SELECT ?e ?c WHERE {{ ?e kg:confidence ?c }} ORDER BY ?e LIMIT 1 }} }};
        DELETE {{ ?p kg:title ?t }} WHERE {{
          {{ SELECT ?p ?t WHERE {{ ?p kg:inCorpus true ; kg:title ?t
                                    FILTER NOT EXISTS {{ ?e kg:paper ?p ; kg:field "title" }} }}
             ORDER BY ?p LIMIT 1 }} }}
        """
    )
    store.dump(str(out / "graph.ttl"), ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    return out


def test_a_conforming_build_prints_one_summary_line_and_exits_0(
    run_kg: Callable[..., Result], csv_build: Path
) -> None:
    result = run_kg("validate", str(csv_build))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1, lines
    summary = SUMMARY.match(lines[0])
    assert summary, lines[0]
    assert summary["verdict"] == "conforms to" and summary["violations"] == "0"
    assert summary["graph"] == str(csv_build / "graph.ttl")
    assert int(summary["triples"]) > 1000 and int(summary["nodes"]) > 50
    assert int(summary["shapes"]) >= 25


def test_violations_are_lines_in_words_and_exit_1(
    run_kg: Callable[..., Result], broken_build: Path, baseline: dict[str, Any]
) -> None:
    result = run_kg("validate", str(broken_build))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    confidence = [line for line in lines if "confidence" in line]
    assert len(confidence) == 1, lines
    assert re.fullmatch(
        r"1 Evidence node without exactly one confidence, a double from 0 to 1: "
        r'evidence in \S+ for \S+ -\w+-> \S+ \(confidence "1\.5"\) \(shape kg:EvidenceShape\)',
        confidence[0],
    ), confidence[0]
    title = [line for line in lines if "title" in line]
    assert len(title) == 1 and title[0].startswith(
        "warning: 1 Paper node read from the inputs but without a title: "
    ), title
    assert title[0].endswith("(shape kg:PaperTitleShape)")
    summary = SUMMARY.match(lines[-1])
    assert summary and summary["verdict"] == "does not conform to", lines[-1]
    assert int(summary["violations"]) == baseline["violations"] + 1
    assert int(summary["warnings"] or 0) == baseline["warnings"] + 1


def test_examples_limit_the_nodes_named_per_line(
    run_kg: Callable[..., Result], broken_build: Path, baseline: dict[str, Any]
) -> None:
    results = next(g for g in baseline["groups"] if g["shape"] == "kg:IsAAcrossShape")["results"]
    assert results > 5
    default = run_kg("validate", str(broken_build)).output
    across = next(line for line in default.splitlines() if "IS_A" in line)
    assert across.count("-isA->") == 5 and f", … and {results - 5} more (shape" in across
    none = run_kg("validate", str(broken_build), "--examples", "0").output
    across = next(line for line in none.splitlines() if "IS_A" in line)
    assert "-isA->" not in across and f": {results} results (shape kg:IsAAcrossShape)" in across


def test_json_output_carries_the_whole_report(
    run_kg: Callable[..., Result], broken_build: Path, baseline: dict[str, Any]
) -> None:
    result = run_kg("validate", str(broken_build), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["conforms"] is False
    assert report["violations"] == baseline["violations"] + 1
    assert report["warnings"] == baseline["warnings"] + 1
    assert report["engine"] == "oxigraph" and report["triples"] > 60000
    groups = {(g["shape"], g["severity"], g["label"]): g for g in report["groups"]}
    evidence = groups["kg:EvidenceShape", "Violation", "Evidence"]
    assert evidence["nodes"] == 1 and evidence["examples"][0].endswith('(confidence "1.5")')
    across = groups["kg:IsAAcrossShape", "Warning", "Molecule"]
    assert across["results"] == len(across["examples"]) > 5


def test_a_directory_that_is_not_a_build_is_an_error(
    run_kg: Callable[..., Result], tmp_path: Path
) -> None:
    result = run_kg("validate", str(tmp_path))
    assert result.exit_code == 1
    assert result.output.startswith("kg: error: ")
    assert "has no graph.ttl" in result.output and "kg build" in result.output


def test_a_corrupt_graph_is_an_error_naming_the_file(
    run_kg: Callable[..., Result], csv_build: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "corrupt"
    shutil.copytree(csv_build, broken)
    text = (broken / "graph.ttl").read_text(encoding="utf-8")
    (broken / "graph.ttl").write_text(text[: len(text) // 2], encoding="utf-8")
    result = run_kg("validate", str(broken))
    assert result.exit_code == 1
    assert f"{broken / 'graph.ttl'}: cannot be read as Turtle" in result.output


def test_help_ends_with_an_example(run_kg: Callable[..., Result]) -> None:
    result = run_kg("validate", "--help")
    assert result.exit_code == 0
    assert result.output.rstrip().splitlines()[-1].strip().startswith("Example: kg validate")
    assert "--engine [oxigraph|pyshacl]" in result.output


@pytest.mark.slow
def test_the_pyshacl_engine_gives_the_same_report(
    run_kg: Callable[..., Result], csv_build: Path, tmp_path: Path
) -> None:
    """pyshacl, the reference, finds the same problems on a small build with three planted."""
    broken = tmp_path / "csv"
    shutil.copytree(csv_build, broken)
    store = ox.Store()
    store.load(path=str(broken / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    store.update(
        f"""PREFIX kg: <{KG}>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        DELETE {{ ?p kg:title ?t }} WHERE {{
          {{ SELECT ?p ?t WHERE {{ ?p kg:inCorpus true ; kg:title ?t }} ORDER BY ?p LIMIT 1 }} }};
        DELETE {{ ?p kg:year ?y }} INSERT {{ ?p kg:year "MMXX"^^xsd:integer }}
        WHERE {{ {{ SELECT ?p ?y WHERE {{ ?p kg:year ?y }} ORDER BY DESC(?p) LIMIT 1 }} }};
        INSERT {{ ?p kg:treats ?q }} WHERE {{
          {{ SELECT ?p ?q WHERE {{ ?p a kg:Paper . ?q a kg:Paper FILTER (?p != ?q) }}
             ORDER BY ?p ?q LIMIT 1 }} }}
        """
    )
    store.dump(str(broken / "graph.ttl"), ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    ours = json.loads(run_kg("validate", str(broken), "--format", "json").output)
    reference = run_kg("validate", str(broken), "--format", "json", "--engine", "pyshacl")
    assert reference.exit_code == 1, reference.output
    theirs = json.loads(reference.output)
    assert theirs["engine"] == "pyshacl" and theirs["conforms"] is False
    assert theirs["groups"] == ours["groups"]
    assert len(ours["groups"]) == 5  # title; year; TREATS subject, object and evidence
