"""``kg load --sparql-endpoint`` against a real Apache Jena Fuseki (tests/servers/fuseki.py).

Every test loads real builds of examples/ through the real CLI and asks the server what it
holds, so these fail if a batch is lost, a graph is mixed with another, a replace keeps old
triples, or Fuseki answers a query differently from the embedded store.
"""

from __future__ import annotations

import json
import re
import shlex
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from servers.fuseki import Fuseki

from kg.cli.main import cli
from kg.loaders.sparql import Endpoint, build_graph_iri, count_triples, select
from kg.sparql import NamedQuery, bind, load_library
from kg.sparql.results import SelectResult, to_sparql_json
from kg.sparql.store import execute, open_store

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = {_XSD + name for name in ("integer", "decimal", "double", "float", "long", "int")}


def _kg(server: Fuseki, *args: str, password: str | None = None) -> Result:
    """Run ``kg ARGS`` in-process with the server's credentials in the environment."""
    env = {"KG_SPARQL_USER": server.user, "KG_SPARQL_PASSWORD": password or server.password}
    return CliRunner().invoke(cli, list(args), env=env)


def _load(server: Fuseki, build: Path, *options: str) -> Result:
    result = _kg(server, "load", str(build), "--sparql-endpoint", server.url, "-q", *options)
    assert result.exit_code == 0, result.output
    return result


def _endpoint(server: Fuseki) -> Endpoint:
    return Endpoint.from_urls(server.url, user=server.user, password=server.password)


def _triples(build: Path) -> set[ox.Triple]:
    return {
        quad.triple for quad in ox.parse(path=str(build / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    }


def _asks(server: Fuseki, graph: str, pattern: str) -> bool:
    rows = select(
        _endpoint(server),
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ {pattern} }} }}",
    )
    return int(rows[0]["n"]["value"]) > 0


@pytest.fixture(scope="module")
def examples_loaded(fuseki: Fuseki, example_build: Path) -> Result:
    """``kg load`` of the examples build into its own graph (replacing it), done once."""
    return _load(fuseki, example_build, "--replace")


def test_load_puts_every_triple_of_the_build_in_its_own_named_graph(
    fuseki: Fuseki, example_build: Path, examples_loaded: Result
) -> None:
    triples = _triples(example_build)
    graph = build_graph_iri(example_build)
    output = examples_loaded.stdout
    assert f"Loaded {len(triples):,} triples" in output
    assert f"<{graph}>" in output
    assert f"the graph holds {len(triples):,} triples, as many as the build" in output
    assert count_triples(_endpoint(fuseki), graph) == len(triples)
    # Nothing went to the default graph, and the evidence of a relation arrived intact.
    default = select(_endpoint(fuseki), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert default[0]["n"]["value"] == "0"
    assert _asks(
        fuseki,
        graph,
        "?statement <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> "
        "<https://w3id.org/kg/schema#treats> ; <https://w3id.org/kg/schema#hasEvidence> ?e . "
        '?e <https://w3id.org/kg/schema#sentence> ?sentence . FILTER(CONTAINS(?sentence, "TNF"))',
    )


def test_loading_the_same_build_twice_merges_to_the_same_graph(
    fuseki: Fuseki, lupus_build: Path
) -> None:
    graph = "urn:kg-test:merge-twice"
    expected = len(_triples(lupus_build))
    first = _load(fuseki, lupus_build, "--graph", graph, "--batch-size", "1000")
    assert f"{-(-expected // 1000)} request(s)" in first.stdout
    second = _load(fuseki, lupus_build, "--graph", graph)
    assert count_triples(_endpoint(fuseki), graph) == expected
    assert f"{expected:,} were there before" in second.stdout
    assert f"{expected:,} of them were already there" in second.stdout


def test_replace_empties_the_graph_before_loading(
    fuseki: Fuseki, example_build: Path, lupus_build: Path
) -> None:
    graph = "urn:kg-test:replace"
    examples, lupus = _triples(example_build), _triples(lupus_build)
    _load(fuseki, example_build, "--graph", graph, "--replace")
    _load(fuseki, lupus_build, "--graph", graph)
    assert count_triples(_endpoint(fuseki), graph) == len(examples | lupus)
    replaced = _load(fuseki, lupus_build, "--graph", graph, "--replace")
    assert "graph replaced" in replaced.stdout
    assert count_triples(_endpoint(fuseki), graph) == len(lupus)
    only_examples = min(examples - lupus, key=str)
    assert _asks(fuseki, build_graph_iri(example_build), f"{only_examples} .")
    assert not _asks(fuseki, graph, f"{only_examples} .")


def test_two_builds_coexist_in_two_named_graphs(
    fuseki: Fuseki, example_build: Path, lupus_build: Path, examples_loaded: Result
) -> None:
    _load(fuseki, lupus_build, "--replace")
    examples, lupus = build_graph_iri(example_build), build_graph_iri(lupus_build)
    assert examples != lupus
    assert count_triples(_endpoint(fuseki), examples) == len(_triples(example_build))
    assert count_triples(_endpoint(fuseki), lupus) == len(_triples(lupus_build))


def test_the_graph_name_depends_on_what_makes_the_triples_not_on_when(
    example_build: Path, tmp_path: Path
) -> None:
    manifest = json.loads((example_build / "manifest.json").read_text(encoding="utf-8"))
    manifest["created"] = "1999-01-01T00:00:00+00:00"
    manifest["options"]["view_nodes"] = 42
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert build_graph_iri(tmp_path) == build_graph_iri(example_build)
    assert build_graph_iri(example_build).startswith("https://w3id.org/kg/id/build/")
    manifest["inputs"][0]["sha256"] = "0" * 64
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert build_graph_iri(tmp_path) != build_graph_iri(example_build)


def test_credentials_in_the_url_work_and_are_never_shown(fuseki: Fuseki, lupus_build: Path) -> None:
    scheme, rest = fuseki.url.split("://")
    url = f"{scheme}://{fuseki.user}:{fuseki.password}@{rest}"
    result = CliRunner().invoke(
        cli, ["load", str(lupus_build), "--sparql-endpoint", url, "--graph", "urn:kg-test:url"]
    )
    assert result.exit_code == 0, result.output
    assert fuseki.password not in result.output
    assert f"at {fuseki.url}/data " in result.stdout


def test_a_wrong_password_is_one_line_naming_the_status_not_the_password(
    fuseki: Fuseki, lupus_build: Path
) -> None:
    wrong = "not-the-password-" + fuseki.password[:4]
    result = _kg(fuseki, "load", str(lupus_build), "--sparql-endpoint", fuseki.url, password=wrong)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kg: error: POST {fuseki.url}/query: HTTP 401")
    assert len(result.stderr.splitlines()) == 1
    assert wrong not in result.output
    assert "Traceback" not in result.output


def test_an_unreachable_server_and_a_missing_service_are_one_line_errors(
    fuseki: Fuseki, lupus_build: Path
) -> None:
    host = fuseki.url.rsplit(":", 1)[0]
    nobody = _kg(fuseki, "load", str(lupus_build), "--sparql-endpoint", f"{host}:9/ds")
    assert nobody.exit_code == 1
    assert "cannot reach the server" in nobody.stderr
    wrong_service = _kg(
        fuseki,
        "load",
        str(lupus_build),
        "--sparql-endpoint",
        fuseki.url,
        "--gsp-url",
        fuseki.url + "/no-such-service",
        "--graph",
        "urn:kg-test:missing",
    )
    assert wrong_service.exit_code == 1
    assert f"POST {fuseki.url}/no-such-service: HTTP 4" in wrong_service.stderr
    assert len(wrong_service.stderr.splitlines()) == 1


def test_a_build_whose_turtle_breaks_midway_stops_with_one_line(
    fuseki: Fuseki, lupus_build: Path, tmp_path: Path
) -> None:
    """The error of the thread that parses ahead reaches the command as a one-line error."""
    (tmp_path / "manifest.json").write_bytes((lupus_build / "manifest.json").read_bytes())
    turtle = (lupus_build / "graph.ttl").read_text(encoding="utf-8")
    (tmp_path / "graph.ttl").write_text(turtle + "\nthis is not Turtle .\n", encoding="utf-8")
    result = _kg(
        fuseki,
        "load",
        str(tmp_path),
        "--sparql-endpoint",
        fuseki.url,
        "--graph",
        "urn:kg-test:broken",
        "--batch-size",
        "1000",
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"kg: error: {tmp_path / 'graph.ttl'}: cannot be read as Turtle"
    )
    assert len(result.stderr.splitlines()) == 1


def test_bad_calls_are_refused_before_any_request(tmp_path: Path, example_build: Path) -> None:
    runner = CliRunner()
    no_target = runner.invoke(cli, ["load", str(example_build)])
    assert no_target.exit_code == 2
    assert "--sparql-endpoint URL" in no_target.output
    not_a_build = runner.invoke(
        cli, ["load", str(tmp_path), "--sparql-endpoint", "http://127.0.0.1:9/ds"]
    )
    assert not_a_build.exit_code == 1
    assert "not a kg build directory" in not_a_build.stderr
    not_http = runner.invoke(cli, ["load", str(example_build), "--sparql-endpoint", "ds"])
    assert not_http.exit_code == 2
    assert "http:// or https://" in not_http.stderr
    no_password = runner.invoke(
        cli,
        ["load", str(example_build), "--sparql-endpoint", "http://127.0.0.1:9/ds"],
        env={"KG_SPARQL_USER": "someone", "KG_SPARQL_PASSWORD": ""},
    )
    assert no_password.exit_code == 2
    assert "KG_SPARQL_PASSWORD" in no_password.stderr


# --- The same questions, the same answers: Fuseki and the embedded store. -------------------

_LIBRARY = load_library()
_CONCATENATED = re.compile(
    r'GROUP_CONCAT\s*\([^)]*separator\s*=\s*"(?P<separator>[^"]*)"\s*\)\s*AS\s*\?(?P<name>\w+)',
    re.IGNORECASE,
)


# Values for the examples build where the query's example is meant for a larger one.
_ON_EXAMPLES: dict[str, dict[str, str]] = {"coauthor_pairs": {"min_papers": "1"}}
# Empty on the examples build whatever the values: no paper of it cites another one.
_EMPTY_ON_EXAMPLES = frozenset({"most_cited_in_set"})


def _values(query: NamedQuery) -> dict[str, str]:
    """The ``--param NAME=VALUE`` of the query's own example line, or the override above."""
    words = shlex.split(query.example)
    example = dict(
        words[index + 1].split("=", 1) for index, word in enumerate(words[:-1]) if word == "--param"
    )
    return {**example, **_ON_EXAMPLES.get(query.name, {})}


@pytest.mark.parametrize("name", sorted(_LIBRARY))
def test_every_named_query_answers_on_fuseki_as_on_the_embedded_store(
    name: str, fuseki: Fuseki, example_build: Path, examples_loaded: Result
) -> None:
    """Each named query, bound to its example's parameters, gets the same rows from Fuseki
    (the build's named graph as the default graph) as from the build's own store."""
    text = bind(_LIBRARY[name], _values(_LIBRARY[name]))
    embedded = execute(open_store(example_build), text, source=name)
    assert isinstance(embedded, SelectResult)
    separators = {m["name"]: m["separator"] for m in _CONCATENATED.finditer(text)}
    local = _rows(to_sparql_json(embedded)["results"]["bindings"], embedded.variables, separators)
    endpoint = replace(_endpoint(fuseki), timeout=60)
    remote = _rows(
        select(endpoint, text, default_graph=build_graph_iri(example_build)),
        embedded.variables,
        separators,
    )
    assert remote == local
    if name not in _EMPTY_ON_EXAMPLES:
        assert local, f"{name}: no answer on the examples build to compare"


def _rows(
    bindings: list[dict[str, dict[str, str]]],
    variables: Sequence[str],
    separators: Mapping[str, str],
) -> Counter[tuple[object, ...]]:
    """The rows as a multiset (ORDER BY ties may come in any order) of comparable terms."""
    return Counter(
        tuple(_term(row.get(name), separators.get(name)) for name in variables) for row in bindings
    )


def _term(term: Mapping[str, str] | None, separator: str | None) -> object:
    """A SPARQL JSON term, with what SPARQL leaves to the engine made equal: numbers by value
    (``1.0E0`` is ``1.0``), GROUP_CONCAT parts in sorted order."""
    if term is None:
        return None
    if term["type"] == "uri":
        return ("iri", term["value"])
    assert term["type"] in {"literal", "typed-literal"}, f"unexpected term {term}"
    value, datatype = term["value"], term.get("datatype", _XSD + "string")
    if datatype in _NUMBERS:
        return ("number", round(Decimal(value), 9).normalize())
    if separator:
        value = separator.join(sorted(value.split(separator)))
    return ("literal", value, datatype, term.get("xml:lang", "").lower())
