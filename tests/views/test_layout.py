"""Layout: deterministic, inside the unit square, components packed, large graphs on a grid."""

from __future__ import annotations

import time

import numpy as np

from kg.views.layout import EXACT_LIMIT, force_layout, layout


def _cliques(count: int, size: int) -> list[tuple[int, int, float]]:
    """``count`` disjoint cliques of ``size`` nodes, joined in a chain by one edge each."""
    edges = []
    for clique in range(count):
        members = range(clique * size, (clique + 1) * size)
        edges += [(a, b, 1.0) for a in members for b in members if a < b]
        if clique:
            edges.append((clique * size - 1, clique * size, 1.0))
    return edges


def test_positions_fill_the_unit_square_and_repeat() -> None:
    edges = _cliques(10, 6)
    first = layout(60, edges)
    assert first.shape == (60, 2)
    assert np.abs(first).max() == 1.0
    assert np.array_equal(first, layout(60, edges))


def test_linked_nodes_sit_closer_than_unlinked_ones() -> None:
    edges = _cliques(8, 8)
    position = layout(64, [edge for edge in edges if edge[2] == 1.0])
    inside = [np.hypot(*(position[a] - position[b])) for a, b, _ in edges]
    apart = [
        np.hypot(*(position[a] - position[b]))
        for a in range(0, 64, 8)
        for b in range(0, 64, 8)
        if abs(a - b) > 16
    ]
    assert np.median(inside) < np.median(apart) / 3


def test_isolated_nodes_are_packed_beside_the_graph_not_flung_to_a_ring() -> None:
    """Whole-graph force layouts push isolated nodes far out; packing keeps them close."""
    edges = _cliques(20, 10)  # one component of 200 nodes
    position = layout(400, edges)  # and 200 isolated nodes
    main = position[:200]
    spread = main.max(axis=0) - main.min(axis=0)
    assert spread.min() > 0.5  # the connected part still fills much of the square
    loners = position[200:]
    assert len({(round(x, 6), round(y, 6)) for x, y in loners}) == 200


def test_pinned_node_stays_at_its_component_centre() -> None:
    edges = [(0, number, 1.0) for number in range(1, 30)]
    raw = force_layout(30, edges, pinned=0, normalise=False)
    assert np.allclose(raw[0], 0.0)
    distances = np.hypot(raw[1:, 0], raw[1:, 1])
    assert distances.min() > 0.2  # the others are spread around it


def test_large_graphs_use_the_grid_and_stay_fast() -> None:
    rng = np.random.default_rng(3)
    count = EXACT_LIMIT * 5
    edges = [(int(a), int(b), 1.0) for a, b in rng.integers(0, count, (count, 2)) if a != b]
    started = time.perf_counter()
    position = force_layout(count, edges)
    assert time.perf_counter() - started < 30  # the exact form needs ~25x the work
    assert len({(round(x, 5), round(y, 5)) for x, y in position}) > count * 0.99
    assert np.isfinite(position).all()


def test_empty_and_tiny_graphs() -> None:
    assert layout(0, []).shape == (0, 2)
    single = layout(1, [])
    assert np.isfinite(single).all()
    pair = layout(2, [(0, 1, 1.0)])
    assert not np.allclose(pair[0], pair[1])
