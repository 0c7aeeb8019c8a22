"""A real build of tests/data/analysis (nine PubMed records of 2019-2021) for the analysis tests.

The records form a network that can be checked by hand (tests/data/analysis/README.md):
a UCL tobacco group of 7 authors, a linguistics group of 5 across Oxford, Bern and
Tübingen, a Strasbourg trio and one author on his own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from support import DATA

from kg.analysis.source import Collaboration, read_collaboration
from kg.cli.main import cli

COLLABORATION_RECORDS = DATA / "analysis"


@pytest.fixture(scope="session")
def collaboration_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("collaboration")
    args = ["build", str(COLLABORATION_RECORDS), "--out", str(out), "-q", "--no-annotate"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def collaboration(collaboration_build: Path) -> Collaboration:
    return read_collaboration(collaboration_build)
