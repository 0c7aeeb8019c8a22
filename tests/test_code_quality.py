"""The code standards of DESIGN.md §8 as tests, so the README's one test command checks them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.slow
def test_mypy_strict_is_clean() -> None:
    result = _run(sys.executable, "-m", "mypy", "--strict", "kg")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_lint_and_format_are_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    lint = _run(ruff, "check", "kg", "tests", "bench")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    formatted = _run(ruff, "format", "--check", "kg", "tests", "bench")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
