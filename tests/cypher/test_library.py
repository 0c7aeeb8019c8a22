"""Every named question has a Cypher twin with the same header, and a twin cannot drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cypher.library import parameters_used, parse_cypher_query
from kg.errors import InputError
from kg.resources import data_dir
from kg.sparql.queries import find_query, load_library

_RQ = """# title: Papers of a year
# description: Papers published in the year.
# parameters:
#   - year (integer, default 2020): the year.
# example: kg query build/ q
PREFIX kg: <https://w3id.org/kg/schema#>
SELECT ?paper WHERE { ?paper kg:year ?year }
"""
_CYPHER = """// title: Papers of a year
// description: Papers published in the year.
// parameters:
//   - year (integer, default 2020): the year.
// example: kg query build/ q

MATCH (paper:Paper) WHERE paper.year = $year RETURN paper
"""


def test_every_rq_has_a_cypher_twin_with_its_header() -> None:
    folder = data_dir("queries")
    assert sorted(p.stem for p in folder.glob("*.cypher")) == sorted(
        p.stem for p in folder.glob("*.rq")
    )
    library = load_library()
    assert len(library) >= 14
    for name, query in library.items():
        assert query.cypher is not None and query.cypher_path == folder / f"{name}.cypher"
        header = [line for line in query.cypher.splitlines() if line.startswith("//")][:3]
        assert header[0] == f"// title: {query.title}"
        assert parameters_used(query.cypher) == {p.name for p in query.parameters}


def _library(tmp_path: Path, cypher: str) -> Path:
    (tmp_path / "q.rq").write_text(_RQ, encoding="utf-8")
    (tmp_path / "q.cypher").write_text(cypher, encoding="utf-8")
    return tmp_path


def test_a_twin_is_attached_to_its_question(tmp_path: Path) -> None:
    query = find_query("q", _library(tmp_path, _CYPHER))
    assert query.cypher == _CYPHER
    assert query.parameter("year") is not None


@pytest.mark.parametrize(
    ("cypher", "message"),
    [
        (_CYPHER.replace("Papers of a year", "Papers in a year"), "header's title differs"),
        (_CYPHER.replace("default 2020", "default 2021"), "header's parameters differs"),
        (_CYPHER.replace("build/ q", "build/ q --param year=1"), "header's example differs"),
        (_CYPHER.replace("$year", "2020"), "'year' is declared but the Cypher text never"),
        (_CYPHER.replace("RETURN paper", "AND $limit > 0 RETURN paper"), "uses $limit, which"),
        (_CYPHER.replace("// example", "# example"), "lacks example"),
    ],
)
def test_a_twin_that_drifts_from_its_question_is_an_error(
    tmp_path: Path, cypher: str, message: str
) -> None:
    with pytest.raises(InputError) as raised:
        load_library(_library(tmp_path, cypher))
    assert str(raised.value).startswith(f"{tmp_path / 'q.cypher'}: ")
    assert message in str(raised.value)


def test_a_twin_without_its_sparql_question_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "lonely.cypher").write_text(_CYPHER, encoding="utf-8")
    with pytest.raises(InputError, match=r"lonely.cypher: a Cypher twin without .*lonely\.rq"):
        load_library(tmp_path)


def test_parameters_in_strings_and_comments_do_not_count() -> None:
    text = (
        "MATCH (n) WHERE n.name = '$not' AND n.x = \"$nor\" AND n.`$odd` = $real\n"
        "// $comment\n/* $block\n$block2 */ RETURN $other, 'it''s $x', 'a\\'$y'"
    )
    assert parameters_used(text) == {"real", "other"}


def test_a_users_cypher_file_with_or_without_header() -> None:
    plain = parse_cypher_query("MATCH (n) RETURN count(n)", "mine", require_header=False)
    assert (plain.parameters, plain.cypher, plain.text) == ((), "MATCH (n) RETURN count(n)", "")
    with_header = parse_cypher_query(_CYPHER, "mine", require_header=False)
    assert [p.name for p in with_header.parameters] == ["year"]
    with pytest.raises(InputError, match=r"query mine: parameter .year. is declared but"):
        parse_cypher_query(_CYPHER.replace("$year", "$limit"), "mine", require_header=False)
