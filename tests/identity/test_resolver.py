"""Author identity across papers: who is merged, who never is, and why.

Names and affiliations are real: the seed listing (Liting and Anping Chen, Rongshan Huang,
Qinzhou First People's Hospital, Minda Hospital), tests/data fixtures, and ORCID-bearing
authors of pubmed21n1298 (Tou S, Gómez Ruiz M, Takahashi H/Hidekazu, Stefan Knapp, Lorenzo
Tarsitani) whose spellings or papers differ.  A last test measures the resolver against
ORCID on the shared PubMed file when it is present.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from support import DATA, ROOT

from kg.graph.bibliographic import build_bibliographic_graph
from kg.graph.papers import PaperIndex
from kg.identity.resolver import Byline, Person, Resolution, resolve_authors
from kg.ingest import Ingest
from kg.model import Author, Deletion, Record, Source

QINZHOU = (
    "Department of Rheumatology and Immunology, Qinzhou First People's Hospital, "
    "Qinzhou, Guangxi, China"
)
MINDA = "Minda Hospital of Hubei Minzu University, Enshi, China"
DERBY = (
    "Department of Colorectal Surgery, Royal Derby Hospital, University Hospitals of Derby and "
    "Burton NHS Foundation Trust, Derby, UK."
)
VALDECILLA = (
    "Cirugía Colorrectal - Cirugía General y del Aparato Digestivo, Hospital Universitario "
    "Marqués de Valdecilla, Santander, Spain."
)
OSAKA_1 = (
    "Department of Gastroenterological Surgery, Graduate School of Medicine, Osaka University, "
    "Osaka, Japan."
)
OSAKA_2 = (
    "Department of Gastroenterological Surgery Osaka University Graduate School of Medicine "
    "Suita City Japan."
)
GOETHE = "Institute for Pharmaceutical Chemistry, Goethe University Frankfurt, Frankfurt, Germany."
SAPIENZA = (
    "Department of Human Neurosciences, Policlinico Umberto I, Sapienza University of Rome, "
    "Rome, Italy."
)


def person(
    last: str,
    fore: str | None = None,
    *affiliations: str,
    initials: str | None = None,
    orcid: str | None = None,
    email: str | None = None,
) -> Author:
    return Author(
        last_name=last,
        fore_name=fore,
        initials=initials,
        affiliations=affiliations,
        orcid=orcid,
        email=email,
    )


def resolve(*bylines: tuple[str, list[Author]], **options: object) -> Resolution:
    return resolve_authors([Byline(paper, tuple(authors)) for paper, authors in bylines], **options)  # type: ignore[arg-type]


def who(resolution: Resolution, byline: int, position: int) -> Person:
    found = resolution.people_of(byline)[position]
    assert found is not None
    return found


def test_one_orcid_is_one_person_whatever_the_names_say() -> None:
    orcid = "0000-0003-4311-5388"  # written both ways in pubmed21n1298
    resolution = resolve(
        ("pmid:33492485", [person("Ahmed", "Karim Bushra", orcid=orcid)]),
        ("pmid:34019144", [person("Karim", "Bushra Ahmed", orcid=orcid)]),
    )
    first, second = who(resolution, 0, 0), who(resolution, 1, 0)
    assert first is second
    assert first.id == f"orcid:{orcid}" and first.orcid == orcid
    assert first.merged_by == ("orcid",) and first.mentions == 2
    hidden = resolve(
        ("pmid:33492485", [person("Ahmed", "Karim Bushra", orcid=orcid)]),
        ("pmid:34019144", [person("Karim", "Bushra Ahmed", orcid=orcid)]),
        use_orcid=False,
    )
    assert who(hidden, 0, 0) is not who(hidden, 1, 0)
    assert who(hidden, 0, 0).orcid is None


def test_two_orcids_are_two_people_whatever_else_agrees() -> None:
    resolution = resolve(
        ("pmid:26702435", [person("Knapp", "Stefan", GOETHE, orcid="0000-0002-0604-9185")]),
        ("pmid:34088839", [person("Knapp", "Stefan", GOETHE, orcid="0000-0001-5995-6494")]),
        ("pmid:1", [person("Knapp", "Stefan", GOETHE)]),
    )
    ids = {who(resolution, number, 0).id for number in range(3)}
    assert ids == {"orcid:0000-0002-0604-9185", "orcid:0000-0001-5995-6494"}


def test_the_same_name_is_one_person_only_with_evidence() -> None:
    apart = resolve(
        ("pmid:39882532", [person("Chen", "Liting", QINZHOU)]),
        ("pmid:2", [person("Chen", "Liting", MINDA)]),
    )
    first, second = who(apart, 0, 0), who(apart, 1, 0)
    assert first is not second
    # Two people with one name: both ids carry a hash of where each first appears.
    assert first.id.startswith("author:chen-liting-") and second.id.startswith(
        "author:chen-liting-"
    )
    assert first.id != second.id
    together = resolve(
        ("pmid:39882532", [person("Chen", "Liting", QINZHOU)]),
        ("pmid:2", [person("Chen", "Liting", QINZHOU)]),
    )
    one = who(together, 0, 0)
    assert one is who(together, 1, 0)
    assert one.id == "author:chen-liting"
    assert "same-name+institution" in one.merged_by


def test_chen_li_and_chen_lei_are_never_merged() -> None:
    coauthor = person("Huang", "Rongshan", QINZHOU)
    resolution = resolve(
        ("pmid:1", [person("Chen", "Li", QINZHOU, email="chen@qz.cn"), coauthor]),
        ("pmid:2", [person("Chen", "Lei", QINZHOU, email="chen@qz.cn"), coauthor]),
    )
    assert who(resolution, 0, 0) is not who(resolution, 1, 0)
    assert who(resolution, 0, 1) is who(resolution, 1, 1)  # the co-author is one person


def test_initials_with_evidence_for_two_different_people_stay_apart() -> None:
    # Chen L shares the hospital with Chen Li and with Chen Lei: joining either is a guess,
    # and joining both would make Li and Lei one person.
    resolution = resolve(
        ("pmid:1", [person("Chen", None, QINZHOU, initials="L")]),
        ("pmid:2", [person("Chen", "Li", QINZHOU)]),
        ("pmid:3", [person("Chen", "Lei", QINZHOU)]),
    )
    people = {who(resolution, number, 0).id for number in range(3)}
    assert len(people) == 3


def test_a_chain_never_joins_two_orcids() -> None:
    resolution = resolve(
        ("pmid:1", [person("Chen", "Anping", MINDA, orcid="0000-0002-1825-0097")]),
        ("pmid:2", [person("Chen", "Anping", MINDA, QINZHOU)]),
        ("pmid:3", [person("Chen", "Anping", QINZHOU, orcid="0000-0001-5109-3700")]),
    )
    first, middle, last = (who(resolution, number, 0) for number in range(3))
    assert first is not last
    assert middle in (first, last)  # joins one of them, never both


def test_a_short_form_joins_its_full_form_within_a_record() -> None:
    # The citation-line name a reader could not pair, and the affiliation-block name it
    # appended at the end of the byline (see kg.readers.citation_listing).
    resolution = resolve(
        (
            "pmid:39882532",
            [
                person("Chen", "Liting", QINZHOU),
                person("Huang", None, initials="R"),
                person("Huang", "Rongshan", QINZHOU),
            ],
        )
    )
    short, full = who(resolution, 0, 1), who(resolution, 0, 2)
    assert short is full
    assert full.merged_by == ("short-form-in-record",)
    assert full.name.fore_name == "Rongshan" and full.id == "author:huang-rongshan"


def test_a_short_form_fitting_two_full_forms_of_its_record_stays_alone() -> None:
    resolution = resolve(
        (
            "pmid:39882532",
            [
                person("Chen", None, initials="L"),
                person("Chen", "Liting", QINZHOU),
                person("Chen", "Lvyin", QINZHOU),
            ],
        )
    )
    assert len({who(resolution, 0, position).id for position in range(3)}) == 3


def test_two_positions_of_one_byline_are_two_people() -> None:
    resolution = resolve(
        ("pmid:1", [person("Li", "Ying", QINZHOU), person("Li", "Ying", QINZHOU)]),
        ("pmid:2", [person("Li", "Ying", QINZHOU)]),
    )
    first, second, later = who(resolution, 0, 0), who(resolution, 0, 1), who(resolution, 1, 0)
    assert first is not second
    assert later in (first, second)


def test_initials_only_names_need_a_place_and_a_coauthor() -> None:
    place_only = resolve(
        ("pmid:32663361", [person("Tou", "S", DERBY)]),
        ("pmid:32790087", [person("Tou", "S", DERBY)]),
    )
    assert who(place_only, 0, 0) is not who(place_only, 1, 0)
    both = resolve(
        ("pmid:32663361", [person("Tou", "S", DERBY), person("Gómez Ruiz", "M", VALDECILLA)]),
        ("pmid:32790087", [person("Gómez Ruiz", "M", VALDECILLA), person("Tou", "S", DERBY)]),
    )
    tou = who(both, 0, 0)
    assert tou is who(both, 1, 1)
    assert "same-initials+coauthor" in tou.merged_by
    assert who(both, 0, 1) is who(both, 1, 0)  # and Gómez Ruiz, by Tou


def test_initials_join_a_spelled_out_forename_with_evidence() -> None:
    resolution = resolve(
        ("pmid:33245594", [person("Takahashi", "H", OSAKA_1)]),
        ("pmid:34095725", [person("Takahashi", "Hidekazu", OSAKA_2)]),
    )
    joined = who(resolution, 0, 0)
    assert joined is who(resolution, 1, 0)
    assert joined.id == "author:takahashi-hidekazu"
    assert joined.name.display_name == "Hidekazu Takahashi"
    assert any(reason.startswith("initials+") for reason in joined.merged_by)


def test_transliterated_names_meet_through_a_coauthor() -> None:
    okafor = person("Okafor", "Chinedu N")
    resolution = resolve(
        ("pmid:90000002", [okafor, person("Müller-Lüdenscheidt", "Anna")]),
        ("pmid:3", [person("Mueller-Luedenscheidt", "Anna"), okafor]),
    )
    anna = who(resolution, 0, 1)
    assert anna is who(resolution, 1, 0)
    assert anna.merged_by == ("same-name+coauthor",)
    assert anna.name.last_name == "Müller-Lüdenscheidt"  # the spelling with its accents


def test_a_coauthor_resolved_in_one_round_is_evidence_in_the_next() -> None:
    # Beach is written two ways, so his name is no evidence for Hart at first; once the
    # shared university makes him one person, he is the co-author Hart's papers share.
    resolution = resolve(
        (
            "pmid:32437199",
            [
                person("Hart", "Ariel R"),
                person("Beach", "Steven R H", "University of Georgia, USA."),
            ],
        ),
        (
            "pmid:33705179",
            [person("Hart", "Ariel R"), person("Beach", "Steven", "University of Georgia, USA.")],
        ),
    )
    assert who(resolution, 0, 1) is who(resolution, 1, 1)
    hart = who(resolution, 0, 0)
    assert hart is who(resolution, 1, 0)
    assert hart.merged_by == ("same-name+coauthor",)


def test_names_in_another_order_need_two_kinds_of_evidence() -> None:
    mail = "lorenzo.tarsitani@uniroma1.it"
    one_kind = resolve(
        ("pmid:33782888", [person("Tarsitani", "Lorenzo", SAPIENZA, email=mail)]),
        ("pmid:34091875", [person("Lorenzo", "Tarsitani", email=mail)]),
    )
    assert who(one_kind, 0, 0) is not who(one_kind, 1, 0)
    colleague = person("Biondi", "Massimo")
    two_kinds = resolve(
        ("pmid:33782888", [person("Tarsitani", "Lorenzo", SAPIENZA, email=mail), colleague]),
        ("pmid:34091875", [person("Lorenzo", "Tarsitani", email=mail), colleague]),
    )
    swapped = who(two_kinds, 0, 0)
    assert swapped is who(two_kinds, 1, 0)
    assert {"reordered-name+email", "reordered-name+coauthor"} <= set(swapped.merged_by)
    resplit = resolve(
        ("pmid:33104266", [person("Pablo Sánchez", "Juan", SAPIENZA)]),
        ("pmid:33682252", [person("Sánchez", "Juan Pablo", SAPIENZA)]),
    )
    assert who(resplit, 0, 0) is who(resplit, 1, 0)  # the same words, split elsewhere


def test_consortium_bylines_give_no_coauthor_evidence() -> None:
    coauthors = [person("Huang", "Rongshan"), person("Nong", "Guiming")]
    bylines = (
        ("pmid:1", [person("Chen", "Liting"), *coauthors]),
        ("pmid:2", [person("Chen", "Liting"), *coauthors]),
    )
    uncapped = resolve(*bylines)
    assert who(uncapped, 0, 0) is who(uncapped, 1, 0)
    capped = resolve(*bylines, max_coauthors=2)
    assert who(capped, 0, 0) is not who(capped, 1, 0)


def test_people_do_not_depend_on_the_order_of_the_input() -> None:
    bylines = [
        ("pmid:39882532", [person("Chen", "Liting", QINZHOU), person("Chen", "Anping", QINZHOU)]),
        ("pmid:37892183", [person("Chen", "Anping", MINDA, QINZHOU), person("Chen", "L", MINDA)]),
        ("pmid:3", [person("Chen", "Liting", MINDA), person("Chen", "Anping", MINDA)]),
        ("pmid:4", [person("Chen", "Liting"), person("Chen", "Li", QINZHOU)]),
        ("pmid:5", [person("Chen", "Lei", QINZHOU), person("Chen", None, initials="L")]),
    ]

    def assignment(order: list[tuple[str, list[Author]]]) -> dict[tuple[str, int], str]:
        resolution = resolve(*order)
        return {
            (paper, position): who(resolution, number, position).id
            for number, (paper, authors) in enumerate(order)
            for position in range(len(authors))
        }

    expected = assignment(bylines)
    shuffled = list(bylines)
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert assignment(shuffled) == expected


# -- in the graph --------------------------------------------------------------------------


def _record(pmid: str, *authors: Author) -> Record:
    return Record(source=Source("test", "pubmed-xml", int(pmid)), pmid=pmid, authors=authors)


def test_author_nodes_say_why_and_how_often_they_were_merged() -> None:
    index = PaperIndex()
    index.add(
        _record(
            "1",
            person("Chen", "Liting", QINZHOU),
            person("Huang", None, initials="R"),
            person("Huang", "Rongshan"),
        )
    )
    index.add(_record("2", person("Chen", "Liting", QINZHOU)))
    graph = build_bibliographic_graph(index).graph
    liting = graph.nodes["author:chen-liting"]
    assert liting["mention_count"] == 2 and liting["paper_count"] == 2
    assert "same-name+institution" in liting["merged_by"]
    huang = graph.nodes["author:huang-rongshan"]
    assert huang["merged_by"] == ["short-form-in-record"] and huang["mention_count"] == 2
    edges = graph.get_edge_data("author:huang-rongshan", "pmid:1")
    assert list(edges) == ["AUTHORED"] and edges["AUTHORED"]["position"] == 2


def _graph_of(*paths: Path):  # type: ignore[no-untyped-def]
    index = PaperIndex()
    for item in Ingest([str(path) for path in paths]).items():
        if not isinstance(item, Deletion):
            index.add(item)
    return build_bibliographic_graph(index).graph


def test_the_seed_listing_anping_chen_is_one_person_at_two_hospitals() -> None:
    graph = _graph_of(DATA / "seeds")
    authors = {node: data for node, data in graph.nodes(data=True) if data["label"] == "Author"}
    anping = [node for node, data in authors.items() if data["name"] == "Anping Chen"]
    assert anping == ["author:chen-anping"]
    places = {
        v for _, v, k in graph.out_edges("author:chen-anping", keys=True) if k == "AFFILIATED_WITH"
    }
    assert len(places) == 2
    assert "author:chen-liting" in authors
    assert all(data["mention_count"] >= 1 for data in authors.values())


def test_initials_only_csv_authors_with_only_coauthors_in_common_stay_apart() -> None:
    # The PubMed CSV export names people by initials only: Lizardo O, Wang C and Hachen DS
    # write two papers together, but no place is stated, so nothing but initials and
    # co-authors (themselves initials) says they are the same people.
    graph = _graph_of(DATA / "pubmed_csv" / "colrev_pubmed_export_fitbit.csv")
    lizardo = [node for node, data in graph.nodes(data=True) if data.get("last_name") == "Lizardo"]
    assert len(lizardo) == 2


# -- measured against ORCID on the shared PubMed file, when present -------------------------

SHARED = ROOT.parent / "shared" / "data" / "pubmed" / "xml" / "pubmed21n1298.shared.xml.gz"


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.exists(), reason="shared/data/pubmed is not present")
def test_precision_and_f1_against_orcid_on_pubmed21n1298() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from author_identity import key_matcher, pair_scores, read_bylines

    bylines = read_bylines(SHARED)
    gold = key_matcher(bylines, lambda author: author.orcid or "")
    resolution = resolve_authors(bylines, use_orcid=False)
    predicted = {
        (number, position): found.id
        for number in range(len(bylines))
        for position, found in enumerate(resolution.people_of(number))
        if (number, position) in gold and found is not None
    }
    precision, _, f1, _, _ = pair_scores(gold, predicted)
    assert precision >= 0.99
    assert f1 >= 0.97
