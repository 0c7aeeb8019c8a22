"""PubMed CSV reader on the two real exports of ../shared/data/pubmed/csv (copied to tests/data)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from kg.model import Author, Identifier, PartialDate, Problem, Record
from kg.readers import pubmed_csv
from kg.readers.source import InputSource

Golden = Callable[[str, Iterable[Record]], None]
CSV = Path(__file__).parent.parent / "data" / "pubmed_csv"
HEADER = (
    '"PMID","Title","Authors","Citation","First Author","Journal/Book","Publication Year",'
    '"Create Date","PMCID","NIHMS ID","DOI"'
)


def _read(path: Path, display: str | None = None) -> tuple[list[Record], list[Problem]]:
    items = list(pubmed_csv.read(InputSource(path, display or f"pubmed_csv/{path.name}")))
    records = [item for item in items if isinstance(item, Record)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(records) + len(problems) == len(items)
    return records, problems


def _read_text(tmp_path: Path, text: str) -> tuple[list[Record], list[Problem]]:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return _read(path, "export.csv")


@pytest.mark.parametrize(
    ("name", "golden_name"),
    [
        ("colrev_pubmed-chatbot.csv", "pubmed_csv_chatbot"),
        ("colrev_pubmed_export_fitbit.csv", "pubmed_csv_fitbit"),
    ],
)
def test_golden(name: str, golden_name: str, golden: Golden) -> None:
    records, problems = _read(CSV / name)
    assert problems == []
    golden(golden_name, records)


def test_sniff() -> None:
    for path in CSV.glob("*.csv"):
        assert pubmed_csv.sniff(path.read_text(encoding="utf-8-sig")) >= 90
    assert pubmed_csv.sniff("PMID- 1\nTI  - x\n") == 0
    assert pubmed_csv.sniff("name,value\n1,2\n") == 0


def test_all_quoted_export() -> None:
    records, _ = _read(CSV / "colrev_pubmed-chatbot.csv")
    first = records[0]
    assert first.pmid == "35227408"
    assert first.source.line == 2
    assert first.authors == (
        Author(last_name="Lim", initials="SM"),
        Author(last_name="Shiau", initials="CWC"),
        Author(last_name="Cheng", initials="LJ"),
        Author(last_name="Lau", initials="Y"),
    )
    assert (first.volume, first.issue, first.pages) == ("53", "2", "334-347")
    assert (first.date, first.epub, first.year) == (
        PartialDate(2022, 3),
        PartialDate(2021, 10, 12),
        2022,
    )
    assert first.doi == "10.1016/j.beth.2021.09.007"
    assert first.pmcid is None  # empty unquoted field
    ecollection = next(record for record in records if record.pmid == "34713095")
    assert ecollection.pmcid == "PMC8521912"
    assert (ecollection.date, ecollection.epub) == (PartialDate(2021), PartialDate(2021, 2, 2))


def test_export_with_bom_and_nihms_ids() -> None:
    records, _ = _read(CSV / "colrev_pubmed_export_fitbit.csv")
    assert [record.pmid for record in records][:2] == ["34957939", "35108106"]
    ahead = records[0]
    assert (ahead.volume, ahead.issue, ahead.pages) == (None, None, "1-13")
    lancet = records[-1]
    assert lancet.other_ids == (Identifier("mid", "NIHMS1818225"),)
    assert lancet.doi == "10.1016/s0140-6736(21)02252-2"
    assert (lancet.volume, lancet.issue, lancet.pages) == ("399", "10324", "555-604")
    assert Author(last_name="Cuéllar", initials="MF") in lancet.authors
    assert len(lancet.authors) == 17
    assert lancet.journal_abbrev == "Lancet"


def test_bad_rows_are_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    text = "\n".join(
        [
            HEADER,
            '"1","Good one","Doe J.","J Test. 2020;1:1.","Doe J","J Test","2020","2020/01/01",,,',
            '"2","Never closed,"Doe J.","J Test. 2020;1:1.","Doe J","J Test","2020",,,,',
            '"3","Good two","Doe J.","J Test. 2020;1:2.","Doe J","J Test","2020",,,,',
            '"4","Too few fields","Doe J."',
            '"5","A "bad" quote","Doe J.","","","","",,,,',
            ',,"Nobody",,,,,,,,',
            '"6","Good three","Doe J.","J Test. 2020;1:3.","Doe J","J Test","2020",,,,"not a doi"',
        ]
    )
    records, problems = _read_text(tmp_path, text)
    assert [record.pmid for record in records] == ["1", "3", "6"]
    assert [record.source.line for record in records] == [2, 4, 8]
    errors = [(problem.line, problem.record) for problem in problems if problem.severity == "error"]
    assert errors == [(3, 2), (5, 4), (6, 5), (7, 6)]
    (warning,) = [problem for problem in problems if problem.severity == "warning"]
    assert (warning.line, warning.record_id, warning.found) == (8, "6", "not a doi")
    assert "11" in next(problem.message for problem in problems if problem.line == 5)


def test_quoted_newline_inside_a_title(tmp_path: Path) -> None:
    text = HEADER + '\n"1","Two-line\ntitle","Doe J.","J Test. 2020;1:1.","","","2020",,,,\n'
    records, problems = _read_text(tmp_path, text)
    assert problems == []
    assert records[0].title == "Two-line title"


def test_wrapped_title_continuing_with_digits_and_a_comma(tmp_path: Path) -> None:
    text = (
        HEADER + '\n"55555555","COVID-19 outcomes in lupus during\n2020, a retrospective cohort",'
        '"Doe J.","Lancet. 2020;1:1.","Doe J","Lancet","2020","2020/01/01",,,\n'
        '"66666666","Another paper","Roe R.","Lancet. 2020;1:2.","Roe R","Lancet","2020",,,,\n'
    )
    records, problems = _read_text(tmp_path, text)
    assert problems == []
    assert [(record.pmid, record.source.line) for record in records] == [
        ("55555555", 2),
        ("66666666", 4),
    ]
    assert records[0].title == "COVID-19 outcomes in lupus during 2020, a retrospective cohort"


def test_doubled_quote_and_newline_inside_a_title(tmp_path: Path) -> None:
    text = (
        HEADER + '\n"1","The ""2020,\n"" wave, and ""after""\n123, more","Doe J.",'
        '"J Test. 2020;1:1.","","","2020",,,,\n'
        '"2","Good","Doe J.","J Test. 2020;1:2.","","","2020",,,,\n'
    )
    records, problems = _read_text(tmp_path, text)
    assert problems == []
    assert [record.pmid for record in records] == ["1", "2"]
    assert records[0].title == 'The "2020, " wave, and "after" 123, more'
    assert records[1].source.line == 5


def test_unclosed_quote_costs_only_its_row_before_a_wrapped_title(tmp_path: Path) -> None:
    text = "\n".join(
        [
            HEADER,
            '"1","Never closed,"Doe J.","J Test. 2020;1:1.","Doe J","J Test","2020",,,,',
            '"2","Wrapped over',
            '2021, a line","Doe J.","J Test. 2020;1:2.","Doe J","J Test","2020",,,,',
            '"3","Good","Doe J.","J Test. 2020;1:3.","Doe J","J Test","2020",,,,',
        ]
    )
    records, problems = _read_text(tmp_path, text)
    assert [(record.pmid, record.title) for record in records] == [
        ("2", "Wrapped over 2021, a line"),
        ("3", "Good"),
    ]
    assert [(problem.severity, problem.line) for problem in problems] == [("error", 2)]


def test_unclosed_quote_far_from_the_end_is_capped(tmp_path: Path) -> None:
    good = '"{n}","Good {n}","Doe J.","J Test. 2020;1:1.","Doe J","J Test","2020",,,,'
    lines = [HEADER, '"1","Never closed,"Doe J.","","","","",,,,']
    lines += [good.format(n=n) for n in range(2, 2 + 2 * pubmed_csv._MAX_ROW_LINES)]
    records, problems = _read_text(tmp_path, "\n".join(lines))
    assert len(records) == 2 * pubmed_csv._MAX_ROW_LINES
    assert [(problem.line, problem.record) for problem in problems] == [(2, 1)]


def test_headers_any_case_extra_and_missing_columns(tmp_path: Path) -> None:
    text = "pmid,EXTRA,title,doi\n123,x,A title,10.1000/ABC\n"
    records, problems = _read_text(tmp_path, text)
    assert problems == []
    assert (records[0].pmid, records[0].title, records[0].doi) == ("123", "A title", "10.1000/abc")
    assert records[0].authors == ()


def test_unknown_header_is_one_error(tmp_path: Path) -> None:
    records, problems = _read_text(tmp_path, "name,value\nx,1\n")
    assert records == []
    assert [(problem.severity, problem.line) for problem in problems] == [("error", 1)]


def test_crlf_and_latin1_give_the_same_records(tmp_path: Path) -> None:
    text = (CSV / "colrev_pubmed_export_fitbit.csv").read_text(encoding="utf-8-sig")
    variants = {
        "utf8.csv": text.encode("utf-8-sig"),
        "crlf.csv": text.replace("\n", "\r\n").encode("utf-8"),
        "latin1.csv": text.replace("\n", "\r\n").encode("latin-1"),
    }
    results = []
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        records, problems = _read(tmp_path / name, "fitbit.csv")
        assert problems == []
        results.append(records)
    assert results[0] == results[1] == results[2]
    assert "Fitbit®" in (results[2][5].title or "")
