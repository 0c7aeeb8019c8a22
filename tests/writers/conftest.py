"""Fixtures of the writer tests; the sample graph itself is built in ``sample_graph.py``."""

from __future__ import annotations

import pytest
from writers.sample_graph import build_sample_graph

from kg.graph.contract import KnowledgeGraph


@pytest.fixture
def sample_graph() -> KnowledgeGraph:
    """A fresh copy per test, so a test may modify it."""
    return build_sample_graph()
