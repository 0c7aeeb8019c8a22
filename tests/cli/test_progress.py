"""Progress shows on a terminal and nowhere else."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import EXAMPLES, run_on_terminal


def _build_under_terminal(out: Path, *extra: str) -> str:
    """Run the real command with standard error on a pseudo-terminal; return what it showed."""
    argv = [sys.executable, "-m", "kg.cli.main", "build", str(EXAMPLES), "--out", str(out)]
    return run_on_terminal([*argv, *extra])


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    shown = _build_under_terminal(tmp_path / "out")
    assert "reading:" in shown and "%|" in shown


def test_quiet_and_pipes_show_no_progress(tmp_path: Path) -> None:
    assert "%|" not in _build_under_terminal(tmp_path / "quiet", "--quiet")
    piped = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli.main",
            "build",
            str(EXAMPLES),
            "--out",
            str(tmp_path / "piped"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "%|" not in piped.stderr and "reading" not in piped.stderr
