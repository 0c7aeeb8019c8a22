"""kg.writers: the lazy format registry."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kg.errors import ConfigError
from kg.writers import WRITERS, get_writer
from kg.writers.graphml import write_graphml
from kg.writers.html import write_overview
from kg.writers.nodelink import write_node_link
from kg.writers.rdf import write_turtle


def test_format_names_map_to_writers() -> None:
    assert get_writer("json") is write_node_link
    assert get_writer("turtle") is write_turtle
    assert get_writer("graphml") is write_graphml
    assert get_writer("html") is write_overview
    assert {spec.filename for spec in WRITERS.values()} == {
        "graph.json",
        "graph.ttl",
        "graph.graphml",
        "overview.html",
    }


def test_unknown_format_is_a_usage_error_naming_the_choices() -> None:
    with pytest.raises(ConfigError, match="graphml, html, json, turtle") as caught:
        get_writer("gexf")
    assert caught.value.exit_code == 2


def test_importing_the_registry_imports_no_writer() -> None:
    code = (
        "import sys, kg.writers; "
        "print([m for m in ('pyoxigraph', 'pyvis', 'kg.writers.rdf') if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
