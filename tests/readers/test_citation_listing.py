"""The citation-listing reader on the real seed listing, hand-made variants and broken input."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from kg.model import PartialDate, Problem, Record
from kg.readers import ReaderModule, citation_listing, load_reader
from kg.readers.source import InputSource

DATA = Path(__file__).parents[1] / "data"
SEED = DATA / "seeds" / "000_43d217d51f7c109e.txt"
VARIANTS = DATA / "citation_listing" / "variants.txt"
PAGE_SEED = DATA / "seeds" / "002_b9204fd5ad0bb1e4.txt"

Golden = Callable[[str, Iterable[Record]], None]


def read(path: Path, display: str | None = None) -> tuple[list[Record], list[Problem]]:
    items = list(citation_listing.read(InputSource(path, display or path.name)))
    records = [item for item in items if isinstance(item, Record)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(records) + len(problems) == len(items)
    return records, problems


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def write(tmp_path: Path, lines: list[str], name: str = "listing.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed() -> list[Record]:
    records, problems = read(SEED, "seeds/000_43d217d51f7c109e.txt")
    assert problems == []
    return records


# -- the real listing --------------------------------------------------------------------------


def test_seed_matches_golden(seed: list[Record], golden: Golden) -> None:
    golden("citation_listing_seed", seed)


def test_seed_has_five_records_with_their_pmids(seed: list[Record]) -> None:
    assert [record.pmid for record in seed] == [
        "39882532",
        "39874108",
        "39154207",
        "38279269",
        "37892183",
    ]
    assert [record.source.record for record in seed] == [1, 2, 3, 4, 5]
    # Source.line is the line of each entry's citation line.
    assert [record.source.line for record in seed] == [3, 30, 48, 55, 69]
    assert all(record.source.format == "citation-listing" for record in seed)


def test_first_record_citation_fields(seed: list[Record]) -> None:
    first = seed[0]
    assert first.pmcid == "PMC11774712"
    assert first.doi == "10.3389/fmed.2024.1530887"
    assert first.title == (
        "Cell therapy for scleroderma: progress in mesenchymal stem cells and CAR-T treatment."
    )
    assert first.journal_abbrev == "Front Med (Lausanne)"
    assert (first.year, first.volume, first.issue, first.pages) == (2025, "11", None, "1530887")
    assert first.date == PartialDate(2025)
    assert first.received == PartialDate(2024, 11, 19)
    assert first.revised is None
    assert first.accepted == PartialDate(2024, 12, 26)
    assert first.indexed == PartialDate(2025, 1, 31)
    assert first.cited_by == 0
    assert first.open_access is True
    assert first.abstract_truncated is False
    assert first.abstract_text is not None
    assert first.abstract_text.startswith("Cell therapy is an emerging strategy")


def test_authors_are_linked_to_their_full_names(seed: list[Record]) -> None:
    chen = seed[0].authors[0]
    assert (chen.last_name, chen.fore_name, chen.initials) == ("Chen", "Liting", "L")
    anping = seed[0].authors[7]
    assert (anping.fore_name, anping.last_name) == ("Anping", "Chen")
    assert anping.affiliations == (
        "Department of Rheumatology and Immunology, Qinzhou First People's Hospital, "
        "Qinzhou, Guangxi, China",
        "Minda Hospital of Hubei Minzu University, Enshi, China",
    )
    lee = seed[1].authors[0]
    assert (lee.last_name, lee.fore_name, lee.initials) == ("Lee", "Bong-Woo", "BW")
    assert [author.display_name for author in seed[1].authors] == [
        "Bong-Woo Lee",
        "Jennifer Jooha Lee",
        "Joon-Yong Jung",
        "Ji Hyeon Ju",
    ]


IMCB = (
    "Institute of Molecular and Cell Biology (IMCB), Agency for Science, Technology and "
    "Research (A*STAR), 61 Biopolis Drive, Proteos, Singapore 138673, Singapore"
)


def test_affiliation_initials_markers_attribute_and_are_stripped(seed: list[Record]) -> None:
    """The IMCB line ends "(B.Z.); (R.C.L.); (W.K.S.)": it is theirs, not Sai Kiang Lim's,
    although the listing copies it under all four authors."""
    zhang, lai, sim, lim = seed[4].authors
    assert (lim.fore_name, lim.last_name, lim.initials) == ("Sai Kiang", "Lim", "SK")
    assert IMCB in zhang.affiliations and IMCB in lai.affiliations and IMCB in sim.affiliations
    assert IMCB not in lim.affiliations
    assert [text.split(",")[0] for text in lim.affiliations] == [
        "Paracrine Therapeutics Pte. Ltd.",
        "Department of Surgery",
    ]
    assert len(lai.affiliations) == 2
    every = [text for record in seed for author in record.authors for text in author.affiliations]
    assert not any("(B.Z.)" in text or text.endswith(";") for text in every)
    # The trailing ";" of "CReATe Fertilty Center, ...;" goes, the rest stays verbatim.
    assert seed[3].authors[1].affiliations == (
        "CReATe Fertilty Center, Toronto, ON M5G 1N8, Canada",
    )


def test_entry_without_affiliations_keeps_its_short_authors(seed: list[Record]) -> None:
    third = seed[2]
    assert [(a.last_name, a.initials, a.affiliations) for a in third.authors] == [
        ("Przywara", "D", ()),
        ("Petniak", "A", ()),
        ("Gil-Kulik", "P", ()),
    ]
    assert third.title == (
        "Optimizing Mesenchymal Stem Cells for Regenerative Medicine: Influence of Diabetes, "
        "Obesity, Autoimmune, and Inflammatory Conditions on Therapeutic Efficacy: A Review."
    )
    assert (third.journal_abbrev, third.volume, third.pages) == ("Med Sci Monit", "30", "e945331")


def test_title_with_quotes_and_truncated_abstract(seed: list[Record]) -> None:
    fourth = seed[3]
    assert fourth.title == (
        "Special Issue \"Mesenchymal Stromal Cells' Involvement in Human Diseases and Their "
        'Treatment".'
    )
    assert fourth.abstract_truncated is True
    assert fourth.abstract[-1].text.endswith("myoblasts [...].")
    assert (fourth.journal_abbrev, fourth.year, fourth.volume, fourth.pages) == (
        "Int J Mol Sci",
        2024,
        "25",
        "1269",
    )
    assert fourth.received == fourth.accepted == PartialDate(2024, 1, 18)


def test_cited_by_and_revised_date(seed: list[Record]) -> None:
    assert [record.cited_by for record in seed] == [0, 0, 0, 0, 1]
    assert seed[4].revised == PartialDate(2023, 9, 27)
    assert seed[1].revised == PartialDate(2024, 11, 4)


def test_registered_and_sniffed() -> None:
    module: ReaderModule = citation_listing  # mypy checks the module against the reader protocol
    assert load_reader("citation-listing").NAME == module.NAME == "citation-listing"
    head = SEED.read_text(encoding="utf-8")
    assert citation_listing.sniff(head) >= 90
    assert citation_listing.sniff(PAGE_SEED.read_text(encoding="utf-8")) < 30
    assert citation_listing.sniff("PMID- 12345\nTI  - A MEDLINE record\n") < 30


# -- encodings and line ends -------------------------------------------------------------------


def _without_source(records: list[Record]) -> list[Record]:
    return [
        dataclasses.replace(record, source=dataclasses.replace(record.source, file="x"))
        for record in records
    ]


def test_crlf_gives_the_same_records(tmp_path: Path, seed: list[Record]) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))
    records, problems = read(path)
    assert problems == []
    assert _without_source(records) == _without_source(seed)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_single_byte_encodings_give_the_same_records(
    tmp_path: Path, seed: list[Record], encoding: str
) -> None:
    # Lines whose characters the encoding has are written in it (the ± of entry 2, and with
    # cp1252 the ’ of the affiliations); the few with characters it lacks (μ) stay UTF-8,
    # which is how a file edited in an old Windows editor ends up.
    encoded = []
    for line in seed_lines():
        try:
            encoded.append(line.encode(encoding))
        except UnicodeEncodeError:
            encoded.append(line.encode("utf-8"))
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(b"\n".join(encoded))
    source = InputSource(path)
    items = list(citation_listing.read(source))
    assert _without_source([item for item in items if isinstance(item, Record)]) == (
        _without_source(seed)
    )
    assert not any(isinstance(item, Problem) for item in items)
    assert source.warnings and "Windows-1252" in source.warnings[0].message


# -- broken input ------------------------------------------------------------------------------


def test_garbled_entry_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    lines = seed_lines()[:52]  # entries 1, 2 and 3
    assert lines[29].startswith("Lee BW, Lee JJ")
    lines[29] = (
        "Lee BW, Lee JJ, Jung JY, Ju JH. Intra-Articular Injection of Human Bone Marrow-Deri"
    )
    records, problems = read(write(tmp_path, lines), "garbled.txt")
    assert [record.pmid for record in records] == ["39882532", "39154207"]
    assert [record.source.record for record in records] == [1, 3]
    assert len(problems) == 1
    error = problems[0]
    assert (error.severity, error.line, error.record) == ("error", 30, 2)
    assert error.expected and "Journal Year; Volume:Pages" in error.expected
    assert error.found == lines[29]
    assert error.describe().startswith("garbled.txt:30: entry 2: citation line not understood")


def test_garbled_first_entry_is_reported_before_the_next_record(tmp_path: Path) -> None:
    lines = seed_lines()
    lines[2] = "@@@ ### copy error ###"
    records, problems = read(write(tmp_path, lines))
    assert len(records) == 4
    assert [(p.severity, p.line, p.record) for p in problems] == [("error", 3, 1)]


def test_malformed_pmid_is_dropped_with_a_warning(tmp_path: Path) -> None:
    lines = seed_lines()
    lines[2] = lines[2].replace("[PMID: 39882532 ", "[PMID: 3988x212 ")
    records, problems = read(write(tmp_path, lines), "bad-pmid.txt")
    assert len(records) == 5
    assert records[0].pmid is None
    assert records[0].pmcid == "PMC11774712"
    assert records[0].title is not None
    assert len(problems) == 1
    warning = problems[0]
    assert (warning.severity, warning.line, warning.record) == ("warning", 3, 1)
    assert warning.found == "3988x212"
    assert "PMID" in warning.message


def test_malformed_doi_and_date_are_dropped_with_warnings(tmp_path: Path) -> None:
    lines = seed_lines()
    lines[29] = (
        lines[29]
        .replace("DOI: 10.1177/", "DOI: 11.1177/")
        .replace("[Revised: 11/04/2024]", "[Revised: soon]")
    )
    records, problems = read(write(tmp_path, lines))
    assert records[1].doi is None
    assert records[1].revised is None
    assert records[1].pmid == "39874108"
    assert sorted(p.found or "" for p in problems) == ["11.1177/09636897241303275", "soon"]
    assert all(p.severity == "warning" and p.record_id == "39874108" for p in problems)


def test_identifiers_without_citation_structure_keep_the_record(tmp_path: Path) -> None:
    lines = ["1", "|", "Garbled text without a journal [PMID: 39882532 DOI: 10.3389/x.1]", "|"]
    records, problems = read(write(tmp_path, lines))
    assert [record.pmid for record in records] == ["39882532"]
    assert [p.severity for p in problems] == ["warning"]


def test_no_entries_is_one_error_for_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, ["This is a letter, not a listing.", "", "Kind regards"])
    records, problems = read(path, "letter.txt")
    assert records == []
    assert len(problems) == 1
    assert problems[0].severity == "error"
    assert problems[0].record is None
    assert "no recognisable citation entry" in problems[0].message


def test_empty_file_is_one_error(tmp_path: Path) -> None:
    records, problems = read(write(tmp_path, []))
    assert records == []
    assert [(p.severity, p.record) for p in problems] == [("error", None)]


# -- other shapes of the same listing ----------------------------------------------------------


@pytest.fixture(scope="module")
def variants() -> list[Record]:
    records, problems = read(VARIANTS, "citation_listing/variants.txt")
    assert problems == []
    return records


def test_variants_match_golden(variants: list[Record], golden: Golden) -> None:
    golden("citation_listing_variants", variants)


def test_et_al_list_links_and_keeps_the_rest_of_the_byline(variants: list[Record]) -> None:
    first = variants[0]
    assert first.pmcid is None
    assert (first.volume, first.issue, first.pages) == ("16", "2", "102-113")
    assert first.title == (
        "Umbilical cord mesenchymal stem cells for refractory lupus nephritis: "
        "is it time to move on?"
    )
    assert first.journal_abbrev == "World J Stem Cells"
    assert [author.display_name for author in first.authors] == [
        "Xin Wang",
        "Ying Li",
        "Hui Zhang",
        "Jian-Guo Chen",
    ]
    assert first.authors[3].initials == "JG"
    assert len(first.authors[3].affiliations) == 2
    assert first.authors[0].affiliations[0].endswith("Jiangsu Province, China")
    assert [section.label for section in first.abstract] == [
        "BACKGROUND",
        "AIM",
        "METHODS",
        "CONCLUSION",
    ]
    assert first.abstract_truncated is True


def test_title_with_full_stop_and_question_mark(variants: list[Record]) -> None:
    second = variants[1]
    assert second.title == (
        "Mesenchymal stromal cells in systemic lupus erythematosus. Hope or hype?"
    )
    assert [(a.last_name, a.initials) for a in second.authors] == [
        ("Okafor", "CN"),
        ("Müller-Lüdenscheidt", "A"),
    ]
    assert second.journal_abbrev == "Lupus Sci Med"
    assert second.date == PartialDate(2023, 11)
    assert (second.volume, second.issue, second.pages) == ("10", "2", "e000987")
    assert (second.pmid, second.pmcid, second.doi) == ("90000002", None, None)
    assert second.abstract == ()
    assert second.open_access is None
    assert second.revised is None and second.indexed is None


def test_epub_ahead_form_group_author_and_particles(variants: list[Record]) -> None:
    third = variants[2]
    assert (third.journal_abbrev, third.year, third.volume, third.pages) == (
        "Ann Rheum Dis",
        2025,
        None,
        None,
    )
    assert [author.display_name for author in third.authors] == [
        "John Andrew Smith",
        "Karin van der Berg",
        "Patrick O'Neil",
        "CAR-T Study Group",
    ]
    assert third.authors[3].collective_name == "CAR-T Study Group"
    assert third.authors[0].affiliations == (
        "Department of Internal Medicine 3, University Hospital Erlangen, Erlangen 91054, Germany",
    )
    assert third.cited_by == 12
    assert len(third.abstract) == 2


def test_wrapped_citation_line_is_joined(tmp_path: Path, seed: list[Record]) -> None:
    lines = seed_lines()
    citation = lines[2]
    cut = citation.index(" [PMID:")
    lines[2:3] = [citation[:cut], citation[cut + 1 :]]
    records, problems = read(write(tmp_path, lines))
    assert problems == []
    assert _without_source(records[:1]) == _without_source(seed[:1])


def test_unnumbered_listing_without_abstract_headings(tmp_path: Path) -> None:
    lines = [
        "Zhang B, Lai RC, Sim WK, Lim SK. Therapeutic Efficacy of Mesenchymal Stem/Stromal Cell "
        "Small Extracellular Vesicles in Alleviating Arthritic Progression by Restoring "
        "Macrophage Balance. Biomolecules 2023; 13:1501. [PMID: 37892183]",
        "|",
        "Jerkic M, Rabani R. Special Issue \"Mesenchymal Stromal Cells' Involvement in Human "
        'Diseases and Their Treatment". Int J Mol Sci 2024; 25:1269. [PMID: 38279269]',
    ]
    records, problems = read(write(tmp_path, lines))
    assert problems == []
    assert [(r.pmid, r.journal_abbrev, r.volume, r.pages) for r in records] == [
        ("37892183", "Biomolecules", "13", "1501"),
        ("38279269", "Int J Mol Sci", "25", "1269"),
    ]
    assert [r.source.line for r in records] == [1, 3]


def test_heading_above_the_first_entry_is_a_warning_not_a_record(tmp_path: Path) -> None:
    path = write(tmp_path, ["Cited by 5 articles", *seed_lines()])
    records, problems = read(path)
    assert [record.source.record for record in records] == [1, 2, 3, 4, 5]
    assert records[0].source.line == 4
    assert [(p.severity, p.line, p.found) for p in problems] == [
        ("warning", 1, "Cited by 5 articles")
    ]


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        (
            "Chen L, et al. Cell therapy. Front Med (Lausanne) 2025; 11:1530887. [PMID: 1]",
            (("Chen",), "Cell therapy.", "Front Med (Lausanne)", "11", None, "1530887"),
        ),
        (
            "[No authors listed]. Cell therapy news. J Clin Med 2020; 1:2. [PMID: 1]",
            ((), "Cell therapy news.", "J Clin Med", "1", None, "2"),
        ),
        (
            "Lee BW. MSC vs. placebo in OA. Cell Transplant 2025; 34:1. [PMID: 1] Open",
            (("Lee",), "MSC vs. placebo in OA.", "Cell Transplant", "34", None, "1"),
        ),
        (
            "Wang JL, Li X, Ma LS. Integrity of the editing and publishing process. "
            "World J Gastroenterol 2022; 28(43): 6168-6202 [PMID: 36439248]",
            (
                ("Wang", "Li", "Ma"),
                "Integrity of the editing and publishing process.",
                "World J Gastroenterol",
                "28",
                "43",
                "6168-6202",
            ),
        ),
        (
            "Chen L. [Cell therapy in China]. Zhonghua Yi Xue Za Zhi 2020; 100:1. [PMID: 1]",
            (("Chen",), "[Cell therapy in China].", "Zhonghua Yi Xue Za Zhi", "100", None, "1"),
        ),
        (
            "St. John AB, Lee C. Title here. Lupus 2023 Nov-Dec; 12(6):1. [PMID: 2]",
            (("St. John", "Lee"), "Title here.", "Lupus", "12", "6", "1"),
        ),
        (
            "de la Cruz M, Al-Hassan KM. Rheumatology in 2020: a year in review. "
            "Rheumatology (Oxford) 2020; 59(Suppl 2):ii1-ii10. [PMID: 3]",
            (
                ("de la Cruz", "Al-Hassan"),
                "Rheumatology in 2020: a year in review.",
                "Rheumatology (Oxford)",
                "59",
                "Suppl 2",
                "ii1-ii10",
            ),
        ),
        (
            "Yañez Í, Ölçer Ş, Seo H-B. Título. Reumatol Clin 2021; 17(2):60-6. [PMID: 5]",
            (("Yañez", "Ölçer", "Seo"), "Título.", "Reumatol Clin", "17", "2", "60-6"),
        ),
        (
            "Smith J, Lee K. Title. Lancet 2021; 397(10270):100-1. [PMID: 4] "
            "[Cited by in Crossref: 7] [Article Influence: 2.3]",
            (("Smith", "Lee"), "Title.", "Lancet", "397", "10270", "100-1"),
        ),
    ],
)
def test_citation_line_shapes(tmp_path: Path, citation: str, expected: tuple[object, ...]) -> None:
    records, problems = read(write(tmp_path, ["1", "|", citation, "|"]))
    assert problems == []
    (record,) = records
    surnames = tuple(author.last_name for author in record.authors)
    assert (
        surnames,
        record.title,
        record.journal_abbrev,
        record.volume,
        record.issue,
        record.pages,
    ) == expected


def _entry(citation: str, *affiliation_block: str) -> list[str]:
    block = ["Affiliation(s)", *affiliation_block, "| |", "Collapse"] if affiliation_block else []
    return ["1", "|", citation, "Abstract", "An abstract.", "Collapse", *block, "|"]


def test_family_first_full_names_are_linked(tmp_path: Path) -> None:
    lines = _entry(
        "Chen L, Wang Y. Title. Biomolecules 2023; 13:1. [PMID: 1]",
        "- Chen Liting",
        "- Qinzhou First People's Hospital, Qinzhou, China",
        "| | - Yi Wang",
        "- Minda Hospital, Enshi, China",
    )
    records, problems = read(write(tmp_path, lines))
    assert problems == []
    assert [(a.last_name, a.fore_name, a.initials) for a in records[0].authors] == [
        ("Chen", "Liting", "L"),
        ("Wang", "Yi", "Y"),
    ]
    assert records[0].authors[0].affiliations == (
        "Qinzhou First People's Hospital, Qinzhou, China",
    )


def test_unpaired_names_are_kept_and_reported(tmp_path: Path) -> None:
    lines = _entry(
        "Chen L, Wang Y, Ma X. Title. Biomolecules 2023; 13:1. [PMID: 1]",
        "- Liting Chen",
        "- Qinzhou First People's Hospital, Qinzhou, China",
        "| | - Jun Zhao",
        "- Minda Hospital, Enshi, China",
    )
    records, problems = read(write(tmp_path, lines))
    assert [a.display_name for a in records[0].authors] == [
        "Liting Chen",
        "Y Wang",
        "X Ma",
        "Jun Zhao",
    ]
    assert all(p.severity == "warning" and p.record_id == "1" for p in problems)
    messages = " ".join(p.message for p in problems)
    assert "Jun Zhao" in messages
    assert "2 author(s) of the citation line have no full name" in messages


def test_a_pubmed_page_forced_through_is_one_error() -> None:
    records, problems = read(PAGE_SEED)
    assert records == []
    assert [(p.severity, p.record) for p in problems] == [("error", None)]
