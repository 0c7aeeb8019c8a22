"""Query answers and how ``kg query`` prints them: a table for people, CSV and JSON for tools.

CSV and JSON are the W3C formats (SPARQL 1.1 Query Results CSV and JSON), so the output of
``kg query --format json`` is what a SPARQL endpoint returns and any SPARQL client reads it.
The table is for reading in a terminal: IRIs are shortened with kg's prefix map
(:data:`kg.namespaces.PREFIXES`, the same prefixes as graph.ttl), literals shown as their
text.  CONSTRUCT and DESCRIBE answers are printed as N-Triples in every format.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

import pyoxigraph as ox

from kg.namespaces import PREFIXES

__all__ = [
    "FORMATS",
    "TABLE_CELL_WIDTH",
    "BooleanResult",
    "GraphResult",
    "Result",
    "SelectResult",
    "Term",
    "compact",
    "render",
    "term_json",
    "to_sparql_json",
]

FORMATS: Final = ("table", "csv", "json")
TABLE_CELL_WIDTH: Final = 60
_XSD_STRING: Final = PREFIXES["xsd"] + "string"
_RDF_LANG_STRING: Final = PREFIXES["rdf"] + "langString"
# Longest namespace first, so kgr:... is not shortened as kg:... by a shorter match.
_NAMESPACES: Final = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))

Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class SelectResult:
    """The rows of a SELECT; a cell is None where the variable is unbound."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]


@dataclass(frozen=True)
class BooleanResult:
    """The answer of an ASK."""

    value: bool


@dataclass(frozen=True)
class GraphResult:
    """The triples of a CONSTRUCT or DESCRIBE."""

    triples: tuple[ox.Triple, ...]


Result: TypeAlias = SelectResult | BooleanResult | GraphResult


def render(result: Result, output_format: str, *, limit: int | None = None) -> str:
    """The text ``kg query`` prints for ``result`` in ``output_format`` (table, csv or json).

    ``limit`` keeps the first rows of a SELECT; the table says how many were left out.
    """
    if isinstance(result, GraphResult):
        return _ntriples(result)
    if isinstance(result, BooleanResult):
        if output_format == "json":
            return json.dumps({"head": {}, "boolean": result.value}) + "\n"
        return ("true" if result.value else "false") + "\n"
    shown = result if limit is None else SelectResult(result.variables, result.rows[:limit])
    if output_format == "csv":
        return _csv(shown)
    if output_format == "json":
        return json.dumps(to_sparql_json(shown), ensure_ascii=False) + "\n"
    return _table(shown, total=len(result.rows))


def to_sparql_json(result: SelectResult) -> dict[str, Any]:
    """A SELECT answer as the W3C SPARQL 1.1 JSON results object."""
    return {
        "head": {"vars": list(result.variables)},
        "results": {
            "bindings": [
                {
                    name: term_json(cell)
                    for name, cell in zip(result.variables, row, strict=True)
                    if cell is not None
                }
                for row in result.rows
            ]
        },
    }


def term_json(term: Term) -> dict[str, Any]:
    """One RDF term in the W3C SPARQL JSON results form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        literal: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            literal["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            literal["datatype"] = term.datatype.value
        return literal
    return {
        "type": "triple",
        "value": {
            "subject": term_json(term.subject),
            "predicate": term_json(term.predicate),
            "object": term_json(term.object),
        },
    }


def compact(iri: str) -> str:
    """``https://pubmed.ncbi.nlm.nih.gov/1`` -> ``pubmed:1``; an IRI outside the map: ``<iri>``."""
    for prefix, namespace in _NAMESPACES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def _cell_text(term: Term | None) -> str:
    """What a table cell shows: a compact IRI, a literal's text on one line."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split()) if term.value.strip() else term.value
    return str(term)


def _table(result: SelectResult, *, total: int) -> str:
    """Aligned columns; cells longer than :data:`TABLE_CELL_WIDTH` are cut, and the footer
    says so, because one 300-character sentence would otherwise wrap every row."""
    cells = [[_cell_text(term) for term in row] for row in result.rows]
    cut = any(len(text) > TABLE_CELL_WIDTH for row in cells for text in row)
    cells = [[_cut(text) for text in row] for row in cells]
    widths = [
        max([len(name), *(len(row[column]) for row in cells)])
        for column, name in enumerate(result.variables)
    ]
    lines = [
        "  ".join(name.ljust(width) for name, width in zip(result.variables, widths, strict=True)),
        "  ".join("-" * width for width in widths),
        *(
            "  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True))
            for row in cells
        ),
    ]
    shown = len(result.rows)
    footer = f"({shown} row{'s' if shown != 1 else ''}"
    if shown < total:
        footer = f"(first {shown} of {total} rows"
    if cut:
        footer += (
            f"; values cut at {TABLE_CELL_WIDTH} characters, --format csv or json has them whole"
        )
    return "\n".join(line.rstrip() for line in lines) + "\n" + footer + ")\n"


def _cut(text: str) -> str:
    return text if len(text) <= TABLE_CELL_WIDTH else text[: TABLE_CELL_WIDTH - 3] + "..."


def _csv(result: SelectResult) -> str:
    """SPARQL 1.1 CSV: IRIs in full, literals as their lexical form, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_text(term) for term in row])
    return buffer.getvalue()


def _csv_text(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def _ntriples(result: GraphResult) -> str:
    """N-Triples, one triple per line in a stable (sorted) order."""
    return "".join(sorted(f"{triple} .\n" for triple in result.triples))
