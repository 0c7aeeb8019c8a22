"""Terminal output of the CLI: problem lines, progress bars, summaries.

The only module besides :mod:`kg.cli.main` that writes to the terminal.  Progress goes to
standard error and only when it is a terminal (and not ``--quiet``), so piping ``kg parse``
output or running under CI prints no bar.
"""

from __future__ import annotations

import os
import sys
from types import TracebackType
from typing import Never

import click
from tqdm import tqdm

from kg.model import Problem

__all__ = ["ProblemPrinter", "Progress"]

_SHOWN_PER_KIND = 20


class ProblemPrinter:
    """Prints the first problems one line each, then only counts, to keep terminals usable."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.errors = 0
        self.warnings = 0
        self._hidden = 0

    def __call__(self, problem: Problem) -> None:
        if problem.severity == "error":
            self.errors += 1
            shown = self.errors
        else:
            self.warnings += 1
            shown = self.warnings
        if self.quiet:
            return
        if shown > _SHOWN_PER_KIND:
            self._hidden += 1
            return
        prefix = "error" if problem.severity == "error" else "warning"
        click.echo(f"{prefix}: {problem.describe()}", err=True)

    def hidden_note(self, where: str) -> str | None:
        """A pointer to the file holding the problems not printed."""
        if self._hidden:
            return f"{self._hidden} more problem(s) not shown; see {where}"
        return None


class Progress:
    """A byte-based progress bar over all inputs; silent unless standard error is a TTY."""

    def __init__(self, quiet: bool, description: str = "reading") -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self._bar: tqdm[Never] | None = None
        self._description = description

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def start(self, total: int) -> None:
        """Open the bar once the total size of the inputs is known."""
        if self.enabled:
            self._bar = tqdm(
                total=total,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                desc=self._description,
                file=sys.stderr,
                leave=False,
                ncols=_terminal_size()[0],
                nrows=_terminal_size()[1],
            )

    def advance(self, amount: int) -> None:
        """Move the bar by ``amount`` raw bytes."""
        if self._bar is not None and amount > 0:
            self._bar.update(amount)

    def stage(self, name: str) -> None:
        """Name the stage the build is in (graph, json, turtle...)."""
        if self._bar is not None:
            self._bar.set_description(name)

    def close(self) -> None:
        """Remove the bar so the summary starts on a clean line."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _terminal_size() -> tuple[int, int]:
    """Columns and rows of the terminal on standard error, 80x24 where it reports 0 (tqdm
    draws nothing in a 0x0 terminal, as some emulators and new pseudo-terminals report)."""
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError):
        return 80, 24
    return size.columns or 80, size.lines or 24
