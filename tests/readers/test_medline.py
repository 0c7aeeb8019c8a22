"""MEDLINE reader on real records from ../shared/data/pubmed/medline (copied to tests/data)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from kg.model import Author, Identifier, MeshHeading, PartialDate, Problem, Record
from kg.readers import medline
from kg.readers.source import InputSource

Golden = Callable[[str, Iterable[Record]], None]
MEDLINE = Path(__file__).parent.parent / "data" / "medline"


def _read(path: Path, display: str | None = None) -> tuple[list[Record], list[Problem]]:
    items = list(medline.read(InputSource(path, display or f"medline/{path.name}")))
    records = [item for item in items if isinstance(item, Record)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(records) + len(problems) == len(items)
    return records, problems


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "golden_name"),
    [
        ("asian_study_citations.nbib", "medline_asian_study_citations"),
        ("biopython_pubmed_result1.txt", "medline_biopython_pubmed_result1"),
        ("metaknowledge_excerpt.txt", "medline_metaknowledge_excerpt"),
    ],
)
def test_golden(name: str, golden_name: str, golden: Golden) -> None:
    records, _ = _read(MEDLINE / name)
    golden(golden_name, records)


def test_sniff_recognises_medline_and_not_ris() -> None:
    head = (MEDLINE / "asian_study_citations.nbib").read_text(encoding="utf-8")
    assert medline.sniff(head) >= 90
    assert medline.sniff("TY  - JOUR\nTI  - A title\nAU  - Lee, B\nER  - \n") < 30
    assert medline.sniff("PMID,Title,Authors\n1,x,y\n") == 0


@pytest.fixture(scope="module")
def record() -> Record:
    """The asian study record: 52 people and a group author, structured abstract, history."""
    records, problems = _read(MEDLINE / "asian_study_citations.nbib")
    assert problems == []
    (only,) = records
    return only


@pytest.fixture(scope="module")
def excerpt() -> tuple[list[Record], list[Problem]]:
    """Five records of the metaknowledge test file, the last one truncated mid-title."""
    return _read(MEDLINE / "metaknowledge_excerpt.txt")


class TestAsianStudyNbib:
    def test_identifiers(self, record: Record) -> None:
        assert record.pmid == "30898391"
        assert record.pmcid == "PMC6754211"
        assert record.doi == "10.1016/j.ygyno.2019.02.023"
        assert record.other_ids == (
            Identifier("pii", "S0090-8258(19)30133-7"),
            Identifier("mid", "NIHMS1040651"),
        )

    def test_journal_and_issns(self, record: Record) -> None:
        assert (record.journal_abbrev, record.journal_title) == (
            "Gynecol Oncol",
            "Gynecologic oncology",
        )
        assert record.issn == "1095-6859"
        assert record.issn_linking == "0090-8258"
        assert (record.volume, record.issue, record.pages) == ("153", "2", "343-355")

    def test_dates(self, record: Record) -> None:
        assert record.date == PartialDate(2019, 5)
        assert record.year == 2019
        assert record.received == PartialDate(2018, 10, 24)
        assert record.revised == PartialDate(2019, 2, 20)
        assert record.accepted == PartialDate(2019, 2, 21)
        assert record.epub == PartialDate(2019, 3, 19)
        assert record.indexed == PartialDate(2019, 7, 1)  # DCOM

    def test_structured_abstract(self, record: Record) -> None:
        labels = [section.label for section in record.abstract]
        assert labels == ["OBJECTIVE", "METHODS", "RESULTS", "CONCLUSION"]
        assert record.abstract[0].text.startswith("Genome-wide association studies (GWASs)")
        assert record.abstract[-1].text.endswith("women of European ancestry.")

    def test_authors_keep_byline_order_with_the_group(self, record: Record) -> None:
        assert len(record.authors) == 53
        first = record.authors[0]
        assert (first.last_name, first.fore_name, first.initials) == ("Lawrenson", "Kate", "K")
        assert first.email == "kate.lawrenson@cshs.org"
        group_at = next(i for i, author in enumerate(record.authors) if author.collective_name)
        group = record.authors[group_at]
        assert group.collective_name == "Australian Ovarian Cancer Study Group"
        assert record.authors[group_at - 1].last_name == "Sieh"
        assert record.authors[group_at + 1].last_name == "Thompson"
        assert group.affiliations == ("Peter MacCallum Cancer Institute, Melbourne, Australia.",)

    def test_affiliation_goes_to_the_author_it_follows(self, record: Record) -> None:
        by_name = {author.last_name: author for author in record.authors}
        assert by_name["Fonseca"].initials == "MAS"
        assert by_name["Choi"].affiliations == (
            "Department of Preventive Medicine, Seoul National University College of "
            "Medicine, Seoul, Republic of Korea; Cancer Research Institute, Seoul National "
            "University, Seoul, Republic of Korea; Department of Biomedical Science, Graduate "
            "School, Seoul National University, Seoul, Republic of Korea.",
        )

    def test_mesh_and_keywords(self, record: Record) -> None:
        headings = {heading.descriptor: heading for heading in record.mesh_headings}
        assert headings["Carcinoma, Ovarian Epithelial"] == MeshHeading(
            "Carcinoma, Ovarian Epithelial", major=True, qualifiers=("genetics",)
        )
        assert headings["Asian Continental Ancestry Group"].major is False
        assert record.keywords[0] == "Asian ancestry"  # "*" of a major keyword removed
        assert "Research Support, N.I.H., Extramural" in record.publication_types


def test_old_record_affiliation_before_authors_goes_to_first_author() -> None:
    records, problems = _read(MEDLINE / "biopython_pubmed_result1.txt")
    assert problems == []
    (record,) = records
    assert record.source.line == 2  # the file starts with a blank line
    assert record.authors == (
        Author(
            last_name="Mangalam",
            fore_name="Harry",
            initials="H",
            affiliations=("tacg Informatics, Irvine, CA 92612, USA. hjm@tacgi.com",),
            email="hjm@tacgi.com",
        ),
    )
    assert record.indexed == PartialDate(2003, 6, 6)  # DCOM 20030606


class TestMetaknowledgeExcerpt:
    def test_records(self, excerpt: tuple[list[Record], list[Problem]]) -> None:
        records, _ = excerpt
        assert [record.pmid for record in records] == [
            "26516810",
            "26433648",
            "26400998",
            "26729133",
            "26153366",
        ]

    def test_orcid_belongs_to_its_author(self, excerpt: tuple[list[Record], list[Problem]]) -> None:
        record = excerpt[0][1]
        (author,) = record.authors
        assert author.orcid == "0000-0001-9778-1920"
        assert author.email == "nicola.oberbeckmann-winter@springer.com"

    def test_investigators_are_not_authors(
        self, excerpt: tuple[list[Record], list[Problem]]
    ) -> None:
        record = excerpt[0][2]
        assert len(record.authors) == 11
        assert record.authors[-1] == Author(collective_name="Canadian Co-infection Cohort Study")
        assert record.authors[-2].last_name == "Klein"
        assert not any(author.last_name == "Wong" for author in record.authors)

    def test_one_affiliation_of_the_first_author(
        self, excerpt: tuple[list[Record], list[Problem]]
    ) -> None:
        record = excerpt[0][0]
        assert len(record.authors[0].affiliations) == 1
        assert record.authors[0].affiliations[0].startswith("From the *Department of Obstetrics")
        assert all(not author.affiliations for author in record.authors[1:])

    def test_bad_history_date_is_a_warning(
        self, excerpt: tuple[list[Record], list[Problem]]
    ) -> None:
        records, problems = excerpt
        (bad_date,) = [problem for problem in problems if "[revised]" in problem.message]
        assert bad_date.severity == "warning"
        assert bad_date.record_id == "26729133"
        assert bad_date.found == "-0001/11/30 [revised]"
        assert records[3].revised is None
        assert records[3].received == PartialDate(2015, 11, 10)

    def test_truncated_last_record_is_kept_with_a_warning(
        self, excerpt: tuple[list[Record], list[Problem]]
    ) -> None:
        records, problems = excerpt
        (truncated,) = [problem for problem in problems if "truncated" in problem.message]
        assert truncated.severity == "warning"
        assert truncated.record == 5
        assert records[-1].title is not None
        assert records[-1].title.endswith("expression of this gene in the endometriu")
        assert records[-1].authors == ()


MALFORMED = """\
PMID- 12a45
TI  - A record whose PMID is malformed.
AU  - Doe J

STAT- MEDLINE
DP  - 2001

PMID- 777
TI  - The next record is still read.
FAU - Müller, Anna
AU  - Müller A
AUID- ORCID: 0000-0002-1825-0098
DP  - sometime
LID - not-a-doi [doi]
"""


def test_malformed_fields_are_warnings_and_records_go_on(tmp_path: Path) -> None:
    records, problems = _read(_write(tmp_path, "bad.nbib", MALFORMED), "bad.nbib")
    assert [record.pmid for record in records] == [None, "777"]
    assert records[0].title == "A record whose PMID is malformed."
    assert records[0].authors == (Author(last_name="Doe", initials="J"),)
    by_line = {problem.line: problem for problem in problems}
    assert by_line[1].severity == "warning"
    assert by_line[1].found == "12a45"
    assert by_line[5].severity == "error"  # no PMID and no title: rejected
    assert by_line[5].record == 2
    assert {by_line[line].severity for line in (12, 13, 14)} == {"warning"}
    assert records[1].authors[0].orcid is None  # check digit fails
    assert (records[1].date, records[1].doi) == (None, None)


def test_records_without_blank_line_between_them(tmp_path: Path) -> None:
    text = "PMID- 1\nTI  - One.\nPMID- 2\nTI  - Two.\n"
    records, problems = _read(_write(tmp_path, "tight.txt", text))
    assert [(record.pmid, record.source.line) for record in records] == [("1", 1), ("2", 3)]
    assert problems == []


def test_crlf_and_latin1_give_the_same_records(tmp_path: Path) -> None:
    text = (MEDLINE / "asian_study_citations.nbib").read_text(encoding="utf-8")
    text = text.replace("Rodriguez-Malave", "Rodríguez-Malavé")
    variants = {
        "utf8.nbib": text.encode("utf-8"),
        "crlf.nbib": text.replace("\n", "\r\n").encode("utf-8"),
        "latin1.nbib": text.replace("\n", "\r\n").encode("latin-1"),
    }
    results = []
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        records, problems = _read(tmp_path / name, "same-name.nbib")
        assert problems == []
        results.append(records)
    assert results[0] == results[1] == results[2]
    assert any(author.last_name == "Rodríguez-Malavé" for author in results[2][0].authors)
