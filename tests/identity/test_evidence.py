"""What a mention says besides its name, read from real affiliation strings.

The strings are ORCID-bearing authors' affiliations from pubmed21n1298 (one person, two
papers, written differently) and the seed listing's hospitals.
"""

from __future__ import annotations

from kg.identity.evidence import EvidenceReader, words_agree
from kg.model import Author

QINZHOU = (
    "Department of Rheumatology and Immunology, Qinzhou First People's Hospital, "
    "Qinzhou, Guangxi, China"
)
MINDA = "Minda Hospital of Hubei Minzu University, Enshi, China"
SESSLER_1 = (
    "Department of Chemistry, The University of Texas at Austin 105 East 24th Street, Stop "
    "A5300 Austin Texas 78712 USA zpage@cm.utexas.edu sessler@cm.utexas.edu."
)
SESSLER_2 = (
    "Department of Chemistry, The University of Texas at Austin Austin Texas 78712-1224 USA "
    "sessler@cm.utexas.edu."
)
FRISCIC_1 = (
    "Department of Chemistry, McGill University 801 Sherbrooke St. West Montreal QC H3A 0B8 "
    "Canada tomislav.friscic@mcgill.ca."
)
FRISCIC_2 = (
    "Department of Chemistry, McGill University 801 Sherbrooke St. W. H3A 0B8 Montreal Canada "
    "luzia.germann@mail.mcgill.ca tomislav.friscic@mcgill.ca."
)
OKAZAWA_1 = (
    "Department of Basic Science, Graduate School of Arts and Sciences, The University of "
    "Tokyo 3-8-1 Komaba Meguro-ku Tokyo 153-8902 Japan."
)
OKAZAWA_2 = (
    "Division of Chemistry, Institute of Liberal Education, Nihon University School of "
    "Medicine Itabashi Tokyo 173-8610 Japan."
)


def test_every_address_in_an_affiliation_counts() -> None:
    reader = EvidenceReader()
    first = reader.emails(Author(last_name="Sessler", affiliations=(SESSLER_1,)))
    second = reader.emails(Author(last_name="Sessler", affiliations=(SESSLER_2,)))
    assert first == {"zpage@cm.utexas.edu", "sessler@cm.utexas.edu"}
    assert first & second == {"sessler@cm.utexas.edu"}
    assert reader.emails(Author(last_name="Chen", email="A.Chen@Example.org")) == {
        "a.chen@example.org"
    }


def test_institutions_come_from_the_shared_institution_lookup() -> None:
    reader = EvidenceReader()
    qinzhou = reader.institutions([QINZHOU])
    both = reader.institutions([QINZHOU, MINDA])
    assert len(qinzhou) == 1
    assert len(both) == 2 and qinzhou < both
    seen: list[str] = []
    counting = EvidenceReader(lambda text: seen.append(text) or ["inst:x"])
    counting.institutions([QINZHOU, QINZHOU])
    counting.institutions([QINZHOU])
    assert seen == [QINZHOU]  # each string is looked up once per run


def test_affiliation_words_drop_what_every_affiliation_says() -> None:
    words = EvidenceReader().affiliation_words([FRISCIC_1])
    assert {"mcgill", "sherbrooke", "montreal", "chemistry"} <= words
    assert not words & {"department", "university", "canada"}  # kind of place, country
    assert not any("@" in word or "friscic" in word for word in words)  # e-mail removed


def test_one_lab_written_two_ways_agrees_and_two_places_do_not() -> None:
    reader = EvidenceReader()

    def agree(first: str, second: str) -> bool:
        return words_agree(reader.affiliation_words([first]), reader.affiliation_words([second]))

    assert agree(FRISCIC_1, FRISCIC_2)
    assert agree(SESSLER_1, SESSLER_2)
    assert not agree(OKAZAWA_1, OKAZAWA_2)  # one person who moved: words cannot tell
    assert not agree(QINZHOU, MINDA)
    assert not words_agree(frozenset(), frozenset({"mcgill"}))
