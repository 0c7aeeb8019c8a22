from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.namespaces import KGR, PREFIXES, node_id_from_iri, node_iri


@pytest.mark.parametrize(
    ("node_id", "iri"),
    [
        ("pmid:39882532", "https://pubmed.ncbi.nlm.nih.gov/39882532"),
        ("pmcid:PMC11774712", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC11774712"),
        ("doi:10.3389/fmed.2024.1530887", "https://doi.org/10.3389/fmed.2024.1530887"),
        ("orcid:0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097"),
        ("orcid:0000-0001-5109-370X", "https://orcid.org/0000-0001-5109-370X"),
        ("ror:05dxps055", "https://ror.org/05dxps055"),
        ("DOID:7148", "http://purl.obolibrary.org/obo/DOID_7148"),
        ("CL:0000134", "http://purl.obolibrary.org/obo/CL_0000134"),
        ("GO:0001525", "http://purl.obolibrary.org/obo/GO_0001525"),
        ("UBERON:0002371", "http://purl.obolibrary.org/obo/UBERON_0002371"),
        ("CHEBI:44185", "http://purl.obolibrary.org/obo/CHEBI_44185"),
        ("MESH:D012595", "http://id.nlm.nih.gov/mesh/D012595"),
        ("author:chen-l", "https://w3id.org/kg/id/author/chen-l"),
        ("inst:qinzhou-first-peoples-hospital", KGR + "inst/qinzhou-first-peoples-hospital"),
        ("journal:front-med-lausanne", KGR + "journal/front-med-lausanne"),
        ("paper:chen-2025-cell-therapy", KGR + "paper/chen-2025-cell-therapy"),
        ("HGNC:10618", KGR + "HGNC/10618"),
        ("inst:a/b c", KGR + "inst/a%2Fb%20c"),
        ("no-colon", KGR + "no-colon"),
    ],
)
def test_node_iri_per_scheme(node_id: str, iri: str) -> None:
    assert node_iri(node_id) == iri
    assert node_id_from_iri(iri) == node_id


def test_scheme_matches_case_insensitively() -> None:
    assert node_iri("PMID:1") == node_iri("pmid:1")
    assert node_iri("doid:7148") == node_iri("DOID:7148")
    assert node_iri("mesh:D012595") == node_iri("MESH:D012595")


def test_doi_with_iri_unsafe_characters_is_percent_encoded() -> None:
    doi = '10.1002/(sici)1097-4636<1::aid-jbm1>3.0.co;2-#"x y?z'
    iri = node_iri(f"doi:{doi}")
    assert iri == (
        "https://doi.org/10.1002/(sici)1097-4636%3C1::aid-jbm1%3E3.0.co;2-%23%22x%20y%3Fz"
    )
    ox.NamedNode(iri)  # a valid IRI
    assert node_id_from_iri(iri) == f"doi:{doi}"


def test_malformed_resolver_ids_fall_back_to_the_project_namespace() -> None:
    assert node_iri("pmid:12a") == KGR + "pmid/12a"
    assert node_iri("orcid:nobody") == KGR + "orcid/nobody"
    assert node_iri("DOID:7148 x") == KGR + "DOID/7148%20x"


def test_foreign_iri_has_no_node_id() -> None:
    assert node_id_from_iri("https://example.org/x") is None


def test_prefix_map_has_the_required_namespaces() -> None:
    required = "kg kgr pubmed doi orcid ror obo mesh pmc schema fabio bibo prism foaf biolink prov"
    assert set(required.split()) <= set(PREFIXES)
    assert PREFIXES["kg"] == "https://w3id.org/kg/schema#"
    assert PREFIXES["kgr"] == "https://w3id.org/kg/id/"


@given(st.text(min_size=1))
def test_any_id_gives_a_valid_iri_that_maps_back(node_id: str) -> None:
    iri = node_iri(node_id)
    ox.NamedNode(iri)
    back = node_id_from_iri(iri)
    assert back is not None
    assert node_iri(back) == iri
