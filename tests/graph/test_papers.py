"""Paper identity: one node per paper whatever inputs and formats it came from."""

from kg.graph.papers import PaperIndex, merge_records
from kg.model import AbstractSection, Author, Record, Source


def _record(file: str, number: int, **fields: object) -> Record:
    return Record(source=Source(file=file, format="test", record=number), **fields)  # type: ignore[arg-type]


TITLE = "Cell therapy for scleroderma: progress in mesenchymal stem cells and CAR-T treatment"


def test_same_paper_from_three_formats_merges_by_pmid_doi_and_title() -> None:
    index = PaperIndex()
    index.add(
        _record(
            "listing.txt",
            1,
            pmid="39882532",
            title=TITLE,
            year=2025,
            authors=(Author(last_name="Chen", fore_name="Liting", initials="L"),),
        )
    )
    index.add(
        _record(
            "export.csv",
            4,
            doi="10.3389/fmed.2024.1530887",
            pmid="39882532",
            title=TITLE,
            year=2025,
        )
    )
    index.add(
        _record(
            "page.txt",
            1,
            doi="10.3389/fmed.2024.1530887",
            title=TITLE,
            year=2025,
            keywords=("scleroderma",),
        )
    )
    index.add(_record("refs.txt", 9, title=TITLE.upper() + ".", year=2025))
    (cluster,) = list(index.clusters())
    assert cluster.record.pmid == "39882532"
    assert cluster.record.doi == "10.3389/fmed.2024.1530887"
    assert cluster.record.keywords == ("scleroderma",)
    assert cluster.sources == ["listing.txt#1", "export.csv#4", "page.txt#1", "refs.txt#9"]
    assert index.merged_records == 3


def test_different_pmids_never_merge_even_with_a_shared_title() -> None:
    index = PaperIndex()
    index.add(
        _record("a", 1, pmid="1", title="Mesenchymal stem cells in lupus nephritis", year=2020)
    )
    index.add(
        _record("a", 2, pmid="2", title="Mesenchymal stem cells in lupus nephritis", year=2020)
    )
    assert len(index) == 2
    assert index.conflicts


def test_generic_titles_do_not_identify_papers() -> None:
    index = PaperIndex()
    index.add(_record("a", 1, title="Editorial", year=2020))
    index.add(_record("a", 2, title="Editorial", year=2020))
    assert len(index) == 2


def test_a_record_bridging_two_clusters_joins_them() -> None:
    index = PaperIndex()
    index.add(_record("a", 1, pmid="5", title="First version of a long enough title"))
    index.add(_record("b", 1, doi="10.1000/x", title="Another long enough title here"))
    assert len(index) == 2
    index.add(_record("c", 1, pmid="5", doi="10.1000/x"))
    assert len(index) == 1
    assert index.find(doi="10.1000/x") is index.find(pmid="5")


def test_deletion_removes_the_paper() -> None:
    index = PaperIndex()
    index.add(_record("a", 1, pmid="7", title="A title that is long enough"))
    removed = index.delete("7")
    assert removed is not None and removed.sources == ["a#1"]
    assert len(index) == 0
    assert index.find(pmid="7") is None


def test_merge_fills_gaps_and_prefers_the_later_version() -> None:
    short = _record(
        "listing",
        1,
        pmid="1",
        version=1,
        title="Old title of the paper here",
        authors=(Author(last_name="Lee", initials="BW"),),
    )
    rich = _record(
        "xml",
        1,
        pmid="1",
        version=2,
        title="New title of the paper here",
        abstract=(AbstractSection("Background text.", label="BACKGROUND"),),
        authors=(
            Author(
                last_name="Lee",
                fore_name="Bong-Woo",
                initials="BW",
                affiliations=("Seoul St. Mary's Hospital, Seoul, Korea",),
            ),
        ),
    )
    merged = merge_records(short, rich)
    assert merged.title == "New title of the paper here"
    assert merged.authors[0].fore_name == "Bong-Woo"
    assert merged.authors[0].affiliations
    assert merged.abstract_text == "BACKGROUND: Background text."


def test_a_record_without_pmid_cannot_bridge_two_pmids() -> None:
    index = PaperIndex()
    index.add(
        _record("a", 1, pmid="1", doi="10.1000/x", title="First paper with a long title", year=2020)
    )
    index.add(
        _record(
            "a", 2, pmid="2", doi="10.1000/y", title="Second paper with a long title", year=2020
        )
    )
    index.add(_record("b", 1, doi="10.1000/x", title="Second paper with a long title", year=2020))
    assert len(index) == 2
    first = index.find(pmid="1")
    second = index.find(pmid="2")
    assert first is not None and first.sources == ["a#1", "b#1"]
    assert second is not None and second.record.title == "Second paper with a long title"
    assert index.conflicts


def test_formats_of_every_contributing_record_are_kept() -> None:
    index = PaperIndex()
    index.add(Record(source=Source("x.xml", "pubmed-xml", 1), pmid="9", title="T"))
    index.add(Record(source=Source("x.nbib", "medline", 1), pmid="9", title="T"))
    (cluster,) = list(index.clusters())
    assert cluster.formats == {"pubmed-xml", "medline"}
