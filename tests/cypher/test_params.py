"""Parameter values for Cypher: typed as the header says, checked as for SPARQL (no server)."""

from __future__ import annotations

import pytest

from kg.cypher.params import concept_lookup, cypher_values, labels_of
from kg.errors import ConfigError
from kg.sparql.queries import find_query


def test_values_get_the_types_of_the_header() -> None:
    values = cypher_values(
        find_query("mechanism_evidence"),
        {"therapy": "MSCs", "mechanism": "GO:0002682", "min_confidence": "0.5"},
    )
    assert values == {"therapy": "MSCs", "mechanism": "GO:0002682", "min_confidence": 0.5}
    flags = cypher_values(find_query("therapies_for_disease"), {"disease": "SLE"})
    assert flags == {"disease": "SLE", "asserted_only": False}  # the default, as a boolean
    assert (
        cypher_values(
            find_query("therapies_for_disease"), {"disease": "SLE", "asserted_only": "yes"}
        )["asserted_only"]
        is True
    )
    assert cypher_values(find_query("coauthor_pairs"), {"min_papers": " 3"}) == {"min_papers": 3}


@pytest.mark.parametrize(
    ("value", "node"),
    [
        ("<http://purl.obolibrary.org/obo/DOID_9074>", "DOID:9074"),
        ("https://pubmed.ncbi.nlm.nih.gov/33891966", "pmid:33891966"),
        ("DOID:9074", "DOID:9074"),
        ("systemic lupus erythematosus", "systemic lupus erythematosus"),
    ],
)
def test_a_concept_given_as_an_iri_becomes_its_node_id(value: str, node: str) -> None:
    assert cypher_values(find_query("therapies_for_disease"), {"disease": value})["disease"] == node


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "missing parameter 'disease'"),
        ({"disease": "SLE", "asserted_only": "maybe"}, "expected true or false"),
        ({"disease": "SLE", "colour": "red"}, "unknown parameter 'colour'"),
    ],
)
def test_bad_values_are_refused_as_for_sparql(values: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        cypher_values(find_query("therapies_for_disease"), values)


def test_concept_lookups_name_only_contract_labels() -> None:
    therapy = find_query("mechanism_evidence").parameter("therapy")
    topic = find_query("top_authors").parameter("topic")
    assert therapy is not None and topic is not None
    assert labels_of(therapy) == "Therapy|Chemical"
    assert labels_of(topic) == "Disease|Therapy|Chemical|Mechanism|CellType|Molecule"
    assert "$value" in concept_lookup(therapy)
