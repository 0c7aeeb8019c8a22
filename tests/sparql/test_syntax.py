"""Finding WHERE groups and variables without being fooled by strings, IRIs and comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.resources import data_dir
from kg.sparql.syntax import insertion_point, variables, where_groups


def _groups(text: str) -> list[str]:
    return [text[group.inside : group.close] for group in where_groups(text)]


def test_the_where_group_of_a_select() -> None:
    text = "PREFIX kg: <https://w3id.org/kg/schema#>\nSELECT ?x WHERE { ?x a kg:Paper }"
    assert _groups(text) == [" ?x a kg:Paper "]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ASK { ?s ?p ?o }", [" ?s ?p ?o "]),
        ("select * { ?s ?p ?o }", [" ?s ?p ?o "]),
        ("CONSTRUCT { ?s a ?o } WHERE { ?s ?p ?o }", [" ?s ?p ?o "]),
        ("CONSTRUCT { ?s a ?o } { ?s ?p ?o }", [" ?s ?p ?o "]),
        ("CONSTRUCT WHERE { ?s ?p ?o }", [" ?s ?p ?o "]),
        ("DESCRIBE ?s WHERE { ?s ?p 1 }", [" ?s ?p 1 "]),
        ("DESCRIBE <http://example.org/a>", []),
    ],
)
def test_every_query_form(text: str, expected: list[str]) -> None:
    assert _groups(text) == expected


def test_sub_selects_have_groups_of_their_own_inside_the_outer_one() -> None:
    text = (
        "SELECT ?a ?n WHERE {\n"
        "  { SELECT ?a (COUNT(?p) AS ?n) WHERE { ?a <http://x/p> ?p } GROUP BY ?a }\n"
        "  { SELECT ?a { ?a <http://x/q> ?c OPTIONAL { ?c ?r ?d } } }\n"
        "}"
    )
    outer, first, second = _groups(text)
    assert outer.startswith("\n  { SELECT ?a (COUNT") and outer.endswith("} } }\n")
    assert first == " ?a <http://x/p> ?p "
    assert second == " ?a <http://x/q> ?c OPTIONAL { ?c ?r ?d } "


def test_braces_and_keywords_in_strings_iris_and_comments_are_not_syntax() -> None:
    text = (
        "# SELECT { this is a comment with WHERE {\n"
        "PREFIX ex: <http://example.org/where#>\n"
        'SELECT ?x WHERE { ?x ex:label "a } WHERE { b" , \'{\' , """long\n}""" }'
    )
    (group,) = _groups(text)
    assert group.startswith(' ?x ex:label "a } WHERE { b"') and group.endswith('"""long\n}""" ')


def test_a_prefixed_name_that_spells_a_keyword_is_not_one() -> None:
    text = "PREFIX ex: <http://e/>\nSELECT ?x { ?x ex:where ?y . ?y ex:select ?z }"
    assert _groups(text) == [" ?x ex:where ?y . ?y ex:select ?z "]


def test_insertion_point_is_just_inside_the_outer_group() -> None:
    text = "SELECT ?x WHERE {?x ?p ?o}"
    offset = insertion_point(text)
    assert offset is not None and text[offset:] == "?x ?p ?o}"
    assert insertion_point("DESCRIBE <http://e/a>") is None


def test_variables_ignore_question_marks_in_strings_and_iris() -> None:
    text = 'SELECT ?a $b WHERE { ?a <http://e/x?y=1> "why?not" . $b ?c ?d } # ?comment'
    assert variables(text) == {"a", "b", "c", "d"}


@pytest.mark.parametrize("path", sorted(data_dir("queries").glob("*.rq")), ids=lambda p: p.stem)
def test_every_shipped_query_has_its_outer_group_found(path: Path) -> None:
    """Solution modifiers have no braces, so the outer group closes at the last brace."""
    text = path.read_text(encoding="utf-8")
    outer = where_groups(text)[0]
    assert text[outer.inside - 1] == "{" and outer.close == text.rindex("}")
