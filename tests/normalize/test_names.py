from kg.model import Author
from kg.normalize.names import (
    initials_of,
    link_short_to_full,
    parse_inverted_name,
    parse_short_name,
    split_full_name,
)


def test_initials() -> None:
    assert initials_of("Bong-Woo") == "BW"
    assert initials_of("Jennifer Jooha") == "JJ"
    assert initials_of("JH") == "JH"


def test_full_and_short_forms() -> None:
    assert split_full_name("Jan van der Berg") == Author(
        last_name="van der Berg", fore_name="Jan", initials="J"
    )
    assert parse_short_name("Gil-Kulik P") == Author(last_name="Gil-Kulik", initials="P")
    assert parse_short_name("Lee BW") == Author(last_name="Lee", initials="BW")
    assert parse_inverted_name("Lee, Bong-Woo") == Author(
        last_name="Lee", fore_name="Bong-Woo", initials="BW"
    )
    assert parse_inverted_name("COVID Study Group").collective_name == "COVID Study Group"


def test_short_names_link_to_full_names_of_the_same_people() -> None:
    short = [parse_short_name("Chen L"), parse_short_name("Lee BW")]
    full = [split_full_name("Liting Chen"), split_full_name("Bong-Woo Lee")]
    linked = link_short_to_full(short, full)
    assert linked is not None
    assert [(a.last_name, a.fore_name, a.initials) for a in linked] == [
        ("Chen", "Liting", "L"),
        ("Lee", "Bong-Woo", "BW"),
    ]


def test_different_people_are_not_linked() -> None:
    assert link_short_to_full([parse_short_name("Chen L")], [split_full_name("Wei Chen")]) is None
    assert (
        link_short_to_full([parse_short_name("Chen L")], [split_full_name("Liting Wang")]) is None
    )
    assert link_short_to_full([parse_short_name("Chen L")], []) is None
