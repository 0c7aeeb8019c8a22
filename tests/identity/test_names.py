"""The matching key of author identity: spellings that are one name, and names that are not.

Names are real: from the seed listing and tests/data fixtures (Liting Chen, Anping Chen,
Jennifer Jooha Lee, Müller-Lüdenscheidt, van der Berg) and from ORCID-bearing authors of
the shared PubMed files whose spellings differ between papers (Tjønneland, Casanova-Garrigós,
Man-Kit Lei, Shaji K Kumar, Juan Pablo Sánchez).
"""

from __future__ import annotations

import pytest

from kg.identity.names import Agreement, PersonName, agreement, person_name, spellings
from kg.model import Author


def _name(
    last: str, fore: str | None = None, initials: str | None = None, suffix: str | None = None
) -> PersonName:
    name = person_name(Author(last_name=last, fore_name=fore, initials=initials, suffix=suffix))
    assert name is not None
    return name


def _agree(first: tuple[str, ...], second: tuple[str, ...]) -> Agreement:
    return agreement(_name(*first), _name(*second))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Müller", "Jürgen"), ("Mueller", "Juergen")),  # German transliteration
        (("Müller", "Jürgen"), ("Muller", "Jurgen")),  # diacritics dropped
        (("Müller-Lüdenscheidt", "Anna"), ("Mueller Luedenscheidt", "Anna")),
        (("Tjønneland", "Anne"), ("Tjonneland", "Anne")),  # ø has no Unicode decomposition
        (("Casanova-Garrigós", "Georgina"), ("Casanova-Garrigos", "Georgina")),
        (("Martin", "Jean-Pierre"), ("Martin", "Jean Pierre")),  # hyphen or space
        (("Martin", "Jean-Pierre"), ("Martin", "Jeanpierre")),  # or run together
        (("Lei", "Man-Kit"), ("Lei", "Man Kit")),
        (("van der Berg", "Karin"), ("Van Der Berg", "Karin")),  # particles kept, case folded
        (("Berg", "Karin van der"), ("van der Berg", "Karin")),  # particles left in forenames
        (("O'Neil", "Patrick"), ("ONeil", "Patrick")),
        (("Kumar", "Shaji"), ("Kumar", "Shaji K")),  # a middle initial more
        (("Wöhrmann", "Anne M"), ("Wöhrmann", "Anne Marit")),  # initial of the second name
    ],
)
def test_spellings_of_one_name_agree_on_the_full_forename(
    first: tuple[str, ...], second: tuple[str, ...]
) -> None:
    assert _agree(first, second) is Agreement.FULL
    assert _name(*first).block == _name(*second).block


def test_initials_agree_with_a_spelled_out_forename_but_weaker() -> None:
    assert _agree(("Chen", None, "L"), ("Chen", "Liting")) is Agreement.INITIALS
    assert _agree(("Takahashi", "H"), ("Takahashi", "Hidekazu")) is Agreement.INITIALS
    assert _agree(("Lee", "JJ"), ("Lee", "Jennifer Jooha")) is Agreement.INITIALS
    # Two initials-only names agree only as letters: never enough on their own.
    assert _agree(("Chen", None, "L"), ("Chen", None, "L")) is Agreement.LETTERS
    assert _agree(("Hamzavi", "I"), ("Hamzavi", "I H")) is Agreement.LETTERS


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Chen", "Li"), ("Chen", "Lei")),  # the example: never one person
        (("Chen", "Liting"), ("Chen", "Anping")),
        (("Ma", "Jing-Xin"), ("Ma", "Jing")),  # a compound forename is not its first half
        (("Chen", None, "L"), ("Chen", "Anping")),  # initials that do not fit
        (("Xu", "Alan"), ("Xue", "Alan")),  # ue is not u outside the letters that mean it
        (("Berg", "Karin"), ("van der Berg", "Karin")),  # a particle is part of the name
        (("Smith", "John", None, "Jr"), ("Smith", "John", None, "Sr")),  # father and son
    ],
)
def test_different_people_conflict(first: tuple[str, ...], second: tuple[str, ...]) -> None:
    assert _agree(first, second) is Agreement.CONFLICT


def test_xu_and_xue_share_a_block_but_are_told_apart() -> None:
    # Blocks squash the digraph so Müller/Mueller meet; the comparison still separates Xu/Xue.
    assert _name("Xu", "Alan").block == _name("Xue", "Alan").block == "xu|a"
    assert spellings("Xue") == frozenset({"xue"})
    assert spellings("Müller") == frozenset({"muller", "mueller"})


def test_a_name_without_forenames_tells_nothing() -> None:
    assert _agree(("Chen",), ("Chen", "Liting")) is Agreement.UNKNOWN
    assert _name("Chen").block is None


def test_groups_and_nameless_entries_have_no_person_name() -> None:
    assert person_name(Author(collective_name="Scleroderma Cell Therapy Group")) is None
    assert person_name(Author(fore_name="Liting")) is None


def test_split_and_order_variants_share_a_reordering_key() -> None:
    # Real ORCID-bearing spellings of one person in pubmed21n1298.
    split_one = _name("Pablo Sánchez", "Juan")
    split_two = _name("Sánchez", "Juan Pablo")
    assert split_one.words == split_two.words == ("juan", "pablo", "sanchez")
    swapped = _name("Juan", "Sánchez Pablo")
    assert swapped.reordering_key == split_one.reordering_key
    assert swapped.words != split_one.words
    assert _agree(("Pablo Sánchez", "Juan"), ("Sánchez", "Juan Pablo")) is Agreement.CONFLICT
    assert _name("Chen", None, "L").reordering_key is None  # initials: no words to reorder


def test_keys_for_co_authors() -> None:
    assert _name("Beach", "Steven R H").full_key == "beach|steven r h"
    assert _name("Gómez Ruiz", "M").full_key is None
    assert _name("Gómez Ruiz", "M").initials_key == "gomezruiz|m"
    assert _name("Tou", "S").forename_block == "tou|s|#s"
    assert _name("Müller", "Jürgen").forename_block == _name("Mueller", "Juergen").forename_block
