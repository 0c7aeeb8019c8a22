"""The institutions of the seed listing (shared/seeds) come out as a reader of it sees them.

Issue 4, point 4: each named institution is one node, grounded to ROR where the shipped ROR
index holds it, and the collaborations the bylines state are edges.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import SEEDS

from kg.build import BuildOptions, run_build


class Institutions:
    def __init__(self, document: dict[str, Any]) -> None:
        self.nodes = {node["id"]: node for node in document["nodes"]}
        self.edges: list[dict[str, Any]] = document["edges"]

    def named(self, text: str) -> str:
        """The one Institution whose name or a spelling seen in an affiliation is ``text``."""
        found = [
            node_id
            for node_id, node in self.nodes.items()
            if node["label"] == "Institution"
            and text.casefold()
            in {spelling.casefold() for spelling in [node["name"], *node.get("aliases", [])]}
        ]
        assert len(found) == 1, f"{text!r}: expected one Institution, found {found}"
        return found[0]

    def author(self, name: str) -> str:
        found = [
            node_id
            for node_id, node in self.nodes.items()
            if node["label"] == "Author" and node.get("name") == name
        ]
        assert len(found) == 1, f"{name!r}: expected one Author, found {found}"
        return found[0]

    def affiliations_of(self, author: str) -> set[str]:
        return {
            edge["target"]
            for edge in self.edges
            if edge["type"] == "AFFILIATED_WITH" and edge["source"] == author
        }

    def collaborate(self, first: str, second: str) -> bool:
        return any(
            edge["type"] == "COLLABORATES_WITH"
            and {edge["source"], edge["target"]} == {first, second}
            for edge in self.edges
        )


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Institutions:
    out: Path = tmp_path_factory.mktemp("seed-institutions")
    run_build(BuildOptions(inputs=(str(SEEDS),), out=out, annotate=False))
    return Institutions(json.loads((out / "graph.json").read_text(encoding="utf-8")))


def test_anping_chen_works_at_two_institutions_which_therefore_collaborate(
    seeds: Institutions,
) -> None:
    qinzhou = seeds.named("Qinzhou First People's Hospital")
    minda = seeds.named("Minda Hospital of Hubei Minzu University")
    assert seeds.affiliations_of(seeds.author("Anping Chen")) == {qinzhou, minda}
    assert seeds.collaborate(qinzhou, minda)
    assert seeds.nodes[qinzhou]["departments"] == ["Department of Rheumatology and Immunology"]
    assert seeds.nodes[qinzhou]["city"] == "Qinzhou"
    assert seeds.nodes[minda]["country_code"] == "CN"


def test_seoul_st_marys_is_one_institution_with_two_departments(seeds: Institutions) -> None:
    hospital = seeds.named("Seoul St. Mary’s Hospital")
    node = seeds.nodes[hospital]
    assert hospital == "ror:056cn0e37"  # ROR holds the hospital, under the university's name
    assert node["country_code"] == "KR"
    assert sorted(node["departments"]) == [
        "Department of Radiology",
        "Division of Rheumatology, Department of Internal Medicine",
    ]
    institutions = [n for n in seeds.nodes.values() if n["label"] == "Institution"]
    assert not [n for n in institutions if "Catholic" in n["name"] and n["id"] != hospital]


def test_singapore_institute_company_and_university_collaborate(seeds: Institutions) -> None:
    imcb = seeds.named("Institute of Molecular and Cell Biology (IMCB)")
    company = seeds.named("Paracrine Therapeutics Pte. Ltd.")
    nus = seeds.named("National University Singapore (NUS)")
    assert imcb == "ror:04xpsrn94"
    assert nus == "ror:01tgyzw49"
    assert seeds.nodes[nus]["name"] == "National University of Singapore"
    assert company.startswith("inst:") and seeds.nodes[company]["country_code"] == "SG"
    for first, second in ((imcb, company), (imcb, nus), (company, nus)):
        assert seeds.collaborate(first, second)
    # The initials "(B.Z.); (R.C.L.)" after the address are not part of any name or place.
    assert "(B.Z.)" not in json.dumps(seeds.nodes[imcb])


def test_toronto_hospital_and_fertility_centre_collaborate(seeds: Institutions) -> None:
    hospital = seeds.named("St. Michael’s Hospital")
    assert hospital == "ror:04skqfp25"
    assert seeds.nodes[hospital]["parent"] == "Unity Health Toronto"
    assert seeds.nodes[hospital]["departments"] == [
        "The Keenan Research Centre for Biomedical Science"
    ]
    centre = seeds.named("CReATe Fertilty Center")  # sic: the source's spelling
    assert seeds.nodes[centre]["city"] == "Toronto"
    assert seeds.nodes[centre]["country_code"] == "CA"
    assert seeds.collaborate(hospital, centre)
