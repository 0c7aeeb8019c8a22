"""Check a build's RDF against ``ontology/shapes.ttl`` (SHACL) and say what is wrong in words.

The shapes are the one statement of what a well-formed kg graph is; two engines run them:

* ``oxigraph`` (the default) turns every constraint of the shapes into one SPARQL query over
  the whole graph, run in an in-process pyoxigraph store with ``ontology/kg.ttl`` mixed in.
  Only the SHACL subset the shapes use is translated (see :func:`compile_checks`); anything
  else is refused with an error rather than skipped, so a new shape cannot pass unchecked.
* ``pyshacl`` is the reference SHACL implementation on rdflib, kept to check the translation
  (the tests run both on the same graphs and compare) and for users who want it.

Why two: pyshacl evaluates every constraint once per focus node in Python, and rdflib's SPARQL
engine is slow on the shapes' SPARQL constraints (one took 54 s as a single query on the
examples build, 0.01 s on pyoxigraph).  Measured on 2 shared cores: the examples build (62k
triples) takes pyshacl 335 s and the SPARQL translation 0.9 s, with the same results; the
pubmed21n1298 build (8.4M triples) takes the translation 135 s (42 s of it loading graph.ttl,
3.3 GB of memory), where pyshacl would take hours.  Threads do not help (pyoxigraph keeps the
GIL while it evaluates); the build's on-disk store would save the load but its queries are
slower (182 s in all, in 0.6 GB), so graph.ttl, the file users take away, is what is read.

No inference is applied, in either engine: under RDFS an ``rdfs:range`` would make the object
of a wrong edge an instance of the expected class and hide exactly the errors the shapes are
for (a TREATS edge planted to a Paper was then reported as "a Disease without a name", and
pyshacl took 80 s instead of 55 s on the seeds build).  The ontology is still mixed in, so
``sh:class kg:Concept`` follows ``rdfs:subClassOf``.

Results are grouped by (severity, shape, message, focus label) and each focus node is named by
its graph id (``pmid:1``), statements and evidence by the edge they stand for.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal, TypeAlias, cast

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.errors import ConfigError, OutputError
from kg.graph.contract import NODE_LABELS
from kg.namespaces import KG, PREFIXES, node_id_from_iri
from kg.resources import data_dir

__all__ = [
    "ENGINES",
    "Check",
    "Group",
    "Report",
    "Result",
    "compile_checks",
    "load_shapes",
    "load_store",
    "validate_build",
    "validate_store",
]

Engine: TypeAlias = Literal["oxigraph", "pyshacl"]
ENGINES: Final[tuple[Engine, ...]] = ("oxigraph", "pyshacl")
Term: TypeAlias = "ox.NamedNode | ox.BlankNode | ox.Literal"

_RDF_TYPE: Final = ox.NamedNode(str(RDF.type))
_STATEMENT: Final = ox.NamedNode(KG + "Statement")
_EVIDENCE: Final = ox.NamedNode(KG + "Evidence")
_HAS_EVIDENCE: Final = ox.NamedNode(KG + "hasEvidence")
_PAPER: Final = ox.NamedNode(KG + "paper")
_SEVERITIES: Final = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_PRE_BOUND: Final = ("$PATH", "$currentShape", "$shapesGraph")
# What a shape may carry besides constraints: descriptions, settings, targets (read apart),
# and sh:flags (read with sh:pattern).  sh:property and sh:sparql are read apart too, on node
# shapes only; anything else on a shape is a constraint and must translate or be refused.
_NOT_CONSTRAINTS: Final = frozenset(
    {
        RDF.type, RDFS.comment, RDFS.label, SH.message, SH.severity, SH.deactivated,
        SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.path,
        SH.name, SH.description, SH.order, SH.group, SH.flags,
    }
)  # fmt: skip
_NODE_SHAPE_PARTS: Final = frozenset({SH.property, SH.sparql})
# Datatypes SPARQL can cast to: a literal of one is well formed only if the cast succeeds.
_CASTABLE: Final = frozenset(
    {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.dateTime, XSD.date}
)
_EXAMPLES_KEPT: Final = 1000  # per group; counts stay exact
_LITERAL_SHOWN: Final = 60  # characters of a value (a sentence) shown in a result


@dataclass(frozen=True)
class Result:
    """One SHACL validation result: a focus node that breaks one rule."""

    severity: str  # Violation, Warning or Info
    shape: str  # IRI of the node shape the rule belongs to
    message: str
    focus: Term
    value: Term | None = None
    path: str | None = None  # IRI of the property, when the rule is about one


@dataclass(frozen=True)
class Group:
    """The results of one rule on nodes of one label, described for people."""

    severity: str
    shape: str  # CURIE, e.g. kg:PaperShape
    message: str
    label: str  # the focus nodes' class, e.g. Paper
    nodes: int  # distinct focus nodes
    results: int
    examples: tuple[str, ...]  # sorted, at most _EXAMPLES_KEPT


@dataclass(frozen=True)
class Report:
    """What :func:`validate_build` found, with the size of what it checked and how long it took."""

    engine: str
    triples: int
    nodes: int
    shapes: int
    seconds: float  # loading, checking and describing
    load_seconds: float  # of which reading graph.ttl, the ontology and the shapes
    groups: tuple[Group, ...]

    def count(self, severity: str) -> int:
        """Number of results of one severity."""
        return sum(group.results for group in self.groups if group.severity == severity)

    @property
    def conforms(self) -> bool:
        """True when no rule of severity Violation is broken (warnings do not count)."""
        return self.count("Violation") == 0


@dataclass(frozen=True)
class Check:
    """One constraint as a SPARQL query yielding ``?this`` (and ``?value``, ``?path``)."""

    shape: str
    severity: str
    message: str
    query: str
    path: str | None = None


def load_shapes(path: Path | None = None) -> rdflib.Graph:
    """The shapes graph: ``ontology/shapes.ttl`` unless another file is given."""
    path = path or data_dir("ontology") / "shapes.ttl"
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as error:
        raise ConfigError(f"{path}: cannot read the SHACL shapes ({error})") from error
    return graph


def validate_build(directory: Path, *, engine: Engine = "oxigraph") -> Report:
    """Validate ``directory/graph.ttl`` (a kg build) with the kg shapes."""
    graph_path = directory / "graph.ttl"
    if not graph_path.is_file():
        raise OutputError(
            f"{directory} has no graph.ttl; validate a kg build directory "
            "(run `kg build INPUT... --out DIR` first)"
        )
    started = time.perf_counter()
    shapes = load_shapes()
    store, triples = load_store(graph_path)
    loaded = time.perf_counter()
    if engine == "pyshacl":
        results = list(_run_pyshacl(graph_path, shapes))
    else:
        results = validate_store(store, shapes)
    groups = describe(store, results)
    finished = time.perf_counter()
    return Report(
        engine=engine,
        triples=triples,
        nodes=_count(
            store,
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . VALUES ?c { "
            + " ".join(f"<{KG}{label}>" for label in NODE_LABELS)
            + " } }",
        ),
        shapes=len(_node_shapes(shapes)),
        seconds=round(finished - started, 2),
        load_seconds=round(loaded - started, 2),
        groups=groups,
    )


def validate_store(store: ox.Store, shapes: rdflib.Graph) -> list[Result]:
    """Run the shapes on a store holding a graph (default graph) and the ontology."""
    return list(run_checks(store, compile_checks(shapes, store)))


def load_store(graph_path: Path) -> tuple[ox.Store, int]:
    """An in-memory store of the build's graph with kg.ttl mixed in, and the graph's size.

    The ontology goes into the same (default) graph, as pyshacl mixes it into the data
    graph, so both engines see the same triples.
    """
    store = ox.Store()
    triples = 0
    for path in (graph_path, data_dir("ontology") / "kg.ttl"):
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        except (OSError, SyntaxError, ValueError) as error:
            raise OutputError(f"{path}: cannot be read as Turtle ({error})") from error
        triples = triples or _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return store, triples


def _select(store: ox.Store, query: str) -> ox.QuerySolutions:
    """The solutions of a SELECT query (every query kg.validate runs is one)."""
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions), query
    return solutions


def _count(store: ox.Store, query: str) -> int:
    for solution in _select(store, query):
        count = solution["n"]
        return int(count.value) if isinstance(count, ox.Literal) else 0
    return 0


# ---------------------------------------------------------------------------------------------
# Shapes -> SPARQL
# ---------------------------------------------------------------------------------------------


class UnsupportedShape(ConfigError):
    """The shapes use SHACL the SPARQL translation does not cover (use --engine pyshacl)."""


@dataclass
class _Names:
    """Fresh SPARQL variable names, so nested constraints never capture each other's."""

    counter: Iterator[int] = field(default_factory=itertools.count)

    def __call__(self, stem: str = "v") -> str:
        return f"?_{stem}{next(self.counter)}"


@dataclass(frozen=True)
class _Violation:
    """A constraint's violation test at one focus variable.

    Either ``condition`` (a SPARQL expression, true when violated) or ``pattern`` (group
    elements that match when violated, binding ``value`` when the rule is about values).
    """

    source: rdflib.term.Node  # the shape declaring the constraint (message and severity)
    condition: str | None = None
    pattern: str | None = None
    path: str | None = None

    def as_pattern(self) -> str:
        return self.pattern if self.pattern is not None else f"FILTER ({self.condition})"

    def as_conformance(self) -> str:
        if self.condition is not None:
            return f"!({self.condition})"
        return f"NOT EXISTS {{ {self.pattern} }}"


def compile_checks(shapes: rdflib.Graph, store: ox.Store) -> list[Check]:
    """One :class:`Check` per constraint of every targeted node shape, in a stable order.

    ``store`` supplies the ontology for subclass closures (``sh:targetClass`` and ``sh:class``
    include instances of subclasses, as in SHACL).  Raises :class:`UnsupportedShape` for any
    SHACL construct outside the translated subset.
    """
    closure = _SubclassClosure(store)
    prefixes = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
    checks: list[Check] = []
    for shape in _node_shapes(shapes):
        if _is_true(shapes.value(shape, SH.deactivated)):
            continue
        target = _target_pattern(shapes, shape, closure)
        if target is None:
            continue
        names = _Names()
        for violation in _violations(shapes, shape, "?this", "?value", names, closure, True):
            source = violation.source
            checks.append(
                Check(
                    shape=str(shape),
                    severity=_severity(shapes, source),
                    message=_message(shapes, source),
                    query=f"{prefixes}SELECT DISTINCT ?this ?value WHERE {{ {target} "
                    f"{violation.as_pattern()} }}",
                    path=violation.path,
                )
            )
        for constraint in sorted(shapes.objects(shape, SH.sparql), key=str):
            checks.append(_sparql_check(shapes, shape, constraint, target))
    return checks


def run_checks(store: ox.Store, checks: Iterable[Check]) -> Iterator[Result]:
    """The results of each check's query."""
    for check in checks:
        for solution in _select(store, check.query):
            path = solution["path"]
            yield Result(
                severity=check.severity,
                shape=check.shape,
                message=check.message,
                focus=solution["this"],
                value=solution["value"],
                path=path.value if isinstance(path, ox.NamedNode) else check.path,
            )


def _node_shapes(shapes: rdflib.Graph) -> list[rdflib.term.Node]:
    """Shapes that are targeted or declared node shapes, sorted for a stable check order."""
    found: set[rdflib.term.Node] = set(shapes.subjects(RDF.type, SH.NodeShape))
    for target in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode):
        found.update(shapes.subjects(target, None))
    return sorted(found, key=str)


class _SubclassClosure:
    """Each class with its subclasses per the ontology, as SPARQL terms (cached)."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._cache: dict[str, str] = {}

    def __call__(self, cls: rdflib.term.Node) -> str:
        iri = _iri(cls, "a class")
        if iri not in self._cache:
            query = f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* <{iri}> }}"
            found = {
                f"<{cls.value}>"
                for solution in _select(self._store, query)
                if isinstance(cls := solution["c"], ox.NamedNode)
            }
            found.add(f"<{iri}>")
            self._cache[iri] = ", ".join(sorted(found))
        return self._cache[iri]


def _target_pattern(
    shapes: rdflib.Graph, shape: rdflib.term.Node, closure: _SubclassClosure
) -> str | None:
    parts: list[str] = []
    for cls in shapes.objects(shape, SH.targetClass):
        parts.append(f"{{ ?this a ?_class . FILTER (?_class IN ({closure(cls)})) }}")
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        parts.append(f"{{ ?this <{_iri(prop, 'a property')}> ?_object }}")
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        parts.append(f"{{ ?_subject <{_iri(prop, 'a property')}> ?this }}")
    for node in shapes.objects(shape, SH.targetNode):
        parts.append(f"{{ VALUES ?this {{ {_sparql_term(node)} }} }}")
    if not parts:
        return None
    return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(sorted(parts))} }} }}"


def _violations(
    shapes: rdflib.Graph,
    shape: rdflib.term.Node,
    focus: str,
    value: str,
    names: _Names,
    closure: _SubclassClosure,
    top: bool,
) -> Iterator[_Violation]:
    """The violation tests of a shape: its own constraints and those of its property shapes.

    A shape with ``sh:path`` (a property shape used inside ``sh:or``) constrains the values
    of its path; any other shape constrains the focus node itself.
    """
    if shapes.value(shape, SH.path) is not None:
        yield from _property_constraints(shapes, shape, focus, value, names, closure, top)
        return
    yield from _node_constraints(shapes, shape, focus, names, closure)
    for prop in sorted(shapes.objects(shape, SH.property), key=str):
        if _is_true(shapes.value(prop, SH.deactivated)):
            continue
        yield from _property_constraints(shapes, prop, focus, value, names, closure, top)
    if not top and any(True for _ in shapes.objects(shape, SH.sparql)):
        raise UnsupportedShape(f"shape {_show(shape)}: sh:sparql inside sh:or is not translated")


def _node_constraints(
    shapes: rdflib.Graph,
    shape: rdflib.term.Node,
    focus: str,
    names: _Names,
    closure: _SubclassClosure,
) -> Iterator[_Violation]:
    """Constraints on the focus node itself (the value node is the focus node)."""
    for predicate, obj in sorted(shapes.predicate_objects(shape), key=str):
        if predicate in _NOT_CONSTRAINTS or predicate in _NODE_SHAPE_PARTS:
            continue
        if predicate == SH["or"]:
            members = list(Collection(shapes, obj))
            alternatives = [
                " && ".join(
                    violation.as_conformance()
                    for violation in _violations(
                        shapes, member, focus, names(), names, closure, False
                    )
                )
                or "true"
                for member in members
            ]
            yield _Violation(
                shape, condition="!(" + " || ".join(f"({a})" for a in alternatives) + ")"
            )
        else:
            yield _Violation(
                shape, condition=_value_condition(shapes, shape, predicate, obj, focus, closure)
            )


def _property_constraints(
    shapes: rdflib.Graph,
    prop: rdflib.term.Node,
    focus: str,
    value: str,
    names: _Names,
    closure: _SubclassClosure,
    top: bool,
) -> Iterator[_Violation]:
    path_node = shapes.value(prop, SH.path)
    if path_node is None:
        raise UnsupportedShape(f"property shape {_show(prop)} has no sh:path")

    def walk(start: str, end: str) -> str:
        return _path_pattern(shapes, path_node, start, end, names)

    simple = str(path_node) if isinstance(path_node, rdflib.URIRef) else None
    for predicate, obj in sorted(shapes.predicate_objects(prop), key=str):
        if predicate in _NOT_CONSTRAINTS:
            continue
        if predicate == SH.minCount:
            count = _integer(obj, prop)
            if count > 1:
                raise UnsupportedShape(f"{_show(prop)}: sh:minCount above 1 is not translated")
            if count == 1:
                yield _Violation(
                    prop, condition=f"NOT EXISTS {{ {walk(focus, names())} }}", path=simple
                )
        elif predicate == SH.maxCount:
            if not top:
                raise UnsupportedShape(f"{_show(prop)}: sh:maxCount inside sh:or is not translated")
            other = names()
            yield _Violation(
                prop,
                pattern=f"{{ SELECT {focus} WHERE {{ {walk(focus, other)} }} GROUP BY {focus} "
                f"HAVING (COUNT(DISTINCT {other}) > {_integer(obj, prop)}) }}",
                path=simple,
            )
        elif predicate == SH.hasValue:
            yield _Violation(
                prop,
                condition=f"NOT EXISTS {{ {walk(focus, _sparql_term(obj))} }}",
                path=simple,
            )
        elif predicate == SH.lessThan:
            other = names()
            yield _Violation(
                prop,
                pattern=f"{walk(focus, value)} {focus} <{_iri(obj, 'a property')}> {other} . "
                f"FILTER (!COALESCE({value} < {other}, false))",
                path=simple,
            )
        else:
            condition = _value_condition(shapes, prop, predicate, obj, value, closure)
            yield _Violation(
                prop, pattern=f"{walk(focus, value)} FILTER ({condition})", path=simple
            )


def _value_condition(
    shapes: rdflib.Graph,
    shape: rdflib.term.Node,
    component: rdflib.term.Node,
    obj: rdflib.term.Node,
    value: str,
    closure: _SubclassClosure,
) -> str:
    """A SPARQL expression true when the value node ``value`` breaks one value constraint.

    Comparisons that raise an error (a string against a number) count as broken, as in SHACL:
    ``COALESCE(test, false)`` turns the error into false before negation.
    """
    if component == SH["class"]:
        kind = value.replace("?", "?_type_")
        return f"NOT EXISTS {{ {value} a {kind} . FILTER ({kind} IN ({closure(obj)})) }}"
    if component == SH.datatype:
        datatype = _sparql_term(obj)
        test = f"!isLiteral({value}) || !sameTerm(DATATYPE({value}), {datatype})"
        if obj in _CASTABLE:  # ill-formed, e.g. "MMXX"^^xsd:integer, breaks it too
            test += f' || sameTerm(COALESCE({datatype}(STR({value})), "!"), "!")'
        return test
    if component == SH["in"]:
        allowed = " || ".join(
            f"sameTerm({value}, {_sparql_term(item)})" for item in Collection(shapes, obj)
        )
        return f"!({allowed or 'false'})"
    if component == SH.hasValue:
        return f"!sameTerm({value}, {_sparql_term(obj)})"
    comparisons: dict[rdflib.term.Node, str] = {
        SH.minInclusive: ">=",
        SH.maxInclusive: "<=",
        SH.minExclusive: ">",
        SH.maxExclusive: "<",
    }
    if component in comparisons:
        return f"!COALESCE({value} {comparisons[component]} {_sparql_term(obj)}, false)"
    if component == SH.minLength:
        return f"isBlank({value}) || STRLEN(STR({value})) < {_integer(obj, shape)}"
    if component == SH.maxLength:
        return f"isBlank({value}) || STRLEN(STR({value})) > {_integer(obj, shape)}"
    if component == SH.pattern:
        flags = shapes.value(shape, SH.flags)
        extra = f", {_sparql_term(flags)}" if flags is not None else ""
        return f"isBlank({value}) || !REGEX(STR({value}), {_sparql_term(obj)}{extra})"
    raise UnsupportedShape(
        f"shape {_show(shape)}: {_show(component)} is not translated to SPARQL "
        "(use --engine pyshacl, or extend kg/validate.py)"
    )


def _sparql_check(
    shapes: rdflib.Graph, shape: rdflib.term.Node, constraint: rdflib.term.Node, target: str
) -> Check:
    """A SHACL-SPARQL constraint run once over all targets instead of once per focus node.

    ``$this`` and ``?this`` are one variable in SPARQL, so joining the target subquery with
    the constraint's own SELECT gives the results pre-binding would, for queries that (as
    SHACL requires) avoid VALUES, MINUS and SERVICE.
    """
    select = shapes.value(constraint, SH.select)
    if select is None:
        raise UnsupportedShape(f"shape {_show(shape)}: sh:sparql without sh:select")
    text = str(select)
    for variable in _PRE_BOUND:
        if variable in text:
            raise UnsupportedShape(f"shape {_show(shape)}: {variable} is not translated")
    prologue = "".join(
        f"PREFIX {shapes.value(declaration, SH.prefix)}: "
        f"<{shapes.value(declaration, SH.namespace)}>\n"
        for source in shapes.objects(constraint, SH.prefixes)
        for declaration in shapes.objects(source, SH.declare)
    )
    message = shapes.value(constraint, SH.message)
    return Check(
        shape=str(shape),
        severity=_severity(shapes, shape),
        message=str(message) if message is not None else _message(shapes, shape),
        query=f"{prologue}SELECT DISTINCT ?this ?value ?path WHERE {{ {target} {{ {text} }} }}",
    )


def _path_pattern(
    shapes: rdflib.Graph, node: rdflib.term.Node, start: str, end: str, names: _Names
) -> str:
    """Triple patterns linking ``start`` to ``end`` along a SHACL property path.

    Written as joined triple patterns rather than a SPARQL property path: Oxigraph plans a
    path with a constant end (``?e kg:paper/kg:inCorpus true``) from the constant and took
    47 s on pubmed21n1298 where the join takes under one.
    """
    if isinstance(node, rdflib.URIRef):
        return f"{start} <{node}> {end} ."
    inverse = shapes.value(node, SH.inversePath)
    if inverse is not None:
        return _path_pattern(shapes, inverse, end, start, names)
    if shapes.value(node, RDF.first) is not None:
        steps = list(Collection(shapes, node))
        points = [start, *(names("step") for _ in steps[1:]), end]
        return " ".join(
            _path_pattern(shapes, step, points[i], points[i + 1], names)
            for i, step in enumerate(steps)
        )
    raise UnsupportedShape(f"path {_show(node)} is not translated (IRI, inverse or sequence)")


def _sparql_term(node: rdflib.term.Node) -> str:
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if isinstance(node, rdflib.Literal):
        return node.n3()
    raise UnsupportedShape(f"{node!r} cannot be written in a query")


def _iri(node: rdflib.term.Node, what: str) -> str:
    if not isinstance(node, rdflib.URIRef):
        raise UnsupportedShape(f"expected {what} IRI in the shapes, found {node!r}")
    return str(node)


def _integer(node: rdflib.term.Node, shape: rdflib.term.Node) -> int:
    if isinstance(node, rdflib.Literal) and isinstance(node.toPython(), int):
        return int(node.toPython())
    raise UnsupportedShape(f"shape {_show(shape)}: expected an integer, found {node!r}")


def _is_true(node: rdflib.term.Node | None) -> bool:
    return isinstance(node, rdflib.Literal) and node.toPython() is True


def _severity(shapes: rdflib.Graph, shape: rdflib.term.Node) -> str:
    severity = shapes.value(shape, SH.severity)
    return _SEVERITIES.get(cast(rdflib.URIRef, severity), "Violation") if severity else "Violation"


def _message(shapes: rdflib.Graph, shape: rdflib.term.Node) -> str:
    message = shapes.value(shape, SH.message)
    return str(message) if message is not None else f"breaking shape {_show(shape)}"


def _show(node: rdflib.term.Node) -> str:
    return _curie(str(node)) if isinstance(node, rdflib.URIRef) else "a blank-node shape"


# ---------------------------------------------------------------------------------------------
# pyshacl, the reference engine
# ---------------------------------------------------------------------------------------------


def _run_pyshacl(graph_path: Path, shapes: rdflib.Graph) -> Iterator[Result]:
    """Run pyshacl (no inference, ontology mixed in) and read its report graph."""
    import pyshacl  # imported here: it pulls in owlrl and is only needed for this engine

    data = rdflib.Graph()
    data.parse(graph_path, format="turtle")
    ontology = rdflib.Graph().parse(data_dir("ontology") / "kg.ttl", format="turtle")
    _, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True
    )
    if not isinstance(report, rdflib.Graph):
        raise ConfigError(f"pyshacl could not run the shapes: {report}")
    parents = {prop: shape for shape, prop in shapes.subject_objects(SH.property)}
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        assert source is not None
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        focus = _ox_term(report.value(result, SH.focusNode))
        assert not isinstance(focus, ox.Literal)
        yield Result(
            severity=_SEVERITIES.get(cast(rdflib.URIRef, report.value(result, SH.resultSeverity)))
            or "Violation",
            shape=str(parents.get(source, source)),
            message=str(report.value(result, SH.resultMessage)),
            focus=focus,
            value=None if value is None else _ox_term(value),
            path=str(path) if isinstance(path, rdflib.URIRef) else None,
        )


def _ox_term(node: rdflib.term.Node | None) -> Term:
    if isinstance(node, rdflib.URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, rdflib.Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        datatype = ox.NamedNode(str(node.datatype)) if node.datatype else None
        return ox.Literal(str(node), datatype=datatype)
    return ox.BlankNode(str(node))


# ---------------------------------------------------------------------------------------------
# Results in words
# ---------------------------------------------------------------------------------------------


def describe(store: ox.Store, results: Iterable[Result]) -> tuple[Group, ...]:
    """Group results by rule and focus label; name each node the way the graph does."""
    namer = _Namer(store)
    grouped: dict[tuple[str, str, str, str], list[Result]] = {}
    for result in results:
        key = (result.severity, result.shape, result.message, namer.label(result.focus))
        grouped.setdefault(key, []).append(result)
    groups = []
    for (severity, shape, message, label), members in grouped.items():
        distinct = {(result.focus, result.value, result.path): result for result in members}
        examples = sorted({namer.result(result) for result in distinct.values()})
        groups.append(
            Group(
                severity=severity,
                shape=_curie(shape),
                message=message,
                label=label,
                nodes=len({result.focus for result in members}),
                results=len(distinct),
                examples=tuple(examples[:_EXAMPLES_KEPT]),
            )
        )
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return tuple(
        sorted(groups, key=lambda g: (order.get(g.severity, 3), -g.nodes, g.shape, g.message))
    )


class _Namer:
    """Names nodes for people: graph ids, and statements and evidence by their edge."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._labels: dict[Term, str] = {}

    def label(self, node: Term) -> str:
        if node not in self._labels:
            quads = (
                []
                if isinstance(node, ox.Literal)
                else self._store.quads_for_pattern(node, _RDF_TYPE, None, ox.DefaultGraph())
            )
            types = sorted(q.object.value for q in quads if isinstance(q.object, ox.NamedNode))
            kg_types = [iri[len(KG) :] for iri in types if iri.startswith(KG)]
            self._labels[node] = (kg_types or types or ["untyped"])[0]
        return self._labels[node]

    def result(self, result: Result) -> str:
        focus = self.node(result.focus)
        value = result.value
        if value is None or value == result.focus:
            return focus
        shown = self.node(value)
        if isinstance(value, ox.Literal):
            name = _local(result.path) if result.path else "value"
            return f"{focus} ({name} {shown})"
        arrow = f"-{_local(result.path)}->" if result.path else "->"
        return f"{focus} {arrow} {shown}"

    def node(self, node: Term) -> str:
        if isinstance(node, ox.Literal):  # quoted, on one line, at most _LITERAL_SHOWN long
            text = node.value
            shown = text if len(text) <= _LITERAL_SHOWN else text[: _LITERAL_SHOWN - 1] + "…"
            return json.dumps(shown, ensure_ascii=False)
        if isinstance(node, ox.BlankNode):
            return f"_:{node.value}"
        label = self.label(node)
        if label == "Statement":
            return self._edge(node) or _curie(node.value)
        if label == "Evidence":
            paper = self._one(node, _PAPER)
            statements = [
                quad.subject
                for quad in self._store.quads_for_pattern(None, _HAS_EVIDENCE, node, None)
                if isinstance(quad.subject, ox.NamedNode | ox.BlankNode)
            ]
            edge = self._edge(statements[0]) if statements else None
            where = f" in {_id(paper.value)}" if isinstance(paper, ox.NamedNode) else ""
            return f"evidence{where} for {edge}" if edge else f"evidence {_curie(node.value)}"
        return _id(node.value)

    def _edge(self, statement: ox.NamedNode | ox.BlankNode) -> str | None:
        parts = [
            self._one(statement, ox.NamedNode(str(RDF[name])))
            for name in ("subject", "predicate", "object")
        ]
        if not all(isinstance(part, ox.NamedNode) for part in parts):
            return None
        subject, predicate, obj = (cast(ox.NamedNode, part).value for part in parts)
        return f"{_id(subject)} -{_local(predicate)}-> {_id(obj)}"

    def _one(self, subject: ox.NamedNode | ox.BlankNode, predicate: ox.NamedNode) -> Term | None:
        for quad in self._store.quads_for_pattern(subject, predicate, None, ox.DefaultGraph()):
            return cast(Term, quad.object)
        return None


def _id(iri: str) -> str:
    """A node's graph id (``pmid:1``), else its CURIE."""
    return node_id_from_iri(iri) or _curie(iri)


def _curie(iri: str) -> str:
    best = max(
        ((name, namespace) for name, namespace in PREFIXES.items() if iri.startswith(namespace)),
        key=lambda item: len(item[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else f"<{iri}>"


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
