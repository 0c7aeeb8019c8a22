"""PubMed "Abstract (text)" reader on a fixture rendered from four real PubMed records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from kg.model import Author, PartialDate, Problem, Record
from kg.normalize.citations import Citation, clean_title, parse_author_list, parse_citation
from kg.readers import pubmed_text
from kg.readers.source import InputSource

Golden = Callable[[str, Iterable[Record]], None]
FIXTURE = Path(__file__).parent.parent / "data" / "pubmed_text" / "abstract_text_export.txt"


def _read(
    path: Path, display: str = "pubmed_text/export.txt"
) -> tuple[list[Record], list[Problem]]:
    items = list(pubmed_text.read(InputSource(path, display)))
    records = [item for item in items if isinstance(item, Record)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(records) + len(problems) == len(items)
    return records, problems


def _read_text(tmp_path: Path, text: str) -> tuple[list[Record], list[Problem]]:
    path = tmp_path / "export.txt"
    path.write_text(text, encoding="utf-8")
    return _read(path)


@pytest.fixture(scope="module")
def records() -> list[Record]:
    found, problems = _read(FIXTURE, "pubmed_text/abstract_text_export.txt")
    assert problems == []
    return found


def test_golden(records: list[Record], golden: Golden) -> None:
    golden("pubmed_text_abstract_export", records)


def test_sniff() -> None:
    head = FIXTURE.read_text(encoding="utf-8")
    assert pubmed_text.sniff(head) >= 90
    assert pubmed_text.sniff("PMID- 1\nTI  - x\n") == 0
    assert pubmed_text.sniff("Skip to main page content\n1. Journal. 2020.\n") == 0
    assert pubmed_text.sniff("1\n|\nChen L. Title. J 2025; 1:2. [PMID: 39882532]\n") == 0


def test_identifiers_and_citation(records: list[Record]) -> None:
    assert [record.pmid for record in records] == ["34095360", "27797938", "33098200", "34090522"]
    assert [record.pmcid for record in records] == ["PMC8166743", "PMC5442267", None, None]
    gut = records[1]
    assert gut.doi == "10.1136/gutjnl-2016-312510"
    assert (gut.journal_abbrev, gut.volume, gut.issue, gut.pages) == ("Gut", "66", "6", "1116-1122")
    assert (gut.date, gut.year, gut.epub) == (PartialDate(2017, 6), 2017, PartialDate(2016, 10, 21))
    assert gut.source.line == 42


def test_ecollection_date_is_the_publication_date(records: list[Record]) -> None:
    bone = records[0]
    assert bone.date == PartialDate(2021, 6)
    assert bone.epub == PartialDate(2021, 5, 17)
    assert (bone.volume, bone.issue, bone.pages) == ("14", None, "101093")


def test_multi_affiliation_author_gets_each_numbered_affiliation(records: list[Record]) -> None:
    gut = records[1]
    assert len(gut.authors) == 22
    yuan = gut.authors[2]
    assert (yuan.last_name, yuan.initials) == ("Yuan", "C")
    assert yuan.affiliations == (
        "Department of Epidemiology, Harvard T.H. Chan School of Public Health, Boston, "
        "Massachusetts, USA.",
        "Department of Medical Oncology, Dana-Farber Cancer Institute, Boston, Massachusetts, USA.",
    )
    ogino = next(author for author in gut.authors if author.last_name == "Ogino")
    assert len(ogino.affiliations) == 3
    assert ogino.affiliations[2].startswith("Division of MPE Molecular Pathological Epidemiology")
    assert gut.authors[-1].affiliations[1] == (
        "Department of Medicine, Brigham and Women's Hospital, and Harvard Medical School, "
        "Boston, Massachusetts, USA."
    )


def test_one_affiliation_shared_by_all_authors(records: list[Record]) -> None:
    bone = records[0]
    assert [author.last_name for author in bone.authors] == ["Murali", "Holmes"]
    assert bone.authors[0].affiliations == bone.authors[1].affiliations
    assert bone.authors[0].affiliations[0].endswith("Tallahassee, FL 32310, USA.")


def test_group_author_and_non_ascii_initials(records: list[Record]) -> None:
    transplant = records[2]
    assert len(transplant.authors) == 30  # 29 people and the group
    assert transplant.authors[-1] == Author(
        collective_name="Spanish Group for the Study of COVID-19 in Transplant Recipients"
    )
    yanez = next(author for author in transplant.authors if author.last_name == "Yañez")
    assert yanez.initials == "Í"
    hernandez = next(author for author in transplant.authors if author.last_name == "Hernández")
    assert len(hernandez.affiliations) == 3


def test_equal_contribution_markers_and_emails(records: list[Record]) -> None:
    scleroderma = records[3]
    first, second = scleroderma.authors[:2]
    assert (first.last_name, second.last_name) == ("Jin", "Ou")
    assert first.affiliations[0].startswith("Department of Dermatology, Tongji Hospital")
    assert second.affiliations[0].startswith("Department of Ophthalmology of Shanghai Tenth")
    assert scleroderma.authors[-1].email == "zhaojingjun2015@aliyun.com"
    assert [author.email for author in scleroderma.authors[:10]] == [None] * 10


def test_structured_abstract_without_copyright_or_statements(records: list[Record]) -> None:
    assert [section.label for section in records[1].abstract] == [
        "OBJECTIVE",
        "DESIGN",
        "RESULTS",
        "CONCLUSIONS",
    ]
    assert records[1].abstract[2].text.startswith("Shorter prediagnostic leucocyte telomere")
    assert records[0].abstract[0].label == "PURPOSE"
    assert [section.label for section in records[2].abstract] == [None]
    for record in records:
        text = record.abstract_text or ""
        assert "©" not in text and "Published by the BMJ" not in text
        assert "Conflict of interest" not in text and "Comment in" not in text


def test_crlf_gives_the_same_records(tmp_path: Path, records: list[Record]) -> None:
    data = FIXTURE.read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(data)
    again, problems = _read(path, "pubmed_text/abstract_text_export.txt")
    assert problems == []
    assert again == records


def test_lost_trailing_spaces_keep_labels(tmp_path: Path, records: list[Record]) -> None:
    text = "\n".join(line.rstrip() for line in FIXTURE.read_text(encoding="utf-8").splitlines())
    again, _ = _read_text(tmp_path, text)
    assert [record.abstract for record in again] == [record.abstract for record in records]


EDGE_CASES = """\
Search results, exported 2025-01-01

1. Rev Med Interne. 2021 Jan;42(1):12-18. doi: 10.1016/j.revmed.2020.11.001.

[Polymyalgia rheumatica and chronic myelomonocytic leukemia].

[Article in French]

Pseudopolyarthrite rhizomélique et leucémie myélomonocytaire chronique.

Martin A, Durand B.

Author information:
Service de médecine interne, CHU de Nantes, Nantes, France. a.martin@chu-nantes.fr

INTRODUCTION: A first paragraph.
CONCLUSION: A second one.

Keywords: polymyalgia rheumatica; leukemia.

DOI: 10.1016/j.revmed.2020.11.001
PMID: 33129580 [Indexed for MEDLINE]


2. BMJ. 1999;318:1.

An editorial without authors.

It has an abstract nonetheless.

PMID: 9999x


3. J Test. 2020 Jan;1(1):1-2.

DOI: 10.1000/x
"""


def test_edge_cases(tmp_path: Path) -> None:
    records, problems = _read_text(tmp_path, EDGE_CASES)
    french, editorial = records
    assert french.title == "Polymyalgia rheumatica and chronic myelomonocytic leukemia."
    assert french.language == "fre"
    assert [author.last_name for author in french.authors] == ["Martin", "Durand"]
    assert all(author.affiliations for author in french.authors)  # one unnumbered: everyone's
    assert french.authors[0].email is None  # shared affiliation: whose e-mail is unknown
    assert [section.label for section in french.abstract] == ["INTRODUCTION", "CONCLUSION"]
    assert french.keywords == ("polymyalgia rheumatica", "leukemia")
    assert editorial.authors == ()
    assert editorial.abstract[0].text == "It has an abstract nonetheless."
    assert editorial.pmid is None
    kinds = [(problem.severity, problem.line) for problem in problems]
    assert ("warning", 1) in kinds  # text before the first record
    assert ("warning", 31) in kinds  # malformed PMID
    assert ("error", 34) in kinds  # record 3: neither PMID nor title


def test_not_an_export_is_one_error(tmp_path: Path) -> None:
    records, problems = _read_text(tmp_path, "hello\nworld\n")
    assert records == []
    assert [(problem.severity, problem.line) for problem in problems] == [("error", 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Front Med (Lausanne). 2025 Jan 15;11:1530887. doi: 10.3389/fmed.2024.1530887. "
            "eCollection 2024.",
            Citation(
                "Front Med (Lausanne)",
                PartialDate(2024),
                "11",
                None,
                "1530887",
                "10.3389/fmed.2024.1530887",
                PartialDate(2025, 1, 15),
            ),
        ),
        (
            "Eur J Sport Sci. 2022 Jan 31:1-13. doi: 10.1080/17461391.2021.2023656. Online ahead "
            "of print.",
            Citation(
                "Eur J Sport Sci",
                PartialDate(2022, 1, 31),
                None,
                None,
                "1-13",
                "10.1080/17461391.2021.2023656",
            ),
        ),
        (
            "Gene. 2016 Jan 15;576(1 Pt 3):466-75. doi: 10.1016/j.gene.2015.10.064. "
            "Epub 2015 Oct 31.",
            Citation(
                "Gene",
                PartialDate(2016, 1, 15),
                "576",
                "1 Pt 3",
                "466-75",
                "10.1016/j.gene.2015.10.064",
                PartialDate(2015, 10, 31),
            ),
        ),
        (
            "Cell Oncol (Dordr). 2023 Aug 24. Online ahead of print.",
            Citation("Cell Oncol (Dordr)", PartialDate(2023, 8, 24)),
        ),
    ],
)
def test_parse_citation(text: str, expected: Citation) -> None:
    assert parse_citation(text) == expected


def test_parse_author_list() -> None:
    listed = parse_author_list("Hu X(#)(1)(2), van der Berg JH Jr(3), Madonna; COVID Study Group.")
    assert [item.markers for item in listed] == [(1, 2), (3,), (), ()]
    assert listed[1].author == Author(last_name="van der Berg", initials="JH", suffix="Jr")
    assert listed[2].author == Author(last_name="Madonna")
    assert listed[3].author == Author(collective_name="COVID Study Group")


def test_clean_title() -> None:
    assert clean_title("[Acute impingement].") == "Acute impingement."
    assert clean_title("[Not Available].") is None
    assert clean_title("[A] and [B].") == "[A] and [B]."


# "|" marks the trailing space PubMed leaves on a wrapped line (kept out of the source).
BRIEF_LAYOUT = """\
1. Front Med (Lausanne). 2025 Jan 15;11:1530887. doi: 10.3389/fmed.2024.1530887.|
eCollection 2024.

Cell therapy for scleroderma: progress in mesenchymal stem cells and CAR-T|
treatment.

Chen L(1), Huang R(1), Chen A(1)(2).

Author information:
(1)Department of Rheumatology and Immunology, Qinzhou First People's Hospital,|
Qinzhou, Guangxi, China.
(2)Minda Hospital of Hubei Minzu University, Enshi, China.

BACKGROUND: Text of the background wrapped
at about 80 columns.
METHODS: Methods.

Copyright © 2025 Chen, Huang and Chen.

DOI: 10.3389/fmed.2024.1530887
PMCID: PMC11774712
PMID: 39882532  [Indexed for MEDLINE]
""".replace("|\n", " \n")


def test_layout_of_a_2025_export(tmp_path: Path) -> None:
    (record,), problems = _read_text(tmp_path, BRIEF_LAYOUT)
    assert problems == []
    assert (record.pmid, record.pmcid) == ("39882532", "PMC11774712")
    assert record.title == (
        "Cell therapy for scleroderma: progress in mesenchymal stem cells and CAR-T treatment."
    )
    assert (record.date, record.epub) == (PartialDate(2024), PartialDate(2025, 1, 15))
    chen = record.authors[2]
    assert chen.affiliations == (
        "Department of Rheumatology and Immunology, Qinzhou First People's Hospital, "
        "Qinzhou, Guangxi, China.",
        "Minda Hospital of Hubei Minzu University, Enshi, China.",
    )
    assert record.authors[0].affiliations == chen.affiliations[:1]
    assert [(section.label, section.text) for section in record.abstract] == [
        ("BACKGROUND", "Text of the background wrapped at about 80 columns."),
        ("METHODS", "Methods."),
    ]


COLLABORATORS = """1. Stem Cell Res Ther. 2021 Mar 4;12(1):158. doi: 10.1186/s13287-021-0001-x.

Mesenchymal stem cells in lupus: a review of trials and outcomes.

Zhang W(1)(2), Müller J(3); MSC Lupus Consortium.

{between}

Author information:
(1)Department of Rheumatology, Peking Union Medical College Hospital, Beijing,
China.
(2)Karolinska Institutet, Stockholm, Sweden.
(3)Charité - Universitätsmedizin Berlin, Berlin, Germany.

{after}

BACKGROUND: Lupus is bad.
METHODS: We did things.

PMID: 11111111 [Indexed for MEDLINE]
"""


@pytest.mark.parametrize(
    ("between", "after"),
    [
        ("Collaborators: Smith J, Doe A.", ""),
        ("", "Collaborators: Smith J, Doe A."),
        ("Investigators: Smith J, Doe A, Roe R, Poe E, Moe F, Lee G,\nKim H.", ""),
    ],
    ids=["before-affiliations", "after-affiliations", "investigators-wrapped"],
)
def test_collaborators_block_is_not_the_byline(tmp_path: Path, between: str, after: str) -> None:
    text = COLLABORATORS.format(between=between, after=after).replace("\n\n\n", "\n\n")
    (record,), problems = _read_text(tmp_path, text)
    assert [author.display_name for author in record.authors] == [
        "W Zhang",
        "J Müller",
        "MSC Lupus Consortium",
    ]
    assert record.authors[0].affiliations[1] == "Karolinska Institutet, Stockholm, Sweden."
    assert record.authors[1].affiliations == (
        "Charité - Universitätsmedizin Berlin, Berlin, Germany.",
    )
    assert [section.label for section in record.abstract] == ["BACKGROUND", "METHODS"]
    (warning,) = problems
    assert warning.severity == "warning"
    assert "collaborators" in warning.message
    assert (warning.found or "").startswith(("Collaborators:", "Investigators:"))


def test_byline_is_the_block_with_markers(tmp_path: Path) -> None:
    # An unlabelled block after the byline (here a stray note) does not replace it.
    text = COLLABORATORS.format(between="Group information available online.", after="")
    (record,), problems = _read_text(tmp_path, text.replace("\n\n\n", "\n\n"))
    assert problems == []
    assert [author.last_name for author in record.authors[:2]] == ["Zhang", "Müller"]
    assert all(author.affiliations for author in record.authors[:2])
