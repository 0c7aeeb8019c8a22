"""The named queries of queries/ answer their question on a real build.

One build of examples/ plus seven PubMed records that cite each other (tests/sparql/data:
examples/ has no citation between two of its own papers), made once with the real CLI.
Every query runs on the build's embedded store exactly as `kg query` runs it, and its
answer is compared with the same question answered independently in Python from
graph.json, so a query that joins the wrong statement, misses a direction of a symmetric
link or counts evidence sentences instead of papers fails here.
"""

from __future__ import annotations

import shlex
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from support import EXAMPLES, ROOT

from kg.cli.main import cli
from kg.graph.derived import DEFAULT_MAX_AUTHORS
from kg.namespaces import node_iri
from kg.sparql.params import bind
from kg.sparql.queries import find_query, load_library
from kg.sparql.results import SelectResult
from kg.sparql.store import execute, open_store, resolve_concepts
from kg.writers.nodelink import read_node_link

CITATIONS = ROOT / "tests" / "sparql" / "data" / "in_set_citations.xml.gz"
CONCEPT_LABELS = ("Disease", "Therapy", "Chemical", "Mechanism", "CellType", "Molecule")
_NUMBERS = {"integer": int, "double": float, "decimal": float, "boolean": None}


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    command = ["build", str(EXAMPLES), str(CITATIONS), "--out", str(out), "-q"]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output
    return out


@dataclass
class Graph:
    """graph.json, with the few lookups the expected answers need."""

    nodes: dict[str, dict[str, Any]]
    edges: list[tuple[str, str, dict[str, Any]]]
    _children: dict[str, set[str]] = field(default_factory=dict)

    def of_type(self, kind: str) -> list[tuple[str, str, dict[str, Any]]]:
        return [edge for edge in self.edges if edge[2]["type"] == kind]

    def below(self, top: str) -> set[str]:
        """``top`` and every node with an IS_A path up to it."""
        if not self._children:
            for source, target, _ in self.of_type("IS_A"):
                self._children.setdefault(target, set()).add(source)
        found, todo = {top}, [top]
        while todo:
            for child in self._children.get(todo.pop(), ()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def concepts(self, text: str, labels: Iterable[str] = CONCEPT_LABELS) -> set[str]:
        """Concept ids whose name, a synonym or concept id equals ``text``, ignoring case."""
        wanted = text.lower()
        return {
            node
            for node, data in self.nodes.items()
            if data["label"] in labels
            and wanted
            in {
                str(value).lower()
                for value in [data.get("name"), data.get("concept_id"), *data.get("synonyms", [])]
                if value
            }
        }

    def reference(self, paper: str) -> str:
        data = self.nodes[paper]
        if "pmid" in data:
            return f"PMID:{data['pmid']}"
        if "doi" in data:
            return f"doi:{data['doi']}"
        return node_iri(paper)

    def in_corpus(self, paper: str) -> bool:
        return bool(self.nodes[paper].get("in_corpus"))

    def mentioning(self, concepts: set[str]) -> set[str]:
        return {p for p, c, _ in self.of_type("MENTIONS") if c in concepts and self.in_corpus(p)}


@pytest.fixture(scope="module")
def graph(build: Path) -> Graph:
    loaded = read_node_link(build / "graph.json")
    return Graph(
        nodes={node: dict(data) for node, data in loaded.nodes(data=True)},
        edges=[(u, v, dict(data)) for u, v, data in loaded.edges(data=True)],
    )


def run(build: Path, name: str, **params: str) -> list[dict[str, Any]]:
    """The rows of a named query as `kg query` computes them, cells as Python values."""
    query = find_query(name)
    store = open_store(build)
    concepts = resolve_concepts(store, query, params, where=str(build))
    result = execute(store, bind(query, params, concepts=concepts), source=name)
    assert isinstance(result, SelectResult)
    return [
        {
            variable: _python(term)
            for variable, term in zip(result.variables, row, strict=True)
            if term is not None
        }
        for row in result.rows
    ]


def _python(term: object) -> Any:
    if isinstance(term, ox.Literal):
        kind = term.datatype.value.rpartition("#")[2]
        if kind == "boolean":
            return term.value == "true"
        converter = _NUMBERS.get(kind)
        return converter(term.value) if converter else term.value
    assert isinstance(term, ox.NamedNode)
    return term.value


def _split(cell: str | None) -> set[str]:
    """A GROUP_CONCAT cell as a set (its order is the engine's)."""
    return set(cell.split("; ")) if cell else set()


def _iris(ids: Iterable[str]) -> set[str]:
    return {node_iri(node) for node in ids}


@pytest.mark.parametrize(
    ("disease", "asserted_only"),
    [
        ("systemic lupus erythematosus", "false"),
        ("rheumatoid arthritis", "false"),
        ("RHEUMATOID ARTHRITIS", "true"),
        ("autoimmune disease", "false"),
    ],
)
def test_therapies_for_disease_lists_treatments_of_the_disease_and_its_subtypes(
    build: Path, graph: Graph, disease: str, asserted_only: str
) -> None:
    conditions = set().union(*(graph.below(d) for d in graph.concepts(disease, ["Disease"])))
    acts_via = graph.of_type("ACTS_VIA")
    expected = {}
    for therapy, condition, data in graph.of_type("TREATS"):
        if condition not in conditions or (asserted_only == "true" and not data["asserted"]):
            continue
        papers = set(data["paper"])
        mechanisms = {
            graph.nodes[mechanism]["name"]
            for source, mechanism, link in acts_via
            if source == therapy and papers & set(link["paper"])
        }
        expected[(node_iri(therapy), node_iri(condition))] = (
            graph.nodes[therapy]["label"],
            data["evidence_level"],
            data["asserted"],
            {graph.reference(paper) for paper in papers},
            mechanisms,
        )
    rows = run(build, "therapies_for_disease", disease=disease, asserted_only=asserted_only)
    found = {
        (row["therapy"], row["condition"]): (
            row["kind"],
            row["evidence_level"],
            row["asserted"],
            _split(row["papers"]),
            _split(row.get("mechanisms")),
        )
        for row in rows
    }
    assert len(rows) == len(found)  # one row per therapy and condition
    assert found == expected
    assert expected
    for row in rows:
        assert row["paper_count"] == len(_split(row["papers"]))


def test_therapies_for_disease_speculative_relations_can_be_left_out(build: Path) -> None:
    everything = run(build, "therapies_for_disease", disease="rheumatoid arthritis")
    asserted = run(
        build, "therapies_for_disease", disease="rheumatoid arthritis", asserted_only="yes"
    )
    assert {row["asserted"] for row in everything} == {True, False}
    assert asserted == [row for row in everything if row["asserted"]]


@pytest.mark.parametrize("min_confidence", ["0", "0.5"])
def test_mechanism_evidence_gives_each_supporting_sentence(
    build: Path, graph: Graph, min_confidence: str
) -> None:
    therapies = graph.concepts("mesenchymal stem cell therapy", ["Therapy", "Chemical"])
    mechanisms = graph.concepts("immunomodulation", ["Mechanism"])
    expected = set()
    for therapy, mechanism, data in graph.of_type("ACTS_VIA"):
        if therapy in therapies and mechanism in mechanisms:
            for i, paper in enumerate(data["paper"]):
                if data["confidence"][i] >= float(min_confidence):
                    expected.add(
                        (
                            graph.reference(paper),
                            data["sentence"][i],
                            data["start"][i],
                            data["end"][i],
                            data["modality"][i],
                            data["confidence"][i],
                        )
                    )
    rows = run(
        build,
        "mechanism_evidence",
        therapy="mesenchymal stem cell therapy",
        mechanism="immunomodulation",
        min_confidence=min_confidence,
    )
    found = {
        (r["reference"], r["sentence"], r["start"], r["end"], r["modality"], r["confidence"])
        for r in rows
    }
    assert found == expected
    assert len(rows) == len(found)
    if min_confidence == "0":
        assert {row["modality"] for row in rows} == {"asserted", "speculative"}
    else:
        assert expected and all(row["confidence"] >= 0.5 for row in rows)


def test_shared_mechanisms_of_mscs_and_their_extracellular_vesicles(
    build: Path, graph: Graph
) -> None:
    sides = [
        set().union(*(graph.below(t) for t in graph.concepts(name, ["Therapy", "Chemical"])))
        for name in ("MSCs", "mesenchymal stem cell-derived extracellular vesicles")
    ]
    papers: list[dict[str, set[str]]] = [defaultdict(set), defaultdict(set)]
    names: list[dict[str, set[str]]] = [defaultdict(set), defaultdict(set)]
    for therapy, mechanism, data in graph.of_type("ACTS_VIA"):
        for side, members in enumerate(sides):
            if therapy in members:
                papers[side][mechanism].update(data["paper"])
                names[side][mechanism].add(graph.nodes[therapy]["name"])
    expected = {
        node_iri(m): (len(papers[0][m]), len(papers[1][m]), names[0][m], names[1][m])
        for m in papers[0].keys() & papers[1].keys()
    }
    rows = run(
        build,
        "shared_mechanisms",
        therapy_a="MSCs",  # a synonym, matched case-insensitively
        therapy_b="mesenchymal stem cell-derived extracellular vesicles",
    )
    found = {
        row["mechanism"]: (
            row["papers_a"],
            row["papers_b"],
            _split(row["therapies_a"]),
            _split(row["therapies_b"]),
        )
        for row in rows
    }
    assert found == expected
    assert len(expected) >= 5


def test_diseases_for_mechanism_follows_the_mechanism_hierarchy(build: Path, graph: Graph) -> None:
    mechanisms = set().union(
        *(graph.below(m) for m in graph.concepts("macrophage polarization", ["Mechanism"]))
    )
    expected = {
        (node_iri(disease), node_iri(mechanism)): (
            data["asserted"],
            {graph.reference(paper) for paper in data["paper"]},
        )
        for mechanism, disease, data in graph.of_type("IMPLICATED_IN")
        if mechanism in mechanisms
    }
    rows = run(build, "diseases_for_mechanism", mechanism="Macrophage Polarization")
    found = {(row["disease"], row["via"]): (row["asserted"], _split(row["papers"])) for row in rows}
    assert found == expected
    assert len({via for _, via in expected}) >= 2  # a subtype (M2 polarization) counts too


@pytest.mark.parametrize("root", [None, "arthritis"])
def test_autoimmune_papers_reach_every_disease_below_the_root(
    build: Path, graph: Graph, root: str | None
) -> None:
    tops = graph.concepts(root or "autoimmune disease", ["Disease"])
    branch = set().union(*(graph.below(top) for top in tops))
    expected: dict[str, set[str]] = defaultdict(set)
    for paper, disease, _ in graph.of_type("MENTIONS"):
        if disease in branch and graph.in_corpus(paper):
            expected[node_iri(paper)].add(graph.nodes[disease]["name"])
    rows = run(build, "autoimmune_papers", **({"root": root} if root else {}))
    assert {row["paper"]: _split(row["diseases"]) for row in rows} == expected
    assert len(rows) == len(expected)
    assert any(len(names) > 1 or names - {"autoimmune disease"} for names in expected.values())
    years = [row["year"] for row in rows if "year" in row]
    assert years == sorted(years, reverse=True)


@pytest.mark.parametrize("min_papers", ["1", "2"])
def test_top_authors_on_a_topic(build: Path, graph: Graph, min_papers: str) -> None:
    topic_papers = graph.mentioning(
        set().union(*(graph.below(c) for c in graph.concepts("mesenchymal stem cell therapy")))
    )
    counts = Counter(
        author for author, paper, _ in graph.of_type("AUTHORED") if paper in topic_papers
    )
    expected = {node_iri(a): n for a, n in counts.items() if n >= int(min_papers)}
    rows = run(build, "top_authors", topic="mesenchymal stem cell therapy", min_papers=min_papers)
    assert {row["author"]: row["papers"] for row in rows} == expected
    assert expected
    assert [row["papers"] for row in rows] == sorted((row["papers"] for row in rows), reverse=True)


def test_top_institutions_count_only_papers_of_the_affiliation(build: Path, graph: Graph) -> None:
    topic_papers = graph.mentioning(
        set().union(*(graph.below(c) for c in graph.concepts("autoimmune disease")))
    )
    papers: dict[str, set[str]] = defaultdict(set)
    for _, institution, data in graph.of_type("AFFILIATED_WITH"):
        papers[institution].update(set(data["papers"]) & topic_papers)
    expected = {node_iri(i): len(p) for i, p in papers.items() if p}
    rows = run(build, "top_institutions", topic="autoimmune disease")
    assert {row["institution"]: row["papers"] for row in rows} == expected
    assert len(expected) >= 5


@pytest.mark.parametrize("min_papers", ["2", "3"])
def test_coauthor_pairs_count_joint_papers(build: Path, graph: Graph, min_papers: str) -> None:
    authors: dict[str, set[str]] = defaultdict(set)
    for author, paper, _ in graph.of_type("AUTHORED"):
        authors[paper].add(author)
    joint: Counter[tuple[str, str]] = Counter()
    for members in authors.values():
        if len(members) <= DEFAULT_MAX_AUTHORS:
            joint.update(combinations(sorted(members), 2))
    expected = {
        (node_iri(a), node_iri(b)): n for (a, b), n in joint.items() if n >= int(min_papers)
    }
    rows = run(build, "coauthor_pairs", min_papers=min_papers)
    assert {(row["author_a"], row["author_b"]): row["papers"] for row in rows} == expected
    assert expected


@pytest.mark.parametrize("country", ["", "cn", "US"])
def test_cross_country_collaborations(build: Path, graph: Graph, country: str) -> None:
    code = {node: data.get("country_code") for node, data in graph.nodes.items()}
    expected = set()
    for a, b, data in graph.of_type("COLLABORATES_WITH"):
        if code[a] and code[b] and code[a] != code[b]:
            if not country:
                first_iri, second_iri = sorted([node_iri(a), node_iri(b)])
                expected.add((first_iri, second_iri, data["weight"]))
            for first, second in ((a, b), (b, a)):
                if country and code[first] == country.upper():
                    expected.add((node_iri(first), node_iri(second), data["weight"]))
    rows = run(build, "cross_country_collaborations", country=country)
    found = {(row["institution_a"], row["institution_b"], row["papers"]) for row in rows}
    assert found == expected
    assert len(rows) == len(found) >= 3
    assert all(row["country_a"] != row["country_b"] for row in rows)


def test_most_cited_in_set_counts_citations_between_papers_read(build: Path, graph: Graph) -> None:
    counts = Counter(
        cited
        for citing, cited, _ in graph.of_type("CITES")
        if citing != cited and graph.in_corpus(citing) and graph.in_corpus(cited)
    )
    rows = run(build, "most_cited_in_set")
    assert {row["paper"]: row["citations"] for row in rows} == _counted(counts)
    assert rows[0]["reference"] == "PMID:10704411" and rows[0]["citations"] == 3
    assert run(build, "most_cited_in_set", min_citations="2") == [
        row for row in rows if row["citations"] >= 2
    ]


def test_journals_by_count(build: Path, graph: Graph) -> None:
    counts = Counter(
        journal for paper, journal, _ in graph.of_type("PUBLISHED_IN") if graph.in_corpus(paper)
    )
    rows = run(build, "journals_by_count")
    assert {row["journal"]: row["papers"] for row in rows} == _counted(counts)
    assert rows[0]["papers"] == max(counts.values()) > 1


@pytest.mark.parametrize("therapy", ["mesenchymal stem cell therapy", "adalimumab"])
def test_therapy_papers_per_year(build: Path, graph: Graph, therapy: str) -> None:
    concepts = set().union(*(graph.below(t) for t in graph.concepts(therapy)))
    counts = Counter(
        graph.nodes[paper]["year"]
        for paper in graph.mentioning(concepts)
        if "year" in graph.nodes[paper]
    )
    rows = run(build, "therapy_papers_per_year", therapy=therapy)
    assert [(row["year"], row["papers"]) for row in rows] == sorted(counts.items())
    assert counts


@pytest.mark.parametrize(("a", "b"), [("CN", "US"), ("china", "Iran")])
def test_bridging_authors_have_coauthors_in_both_communities(
    build: Path, graph: Graph, a: str, b: str
) -> None:
    def community(value: str) -> set[str]:
        places = {
            node
            for node, data in graph.nodes.items()
            if data["label"] == "Institution"
            and value.lower()
            in {str(data.get(key, "")).lower() for key in ("country_code", "country", "name")}
        }
        return {author for author, inst, _ in graph.of_type("AFFILIATED_WITH") if inst in places}

    peers: dict[str, set[str]] = defaultdict(set)
    for x, y, _ in graph.of_type("CO_AUTHORED_WITH"):
        peers[x].add(y)
        peers[y].add(x)
    first, second = community(a), community(b)
    expected = {
        node_iri(author): (len(near & first), len(near & second))
        for author, near in peers.items()
        if near & first and near & second
    }
    rows = run(build, "bridging_authors", community_a=a, community_b=b)
    assert {row["author"]: (row["coauthors_a"], row["coauthors_b"]) for row in rows} == expected
    assert expected


def test_papers_per_year_counts_every_paper_of_the_inputs(build: Path, graph: Graph) -> None:
    counts = Counter(
        data["year"]
        for data in graph.nodes.values()
        if data["label"] == "Paper" and data.get("in_corpus") and "year" in data
    )
    rows = run(build, "papers_per_year")
    assert [(row["year"], row["papers"]) for row in rows] == sorted(counts.items())
    assert sum(counts.values()) == 73  # 66 records of examples/ and 7 citing each other


def _counted(counts: Counter[str]) -> dict[str, int]:
    return {node_iri(node): count for node, count in counts.items()}


def test_the_library_has_the_twelve_questions_and_more() -> None:
    assert len(load_library()) >= 12


@pytest.mark.parametrize("name", sorted(load_library()))
def test_each_example_in_a_header_runs_and_answers(build: Path, name: str) -> None:
    """The example line of every header is a working command on a real build."""
    words = shlex.split(find_query(name).example)
    assert words[:3] == ["kg", "query", "build/"] and words[3] == name
    result = CliRunner().invoke(cli, ["query", str(build), *words[3:], "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) >= 2  # a header and at least one row


@pytest.mark.parametrize(
    "name",
    sorted(
        name
        for name, query in load_library().items()
        if any(p.type == "concept" for p in query.parameters)
    ),
)
def test_matching_concepts_inside_the_query_gives_the_same_answer(build: Path, name: str) -> None:
    """What another endpoint runs (no resolution against the store first) answers alike."""
    query = find_query(name)
    words = shlex.split(query.example)
    params = dict(word.split("=", 1) for word in words[words.index(name) + 1 :] if "=" in word)
    store = open_store(build)
    resolved = bind(query, params, concepts=resolve_concepts(store, query, params, where=""))
    inline = bind(query, params)
    assert "VALUES" in resolved and "LCASE(STR(" in inline
    first, second = (execute(store, text, source=name) for text in (resolved, inline))
    assert isinstance(first, SelectResult) and isinstance(second, SelectResult)
    assert _rows(first) == _rows(second)
    assert first.rows


def _rows(result: SelectResult) -> Counter[tuple[object, ...]]:
    """Rows as comparable tuples, "; "-joined lists as sets (their order is the engine's)."""
    return Counter(
        tuple(
            frozenset(_split(cell)) if isinstance(cell, str) and "; " in cell else cell
            for cell in (_python(term) if term is not None else None for term in row)
        )
        for row in result.rows
    )
