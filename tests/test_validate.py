"""kg.validate: the shapes hold on every build of the test data, and planted defects are found.

Builds are real (`kg build` on examples/, the seeds and one fixture directory per input
format); defects are planted by SPARQL updates on a copy of a build's graph.ttl.  The SPARQL
translation is checked against pyshacl, the reference SHACL engine, on a small real build
with the same defects planted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import RDF, SH
from support import DATA, EXAMPLES, SEEDS

from kg.cli.main import cli
from kg.namespaces import node_id_from_iri
from kg.nlp.relations import ASSERTED, CANDIDATE, SPECULATIVE
from kg.nlp.study_design import LEVELS
from kg.resources import data_dir
from kg.validate import (
    Report,
    Result,
    UnsupportedShape,
    compile_checks,
    load_shapes,
    load_store,
    validate_build,
)

KG = "https://w3id.org/kg/schema#"
PREFIXES = (
    f"PREFIX kg: <{KG}>\nPREFIX rdf: <{RDF}>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
)
FORMAT_FIXTURES = (
    "pubmed_xml",
    "medline",
    "pubmed_csv",
    "pubmed_page",
    "pubmed_text",
    "citation_listing",
)
# Every build of the test data validates cleanly (a cited work named by its DOI used to keep
# that id when a later reference gave its PMID; kg/graph/bibliographic.py now joins references
# first).
KNOWN_VIOLATIONS: set[tuple[str, str, str]] = set()
# Every kg: term a build writes is declared in kg.ttl (tests/writers/test_ontology.py too).
KNOWN_UNDECLARED: set[str] = set()


def _build(inputs: Path, out: Path) -> Path:
    result = CliRunner().invoke(
        cli, ["build", str(inputs), "--out", str(out), "-q"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The examples, the seeds and one build per input-format fixture directory."""
    sources = {"examples": EXAMPLES, "seeds": SEEDS}
    sources.update({name: DATA / name for name in FORMAT_FIXTURES})
    return {name: _build(path, tmp_path_factory.mktemp(name)) for name, path in sources.items()}


@pytest.fixture(scope="module")
def reports(builds: dict[str, Path]) -> dict[str, Report]:
    return {name: validate_build(path) for name, path in builds.items()}


def _violations(name: str, report: Report) -> set[tuple[str, str, str]]:
    return {
        (name, group.shape, example.split(" ")[0])
        for group in report.groups
        if group.severity == "Violation"
        for example in group.examples
    }


@pytest.mark.parametrize("name", ["examples", "seeds", *FORMAT_FIXTURES])
def test_every_build_of_the_test_data_conforms(name: str, reports: dict[str, Report]) -> None:
    report = reports[name]
    unexpected = _violations(name, report) - KNOWN_VIOLATIONS
    assert not unexpected, list(report.groups)
    assert report.triples > 500 and report.nodes > 20 and report.shapes >= 25


def test_warnings_on_real_builds_are_the_documented_ones(reports: dict[str, Report]) -> None:
    """The Molecule/Chemical IS_A crossings warn on the test data (see shapes.ttl), and the
    known undeclared terms; nothing else."""
    warned = {
        group.shape for report in reports.values() for group in report.groups
        if group.severity == "Warning"
    }  # fmt: skip
    assert "kg:IsAAcrossShape" in warned
    assert warned <= {"kg:IsAAcrossShape", "kg:DeclaredTermsShape"}
    undeclared = {
        example.split(" -> ")[1]
        for report in reports.values()
        for group in report.groups
        if group.shape == "kg:DeclaredTermsShape"
        for example in group.examples
    }
    assert undeclared <= KNOWN_UNDECLARED
    across = next(g for g in reports["examples"].groups if g.shape == "kg:IsAAcrossShape")
    assert across.label == "Molecule"
    assert "MESH:D036341 -isA-> MESH:D011506" in across.examples  # signalling proteins -> Proteins


def test_the_examples_build_exercises_every_rule_family(builds: dict[str, Path]) -> None:
    """Conformance means something only if the graph has what the shapes constrain."""
    store, _ = load_store(builds["examples"] / "graph.ttl")
    used = {
        solution["p"].value[len(KG) :]
        for solution in store.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")
        if solution["p"].value.startswith(KG)
    }
    expected = {
        "treats", "actsVia", "targets", "implicatedIn", "derivedFrom", "isA", "authored",
        "cites", "mentions", "publishedIn", "hasEvidence", "confidence", "coAuthoredWith",
    }  # fmt: skip
    assert expected <= used, expected - used


# --- planted defects ------------------------------------------------------------------------

# Each defect: a SPARQL update, then the shape, message words, focus node and (optionally) the
# words of the value that must be reported.  Node choices are deterministic (ORDER BY).
DEFECTS = {
    "title removed": (
        """DELETE { ?p kg:title ?t } WHERE {
             { SELECT ?p ?t WHERE { ?p kg:inCorpus true ; kg:title ?t }
               ORDER BY ?p LIMIT 1 } }""",
        "kg:PaperTitleShape",
        "read from the inputs but without a title",
    ),
    "treats from a disease": (
        """INSERT { ?d kg:treats ?e } WHERE {
             { SELECT ?d ?e WHERE { ?d a kg:Disease . ?e a kg:Disease FILTER (?d != ?e) }
               ORDER BY ?d ?e LIMIT 1 } }""",
        "kg:TreatsShape",
        "with a TREATS edge though neither a Therapy nor a Chemical",
    ),
    "evidence without sentence": (
        """DELETE { ?e kg:sentence ?s } WHERE {
             { SELECT ?e ?s WHERE { ?e a kg:Evidence ; kg:sentence ?s } ORDER BY ?e LIMIT 1 } }""",
        "kg:EvidenceShape",
        "without exactly one non-empty sentence",
    ),
    "confidence 1.5": (
        """DELETE { ?e kg:confidence ?c } INSERT { ?e kg:confidence 1.5e0 } WHERE {
             { SELECT ?e ?c WHERE { ?e a kg:Evidence ; kg:confidence ?c }
               ORDER BY DESC(?e) LIMIT 1 } }""",
        "kg:EvidenceShape",
        "without exactly one confidence, a double from 0 to 1",
    ),
    "start after end": (
        """DELETE { ?e kg:start ?a } INSERT { ?e kg:start ?late } WHERE {
             { SELECT ?e ?a ?b WHERE { ?e a kg:Evidence ; kg:start ?a ; kg:end ?b ;
                                          kg:extractor "rules:acts-via" }
               ORDER BY ?e LIMIT 1 } BIND (?b + 5 AS ?late) }""",
        "kg:EvidenceShape",
        "whose start offset is not before its end offset",
    ),
    "direction sideways": (
        """DELETE { ?s kg:direction ?d } INSERT { ?s kg:direction "sideways" } WHERE {
             { SELECT ?s ?d WHERE { ?s a kg:Statement ; rdf:predicate kg:targets ;
                                      kg:direction ?d } ORDER BY ?s LIMIT 1 } }""",
        "kg:DirectionShape",
        "whose direction is not one of increase and decrease",
    ),
    "authored by a paper": (
        """INSERT { ?p kg:authored ?q } WHERE {
             { SELECT ?p ?q WHERE { ?p kg:inCorpus true . ?q kg:inCorpus false }
               ORDER BY ?p ?q LIMIT 1 } }""",
        "kg:AuthoredShape",
        "with an AUTHORED edge though not an Author",
    ),
    "is-a across labels": (
        """INSERT { ?d kg:isA ?c } WHERE {
             { SELECT ?d ?c WHERE { ?d a kg:Disease . ?c a kg:CellType }
               ORDER BY ?d ?c LIMIT 1 } }""",
        "kg:IsAShape",
        "with an IS_A edge to itself or to a concept of another label",
    ),
    "second title": (
        """INSERT { ?p kg:title "Another title" } WHERE {
             { SELECT ?p WHERE { ?p kg:inCorpus true ; kg:title ?t }
               ORDER BY DESC(?p) LIMIT 1 } }""",
        "kg:PaperShape",
        "with an empty title or more than one",
    ),
    "pmid with a letter": (
        """DELETE { ?p kg:pmid ?v } INSERT { ?p kg:pmid "123x" } WHERE {
             { SELECT ?p ?v WHERE { ?p kg:pmid ?v ; kg:inCorpus false } ORDER BY ?p LIMIT 1 } }""",
        "kg:PaperShape",
        "whose PMID is not one string of digits",
    ),
    "year as text": (
        """DELETE { ?p kg:year ?y } INSERT { ?p kg:year ?text } WHERE {
             { SELECT ?p ?y WHERE { ?p kg:year ?y ; kg:inCorpus true } ORDER BY DESC(?p) LIMIT 1 }
             BIND (STR(?y) AS ?text) }""",
        "kg:PaperShape",
        "whose year is not one integer",
    ),
    "year ill-formed": (
        """DELETE { ?p kg:year ?y } INSERT { ?p kg:year "MMXX"^^xsd:integer } WHERE {
             { SELECT ?p ?y WHERE { ?p kg:year ?y ; kg:inCorpus true } ORDER BY ?p LIMIT 1 } }""",
        "kg:PaperShape",
        "whose year is not one integer",
    ),
    "undeclared property": (
        """INSERT { ?p kg:flavour "vanilla" } WHERE {
             { SELECT ?p WHERE { ?p a kg:Journal } ORDER BY ?p LIMIT 1 } }""",
        "kg:DeclaredTermsShape",
        "using a kg: class or property that ontology/kg.ttl does not declare",
    ),
    "statement of a missing edge": (
        """DELETE { ?s kg:derivedFrom ?o } WHERE {
             { SELECT ?s ?o WHERE { ?s kg:derivedFrom ?o } ORDER BY ?s ?o LIMIT 1 } }""",
        "kg:StatementShape",
        "that repeats an edge the graph does not have",
    ),
}


def _plant(build: Path, out: Path, names: list[str]) -> Path:
    """A copy of ``build`` whose graph.ttl has the named defects planted."""
    shutil.copytree(build, out)
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    for name in names:
        store.update(PREFIXES + DEFECTS[name][0])
    store.dump(str(out / "graph.ttl"), ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    return out


@pytest.fixture(scope="module")
def planted(builds: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Report:
    out = tmp_path_factory.mktemp("planted") / "build"
    return validate_build(_plant(builds["examples"], out, list(DEFECTS)))


@pytest.mark.parametrize("defect", list(DEFECTS))
def test_a_planted_defect_is_reported_with_its_shape_and_words(
    defect: str, planted: Report
) -> None:
    _, shape, words = DEFECTS[defect]
    groups = [g for g in planted.groups if g.shape == shape and g.message == words]
    assert groups, f"{defect}: no {shape} result saying {words!r}"
    planted_alike = sum(1 for _, *rule in DEFECTS.values() if rule == [shape, words])
    assert sum(g.nodes for g in groups) == planted_alike, groups


def test_planted_defects_name_the_right_nodes(builds: dict[str, Path], planted: Report) -> None:
    store, _ = load_store(builds["examples"] / "graph.ttl")

    def first(query: str) -> str | None:
        for solution in store.query(PREFIXES + query):
            return node_id_from_iri(solution[0].value)
        raise AssertionError(query)

    def group(words: str) -> tuple[str, ...]:
        return next(g for g in planted.groups if g.message == words).examples

    untitled = first("SELECT ?p WHERE { ?p kg:inCorpus true ; kg:title ?t } ORDER BY ?p LIMIT 1")
    assert untitled
    assert group("read from the inputs but without a title") == (untitled,)
    disease = first("SELECT ?d WHERE { ?d a kg:Disease } ORDER BY ?d LIMIT 1")
    (treats,) = group("with a TREATS edge though neither a Therapy nor a Chemical")
    assert treats == disease
    (confidence,) = group("without exactly one confidence, a double from 0 to 1")
    assert confidence.startswith("evidence in pmid:") and " for " in confidence
    assert confidence.endswith('(confidence "1.5")')
    (sentence,) = group("without exactly one non-empty sentence")
    assert sentence.startswith("evidence in ") and "->" in sentence
    (sideways,) = group("whose direction is not one of increase and decrease")
    assert "-targets->" in sideways and sideways.endswith('(direction "sideways")')
    # The TREATS edge planted without a statement also lacks evidence.
    evidence = group("with an extracted relation that has no statement with evidence")
    assert evidence == (f"{treats} -treats-> {evidence[0].split(' -treats-> ')[1]}",)


def test_planted_defects_break_only_the_rules_they_should(
    planted: Report, reports: dict[str, Report]
) -> None:
    """Each defect is found, and nothing else is besides what the unplanted build has."""
    assert not planted.conforms
    expected = {(shape, words) for _, shape, words in DEFECTS.values()}
    expected |= {(group.shape, group.message) for group in reports["examples"].groups}
    expected |= {
        # the paper given the PMID "123x" is no longer named by its PMID
        ("kg:PaperIdentityShape", "with a PMID but named by something else (a paper with a "
         "PMID is pmid:N)"),
        # the TREATS edge planted without a statement has no evidence either
        ("kg:EvidencedRelationShape", "with an extracted relation that has no statement "
         "with evidence"),
        # a start past the end no longer points at the sentence
        ("kg:EvidenceSpanShape", "whose offsets do not point at its sentence in the paper's "
         "title or abstract"),
        # the paper given an AUTHORED edge has no statement with a position for it
        ("kg:AuthoredShape", "with an AUTHORED edge whose statement has no byline position"),
    }  # fmt: skip
    assert {(g.shape, g.message) for g in planted.groups} == expected


# --- the translation agrees with pyshacl -----------------------------------------------------


def _keys(results: list[Result]) -> set[tuple[str, str, str, str, str]]:
    return {
        (
            result.severity,
            result.shape,
            result.message,
            str(result.focus),
            "" if result.value is None or result.value == result.focus else str(result.value),
        )
        for result in results
    }


@pytest.mark.slow
def test_sparql_translation_agrees_with_pyshacl(
    builds: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Same results, node for node, on a small real build with every defect planted."""
    import kg.validate as validate

    out = _plant(builds["seeds"], tmp_path_factory.mktemp("agree") / "build", list(DEFECTS))
    store, _ = load_store(out / "graph.ttl")
    shapes = load_shapes()
    ours = list(validate.run_checks(store, compile_checks(shapes, store)))
    reference = list(validate._run_pyshacl(out / "graph.ttl", shapes))
    assert len(ours) >= len(DEFECTS)
    assert _keys(ours) == _keys(reference)


# --- the shapes file itself -----------------------------------------------------------------


def test_every_shape_says_its_rule_in_words() -> None:
    """A comment per shape; a message for every property shape and SPARQL constraint."""
    shapes = load_shapes()
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert len(node_shapes) >= 25
    for shape in node_shapes:
        assert shapes.value(shape, rdflib.RDFS.comment), f"{shape} has no rdfs:comment"
        for part in [*shapes.objects(shape, SH.property), *shapes.objects(shape, SH.sparql)]:
            assert shapes.value(part, SH.message), f"{shape}: a constraint without sh:message"
        if any(shapes.value(shape, c) is not None for c in (SH["class"], SH["or"])):
            assert shapes.value(shape, SH.message), f"{shape}: no sh:message for its own rule"


def test_vocabularies_in_the_shapes_match_the_code() -> None:
    """Modality and evidence-level lists are stated once in code; the shapes must agree."""
    shapes = load_shapes()

    def allowed(path: str) -> set[str]:
        for prop in shapes.subjects(SH.path, rdflib.URIRef(KG + path)):
            listed = shapes.value(prop, SH["in"])
            if listed is not None:
                return {str(item) for item in rdflib.collection.Collection(shapes, listed)}
        raise AssertionError(path)

    assert allowed("modality") == {ASSERTED, SPECULATIVE, CANDIDATE}
    assert allowed("evidenceLevel") == set(LEVELS)


def test_every_shape_translates_and_unknown_shacl_is_refused(tmp_path: Path) -> None:
    store = ox.Store()
    store.load(path=str(data_dir("ontology") / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    checks = compile_checks(load_shapes(), store)
    assert len(checks) > 60
    odd = tmp_path / "odd.ttl"
    odd.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:s> sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:uniqueLang true ] .\n"
    )
    with pytest.raises(UnsupportedShape, match="uniqueLang"):
        compile_checks(load_shapes(odd), store)


def test_a_missing_or_broken_graph_is_an_error_in_words(tmp_path: Path) -> None:
    from kg.errors import OutputError

    with pytest.raises(OutputError, match=r"no graph\.ttl"):
        validate_build(tmp_path)
    (tmp_path / "graph.ttl").write_text("<urn:a> <urn:b> \n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"graph\.ttl: cannot be read as Turtle"):
        validate_build(tmp_path)
