"""Named-query headers: what the library promises about each question, checked strictly."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ConfigError, InputError
from kg.sparql.queries import Parameter, find_query, load_library, parse_query

_BODY = "SELECT ?x WHERE { ?x <http://e/p> ?disease . FILTER(?n >= ?min_papers) }\n"


def _header(parameters: str, *, body: str = _BODY) -> str:
    return (
        "# title: A question\n"
        "# description: What it answers,\n"
        "#   on two lines.\n"
        f"{parameters}"
        "# example: kg query build/ q\n"
        f"{body}"
    )


def test_the_shipped_papers_per_year_header() -> None:
    query = find_query("papers_per_year")
    assert query.title == "Papers per year"
    assert query.description.startswith("How many papers of the build were published each")
    assert "not works they cite" in query.description  # the continuation line is kept
    assert query.parameters == ()
    assert query.example == "kg query build/ papers_per_year"
    assert query.path is not None and query.path.name == "papers_per_year.rq"


def test_parameters_with_types_classes_defaults_and_meanings() -> None:
    text = _header(
        "# parameters:\n"
        "#   - disease (concept Disease|Therapy): the disease, by name\n"
        "#     or synonym.\n"
        "#   - min_papers (integer, default 2): at least this many.\n"
        '#   - label (string, default "a, b (c"): quoted defaults may hold anything.\n',
        body="SELECT ?x WHERE { ?x ?p ?disease . FILTER(?n >= ?min_papers && ?l = ?label) }",
    )
    disease, min_papers, label = parse_query(text, "q").parameters
    assert disease == Parameter(
        "disease", "concept", "the disease, by name or synonym.", None, ("Disease", "Therapy")
    )
    assert disease.required and disease.describe() == "disease (concept Disease|Therapy, required)"
    assert (min_papers.type, min_papers.default, min_papers.required) == ("integer", "2", False)
    assert min_papers.describe() == "min_papers (integer, default 2)"
    assert label.default == "a, b (c"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_header("# parameters: none\n# author: me\n"), "unknown header field 'author'"),
        (_header("# parameters: none\n# A stray comment\n"), "a header line must be"),
        ("# title: T\n# parameters: none\nSELECT * {}", "lacks description, example"),
        (_header("# parameters:\n#   - disease (concpt): x\n"), "has type 'concpt'"),
        (_header("# parameters:\n#   - disease (string Disease): x\n"), "only a concept"),
        (_header("# parameters:\n#   - disease (concept Illness): x\n"), "only a concept"),
        (_header("# parameters:\n#   - year (integer): x\n"), "no ?year variable"),
        (
            _header("# parameters:\n#   - disease (string): x\n#   - disease (string): y\n"),
            "declared twice",
        ),
        (_header("# parameters:\n#   - disease (string, dflt 3): x\n"), "', default VALUE'"),
        (_header("# parameters:\n#   disease (string): x\n"), "start with '- NAME (TYPE): '"),
        (_header("# parameters: disease\n"), "must be 'none' or followed by"),
        (_header("# parameters:\n"), "lists no parameter"),
        (_header("# parameters: none\n#   - disease (string): x\n"), "followed by parameter"),
        (_header("# title: again\n# parameters: none\n"), "given twice"),
    ],
)
def test_a_malformed_header_is_an_error_naming_the_problem(text: str, message: str) -> None:
    with pytest.raises(InputError, match="query q") as raised:
        parse_query(text, "q")
    assert message in str(raised.value)


def test_header_errors_name_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    path.write_text(_header("# parameters: none\n# autor: me\n"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_library(tmp_path)
    assert str(raised.value).startswith(f"{path}:5: unknown header field 'autor'")


def test_a_user_query_without_header_is_accepted_only_when_allowed() -> None:
    text = "# any comment\nSELECT * WHERE { ?s ?p ?o }"
    query = parse_query(text, "mine", require_header=False)
    assert (query.parameters, query.text) == ((), text)
    with pytest.raises(InputError):
        parse_query(text, "mine")
    with_header = parse_query(_header("# parameters: none\n"), "mine", require_header=False)
    assert with_header.title == "A question"


def test_the_library_is_every_rq_file_by_name(tmp_path: Path) -> None:
    (tmp_path / "one.rq").write_text(_header("# parameters: none\n"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a query", encoding="utf-8")
    assert list(load_library(tmp_path)) == ["one"]
    with pytest.raises(ConfigError, match=r"unknown query 'two'; the named queries are: one"):
        find_query("two", tmp_path)


def test_every_shipped_query_documents_each_parameter() -> None:
    library = load_library()
    assert len(library) >= 12
    for name, query in library.items():
        assert query.title and query.description and query.example.startswith("kg query build/")
        assert f" {name}" in query.example
        for parameter in query.parameters:
            assert len(parameter.meaning) > 10, (name, parameter.name)
