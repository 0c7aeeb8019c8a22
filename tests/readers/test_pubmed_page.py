"""The pubmed-page reader on the real saved page, hand-made layouts and broken input."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from kg.model import MeshHeading, PartialDate, Problem, Record, Reference
from kg.readers import ReaderModule, detect_format, load_reader, pubmed_page
from kg.readers.source import InputSource

DATA = Path(__file__).parents[1] / "data"
SEED = DATA / "seeds" / "002_b9204fd5ad0bb1e4.txt"
LISTING_SEED = DATA / "seeds" / "000_43d217d51f7c109e.txt"
FULL = DATA / "pubmed_page" / "full_layout.txt"
AHEAD = DATA / "pubmed_page" / "ahead_of_print.txt"

Golden = Callable[[str, Iterable[Record]], None]
TITLE = (
    "The immunomodulatory effects of mesenchymal stromal cell-based therapy in human and "
    "animal models of systemic lupus erythematosus"
)


def read(path: Path, display: str | None = None) -> tuple[list[Record], list[Problem]]:
    items = list(pubmed_page.read(InputSource(path, display or path.name)))
    records = [item for item in items if isinstance(item, Record)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(records) + len(problems) == len(items)
    return records, problems


def only(path: Path, display: str | None = None) -> Record:
    records, problems = read(path, display)
    assert problems == []
    assert len(records) == 1
    return records[0]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _without_source(record: Record) -> Record:
    return dataclasses.replace(record, source=dataclasses.replace(record.source, file="x"))


@pytest.fixture(scope="module")
def seed() -> Record:
    return only(SEED, "seeds/002_b9204fd5ad0bb1e4.txt")


# -- the real page -----------------------------------------------------------------------------


def test_seed_matches_golden(seed: Record, golden: Golden) -> None:
    golden("pubmed_page_seed", [seed])


def test_seed_citation_facts(seed: Record) -> None:
    assert seed.title == TITLE
    assert seed.doi == "10.1002/iub.2387"
    assert seed.journal_abbrev == "IUBMB Life"
    assert (seed.year, seed.volume, seed.issue, seed.pages) == (2020, "72", "11", "2366-2381")
    assert seed.date == PartialDate(2020, 11)
    assert seed.epub == PartialDate(2020, 10, 2)
    assert seed.publication_types == ("Review",)
    assert seed.open_access is True
    assert (seed.pmid, seed.pmcid) == (None, None)  # this page was cut before its PMID line
    assert (seed.source.format, seed.source.record, seed.source.line) == ("pubmed-page", 1, 18)


def test_seed_only_first_author_is_known(seed: Record) -> None:
    assert len(seed.authors) == 1
    author = seed.authors[0]
    assert (author.fore_name, author.last_name, author.initials) == ("Fereshteh", "Radmanesh", "F")
    assert author.affiliations == ()


def test_seed_abstract_and_keywords(seed: Record) -> None:
    assert len(seed.abstract) == 1
    assert seed.abstract[0].label is None
    assert seed.abstract[0].text.startswith("Systemic lupus erythematosus (SLE) is a chronic")
    assert seed.abstract[0].text.endswith("from the immunoregulatory aspect.")
    assert seed.abstract_truncated is False
    assert seed.keywords == (
        "SLE mice model",
        "immune cells",
        "immunomodulation",
        "mesenchymal stromal cells",
        "systemic lupus erythematosus",
    )


def test_seed_references(seed: Record) -> None:
    assert len(seed.references) == 5
    assert [ref.authors for ref in seed.references] == [
        ("Lee S-Y", "Lee SH", "Seo H-B"),
        ("Comte D", "Karampetsou MP", "Tsokos GC"),
        ("Sui W", "Hou X", "Che W", "Yang M", "Dai Y"),
        ("Weckerle CE", "Niewold TB"),
        ("Kaul A", "Gordon C", "Crow MK"),
    ]
    assert [(r.journal, r.year, r.volume, r.pages) for r in seed.references] == [
        ("Sci Rep", 2019, "9", "5227"),
        ("Lupus", 2015, "24", "351-363"),
        ("Genes Immun", 2013, "14", "133-146"),
        ("Clin Rev Allergy Immunol", 2011, "40", "42-49"),
        ("Nat Rev Dis Primers", 2016, "2", "16039"),
    ]
    assert seed.references[4] == Reference(
        citation="Kaul A, Gordon C, Crow MK, et al. Systemic lupus erythematosus. "
        "Nat Rev Dis Primers. 2016;2:16039.",
        authors=("Kaul A", "Gordon C", "Crow MK"),
        title="Systemic lupus erythematosus.",
        journal="Nat Rev Dis Primers",
        year=2016,
        volume="2",
        pages="16039",
    )
    assert seed.references[3].title == (
        "The unexplained female predominance of systemic lupus erythematosus: "
        "Clues from genetic and cytokine studies."
    )


def test_registered_and_sniffed() -> None:
    module: ReaderModule = pubmed_page  # mypy checks the module against the reader protocol
    assert load_reader("pubmed-page").NAME == module.NAME == "pubmed-page"
    assert pubmed_page.sniff(seed_text()) >= 90
    assert pubmed_page.sniff(LISTING_SEED.read_text(encoding="utf-8")) < 30
    # PubMed's "Abstract (text)" export has "doi: ... Epub" mid-line only: not a page.
    abstract_text = (
        "1. IUBMB Life. 2020 Nov;72(11):2366-2381. doi: 10.1002/iub.2387. Epub 2020 Oct 2.\n"
    )
    assert pubmed_page.sniff(abstract_text) < 30
    banner_cut = seed_text().split("Access keys", 1)[1]
    assert pubmed_page.sniff(banner_cut) >= 70


# -- other layouts of the same page ------------------------------------------------------------


def test_whitespace_variant_gives_the_same_record(tmp_path: Path, seed: Record) -> None:
    # Tabs instead of the four-space indent, trailing blanks, CRLF line ends, no-break spaces.
    text = seed_text().replace("    1. ", "\t1.\t").replace("\n\n", "\n  \n")
    text = text.replace("\u00a0et al.", " \u00a0 et al.").replace(", et al.", ",\u00a0et al.")
    text = text.replace("\n", "\r\n")
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode("utf-8"))
    assert _without_source(only(path)) == _without_source(seed)


def test_latin1_page_gives_the_same_record(tmp_path: Path, seed: Record) -> None:
    encoded = []
    for line in seed_text().split("\n"):
        try:
            encoded.append(line.encode("cp1252"))
        except UnicodeEncodeError:
            encoded.append(line.encode("utf-8"))
    path = tmp_path / "page.txt"
    path.write_bytes(b"\n".join(encoded))
    assert _without_source(only(path)) == _without_source(seed)


def test_full_layout_matches_golden(golden: Golden) -> None:
    golden("pubmed_page_full_layout", [only(FULL, "pubmed_page/full_layout.txt")])


def test_full_layout_header() -> None:
    record = only(FULL)
    assert (record.pmid, record.pmcid, record.doi) == (
        "90000011",
        "PMC90000011",
        "10.1186/s13287-021-90001-x",
    )
    assert record.journal_abbrev == "Stem Cell Res Ther"
    assert record.date == PartialDate(2021, 3, 4)
    assert (record.volume, record.issue, record.pages) == ("12", "1", "158")
    assert record.publication_types == ("Clinical Trial", "Research Support, Non-U.S. Gov't")
    assert [author.display_name for author in record.authors] == [
        "Dandan Wang",
        "Lingying Niu",
        "Xuebing Feng",
        "Lingyun Sun",
    ]
    feng = record.authors[2]
    assert len(feng.affiliations) == 2
    assert feng.affiliations[1] == (
        "State Key Laboratory of Pharmaceutical Biotechnology, Nanjing University, Nanjing, China."
    )


def test_full_layout_sections() -> None:
    record = only(FULL)
    assert [section.label for section in record.abstract] == [
        "Background",
        "Methods",
        "Results",
        "Conclusions",
        "Trial registration",
    ]
    assert record.abstract[0].text == (
        "Lupus nephritis is a severe organ manifestation of systemic lupus erythematosus."
    )
    assert record.keywords == ("Lupus nephritis", "Mesenchymal stem cells", "Umbilical cord")
    assert record.mesh_headings[3:5] == (
        MeshHeading("Lupus Nephritis", major=True, qualifiers=("therapy",)),
        MeshHeading("Mesenchymal Stem Cell Transplantation", major=True, qualifiers=("methods",)),
    )
    assert record.mesh_headings[0] == MeshHeading("Adult")


def test_full_layout_references() -> None:
    references = only(FULL).references
    assert len(references) == 5  # "Similar articles" and "Cited by" items are not references
    first, second, third, fourth, fifth = references
    assert first.doi == "10.1002/art.27548"
    assert (first.journal, first.volume, first.issue, first.pages) == (
        "Arthritis Rheum",
        "62",
        "8",
        "2467-2475",
    )
    assert second.pmid == "20650877"
    assert second.year == 2010
    assert third.citation is not None
    assert not third.citation.endswith("PMC")  # link words are not part of the citation
    assert third.journal == "N Engl J Med"
    assert fourth.journal == "J. Am. Soc. Nephrol"
    assert fourth.authors == ("Weening JJ", "D'Agati VD", "Schwartz MM")
    assert (fifth.authors, fifth.title, fifth.year) == (("World Health Organization",), None, 2019)


def test_ahead_of_print_matches_golden(golden: Golden) -> None:
    golden("pubmed_page_ahead_of_print", [only(AHEAD, "pubmed_page/ahead_of_print.txt")])


def test_ahead_of_print_single_author_and_numbered_references() -> None:
    record = only(AHEAD)
    assert record.journal_abbrev == "Arthritis Res Ther"
    assert (record.volume, record.issue, record.pages) == (None, None, None)
    assert record.date == record.epub == PartialDate(2025, 1, 15)
    assert record.doi == "10.1186/s13075-025-90002-y"
    assert record.pmid == "90000012"
    assert [author.display_name for author in record.authors] == ["Jane Q Doe"]
    assert record.open_access is None
    assert [ref.journal for ref in record.references] == ["Theranostics", "Biomolecules", "Science"]
    assert record.references[2].doi == "10.1126/science.aau6977"
    assert record.references[2].pages == "eaau6977"


# -- broken input ------------------------------------------------------------------------------


def test_malformed_doi_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(seed_text().replace("doi: 10.1002/iub.2387.", "doi: 10.1002 iub.2387."))
    records, problems = read(path, "page.txt")
    assert len(records) == 1
    assert records[0].doi is None
    assert records[0].title == TITLE
    assert [(p.severity, p.line, p.record) for p in problems] == [("warning", 19, 1)]
    assert "DOI" in problems[0].message


def test_not_a_page_is_one_error_for_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Meeting notes\n\nNothing here looks like a PubMed page.\n")
    records, problems = read(path, "notes.txt")
    assert records == []
    assert len(problems) == 1
    assert (problems[0].severity, problems[0].record) == ("error", None)
    assert problems[0].describe().startswith("notes.txt:1: no PubMed page content found")


def test_empty_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    records, problems = read(path)
    assert records == []
    assert [(p.severity, p.record) for p in problems] == [("error", None)]


def test_two_saved_pages_in_one_file(tmp_path: Path, seed: Record) -> None:
    path = tmp_path / "two.txt"
    path.write_text(seed_text() + "\n" + AHEAD.read_text(encoding="utf-8"), encoding="utf-8")
    records, problems = read(path)
    assert problems == []
    assert [record.source.record for record in records] == [1, 2]
    assert records[0].title == TITLE
    assert records[1].pmid == "90000012"
    # The seed's 51 lines, the blank line between, then the citation on line 5 of the page.
    assert records[1].source.line == 51 + 1 + 5


NAVIGATION = (
    "Page navigation\nTitle & authors\nAbstract\nSimilar articles\nCited by\nReferences\n"
    "Publication types\nMeSH terms\nLinkOut - more resources\n"
)


@pytest.mark.parametrize("where", ["top", "bottom", "banner"])
def test_page_navigation_list_is_ignored(tmp_path: Path, seed: Record, where: str) -> None:
    text = seed_text()
    text = {
        "top": NAVIGATION + text,
        "bottom": text + NAVIGATION,
        "banner": text.replace("Access keys", NAVIGATION + "Access keys"),
    }[where]
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    record = only(path)
    assert dataclasses.replace(record, source=seed.source) == seed  # lines shift, nothing else


def test_banner_text_is_never_taken_for_the_journal(tmp_path: Path) -> None:
    # Without the "Review" label and the summary box, the line above the citation is banner.
    text = seed_text().replace("Review\n. 2020", ". 2020")
    text = text.replace("Fereshteh Radmanesh\u00a0et al. IUBMB Life. 2020 Nov.\n", "")
    assert "IUBMB" not in text
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    record = only(path)
    assert record.journal_abbrev is None
    assert record.authors == ()
    assert (record.title, record.year, record.volume) == (TITLE, 2020, "72")


@pytest.mark.parametrize(
    "text",
    [
        # MEDLINE tagged text
        "PMID- 33001571\nTI  - The immunomodulatory effects of mesenchymal stromal cells.\n"
        "SO  - IUBMB Life. 2020 Nov;72(11):2366-2381. doi: 10.1002/iub.2387. Epub 2020 Oct 2.\n",
        # PubMed "Abstract (text)" export
        "1. IUBMB Life. 2020 Nov;72(11):2366-2381. doi: 10.1002/iub.2387. Epub 2020 Oct 2.\n\n"
        "The immunomodulatory effects of mesenchymal stromal cells.\n\nRadmanesh F, Mahmoudi M.\n\n"
        "Author information:\n(1)Immunology Research Center, Mashhad, Iran.\n\nPMID: 33001571\n",
        # the citation listing seed
        LISTING_SEED.read_text(encoding="utf-8"),
    ],
    ids=["medline", "abstract-text", "citation-listing"],
)
def test_other_exports_forced_through_are_rejected(tmp_path: Path, text: str) -> None:
    path = tmp_path / "other.txt"
    path.write_text(text, encoding="utf-8")
    records, problems = read(path)
    assert records == []
    assert [(p.severity, p.record) for p in problems] == [("error", None)]


# -- pages copied from the title down, bylines with group authors ------------------------------

COPIED = """Review
Front Immunol
. 2023 Jan 10;13:1098765.
doi: 10.3389/fimmu.2022.1098765. eCollection 2022.

Mesenchymal stem cell-derived exosomes in rheumatoid arthritis

{byline}
Affiliations
1 Department of Immunology, Medical University of Warsaw, Warsaw, Poland.
2 Institute of Rheumatology, Beijing, China.
3 Hospital Clinic de Barcelona, Barcelona, Spain.
{ids}
Free PMC article

Abstract

Rheumatoid arthritis is a chronic disease.
"""
BYLINE = "Anna Kowalska 1 2, José García-López 3, Mei Chen 2"
IDS = "PMID: 36700001 PMCID: PMC9800001 DOI: 10.3389/fimmu.2022.1098765"


def _copied(tmp_path: Path, byline: str = BYLINE, ids: str = IDS) -> tuple[Path, str]:
    text = COPIED.format(byline=byline, ids=ids)
    path = tmp_path / "copied.txt"
    path.write_text(text, encoding="utf-8")
    return path, text


@pytest.mark.parametrize("ids", [IDS, "PMID: 36700001", "DOI: 10.3389/fimmu.2022.1098765"])
def test_page_copied_from_the_title_down_is_sniffed(tmp_path: Path, ids: str) -> None:
    path, text = _copied(tmp_path, ids=ids)
    assert pubmed_page.sniff(text) >= 70
    assert detect_format(InputSource(path)) == "pubmed-page"
    record = only(path)
    assert record.journal_abbrev == "Front Immunol"
    assert [author.last_name for author in record.authors] == ["Kowalska", "García-López", "Chen"]


def test_affiliations_heading_alone_is_not_enough() -> None:
    assert pubmed_page.sniff("Some notes\nAffiliations\n1 A university.\n") < 70


@pytest.mark.parametrize(
    "byline",
    [f"{BYLINE}; RA-EV Consortium", f"{BYLINE}, RA-EV Consortium", f"{BYLINE}, RA-EV Study Group"],
)
def test_group_author_in_the_byline(tmp_path: Path, byline: str) -> None:
    path, _ = _copied(tmp_path, byline)
    record = only(path)
    names = [(author.last_name, author.collective_name) for author in record.authors]
    assert names[:3] == [("Kowalska", None), ("García-López", None), ("Chen", None)]
    assert names[3] == (None, byline.rsplit(", ", 1)[-1].split("; ")[-1])
    assert record.authors[0].affiliations == (
        "Department of Immunology, Medical University of Warsaw, Warsaw, Poland.",
        "Institute of Rheumatology, Beijing, China.",
    )


def test_unkeyed_organisation_in_a_keyed_byline_is_a_group(tmp_path: Path) -> None:
    path, _ = _copied(tmp_path, f"{BYLINE}, European Alliance of Associations for Rheumatology")
    record = only(path)
    assert record.authors[-1].collective_name == (
        "European Alliance of Associations for Rheumatology"
    )
    assert len(record.authors) == 4


def test_unreadable_byline_items_are_dropped_with_a_warning(tmp_path: Path) -> None:
    path, _ = _copied(tmp_path, f"{BYLINE}, Madonna 2, M. 3")
    records, problems = read(path)
    assert [author.last_name for author in records[0].authors] == [
        "Kowalska",
        "García-López",
        "Chen",
    ]
    (warning,) = problems
    assert (warning.severity, warning.line) == ("warning", 8)
    assert warning.found == "Madonna; M."
