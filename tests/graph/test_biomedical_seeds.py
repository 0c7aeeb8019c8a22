"""The two seed documents (shared/seeds) come out right: the concepts and relations a reader of
those abstracts finds, each linked to the paper and sentence that states it.

The build runs the whole pipeline with the lexicons shipped in ontology/lexicon.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from support import SEEDS

from kg.build import BuildOptions, run_build
from kg.nlp.study_design import ANIMAL, RCT, REVIEW

SCLERODERMA_REVIEW = "pmid:39882532"
KNEE_TRIAL = "pmid:39874108"
MSC_HEALTH_REVIEW = "pmid:39154207"
RA_VESICLES = "pmid:37892183"
LUPUS_REVIEW = "doi:10.1002/iub.2387"  # the saved PubMed page states the DOI, not the PMID


class SeedGraph:
    def __init__(self, document: dict[str, Any]) -> None:
        self.nodes = {node["id"]: node for node in document["nodes"]}
        self.edges: list[dict[str, Any]] = document["edges"]

    def concepts(self, label: str, *names: str) -> set[str]:
        """Ids of ``label`` nodes whose name or a synonym is one of ``names``."""
        wanted = {name.casefold() for name in names}
        found = set()
        for node_id, node in self.nodes.items():
            if node["label"] != label:
                continue
            spellings = [node.get("name", ""), *node.get("synonyms", [])]
            if wanted & {spelling.casefold() for spelling in spellings}:
                found.add(node_id)
        assert found, f"no {label} named {names}"
        return found

    def edges_of(self, kind: str, sources: Iterable[str], targets: Iterable[str]) -> list[dict]:
        sources, targets = set(sources), set(targets)
        return [
            e
            for e in self.edges
            if e["type"] == kind and e["source"] in sources and e["target"] in targets
        ]

    def mentioned_by(self, paper: str, concepts: set[str]) -> bool:
        return bool(self.edges_of("MENTIONS", [paper], concepts))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> SeedGraph:
    out: Path = tmp_path_factory.mktemp("seed-build")
    run_build(BuildOptions(inputs=(str(SEEDS),), out=out, view_nodes=50))
    return SeedGraph(json.loads((out / "graph.json").read_text(encoding="utf-8")))


def _evidence(edge: dict[str, Any]) -> list[dict[str, Any]]:
    names = ("paper", "sentence", "start", "end", "field", "extractor", "confidence")
    columns = [edge[name] for name in names]
    assert len({len(column) for column in columns}) == 1, edge
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _stated_by(graph: SeedGraph, edge: dict[str, Any], paper: str) -> list[dict[str, Any]]:
    """Evidence rows from ``paper``; each row's sentence is that paper's text at its offsets."""
    rows = [row for row in _evidence(edge) if row["paper"] == paper]
    for row in rows:
        text = graph.nodes[paper][row["field"]]
        assert text[row["start"] : row["end"]] == row["sentence"]
        assert 0 < row["confidence"] <= 1
        assert row["extractor"]
    return rows


@pytest.mark.parametrize(
    ("paper", "names"),
    [
        (SCLERODERMA_REVIEW, ("systemic sclerosis", "scleroderma")),
        (KNEE_TRIAL, ("knee osteoarthritis",)),
        (LUPUS_REVIEW, ("systemic lupus erythematosus",)),
        (RA_VESICLES, ("rheumatoid arthritis",)),
        (RA_VESICLES, ("collagen-induced arthritis",)),
        (MSC_HEALTH_REVIEW, ("diabetes mellitus", "diabetes")),
        (MSC_HEALTH_REVIEW, ("obesity",)),
    ],
)
def test_diseases_are_mentioned_by_their_papers(
    seeds: SeedGraph, paper: str, names: tuple[str, ...]
) -> None:
    assert seeds.mentioned_by(paper, seeds.concepts("Disease", *names))


def test_collagen_induced_arthritis_is_a_kind_of_rheumatoid_arthritis(seeds: SeedGraph) -> None:
    cia = seeds.concepts("Disease", "collagen-induced arthritis")
    ra = seeds.concepts("Disease", "rheumatoid arthritis")
    assert seeds.edges_of("IS_A", cia, ra)


@pytest.mark.parametrize(
    ("paper", "label", "names"),
    [
        (SCLERODERMA_REVIEW, "Therapy", ("mesenchymal stem cells", "MSCs")),
        (KNEE_TRIAL, "Therapy", ("bone marrow-derived mesenchymal stem cells",)),
        (KNEE_TRIAL, "Therapy", ("allogeneic bone marrow-derived mesenchymal stem cells",)),
        (SCLERODERMA_REVIEW, "Therapy", ("CAR-T cell therapy", "CAR-T")),
        (RA_VESICLES, "Therapy", ("MSC-sEVs",)),
        (RA_VESICLES, "Chemical", ("prednisolone",)),
    ],
)
def test_therapies_are_mentioned_by_their_papers(
    seeds: SeedGraph, paper: str, label: str, names: tuple[str, ...]
) -> None:
    assert seeds.mentioned_by(paper, seeds.concepts(label, *names))


@pytest.mark.parametrize(
    ("therapy", "disease", "paper", "level"),
    [
        (("MSCs",), ("systemic sclerosis",), SCLERODERMA_REVIEW, REVIEW),
        (("CAR-T",), ("systemic sclerosis",), SCLERODERMA_REVIEW, REVIEW),
        (("BM-MSCs",), ("knee osteoarthritis",), KNEE_TRIAL, RCT),
        (("MSC-sEVs",), ("collagen-induced arthritis",), RA_VESICLES, ANIMAL),
        (("MSCs",), ("systemic lupus erythematosus",), LUPUS_REVIEW, REVIEW),
    ],
)
def test_treats_with_evidence_level_and_sentence(
    seeds: SeedGraph,
    therapy: tuple[str, ...],
    disease: tuple[str, ...],
    paper: str,
    level: str,
) -> None:
    edges = seeds.edges_of(
        "TREATS", seeds.concepts("Therapy", *therapy), seeds.concepts("Disease", *disease)
    )
    assert edges
    rows = [row for edge in edges for row in _stated_by(seeds, edge, paper)]
    assert rows
    assert level in {edge["evidence_level"] for edge in edges}


def test_comparators_and_controls_treat_nothing(seeds: SeedGraph) -> None:
    comparators = seeds.concepts("Chemical", "placebo") | seeds.concepts("Chemical", "saline")
    assert not [e for e in seeds.edges if e["type"] == "TREATS" and e["source"] in comparators]


@pytest.mark.parametrize(
    ("therapy", "mechanism", "paper"),
    [
        (("MSCs",), ("CCL2 inhibition",), SCLERODERMA_REVIEW),
        (("MSCs",), ("immunomodulation",), SCLERODERMA_REVIEW),
        (("MSCs",), ("anti-fibrosis",), SCLERODERMA_REVIEW),
        (("MSCs",), ("paracrine signalling",), SCLERODERMA_REVIEW),
        (("MSCs",), ("angiogenesis", "promotion of angiogenesis"), SCLERODERMA_REVIEW),
        (("MSC-sEVs",), ("M2 macrophage polarization", "M2 polarization"), RA_VESICLES),
    ],
)
def test_therapies_act_via_mechanisms(
    seeds: SeedGraph, therapy: tuple[str, ...], mechanism: tuple[str, ...], paper: str
) -> None:
    edges = seeds.edges_of(
        "ACTS_VIA", seeds.concepts("Therapy", *therapy), seeds.concepts("Mechanism", *mechanism)
    )
    assert [row for edge in edges for row in _stated_by(seeds, edge, paper)]


@pytest.mark.parametrize(
    ("molecule", "direction", "paper"),
    [
        (("TGF-β",), "increase", LUPUS_REVIEW),
        (("IL-10",), "increase", LUPUS_REVIEW),
        (("IL-17",), "decrease", LUPUS_REVIEW),
        (("IFN-γ",), "decrease", LUPUS_REVIEW),
        (("TNF-α",), "decrease", LUPUS_REVIEW),
        (("CCL2",), "decrease", SCLERODERMA_REVIEW),
    ],
)
def test_molecules_change_in_the_stated_direction(
    seeds: SeedGraph, molecule: tuple[str, ...], direction: str, paper: str
) -> None:
    mechanisms = {n for n, node in seeds.nodes.items() if node["label"] == "Mechanism"}
    edges = seeds.edges_of("TARGETS", mechanisms, seeds.concepts("Molecule", *molecule))
    stated = [
        edge
        for edge in edges
        if edge.get("direction") == direction and _stated_by(seeds, edge, paper)
    ]
    assert stated, [(e["source"], e.get("direction")) for e in edges]
    # ... and the mechanism is one a therapy of that paper acts via.
    therapies_via = {e["source"] for e in seeds.edges if e["type"] == "ACTS_VIA"}
    assert any(seeds.edges_of("ACTS_VIA", therapies_via, {edge["source"]}) for edge in stated)


def test_a_query_for_autoimmune_disease_reaches_lupus_papers(seeds: SeedGraph) -> None:
    autoimmune = seeds.concepts("Disease", "autoimmune disease")
    lupus = seeds.concepts("Disease", "systemic lupus erythematosus")
    parents: dict[str, set[str]] = {}
    for edge in seeds.edges:
        if edge["type"] == "IS_A":
            parents.setdefault(edge["source"], set()).add(edge["target"])
    frontier, seen = set(lupus), set(lupus)
    while frontier:
        frontier = {p for node in frontier for p in parents.get(node, ())} - seen
        seen |= frontier
    assert autoimmune & seen
