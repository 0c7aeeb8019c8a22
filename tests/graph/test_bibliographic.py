"""The bibliographic layer: nodes, edges and derived networks from merged papers."""

from kg.graph.bibliographic import build_bibliographic_graph
from kg.graph.derived import add_derived_edges
from kg.graph.papers import PaperIndex
from kg.model import Author, Record, Reference, Source

QINZHOU = (
    "Department of Rheumatology and Immunology, Qinzhou First People's Hospital, "
    "Qinzhou, Guangxi, China"
)
MINDA = "Minda Hospital of Hubei Minzu University, Enshi, China"


def _index() -> PaperIndex:
    index = PaperIndex()
    index.add(
        Record(
            source=Source("listing.txt", "citation-listing", 1),
            pmid="39882532",
            doi="10.3389/fmed.2024.1530887",
            year=2025,
            journal_abbrev="Front Med (Lausanne)",
            title="Cell therapy for scleroderma: progress in mesenchymal stem cells and CAR-T",
            authors=(
                Author(last_name="Chen", fore_name="Liting", initials="L", affiliations=(QINZHOU,)),
                Author(
                    last_name="Chen",
                    fore_name="Anping",
                    initials="A",
                    affiliations=(QINZHOU, MINDA),
                ),
                Author(collective_name="Scleroderma Cell Therapy Group"),
            ),
            references=(
                Reference(pmid="37892183"),
                Reference(
                    authors=("Kaul A", "Gordon C"),
                    title="Systemic lupus erythematosus",
                    year=2016,
                    journal="Nat Rev Dis Primers",
                    volume="2",
                    pages="16039",
                ),
            ),
        )
    )
    index.add(
        Record(
            source=Source("listing.txt", "citation-listing", 5),
            pmid="37892183",
            year=2023,
            journal_abbrev="Biomolecules",
            title="Mesenchymal stem/stromal cell small EVs in arthritis",
            authors=(
                Author(
                    last_name="Chen",
                    fore_name="Anping",
                    initials="A",
                    orcid="0000-0002-1825-0097",
                    affiliations=(MINDA,),
                ),
            ),
        )
    )
    return index


def test_nodes_and_edges_of_the_contract() -> None:
    layer = build_bibliographic_graph(_index())
    graph = layer.graph
    paper = graph.nodes["pmid:39882532"]
    assert paper["label"] == "Paper"
    assert paper["doi"] == "10.3389/fmed.2024.1530887"
    assert graph.has_edge("pmid:39882532", "journal:front-med-lausanne", key="PUBLISHED_IN")
    # The name-only Anping Chen joins the ORCID-bearing one: one name, one ORCID.
    anping = "orcid:0000-0002-1825-0097"
    assert graph.nodes[anping]["paper_count"] == 2
    assert graph.edges["orcid:0000-0002-1825-0097", "pmid:39882532", "AUTHORED"]["position"] == 2
    assert graph.has_node("author:chen-liting")
    assert graph.has_node("author:group-scleroderma-cell-therapy-group")
    places = {v for _, v, k in graph.out_edges(anping, keys=True) if k == "AFFILIATED_WITH"}
    assert places == {
        "inst:qinzhou-first-people-hospital-cn",
        "inst:minda-hospital-cn",
    }
    assert graph.nodes["inst:qinzhou-first-people-hospital-cn"]["city"] == "Qinzhou"


def test_cited_works_become_papers_outside_the_corpus() -> None:
    graph = build_bibliographic_graph(_index()).graph
    assert graph.has_edge("pmid:39882532", "pmid:37892183", key="CITES")
    cited = [v for _, v, k in graph.out_edges("pmid:39882532", keys=True) if k == "CITES"]
    assert len(cited) == 2
    stub = graph.nodes[next(v for v in cited if v.startswith("paper:"))]
    assert stub["in_corpus"] is False
    assert stub["journal"] == "Nat Rev Dis Primers"


def test_derived_networks_are_stored_once_per_pair() -> None:
    layer = build_bibliographic_graph(_index())
    summary = add_derived_edges(layer)
    graph = layer.graph
    co_authors = [(u, v) for u, v, k in graph.edges(keys=True) if k == "CO_AUTHORED_WITH"]
    assert all(u < v for u, v in co_authors)
    assert len(co_authors) == 3  # three authors on the first paper, one on the second
    collaboration = graph.edges[
        "inst:minda-hospital-cn",
        "inst:qinzhou-first-people-hospital-cn",
        "COLLABORATES_WITH",
    ]
    assert collaboration["weight"] == 1
    assert collaboration["papers"] == ["pmid:39882532"]
    assert summary.papers_skipped_for_size == 0


def test_consortium_papers_add_no_pairs_above_the_cap() -> None:
    layer = build_bibliographic_graph(_index())
    summary = add_derived_edges(layer, max_authors=2)
    assert summary.papers_skipped_for_size == 1
    assert not any(k == "CO_AUTHORED_WITH" for _, _, k in layer.graph.edges(keys=True))


def test_a_work_cited_with_and_without_its_pmid_is_one_node() -> None:
    index = PaperIndex()
    for number, references in enumerate(
        (
            (Reference(pmid="88888888", doi="10.1016/j.cell.2018.01.001"),),
            (Reference(doi="10.1016/J.CELL.2018.01.001".lower(), title="Cells"),),
        ),
        start=1,
    ):
        index.add(
            Record(
                source=Source("r.xml", "pubmed-xml", number),
                pmid=str(number),
                title=f"Citing paper number {number} of the test",
                references=references,
            )
        )
    graph = build_bibliographic_graph(index).graph
    cited = {v for _, v, k in graph.edges(keys=True) if k == "CITES"}
    assert cited == {"pmid:88888888"}
    assert graph.nodes["pmid:88888888"]["title"] == "Cells"


def test_a_journal_known_only_by_issn_is_named_by_it() -> None:
    index = PaperIndex()
    index.add(
        Record(
            source=Source("j.nbib", "medline", 1),
            pmid="12345678",
            year=2020,
            title="A paper with an ISSN but no journal name",
            issn="0932-0067",
        )
    )
    graph = build_bibliographic_graph(index).graph
    assert graph.nodes["journal:issn-0932-0067"]["name"] == "0932-0067"
    for _, attributes in graph.nodes(data=True):
        assert None not in attributes.values()
