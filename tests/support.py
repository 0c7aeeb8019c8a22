"""Paths and small helpers shared by tests (importable as ``support``; see pyproject)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
SEEDS = DATA / "seeds"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def run_on_terminal(
    argv: list[str], *, env: dict[str, str] | None = None, timeout: float = 120
) -> str:
    """Run ``argv`` with standard error on a pseudo-terminal (as a user's shell would) and
    return what it showed there; the command must succeed."""
    import os
    import pty
    import subprocess

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=follower, close_fds=True, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=timeout) == 0
    return b"".join(chunks).decode("utf-8", "replace")
