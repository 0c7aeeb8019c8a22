"""The biomedical layer gathers each relation's evidence from every paper that states it."""

from __future__ import annotations

import pytest

from kg.graph.biomedical import add_biomedical_layer
from kg.graph.contract import KnowledgeGraph, new_graph
from kg.lexicon.model import Concept, write_concepts
from kg.model import AbstractSection, MeshHeading, Record, Source
from kg.nlp.annotate import Annotator
from kg.nlp.lexicon import compile_lexicon
from kg.nlp.study_design import ANIMAL, RCT

CONCEPTS = [
    Concept(
        "DOID:9074",
        "Disease",
        "systemic lupus erythematosus",
        ("SLE",),
        ("MESH:D008180",),
        ("DOID:8857",),
        "DO",
        {"unambiguous": ["SLE"]},
    ),
    Concept("DOID:8857", "Disease", "lupus erythematosus", (), (), ("DOID:417",), "DO"),
    Concept("DOID:417", "Disease", "autoimmune disease", (), (), (), "DO"),
    Concept(
        "KG:msc",
        "Therapy",
        "mesenchymal stem cells",
        ("MSCs",),
        (),
        (),
        "curated",
        {"curated": True, "derived_from": ["CL:0000134"], "unambiguous": ["MSC"]},
    ),
    Concept("CL:0000134", "CellType", "mesenchymal stem cell", (), (), (), "CL"),
    Concept("MESH:D016753", "Molecule", "IL-10", (), (), (), "curated", {"curated": True}),
]


def _record(pmid: str, title: str, abstract: str, types: tuple[str, ...] = ()) -> Record:
    return Record(
        source=Source(file="test", format="pubmed-xml", record=int(pmid)),
        pmid=pmid,
        title=title,
        abstract=(AbstractSection(abstract),),
        publication_types=types,
        mesh_headings=(MeshHeading("Lupus Erythematosus, Systemic", "D008180"),),
    )


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    directory = tmp_path_factory.mktemp("lexicon")
    write_concepts(directory / "small.tsv", CONCEPTS)
    annotator = Annotator(compile_lexicon(directory))
    records = [
        _record(
            "1",
            "MSCs in lupus-prone mice",
            "MSCs alleviated SLE in MRL/lpr mice and increased IL-10.",
        ),
        _record(
            "2",
            "A randomised trial of MSCs",
            "MSCs improved SLE in patients. MSCs may treat SLE nephritis later.",
            ("Randomized Controlled Trial",),
        ),
        _record("3", "A hypothesis", "MSCs might be used for the treatment of SLE."),
    ]
    graph = new_graph()
    for record in records:
        graph.add_node(f"pmid:{record.pmid}", label="Paper")
    summary = add_biomedical_layer(graph, [(f"pmid:{r.pmid}", r) for r in records], annotator)
    assert summary.papers_annotated == 3
    return graph


def test_mentions_count_and_fields(graph: KnowledgeGraph) -> None:
    data = graph.edges["pmid:1", "DOID:9074", "MENTIONS"]
    assert data["count"] == 2  # abstract + MeSH heading
    assert data["fields"] == ["abstract", "mesh"]
    assert graph.edges["pmid:1", "KG:msc", "MENTIONS"]["fields"] == ["abstract", "title"]


def test_one_edge_per_relation_with_parallel_evidence_from_every_paper(
    graph: KnowledgeGraph,
) -> None:
    data = graph.edges["KG:msc", "DOID:9074", "TREATS"]
    columns = ("paper", "sentence", "start", "end", "field", "extractor", "confidence")
    assert len({len(data[name]) for name in (*columns, "modality", "levels")}) == 1
    assert set(data["paper"]) == {"pmid:1", "pmid:2", "pmid:3"}
    assert data["weight"] == 3
    assert data["asserted"] is True
    # The strongest asserted level: the trial's, not the mouse study's.
    assert data["evidence_level"] == RCT
    assert ANIMAL in data["levels"]
    speculative = [
        paper
        for paper, modality in zip(data["paper"], data["modality"], strict=True)
        if modality == "speculative"
    ]
    assert "pmid:3" in speculative


def test_is_a_brings_in_the_ancestors(graph: KnowledgeGraph) -> None:
    assert graph.has_edge("DOID:9074", "DOID:8857", key="IS_A")
    assert graph.has_edge("DOID:8857", "DOID:417", key="IS_A")
    assert graph.nodes["DOID:417"]["label"] == "Disease"


def test_named_changes_are_ungrounded_mechanisms(graph: KnowledgeGraph) -> None:
    (mechanism,) = [
        source for source, _, key in graph.in_edges("MESH:D016753", keys=True) if key == "TARGETS"
    ]
    node = graph.nodes[mechanism]
    assert node["label"] == "Mechanism"
    assert node["grounded"] is False
    assert graph.edges[mechanism, "MESH:D016753", "TARGETS"]["direction"] == "increase"
    assert graph.has_edge("KG:msc", mechanism, key="ACTS_VIA")
    assert graph.has_edge("KG:msc", "CL:0000134", key="DERIVED_FROM")
