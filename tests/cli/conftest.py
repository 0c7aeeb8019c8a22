from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner, Result

from kg.cli.main import cli


@pytest.fixture
def run_kg() -> Callable[..., Result]:
    """Run the real CLI in-process; ``--quiet`` is not added, so messages are visible."""

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return run
