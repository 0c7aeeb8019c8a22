"""The node budget: shares per group, the best of each group, spare seats to the best rest."""

from __future__ import annotations

from kg.views.reduce import keep_connected, pick, proportional, quotas, typed_edges


def test_quotas_give_every_group_a_seat_then_share_by_size() -> None:
    shares = quotas({"Paper": 90, "Author": 9, "Journal": 1}, 20)
    assert shares["Journal"] == 1 and shares["Author"] >= 1
    assert shares["Paper"] > shares["Author"]
    assert sum(shares.values()) <= 20
    assert quotas({"a": 5, "b": 4, "c": 3}, 2) == {"a": 1, "b": 1, "c": 0}


def test_proportional_shares_leave_small_groups_out() -> None:
    sizes = {"big": 500, **{f"pair{n}": 2 for n in range(250)}}
    shares = proportional(sizes, 100)
    assert shares["big"] == 50
    assert all(shares[f"pair{n}"] == 0 for n in range(250))
    assert proportional({}, 10) == {}


def test_pick_keeps_the_best_of_each_group_and_fills_with_the_best_rest() -> None:
    groups = {"a": ["a1", "a2", "a3", "a4"], "b": ["b1", "b2"], "c": ["c1"]}
    score = {"a1": 9, "a2": 8, "a3": 1, "a4": 0.5, "b1": 5, "b2": 7, "c1": 0.1}
    assert pick(groups, score, 3) == ["a1", "b2", "c1"]
    # without a seat per group, the tiny group loses to better nodes
    assert pick(groups, score, 3, every_group=False) == ["a1", "a2", "b2"]
    assert pick(groups, score, 100) == sorted(score)


def test_typed_edges_reads_one_type_with_weights() -> None:
    adjacency = {
        "x": {"y": {"CO_AUTHORED_WITH": {"weight": 3}, "OTHER": {}}, "z": {"OTHER": {}}},
        "y": {},
    }
    assert typed_edges(adjacency, ["x", "y"], "CO_AUTHORED_WITH") == [("x", "y", 3.0)]


def test_keep_connected_swaps_lonely_nodes_for_linked_ones() -> None:
    links = [("a", "b", 1.0), ("b", "c", 1.0), ("x", "y", 1.0), ("c", "d", 1.0)]
    score = {"a": 9.0, "x": 8.0, "b": 1.0, "y": 0.5, "c": 0.4, "d": 0.1}
    # the best three by score are a, x, b: x has no link to a or b
    assert keep_connected(["a", "b", "x"], links, score, 3) == ["a", "b", "c"]
    # when nothing links in any more, the best of the rest fill the budget
    assert keep_connected(["a", "x"], [("a", "x", 1.0)], {"a": 1.0, "x": 0.5}, 2) == ["a", "x"]
