"""Printing answers: a readable table, and CSV/JSON in the W3C SPARQL results formats."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from kg.sparql.results import (
    TABLE_CELL_WIDTH,
    BooleanResult,
    GraphResult,
    SelectResult,
    compact,
    render,
)

PAPER = ox.NamedNode("https://pubmed.ncbi.nlm.nih.gov/34030135")
SENTENCE = (
    "Adalimumab is a TNF-α inhibitor that is used for the treatment of autoimmune diseases "
    "such as rheumatoid arthritis."
)
RESULT = SelectResult(
    ("paper", "year", "sentence", "score", "tag"),
    (
        (
            PAPER,
            ox.Literal(2021),
            ox.Literal(SENTENCE),
            ox.Literal(0.7),
            ox.Literal("x", language="en"),
        ),
        (
            ox.NamedNode("http://example.org/other"),
            None,
            ox.Literal('say "hi",\nthen go'),
            None,
            None,
        ),
        (ox.BlankNode("b1"), ox.Literal(True), ox.Literal(""), None, None),
    ),
)


def test_compact_uses_the_prefix_map_longest_namespace_first() -> None:
    assert compact(PAPER.value) == "pubmed:34030135"
    assert compact("https://w3id.org/kg/id/author/chen-l") == "kgr:author/chen-l"
    assert compact("https://w3id.org/kg/schema#treats") == "kg:treats"
    assert compact("http://example.org/x") == "<http://example.org/x>"


def test_the_table_aligns_columns_and_cuts_long_values() -> None:
    text = render(RESULT, "table")
    header, rule, first, second, third, footer = text.splitlines()
    assert header.split() == ["paper", "year", "sentence", "score", "tag"]
    assert first.split()[:4] == ["pubmed:34030135", "2021", "Adalimumab", "is"]
    assert first.index("2021") == header.index("year")
    assert second.startswith("<http://example.org/other>  ")
    assert SENTENCE[: TABLE_CELL_WIDTH - 3] + "..." in first
    assert 'say "hi", then go' in second  # a line break inside a value does not break the row
    assert third.startswith("_:b1")
    cut = f"values cut at {TABLE_CELL_WIDTH} characters, --format csv or json has them whole"
    assert footer == f"(3 rows; {cut})"
    assert set(rule) == {"-", " "}


def test_limit_keeps_the_first_rows_and_says_so() -> None:
    text = render(RESULT, "table", limit=1)
    assert text.splitlines()[-1].startswith("(first 1 of 3 rows")
    assert len(text.splitlines()) == 4
    assert render(RESULT, "csv", limit=2).count("\r\n") == 3  # header and two rows


def test_csv_is_the_w3c_format_with_full_iris_and_crlf() -> None:
    text = render(RESULT, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["paper", "year", "sentence", "score", "tag"]
    assert rows[1] == [PAPER.value, "2021", SENTENCE, "0.7", "x"]
    assert rows[2] == ["http://example.org/other", "", 'say "hi",\nthen go', "", ""]
    assert rows[3][0] == "_:b1"
    assert text.endswith("\r\n")


def test_json_is_the_w3c_format_that_sparql_clients_read() -> None:
    text = render(RESULT, "json")
    document = json.loads(text)
    assert document["head"] == {"vars": ["paper", "year", "sentence", "score", "tag"]}
    first = document["results"]["bindings"][0]
    assert first["paper"] == {"type": "uri", "value": PAPER.value}
    assert first["year"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert "datatype" not in first["sentence"]  # plain strings carry none
    assert first["tag"] == {"type": "literal", "value": "x", "xml:lang": "en"}
    assert "year" not in document["results"]["bindings"][1]  # unbound: left out
    parsed = ox.parse_query_results(text, ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    assert [[solution[v] for v in RESULT.variables] for solution in parsed] == [
        list(row) for row in RESULT.rows
    ]


def test_ask_and_graph_answers() -> None:
    assert render(BooleanResult(True), "table") == "true\n"
    assert render(BooleanResult(False), "csv") == "false\n"
    assert json.loads(render(BooleanResult(True), "json")) == {"head": {}, "boolean": True}
    triples = (
        ox.Triple(PAPER, ox.NamedNode("http://e/p"), ox.Literal('a "quoted"\nvalue')),
        ox.Triple(ox.NamedNode("http://a/first"), ox.NamedNode("http://e/p"), ox.Literal(1)),
    )
    text = render(GraphResult(triples), "json")  # N-Triples whatever the format
    assert text.splitlines()[0].startswith("<http://a/first>")
    assert {quad.triple for quad in ox.parse(text, ox.RdfFormat.N_TRIPLES)} == set(triples)
