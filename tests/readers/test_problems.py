from kg.readers.problems import RecordProblems


def test_problems_carry_the_record_location_and_the_pmid_once_known() -> None:
    problems = RecordProblems("export.csv", 4, line=12)
    problems.warn("DOI dropped", "10.<registrant>/<suffix>", "11.1/x")
    problems.record_id = "39882532"
    problems.error("no title", "a title", None, line=14)
    first, second = problems
    assert (first.file, first.record, first.line, first.record_id, first.severity) == (
        "export.csv",
        4,
        12,
        None,
        "warning",
    )
    assert (second.line, second.record_id, second.severity) == (14, "39882532", "error")
    assert second.describe() == "export.csv:14: no title (expected a title)"
    assert len(problems) == 2
