"""Pausing Python's cyclic garbage collector while the networks are made and measured.

A build's graph is millions of long-lived objects, and reading the networks from it (or
from graph.json) makes a million more -- lists of papers, tuples of links.  Each time enough
new objects pile up, the collector walks the old generation too, i.e. the whole graph, to
find cycles that these objects cannot form (strings, numbers and lists of them).  On
pubmed21n1298 that cost more than the analysis itself (measured: 6.3 s of CPU for the
write-back with the collector, 5.2 s without, and up to 9 s of wall clock on a busy
machine).  Reference counting still frees everything as usual; the collector runs again,
with its previous setting, when the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block; restore its previous state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
