"""A small, realistic kg graph built by hand for the writer tests, and comparison helpers.

The papers, authors and journals are from the citation listing in
``shared/seeds/000_*.txt`` (PMIDs 39882532, 39874108; the third, PMID 39154207, is keyed
by its DOI to exercise ``doi:`` ids); the concept and evidence
edges have the shape later issues will produce, so the writers are tested generically.
Texts include markup, quotes, ampersands and non-ASCII on purpose.
"""

from __future__ import annotations

from kg.graph.contract import KnowledgeGraph, new_graph

QINZHOU = "inst:qinzhou-first-peoples-hospital"
MINDA = "inst:minda-hospital-of-hubei-minzu-university"
CATHOLIC = "inst:catholic-university-of-korea"


def _papers(graph: KnowledgeGraph) -> None:
    graph.add_node(
        "pmid:39882532",
        label="Paper",
        pmid="39882532",
        pmcid="PMC11774712",
        doi="10.3389/fmed.2024.1530887",
        title="Cell therapy for scleroderma: progress in mesenchymal stem cells and CAR-T "
        "treatment.",
        abstract="Cell therapy is an emerging strategy for precision treatment of scleroderma. "
        'MSCs alleviate skin fibrosis by inhibiting CCL2 production & "M2" polarisation.',
        year=2025,
        date="2025-01",
        journal="Front Med (Lausanne)",
        volume="11",
        pages="1530887",
        language="eng",
        publication_types=["Journal Article", "Review"],
        keywords=["scleroderma", "mesenchymal stem cells", "CAR-T"],
        received="2024-11-19",
        accepted="2024-12-26",
        cited_by=0,
        open_access=True,
        sources=["seeds/000.txt#1"],
    )
    graph.add_node(
        "pmid:39874108",
        label="Paper",
        pmid="39874108",
        pmcid="PMC11775978",
        doi="10.1177/09636897241303275",
        title="Intra-Articular Injection of Human Bone Marrow-Derived Mesenchymal Stem Cells in "
        "Knee Osteoarthritis: A Randomized, Double-Blind, Controlled Trial.",
        year=2025,
        date="2025",
        journal="Cell Transplant",
        volume="34",
        pages="9636897241303275",
        publication_types=["Randomized Controlled Trial"],
        mesh=["Osteoarthritis, Knee", "Mesenchymal Stem Cell Transplantation"],
        received="2024-06-04",
        revised="2024-11-04",
        accepted="2024-11-11",
        open_access=True,
        sources=["seeds/000.txt#2", "pubmed.xml#7"],
    )
    graph.add_node(
        "doi:10.12659/msm.945331",
        label="Paper",
        doi="10.12659/msm.945331",
        title="Optimizing MSCs <i>in vitro</i>: diabetes, obesity & inflammation (α/β)",
        year=2024,
        date="2024-08-18",
        journal="Med Sci Monit",
        volume="30",
        pages="e945331",
        sources=["seeds/000.txt#3"],
    )


def _people(graph: KnowledgeGraph) -> None:
    people = [
        ("author:chen-l", "Liting Chen", "Chen", "Liting", "L", 1),
        ("author:huang-r", "Rongshan Huang", "Huang", "Rongshan", "R", 1),
        ("orcid:0000-0002-1825-0097", "Anping Chen", "Chen", "Anping", "A", 1),
        ("author:lee-bw", "Byung-Woo Lee", "Lee", "Byung-Woo", "BW", 2),
        ("author:ju-jh", "Ji Hyeon Ju", "Ju", "Ji Hyeon", "JH", 1),
        ("author:przywara-d", "Dominika Przywara", "Przywara", "Dominika", "D", 1),
    ]
    for node, name, last, fore, initials, count in people:
        graph.add_node(
            node,
            label="Author",
            name=name,
            last_name=last,
            fore_name=fore,
            initials=initials,
            paper_count=count,
        )
    graph.nodes["orcid:0000-0002-1825-0097"]["orcid"] = "0000-0002-1825-0097"
    graph.add_node(
        QINZHOU,
        label="Institution",
        name="Qinzhou First People's Hospital",
        city="Qinzhou",
        region="Guangxi",
        country="China",
        country_code="CN",
        aliases=["Department of Rheumatology and Immunology, Qinzhou First People's Hospital"],
        paper_count=1,
    )
    graph.add_node(
        MINDA,
        label="Institution",
        name="Minda Hospital of Hubei Minzu University",
        city="Enshi",
        country="China",
        country_code="CN",
        paper_count=1,
    )
    graph.add_node(
        CATHOLIC,
        label="Institution",
        name="The Catholic University of Korea",
        country="Korea, Republic of",
        country_code="KR",
        paper_count=1,
    )


def _journals(graph: KnowledgeGraph) -> None:
    for node, name, title, issn in [
        (
            "journal:front-med-lausanne",
            "Front Med (Lausanne)",
            "Frontiers in medicine",
            ["2296-858X"],
        ),
        (
            "journal:cell-transplant",
            "Cell Transplant",
            "Cell transplantation",
            ["0963-6897", "1555-3892"],
        ),
        ("journal:med-sci-monit", "Med Sci Monit", "Medical science monitor", ["1234-1010"]),
    ]:
        graph.add_node(node, label="Journal", name=name, title=title, issn=issn)


def _concepts(graph: KnowledgeGraph) -> None:
    graph.add_node("MESH:D012595", label="Disease", name="Scleroderma, Systemic", synonyms=["SSc"])
    graph.add_node("MESH:D003240", label="Disease", name="Connective Tissue Diseases")
    graph.add_node(
        "DOID:7148", label="Disease", name="rheumatoid arthritis", xrefs=["MESH:D001172"]
    )
    graph.add_node("therapy:msc-therapy", label="Therapy", name="mesenchymal stem cell therapy")
    graph.add_node("CL:0000134", label="CellType", name="mesenchymal stem cell")
    graph.add_node("GO:0001525", label="Mechanism", name="angiogenesis")
    graph.add_node("HGNC:10618", label="Molecule", name="CCL2")
    graph.add_node("CHEBI:44185", label="Chemical", name="methotrexate")


def _edge(graph: KnowledgeGraph, source: str, edge_type: str, target: str, **data: object) -> None:
    graph.add_edge(source, target, key=edge_type, type=edge_type, **data)


def _relations(graph: KnowledgeGraph) -> None:
    bylines = {
        "pmid:39882532": ["author:chen-l", "author:huang-r", "orcid:0000-0002-1825-0097"],
        "pmid:39874108": ["author:lee-bw", "author:ju-jh"],
        "doi:10.12659/msm.945331": ["author:przywara-d", "author:lee-bw"],
    }
    for paper, authors in bylines.items():
        for position, author in enumerate(authors, start=1):
            _edge(graph, author, "AUTHORED", paper, position=position)
    for author in bylines["pmid:39882532"]:
        _edge(graph, author, "AFFILIATED_WITH", QINZHOU, papers=["pmid:39882532"], weight=1)
    _edge(
        graph,
        "orcid:0000-0002-1825-0097",
        "AFFILIATED_WITH",
        MINDA,
        papers=["pmid:39882532"],
        weight=1,
    )
    _edge(graph, "author:lee-bw", "AFFILIATED_WITH", CATHOLIC, papers=["pmid:39874108"], weight=1)
    _edge(graph, MINDA, "COLLABORATES_WITH", QINZHOU, papers=["pmid:39882532"], weight=1)
    for first, second, papers in [
        ("author:chen-l", "author:huang-r", ["pmid:39882532"]),
        ("author:chen-l", "orcid:0000-0002-1825-0097", ["pmid:39882532"]),
        ("author:huang-r", "orcid:0000-0002-1825-0097", ["pmid:39882532"]),
        ("author:ju-jh", "author:lee-bw", ["pmid:39874108"]),
        ("author:lee-bw", "author:przywara-d", ["doi:10.12659/msm.945331"]),
    ]:
        _edge(graph, first, "CO_AUTHORED_WITH", second, papers=papers, weight=len(papers))
    _edge(graph, "pmid:39882532", "PUBLISHED_IN", "journal:front-med-lausanne")
    _edge(graph, "pmid:39874108", "PUBLISHED_IN", "journal:cell-transplant")
    _edge(graph, "doi:10.12659/msm.945331", "PUBLISHED_IN", "journal:med-sci-monit")
    _edge(graph, "pmid:39882532", "CITES", "pmid:39874108")
    _edge(graph, "pmid:39882532", "CITES", "doi:10.12659/msm.945331")


def _extractions(graph: KnowledgeGraph) -> None:
    _edge(graph, "pmid:39882532", "MENTIONS", "MESH:D012595", count=3, fields=["title", "abstract"])
    _edge(graph, "pmid:39882532", "MENTIONS", "CL:0000134", count=1, fields=["abstract"])
    _edge(
        graph,
        "therapy:msc-therapy",
        "TREATS",
        "MESH:D012595",
        evidence_level="review",
        paper=["pmid:39882532", "pmid:39882532"],
        sentence=[
            "Cell therapy is an emerging strategy for precision treatment of scleroderma.",
            "MSCs can alleviate skin fibrosis by inhibiting CCL2 production.",
        ],
        start=[0, 150],
        end=[76, 214],
        extractor=["pattern-0.1", "pattern-0.1"],
        confidence=[0.8, 0.65],
    )
    _edge(graph, "CHEBI:44185", "TREATS", "DOID:7148", evidence_level="clinical trial")
    _edge(graph, "therapy:msc-therapy", "DERIVED_FROM", "CL:0000134")
    _edge(graph, "therapy:msc-therapy", "ACTS_VIA", "GO:0001525")
    _edge(graph, "GO:0001525", "IMPLICATED_IN", "MESH:D012595")
    _edge(graph, "GO:0001525", "TARGETS", "HGNC:10618", direction="decrease")
    _edge(graph, "MESH:D012595", "IS_A", "MESH:D003240")


def build_sample_graph() -> KnowledgeGraph:
    """The sample graph; a function so tests can build a fresh one to modify."""
    graph = new_graph()
    _papers(graph)
    _people(graph)
    _journals(graph)
    _concepts(graph)
    _relations(graph)
    _extractions(graph)
    return graph


Snapshot = tuple[
    dict[str, object], dict[str, dict[str, object]], dict[tuple[str, str, str], object]
]


def snapshot(graph: KnowledgeGraph) -> Snapshot:
    """Everything a writer must preserve: graph attributes, nodes and edges with their data."""
    nodes = {node: dict(data) for node, data in graph.nodes(data=True)}
    edges = {(u, v, k): dict(data) for u, v, k, data in graph.edges(keys=True, data=True)}
    return dict(graph.graph), nodes, edges


def reordered(graph: KnowledgeGraph) -> KnowledgeGraph:
    """The same graph built in reverse order (nodes, edges and attributes), for determinism."""
    copy = new_graph()
    copy.graph.update(graph.graph)
    for node, data in reversed(list(graph.nodes(data=True))):
        copy.add_node(node, **dict(reversed(list(data.items()))))
    for source, target, key, data in reversed(list(graph.edges(keys=True, data=True))):
        copy.add_edge(source, target, key=key, **dict(reversed(list(data.items()))))
    return copy
