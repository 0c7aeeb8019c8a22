"""Node positions for the views, computed once in Python so the browser only draws.

Physics in the browser is what made pyvis pages slow (DESIGN.md §9: 2,000 nodes took 165 s
to settle), so every view ships fixed coordinates.  The layout is Fruchterman-Reingold
(nodes repel with k²/d, edges pull with d²/k, a step limit that cools linearly), seeded so
the same graph gives the same page, with two additions:

* weak gravity towards the centre, so the components of a reduced view (and its isolated
  nodes) stay near each other instead of drifting to the rim;
* for more than :data:`EXACT_LIMIT` nodes, repulsion on a grid: node counts per cell are
  convolved with the k²/d force by FFT (numpy only), and nodes that share a cell repel each
  other exactly.  That is O(n + cells·log cells) per step instead of O(n²): 20,000 nodes
  take seconds and little memory, where the exact form would need 3 GB per array.

networkx's ``spring_layout`` was not used: it needs scipy above 500 nodes, which kg does
not depend on, and it is exact (quadratic) at every size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = ["EXACT_LIMIT", "force_layout", "layout"]

FloatArray = npt.NDArray[np.float64]
ComplexArray = npt.NDArray[np.complex128]

EXACT_LIMIT: Final = 400
SEED: Final = 20250101
_GRAVITY: Final = 0.03
_ROWS_PER_BLOCK: Final = 512
_GAP: Final = 2.0  # space between packed components, in units of the ideal edge length


def layout(
    count: int, edges: Sequence[tuple[int, int, float]], *, pinned: int | None = None
) -> FloatArray:
    """Positions in [-1, 1]²: each connected component laid out alone, then packed in rows.

    Laying out the whole graph at once pushes isolated nodes and small components into a
    ring far outside the main component (repulsion against gravity), which wastes most of
    the screen; packing keeps them in a compact block next to it.
    """
    if count == 0:
        return np.zeros((0, 2))
    pieces: list[tuple[npt.NDArray[np.intp], FloatArray]] = []
    for members, local_edges in _components(count, edges):
        size = len(members)
        focus = None
        if pinned is not None and pinned in members:
            focus = int(np.searchsorted(members, pinned))
        if size <= 3:
            angles = np.arange(size) * (2 * math.pi / size)
            local = 0.6 * np.column_stack((np.cos(angles), np.sin(angles))) * (size > 1)
        else:
            local = force_layout(size, local_edges, pinned=focus, normalise=False)
        pieces.append((members, local))
    position = _pack(count, pieces)
    position -= (position.max(axis=0) + position.min(axis=0)) / 2
    extent = float(np.abs(position).max()) or 1.0
    result: FloatArray = position / extent
    return result


def force_layout(
    count: int,
    edges: Sequence[tuple[int, int, float]],
    *,
    pinned: int | None = None,
    iterations: int | None = None,
    seed: int = SEED,
    normalise: bool = True,
) -> FloatArray:
    """Positions for ``count`` nodes joined by (index, index, weight) edges.

    In [-1, 1]² when ``normalise``, else in layout units (ideal edge length 1, centred).

    ``pinned`` stays at the centre (the focus of an ego view).  Heavier edges pull harder,
    by 1 + ln(weight), so frequent collaborators sit close without collapsing.
    """
    if count == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(seed)
    side = math.sqrt(count)  # with k = 1 the nodes fill an area of about ``count``
    position = (rng.random((count, 2)) - 0.5) * side
    if pinned is not None:
        position[pinned] = 0.0
    steps = iterations if iterations is not None else (80 if count <= EXACT_LIMIT else 120)
    sources = np.array([edge[0] for edge in edges if edge[0] != edge[1]], dtype=np.intp)
    targets = np.array([edge[1] for edge in edges if edge[0] != edge[1]], dtype=np.intp)
    pull = 1.0 + np.log(
        np.maximum(np.array([edge[2] for edge in edges if edge[0] != edge[1]]), 1.0)
    )
    repel = _exact_repulsion if count <= EXACT_LIMIT else _grid_repulsion
    temperature = side / 8.0
    cooling = temperature / (steps + 1)
    for _ in range(steps):
        shift = repel(position)
        if len(sources):
            along = position[sources] - position[targets]
            force = along * (np.hypot(along[:, 0], along[:, 1]) * pull)[:, None]
            for axis in (0, 1):
                shift[:, axis] -= np.bincount(sources, force[:, axis], minlength=count)
                shift[:, axis] += np.bincount(targets, force[:, axis], minlength=count)
        shift -= _GRAVITY * position * np.hypot(position[:, 0], position[:, 1])[:, None] / side
        length = np.maximum(np.hypot(shift[:, 0], shift[:, 1]), 1e-9)
        position += shift * (np.minimum(length, temperature) / length)[:, None]
        if pinned is not None:
            position[pinned] = 0.0
        temperature -= cooling
    if pinned is None:
        position -= position.mean(axis=0)
    if not normalise:
        return position
    extent = float(np.abs(position).max()) or 1.0
    result: FloatArray = position / extent
    return result


def _components(
    count: int, edges: Sequence[tuple[int, int, float]]
) -> list[tuple[npt.NDArray[np.intp], list[tuple[int, int, float]]]]:
    """Connected components, largest first: sorted member indices and edges renumbered."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for source, target, _ in edges:
        first, second = root(source), root(target)
        if first != second:
            parent[max(first, second)] = min(first, second)
    groups: dict[int, list[int]] = {}
    for node in range(count):
        groups.setdefault(root(node), []).append(node)
    local_index = {}
    for members in groups.values():
        for position, node in enumerate(members):
            local_index[node] = position
    local_edges: dict[int, list[tuple[int, int, float]]] = {key: [] for key in groups}
    for source, target, weight in edges:
        local_edges[root(source)].append((local_index[source], local_index[target], weight))
    ordered = sorted(groups, key=lambda key: (-len(groups[key]), key))
    return [(np.array(groups[key], dtype=np.intp), local_edges[key]) for key in ordered]


def _pack(count: int, pieces: list[tuple[npt.NDArray[np.intp], FloatArray]]) -> FloatArray:
    """Place the components' boxes in rows (largest first) about as wide as they are tall."""
    boxes = [(local.max(axis=0) - local.min(axis=0)) + _GAP for _, local in pieces]
    area = sum(float(box[0] * box[1]) for box in boxes)
    row_width = max(max(float(box[0]) for box in boxes), math.sqrt(area) * 1.2)
    position = np.zeros((count, 2))
    x = y = row_height = 0.0
    for (members, local), box in zip(pieces, boxes, strict=True):
        if x > 0 and x + box[0] > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        corner = np.array([x, y]) - local.min(axis=0) + _GAP / 2
        position[members] = local + corner
        x += float(box[0])
        row_height = max(row_height, float(box[1]))
    position[:, 1] *= -1  # rows go downwards on screen (sigma's y axis points up)
    return position


def _exact_repulsion(position: FloatArray) -> FloatArray:
    """Sum of k²/d pushes from every other node (k = 1), row block by row block."""
    shift = np.zeros_like(position)
    for start in range(0, len(position), _ROWS_PER_BLOCK):
        block = position[start : start + _ROWS_PER_BLOCK]
        dx = block[:, None, 0] - position[None, :, 0]
        dy = block[:, None, 1] - position[None, :, 1]
        push = 1.0 / np.maximum(dx * dx + dy * dy, 1e-4)
        shift[start : start + len(block), 0] = (dx * push).sum(axis=1)
        shift[start : start + len(block), 1] = (dy * push).sum(axis=1)
    return shift


def _grid_repulsion(position: FloatArray) -> FloatArray:
    """k²/d repulsion through a grid: FFT convolution between cells, exact inside a cell."""
    count = len(position)
    cells = int(min(max(2 * math.sqrt(count), 32), 512))
    low = position.min(axis=0)
    span = max(float((position.max(axis=0) - low).max()), 1e-9) * (1 + 1e-9)
    width = span / cells
    cell = np.minimum(((position - low) / width).astype(np.intp), cells - 1)
    flat = cell[:, 0] * cells + cell[:, 1]
    density = np.bincount(flat, minlength=cells * cells).reshape(cells, cells).astype(float)
    size = 2 * cells  # room for every offset in (-cells, cells) without wrapping around
    spectrum = np.fft.rfft2(density, s=(size, size))
    kernel_x, kernel_y = _unit_kernels(cells)
    # The force between cells o apart is (o·w)/|o·w|² = (1/w)·o/|o|²: one kernel per grid
    # size, scaled by the cell width w of this step.
    field_x = np.fft.irfft2(spectrum * kernel_x, s=(size, size)) / width
    field_y = np.fft.irfft2(spectrum * kernel_y, s=(size, size)) / width
    shift = np.column_stack((field_x[cell[:, 0], cell[:, 1]], field_y[cell[:, 0], cell[:, 1]]))
    shift += _same_cell_repulsion(position, flat)
    return shift


@cache
def _unit_kernels(cells: int) -> tuple[ComplexArray, ComplexArray]:
    """Spectra of the k²/d force (k = 1, unit cells) in x and y over a padded grid."""
    size = 2 * cells
    steps = np.arange(size)
    offsets = np.where(steps < cells, steps, steps - size).astype(float)
    ox, oy = np.meshgrid(offsets, offsets, indexing="ij")
    distance2 = ox * ox + oy * oy
    distance2[0, 0] = np.inf  # a cell does not push itself; its nodes are handled apart
    return np.fft.rfft2(ox / distance2), np.fft.rfft2(oy / distance2)


def _same_cell_repulsion(position: FloatArray, flat: npt.NDArray[np.intp]) -> FloatArray:
    """Exact pushes between nodes that share a grid cell (the grid sees them as one point)."""
    order = np.argsort(flat, kind="stable")
    sorted_cells = flat[order]
    starts = np.searchsorted(sorted_cells, sorted_cells, side="left")
    ends = np.searchsorted(sorted_cells, sorted_cells, side="right")
    lengths = ends - starts
    shift = np.zeros_like(position)
    if int(lengths.max()) < 2:
        return shift
    first = np.repeat(np.arange(len(order)), lengths)
    base = np.repeat(np.cumsum(lengths) - lengths, lengths)
    second = starts[first] + (np.arange(len(first)) - base)
    keep = first != second
    first, second = order[first[keep]], order[second[keep]]
    delta = position[first] - position[second]
    push = 1.0 / np.maximum((delta * delta).sum(axis=1), 1e-4)
    for axis in (0, 1):
        shift[:, axis] = np.bincount(first, delta[:, axis] * push, minlength=len(position))
    return shift
