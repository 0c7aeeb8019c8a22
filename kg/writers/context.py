"""The published JSON-LD context of kg (``ontology/context.jsonld``), made from the ontology.

The context is what lets a JSON-LD document of the graph be read as plain JSON with short
keys (``"name"``, ``"treats"``, ``"@type": "Disease"``) and still expand to exactly the IRIs
of the Turtle.  It is generated rather than written by hand so it cannot drift from
``ontology/kg.ttl``; ``python -m kg.writers.context`` rewrites the file and a test fails
when the committed copy differs from what the ontology gives.

What it holds, and why:

* every prefix of :data:`kg.namespaces.PREFIXES`, so node IRIs compact to ``pubmed:39882532``
  or ``obo:DOID_7148`` -- except a prefix whose name is also a kg term (``doi``, ``orcid``,
  ``ror``, ``mesh`` are properties of papers, authors, institutions and concepts).  A JSON
  key cannot mean two things; the property keeps the short key, because keys are what a
  plain-JSON reader indexes by, and IRIs in that namespace are written in full
  (``https://doi.org/10.1/x``), which is just as readable;
* one term per class and property that ``kg.ttl`` declares in the ``kg:`` namespace, named
  by its local name;
* ``"@type": "@id"`` on object properties (and on ``rdf:subject``/``rdf:predicate``/
  ``rdf:object`` of reified statements), so a related node is a plain string;
* ``"@type": <datatype>`` on a datatype property whose ``rdfs:range`` is a datatype JSON
  has no exact native form for (``xsd:double``: a JSON number would come back in canonical
  form, ``"8.5E-1"``, a different RDF literal from the ``"0.85"`` of the Turtle), so its
  values are exact plain strings.  Strings, integers and booleans need no coercion.

The published IRI of the file is :data:`CONTEXT_IRI`; :mod:`kg.writers.jsonld` embeds this
same object in every document by default.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Final

import pyoxigraph as ox

from kg.errors import OutputError
from kg.namespaces import KG, PREFIXES
from kg.resources import data_dir

__all__ = [
    "CONTEXT_FILE",
    "CONTEXT_IRI",
    "build_context",
    "load_context",
    "render_context",
]

CONTEXT_IRI: Final = "https://w3id.org/kg/context.jsonld"
CONTEXT_FILE: Final = "context.jsonld"

_RDF: Final = PREFIXES["rdf"]
_RDFS: Final = PREFIXES["rdfs"]
_OWL: Final = PREFIXES["owl"]
_XSD: Final = PREFIXES["xsd"]
# Datatypes JSON carries exactly as native values (string, integer, boolean) or that say
# nothing (rdfs:Literal): no coercion for these.
_NATIVE: Final = frozenset({_XSD + "string", _XSD + "integer", _XSD + "boolean", _RDFS + "Literal"})
# The properties of kg:Statement that point at nodes; kg.ttl reuses them from RDF.
_STATEMENT_LINKS: Final = ("rdf:subject", "rdf:predicate", "rdf:object")

ContextValue = str | dict[str, str]


def build_context(ontology: Path) -> dict[str, dict[str, ContextValue]]:
    """The context document (``{"@context": {...}}``) for the kg terms of ``ontology``."""
    triples = list(ox.parse(path=str(ontology), format=ox.RdfFormat.TURTLE))
    kinds: dict[str, set[str]] = {}
    ranges: dict[str, set[str]] = {}
    for triple in triples:
        subject = triple.subject
        if not isinstance(subject, ox.NamedNode) or not subject.value.startswith(KG):
            continue
        target = triple.object
        if not isinstance(target, ox.NamedNode):
            continue
        if triple.predicate.value == _RDF + "type":
            kinds.setdefault(subject.value, set()).add(target.value)
        elif triple.predicate.value == _RDFS + "range":
            ranges.setdefault(subject.value, set()).add(target.value)
    terms: dict[str, ContextValue] = {}
    for iri in sorted(kinds, key=lambda iri: iri[len(KG) :]):
        name = iri[len(KG) :]
        if not name or ":" in name or name.startswith("@"):
            continue
        terms[name] = _definition(name, kinds[iri], ranges.get(iri, set()))
    context: dict[str, ContextValue] = {
        prefix: namespace for prefix, namespace in PREFIXES.items() if prefix not in terms
    }
    context.update(terms)
    for link in _STATEMENT_LINKS:
        context[link] = {"@type": "@id"}
    return {"@context": context}


def _definition(name: str, kinds: set[str], ranges: set[str]) -> ContextValue:
    compact = f"kg:{name}"
    if _OWL + "ObjectProperty" in kinds:
        return {"@id": compact, "@type": "@id"}
    if _OWL + "DatatypeProperty" in kinds and len(ranges) == 1:
        (datatype,) = ranges
        if datatype.startswith(_XSD) and datatype not in _NATIVE:
            return {"@id": compact, "@type": "xsd:" + datatype[len(_XSD) :]}
    return compact


def render_context(context: dict[str, dict[str, ContextValue]]) -> str:
    """The file's text: indented for people reading it, one final newline."""
    return json.dumps(context, indent=2, ensure_ascii=False) + "\n"


def load_context() -> dict[str, object]:
    """The ``@context`` object of the shipped ``ontology/context.jsonld``."""
    path = data_dir("ontology") / CONTEXT_FILE
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        context = document["@context"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise OutputError(f"{path}: cannot read the JSON-LD context: {error!r}") from error
    if not isinstance(context, dict):
        raise OutputError(f"{path}: expected an object under '@context'")
    return context


def main(argv: list[str]) -> int:
    """``python -m kg.writers.context [OUT]``: regenerate the context from ``kg.ttl``.

    Silent, as library code is (only the CLI prints); OUT defaults to the shipped file.
    """
    ontology = data_dir("ontology")
    out = Path(argv[0]) if argv else ontology / CONTEXT_FILE
    out.write_text(render_context(build_context(ontology / "kg.ttl")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
