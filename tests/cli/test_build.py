"""``kg build`` end to end on the examples: every output, the same counts everywhere."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from click.testing import Result
from support import EXAMPLES, read_jsonl

from kg.writers.graphml import read_graphml
from kg.writers.nodelink import read_node_link

KG = rdflib.Namespace("https://w3id.org/kg/schema#")


@pytest.fixture(scope="module")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from kg.cli.main import cli

    out = tmp_path_factory.mktemp("build")
    result = CliRunner().invoke(
        cli, ["build", str(EXAMPLES), "--out", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return out


def test_build_writes_every_output(example_build: Path) -> None:
    for name in (
        "graph.json",
        "graph.ttl",
        "graph.graphml",
        "overview.html",
        "rejected.jsonl",
        "warnings.jsonl",
        "manifest.json",
    ):
        assert (example_build / name).is_file(), name
    manifest = json.loads((example_build / "manifest.json").read_text())
    formats = {Path(i["file"]).name: i["format"] for i in manifest["inputs"]}
    assert formats == {
        "citation_listing_msc_rheumatic.txt": "citation-listing",
        "pubmed_msc_autoimmune.xml.gz": "pubmed-xml",
        "pubmed_page_msc_lupus.txt": "pubmed-page",
    }
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["records"]["read"] == 66
    assert manifest["records"]["accepted"] + manifest["records"]["rejected"] == 66
    assert manifest["peak_memory_mb"] > 0
    assert manifest["timings_seconds"]["total"] > 0
    assert read_jsonl(example_build / "rejected.jsonl") == []


def test_the_same_counts_in_every_format(example_build: Path) -> None:
    manifest = json.loads((example_build / "manifest.json").read_text())
    graph = read_node_link(example_build / "graph.json")
    labels = Counter(data["label"] for _, data in graph.nodes(data=True))
    types = Counter(key for _, _, key in graph.edges(keys=True))
    assert dict(labels) == manifest["nodes_by_label"]
    assert dict(types) == manifest["edges_by_type"]

    graphml = read_graphml(example_build / "graph.graphml")
    assert Counter(d["label"] for _, d in graphml.nodes(data=True)) == labels
    assert Counter(k for _, _, k in graphml.edges(keys=True)) == types

    rdf = rdflib.Graph().parse(example_build / "graph.ttl", format="turtle")
    for label, count in labels.items():
        assert len(set(rdf.subjects(rdflib.RDF.type, KG[label]))) == count, label
    for kind, count in types.items():
        local = "".join(part.capitalize() for part in kind.lower().split("_"))
        predicate = KG[local[0].lower() + local[1:]]
        assert len(set(rdf.subject_objects(predicate))) == count, kind


def test_seed_facts_reach_the_graph(example_build: Path) -> None:
    graph = read_node_link(example_build / "graph.json")
    paper = graph.nodes["pmid:39882532"]
    assert paper["title"].startswith("Cell therapy for scleroderma")
    assert paper["journal"] == "Front Med (Lausanne)"
    authors = sorted(
        (d["position"], u)
        for u, _, k, d in graph.in_edges("pmid:39882532", keys=True, data=True)
        if k == "AUTHORED"
    )
    assert len(authors) == 8
    first = graph.nodes[authors[0][1]]
    assert (first["fore_name"], first["last_name"]) == ("Liting", "Chen")
    # Anping Chen's two institutions collaborate through that paper.
    anping = authors[-1][1]
    places = sorted(v for _, v, k in graph.out_edges(anping, keys=True) if k == "AFFILIATED_WITH")
    assert len(places) == 2
    assert graph.has_edge(places[0], places[1], key="COLLABORATES_WITH")
    # The saved PubMed page cites five works, each a Paper node.
    page = next(n for n, d in graph.nodes(data=True) if d.get("doi") == "10.1002/iub.2387")
    assert sum(1 for _, _, k in graph.out_edges(page, keys=True) if k == "CITES") == 5


def test_builds_are_reproducible(
    tmp_path: Path, run_kg: Callable[..., Result], example_build: Path
) -> None:
    result = run_kg("build", str(EXAMPLES), "--out", str(tmp_path), "--quiet")
    assert result.exit_code == 0
    for name in ("graph.json", "graph.ttl", "graph.graphml"):
        assert (tmp_path / name).read_bytes() == (example_build / name).read_bytes(), name


def test_parse_then_build_from_records_gives_the_same_graph(
    tmp_path: Path, run_kg: Callable[..., Result], example_build: Path
) -> None:
    records = tmp_path / "records.jsonl"
    parsed = run_kg("parse", str(EXAMPLES), "--out", str(records))
    assert parsed.exit_code == 0, parsed.output
    assert len(records.read_text().splitlines()) == 66
    result = run_kg("build", str(records), "--out", str(tmp_path / "b"), "--quiet")
    assert result.exit_code == 0, result.output
    again = json.loads((tmp_path / "b" / "manifest.json").read_text())
    first = json.loads((example_build / "manifest.json").read_text())
    assert again["nodes_by_label"] == first["nodes_by_label"]
    assert again["edges_by_type"] == first["edges_by_type"]


def test_one_paper_read_twice_is_one_node(tmp_path: Path, run_kg: Callable[..., Result]) -> None:
    listing = EXAMPLES / "citation_listing_msc_rheumatic.txt"
    records = tmp_path / "listing.jsonl"
    assert run_kg("parse", str(listing), "--out", str(records)).exit_code == 0
    result = run_kg("build", str(listing), str(records), "--out", str(tmp_path / "b"), "-q")
    assert result.exit_code == 0
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["records"]["accepted"] == 10
    assert manifest["records"]["papers"] == 5
    assert manifest["records"]["merged_into_existing_papers"] == 5


def test_stats_summarises_a_build(example_build: Path, run_kg: Callable[..., Result]) -> None:
    result = run_kg("stats", str(example_build))
    assert result.exit_code == 0
    assert "Records: 66 read, 66 accepted, 0 rejected" in result.output
    as_json = json.loads(run_kg("stats", str(example_build), "--json").output)
    assert as_json["records"]["read"] == 66


def test_stats_on_a_directory_that_is_not_a_build(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    result = run_kg("stats", str(tmp_path))
    assert result.exit_code == 1
    assert "not a kg build directory" in result.output


def test_help_of_every_command_has_an_example(run_kg: Callable[..., Result]) -> None:
    for command in ((), ("build",), ("parse",), ("formats",), ("stats",)):
        result = run_kg(*command, "--help")
        assert result.exit_code == 0
        assert "Example: kg" in result.output


def test_every_fixture_builds_and_every_record_is_accounted_for(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    """All real fixtures of every format in one build: no crash, counts add up per input."""
    data = EXAMPLES.parent / "tests" / "data"
    result = run_kg("build", str(data), str(EXAMPLES), "--out", str(tmp_path / "all"), "-q")
    assert "internal error" not in result.output, result.output
    manifest = json.loads((tmp_path / "all" / "manifest.json").read_text())
    for report in manifest["inputs"]:
        assert report["records_read"] == (
            report["accepted"] + report["rejected"] + report["deleted"]
        ), report["file"]
    formats = {report["format"] for report in manifest["inputs"] if report["format"]}
    assert {
        "pubmed-xml",
        "medline",
        "pubmed-text",
        "pubmed-csv",
        "pubmed-page",
        "citation-listing",
        "records-jsonl",
    } <= formats
    graph = read_node_link(tmp_path / "all" / "graph.json")
    assert sum(1 for _, d in graph.nodes(data=True) if d.get("in_corpus")) > 0
    rdf = rdflib.Graph().parse(tmp_path / "all" / "graph.ttl", format="turtle")
    assert len(set(rdf.subjects(rdflib.RDF.type, KG["Paper"]))) == sum(
        1 for _, d in graph.nodes(data=True) if d["label"] == "Paper"
    )


def test_one_paper_from_two_formats_is_one_node_with_all_it_learned(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    """PMID 27797938 is in a PubMed XML file and in an Abstract (text) export."""
    data = EXAMPLES.parent / "tests" / "data"
    xml = data / "pubmed_xml" / "biopython_pubmed4.xml"
    text = data / "pubmed_text" / "abstract_text_export.txt"
    result = run_kg("build", str(text), str(xml), "--out", str(tmp_path / "b"), "-q")
    assert result.exit_code == 0, result.output
    graph = read_node_link(tmp_path / "b" / "graph.json")
    paper = graph.nodes["pmid:27797938"]
    assert paper["formats"] == ["pubmed-text", "pubmed-xml"]
    assert len(paper["sources"]) == 2
    authors = [u for u, _, k in graph.in_edges("pmid:27797938", keys=True) if k == "AUTHORED"]
    assert len(authors) == 22  # one byline, not the two exports' bylines side by side
    assert all("fore_name" in graph.nodes[a] for a in authors if a.startswith("author:"))
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["records"]["merged_into_existing_papers"] == 1
