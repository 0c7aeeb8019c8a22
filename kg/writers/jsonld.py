"""JSON-LD output: the graph's triples as compacted JSON-LD under kg's published context.

pyoxigraph 0.5 writes JSON-LD only in expanded form (full IRIs as keys, every value an
object): correct, but not readable as plain JSON.  This writer compacts with the context of
:mod:`kg.writers.context` instead, so a node reads
``{"@type": "Paper", "@id": "pubmed:39882532", "title": "...", "year": 2025}``, and it does
so by construction rather than with a general compaction algorithm: the context is kg's
own, so each key and value form is chosen from it directly, one triple at a time.

Layout, for line diffs and streaming: the ``@context`` on the first line, then ``@graph``
with one node object per line, in the order of the triples (the Turtle's order, so the
same build gives the same bytes).  Consecutive triples of one subject form one node object;
memory holds one subject's triples at a time.  A subject met again later would get a
second node object with the same ``@id``, which JSON-LD merges.  Keys come in the order of
the W3C "JSON-LD Streaming Document Form" (``@context`` first; in each node ``@type``, then
``@id``, then properties), so a streaming parser reads a document in constant memory:
pyoxigraph's ``STREAMING_JSON_LD`` reads the 8.4M-triple export of pubmed21n1298 with a
54 MB peak, where its general JSON-LD parser needs 6.4 GB (bench/rdf.py).

Exactness (each document parses back to exactly the triples written, tested with rdflib
against the Turtle):

* a literal is a native JSON value only where JSON-LD reads back the same lexical form:
  a plain string, ``true``/``false``, an integer in canonical form that fits a double;
  otherwise a value object ``{"@type": ..., "@value": ...}`` (a JSON float would come back
  as ``"8.5E-1"^^xsd:double``, another literal than ``"0.85"``); under a term coerced to a
  datatype, a literal of that datatype is its plain lexical string;
* an IRI is compacted with a prefix of the context only when the suffix cannot be misread
  (not empty, not starting with ``//``); otherwise it is written in full.

Context: embedded by default (``"@context": {...}``, the same object as the published
``ontology/context.jsonld``), so a document is self-contained and parses offline and before
the w3id.org redirect exists; with ``embed=False`` it references :data:`CONTEXT_IRI`
instead, for publishing many documents that share it.  Referencing *and* embedding in one
``@context`` array would make every JSON-LD processor fetch the IRI first, which fails
offline, so the choice is per document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import BinaryIO, Final

import pyoxigraph as ox

from kg.writers.context import CONTEXT_IRI, load_context

__all__ = ["Compactor", "write_jsonld"]

_RDF_TYPE: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD: Final = "http://www.w3.org/2001/XMLSchema#"
_STRING: Final = _XSD + "string"
_BOOLEAN: Final = _XSD + "boolean"
_INTEGER: Final = _XSD + "integer"
# Canonical xsd:integer lexical forms a JSON number keeps exactly in every JSON-LD processor
# (15 digits stay below 2**53, the last integer a JavaScript number holds exactly).
_SAFE_INTEGER: Final = re.compile(r"0|-?[1-9][0-9]{0,14}")
_ENCODER: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_BATCH: Final = 2000  # node objects per write()
_HEAD_CACHE: Final = 100_000  # bound on the namespace lookups kept

Json = str | int | bool | dict[str, str] | list["Json"]
Term = ox.NamedNode | ox.BlankNode | ox.Literal


class Compactor:
    """Chooses keys and value forms from a context of simple prefixes and term definitions."""

    def __init__(self, context: Mapping[str, object]) -> None:
        prefixes: dict[str, str] = {}
        for name, definition in context.items():
            if (
                isinstance(definition, str)
                and not name.startswith("@")
                and ":" not in name
                and definition.endswith(("/", "#"))
            ):
                prefixes[name] = definition
        # Longest namespace first, so a namespace wins over a shorter one it extends.
        self._prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))
        self._namespaces = prefixes
        # Namespace lookups by the IRI up to its last "/" or "#": the match depends on that
        # part only (a namespace ends in one of them), and few such heads recur.
        self._heads: dict[str, tuple[str, str] | None] = {}
        self._coercion: dict[str, str | None] = {}
        self._term: dict[str, str] = {}
        for name, definition in context.items():
            if name.startswith("@") or name in prefixes:
                continue
            iri, coercion = self._read_definition(name, definition)
            if iri is None:
                continue
            self._coercion[name] = coercion
            self._term.setdefault(iri, name)
        self._keys: dict[str, tuple[str, str | None]] = {}

    def _read_definition(self, name: str, definition: object) -> tuple[str | None, str | None]:
        if isinstance(definition, str):
            return self.expand(definition), None
        if not isinstance(definition, Mapping):
            return None, None
        raw_iri = definition.get("@id", name)
        raw_type = definition.get("@type")
        iri = self.expand(raw_iri) if isinstance(raw_iri, str) else None
        if not isinstance(raw_type, str):
            return iri, None
        return iri, raw_type if raw_type == "@id" else self.expand(raw_type)

    def expand(self, value: str) -> str:
        """A compact IRI of the context's prefixes in full; anything else as it is."""
        prefix, colon, suffix = value.partition(":")
        namespace = self._namespaces.get(prefix) if colon else None
        return namespace + suffix if namespace is not None else value

    def iri(self, iri: str) -> str:
        """``iri`` as a compact IRI when a prefix of the context covers it safely."""
        head = iri[: max(iri.rfind("/"), iri.rfind("#")) + 1]
        if head in self._heads:
            match = self._heads[head]
        else:
            if len(self._heads) >= _HEAD_CACHE:
                self._heads.clear()
            match = self._heads[head] = next(
                ((name, space) for name, space in self._prefixes if head.startswith(space)), None
            )
        if match is None:
            return iri
        name, namespace = match
        suffix = iri[len(namespace) :]
        if not suffix or suffix.startswith("//"):
            return iri
        return f"{name}:{suffix}"

    def key(self, predicate: str) -> tuple[str, str | None]:
        """The key for a property IRI (its term, else a compact IRI) and the key's coercion."""
        found = self._keys.get(predicate)
        if found is None:
            key = self._term.get(predicate) or self.iri(predicate)
            found = self._keys[predicate] = (key, self._coercion.get(key))
        return found

    def type_name(self, iri: str) -> str:
        """A class IRI as ``@type`` value: its term, else a compact or full IRI."""
        return self._term.get(iri) or self.iri(iri)

    def node(self, term: ox.NamedNode | ox.BlankNode) -> str:
        """A node reference as it appears under ``@id`` (blank nodes as ``_:label``)."""
        if isinstance(term, ox.BlankNode):
            return "_:" + term.value
        return self.iri(term.value)

    def value(self, term: Term, coercion: str | None) -> Json:
        """The JSON form of an object under a key with the given coercion, exact in RDF."""
        if isinstance(term, ox.Literal):
            return self.literal(term, coercion)
        reference = self.node(term)
        return reference if coercion == "@id" else {"@id": reference}

    def literal(self, literal: ox.Literal, coercion: str | None) -> Json:
        """A literal's JSON form: native only where JSON-LD reads back the same lexical form."""
        text = literal.value
        language = literal.language
        if language is not None:
            return {"@value": text, "@language": language}
        datatype = literal.datatype.value
        if coercion is None:
            if datatype == _STRING:
                return text
            if datatype == _BOOLEAN and text in ("true", "false"):
                return text == "true"
            if datatype == _INTEGER and _SAFE_INTEGER.fullmatch(text):
                return int(text)
        elif datatype == coercion:
            return text
        if datatype == _STRING:
            return {"@value": text}
        return {"@type": self.type_name(datatype), "@value": text}


def write_jsonld(
    triples: Iterable[ox.Triple | ox.Quad],
    sink: BinaryIO,
    *,
    embed: bool = True,
    context: Mapping[str, object] | None = None,
) -> None:
    """Write ``triples`` to ``sink`` as one compacted JSON-LD document (UTF-8).

    ``context`` is the ``@context`` object to compact with (the shipped one by default);
    ``embed`` chooses between writing it into the document and referencing its IRI.
    """
    active = load_context() if context is None else context
    compactor = Compactor(active)
    encode = _ENCODER.encode
    header = encode(dict(active)) if embed else encode(CONTEXT_IRI)
    sink.write(f'{{"@context":{header},\n"@graph":[\n'.encode())
    batch: list[str] = []
    first = True
    for node in _node_objects(triples, compactor):
        batch.append(encode(node))
        if len(batch) >= _BATCH:
            sink.write((("" if first else ",\n") + ",\n".join(batch)).encode())
            batch.clear()
            first = False
    if batch:
        sink.write((("" if first else ",\n") + ",\n".join(batch)).encode())
    sink.write(b"\n]}\n")


def _node_objects(
    triples: Iterable[ox.Triple | ox.Quad], compactor: Compactor
) -> Iterable[dict[str, Json]]:
    """One node object per run of triples with the same subject, keys in order of appearance.

    The hot loop of the writer (8M triples on a large build), with the bound methods in
    locals: about 4 us per triple, half of it pyoxigraph making the term objects.
    """
    iri, key_of, literal_value, type_name = (
        compactor.iri,
        compactor.key,
        compactor.literal,
        compactor.type_name,
    )
    subject: ox.NamedNode | ox.BlankNode | None = None
    types: list[Json] = []
    properties: dict[str, list[Json]] = {}
    for triple in triples:
        current = triple.subject
        if current != subject:
            if subject is not None:
                yield _node_object(compactor.node(subject), types, properties)
            if isinstance(current, ox.Triple):
                raise TypeError(f"JSON-LD 1.1 cannot hold the RDF 1.2 triple term in {triple}")
            subject = current
            types = []
            properties = {}
        predicate = triple.predicate.value
        target = triple.object
        value: Json
        if isinstance(target, ox.NamedNode):
            if predicate == _RDF_TYPE:
                types.append(type_name(target.value))
                continue
            key, coercion = key_of(predicate)
            reference = iri(target.value)
            value = reference if coercion == "@id" else {"@id": reference}
        elif isinstance(target, ox.Literal):
            key, coercion = key_of(predicate)
            value = literal_value(target, coercion)
        else:
            if isinstance(target, ox.Triple):
                raise TypeError(f"JSON-LD 1.1 cannot hold the RDF 1.2 triple term in {triple}")
            key, coercion = key_of(predicate)
            value = compactor.value(target, coercion)
        values = properties.get(key)
        if values is None:
            properties[key] = [value]
        else:
            values.append(value)
    if subject is not None:
        yield _node_object(compactor.node(subject), types, properties)


def _node_object(
    reference: str, types: list[Json], properties: dict[str, list[Json]]
) -> dict[str, Json]:
    node: dict[str, Json] = {}
    if types:  # "@type" before "@id": the order the streaming document form asks for
        node["@type"] = types[0] if len(types) == 1 else types
    node["@id"] = reference
    for key, values in properties.items():
        node[key] = values[0] if len(values) == 1 else values
    return node
