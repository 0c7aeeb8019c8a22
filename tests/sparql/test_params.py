"""Binding parameters: values become safe SPARQL terms, in every place the query uses them."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import ConfigError, InputError
from kg.sparql.params import bind, concept_lookup, resolve, sparql_string, term
from kg.sparql.queries import Parameter, find_query, parse_query

KG = "https://w3id.org/kg/schema#"

_TRICKY = [
    'systemic lupus "erythematosus"',
    "a } UNION { ?s ?p ?o } #",
    'back\\slash and \\" quote',
    "line\nbreak\r\tand tab",
    "'''triple''' \"\"\"quotes\"\"\"",
    "Sjögren's syndrome — ünïcode",
    "bell\x07 and nul\x00 and del\x7f",
    "",
]


def _value_of(expression: str) -> ox.Literal:
    (solution,) = ox.Store().query(f"SELECT ({expression} AS ?v) WHERE {{}}")
    value = solution["v"]
    assert isinstance(value, ox.Literal)
    return value


@pytest.mark.parametrize("value", _TRICKY)
def test_a_string_literal_reads_back_as_exactly_the_value(value: str) -> None:
    literal = sparql_string(value)
    assert "\n" not in literal and "\r" not in literal
    assert _value_of(literal).value == value


def _store() -> ox.Store:
    store = ox.Store()
    for name in ("lupus", "arthritis", "a } UNION { ?s ?p ?o } #"):
        node = ox.NamedNode(f"http://example.org/{len(name)}")
        store.add(ox.Quad(node, ox.NamedNode(KG + "name"), ox.Literal(name)))
    return store


_NAMED = """# title: Things named
# description: Nodes with the name.
# parameters:
#   - name (string): the name.
# example: kg query build/ q --param name=lupus
SELECT ?thing WHERE { ?thing <https://w3id.org/kg/schema#name> ?name }
"""


@pytest.mark.parametrize("value", _TRICKY)
def test_a_value_cannot_change_the_query_around_it(value: str) -> None:
    """Bound into a real store's query, a hostile value matches only itself."""
    store = _store()
    rows = list(store.query(bind(_NAMED, {"name": value})))
    expected = 1 if value == "a } UNION { ?s ?p ?o } #" else 0
    assert len(rows) == expected
    assert len(list(store.query(bind(_NAMED, {"name": "lupus"})))) == 1


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("integer", "3", "3"),
        ("integer", " -12 ", "-12"),
        ("decimal", "0.5", "0.5"),
        ("decimal", "1", "1.0"),
        ("decimal", "1e-3", "0.001"),
        ("boolean", "Yes", "true"),
        ("boolean", "0", "false"),
        ("iri", "pmid:33891966", "<https://pubmed.ncbi.nlm.nih.gov/33891966>"),
        ("iri", "DOID:9074", "<http://purl.obolibrary.org/obo/DOID_9074>"),
        ("iri", "<http://example.org/a#b>", "<http://example.org/a#b>"),
        ("concept", "systemic lupus erythematosus", '"systemic lupus erythematosus"'),
        ("concept", "http://purl.obolibrary.org/obo/DOID_9074", None),
    ],
)
def test_typed_values_become_terms(kind: str, value: str, expected: str | None) -> None:
    rendered = term(Parameter("p", kind, "meaning"), value)
    assert rendered == (expected or f"<{value}>")


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("integer", "3.5", "a whole number"),
        ("integer", "1 } #", "a whole number"),
        ("decimal", "NaN", "a number"),
        ("decimal", "inf", "a number"),
        ("decimal", "half", "a number"),
        ("boolean", "maybe", "true or false"),
        ("iri", "http://example.org/a b", "cannot contain ' '"),
        ("iri", "<http://e/a>} UNION {", "must end with '>'"),
        ("iri", "<http://e/a> } UNION { <http://e/b>", "cannot contain '>'"),
        ("iri", "lupus", "an IRI or a node id"),
    ],
)
def test_a_value_of_the_wrong_type_says_what_was_expected(
    kind: str, value: str, expected: str
) -> None:
    with pytest.raises(ValueError, match=expected):
        term(Parameter("p", kind, "meaning"), value)


def test_resolve_errors_name_the_query_the_parameter_and_what_was_expected() -> None:
    query = find_query("coauthor_pairs")
    with pytest.raises(ConfigError) as raised:
        resolve(query, {"min_paper": "3"})
    assert str(raised.value) == (
        "query coauthor_pairs: unknown parameter 'min_paper'; it takes: min_papers"
    )
    with pytest.raises(ConfigError) as raised:
        resolve(query, {"min_papers": "three"})
    assert str(raised.value) == (
        "query coauthor_pairs: parameter 'min_papers' (integer): expected a whole number "
        "such as 3; found 'three'"
    )
    with pytest.raises(ConfigError) as raised:
        resolve(find_query("therapies_for_disease"), {})
    message = str(raised.value)
    assert message.startswith(
        "query therapies_for_disease: missing parameter 'disease' "
        "(disease (concept Disease, required): the disease, by name"
    )
    assert message.endswith("give it as --param disease=VALUE")
    assert resolve(query, {}) == {"min_papers": "2"}  # the default


_NESTED = """# title: Nested
# description: A sub-select that uses the parameters and one that does not.
# parameters:
#   - topic (concept Disease): a topic.
#   - min (integer, default 2): a threshold.
# example: kg query build/ nested --param topic=lupus
SELECT ?x ?n WHERE {
  ?x <http://e/about> ?topic .
  { SELECT ?x (COUNT(?y) AS ?n) WHERE { ?x <http://e/p> ?y . ?y <http://e/q> ?topic }
    GROUP BY ?x HAVING (COUNT(?y) >= ?min) }
  { SELECT ?x WHERE { ?x <http://e/r> "?min is not a variable here" } }
  # ?min in a comment stays
}
"""


def test_scalars_are_substituted_everywhere_and_concepts_bound_where_used() -> None:
    bound = bind(_NESTED, {"topic": "lupus"}, concepts={"topic": ["http://e/lupus"]})
    assert "?min" not in bound.replace("?min is not", "").replace("# ?min in", "")
    assert "HAVING (COUNT(?y) >= 2)" in bound
    assert '"?min is not a variable here"' in bound and "# ?min in a comment stays" in bound
    values = "VALUES ?topic { <http://e/lupus> }"
    assert bound.count(values) == 2  # the outer group and the sub-select using ?topic
    outer, first_sub, second_sub = bound.split("SELECT")[1:]
    assert values in outer and values in first_sub and values not in second_sub
    ox.Store().query(bound)  # still valid SPARQL


def test_an_unresolved_concept_is_matched_by_name_in_the_query() -> None:
    """Case-insensitively on a name, synonym or id, and only among nodes of its class."""
    store = ox.Store()
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    lupus, author, paper = (ox.NamedNode(f"http://e/{n}") for n in ("lupus", "author", "paper"))
    store.extend(
        ox.Quad(*triple)
        for triple in [
            (lupus, rdf_type, ox.NamedNode(f"{KG}Disease")),
            (lupus, ox.NamedNode(f"{KG}name"), ox.Literal("lupus erythematosus")),
            (lupus, ox.NamedNode(f"{KG}synonyms"), ox.Literal("LUPUS")),
            (author, rdf_type, ox.NamedNode(f"{KG}Author")),
            (author, ox.NamedNode(f"{KG}name"), ox.Literal("Lupus")),
            (paper, ox.NamedNode("http://e/about"), lupus),
            (paper, ox.NamedNode("http://e/about"), author),
        ]
    )
    bound = bind(_NESTED, {"topic": "Lupus"})
    assert f"?topic a <{KG}Disease> ." in bound
    assert 'FILTER(LCASE(STR(?topic__label)) = LCASE("Lupus"))' in bound
    header = _NESTED.split("#   - min")[0] + "# example: kg query build/ q\n"
    query = "SELECT ?x WHERE { ?x <http://e/about> ?topic . }"
    only_topic = bind(header + query, {"topic": "lupus"})
    assert [row["x"] for row in store.query(only_topic)] == [paper]
    topic = parse_query(_NESTED, "n").parameters[0]
    assert [row["concept"] for row in store.query(concept_lookup(topic, "lUpUs"))] == [lupus]
    close = store.query(concept_lookup(topic, "erythem", exact=False))
    assert [row["name"].value for row in close] == ["lupus erythematosus"]


def test_a_query_without_parameters_is_returned_unchanged() -> None:
    query = find_query("journals_by_count")
    assert bind(query, {}) == query.text


def test_a_concept_parameter_needs_a_where_group() -> None:
    text = _NESTED.split("SELECT")[0] + "DESCRIBE ?topic ?min"
    with pytest.raises(InputError, match="no WHERE group"):
        bind(text, {"topic": "lupus"})
