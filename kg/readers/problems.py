"""The problems of one record, located once so readers only say what went wrong.

Readers build a record field by field; a dropped field is a warning, a record that cannot be
identified is an error, and all of them point at the same file, record ordinal and (once
known) PMID.  Each reader used to spell that location out in its own ``warn``/``error``.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.model import Problem, Severity

__all__ = ["RecordProblems"]


class RecordProblems:
    """Problems of record ``record`` of ``file``; iterate to get them in the order raised."""

    def __init__(self, file: str, record: int, line: int | None = None) -> None:
        self.file = file
        self.record = record
        self.line = line
        self.record_id: str | None = None  # set by the reader once it knows the PMID
        self._items: list[Problem] = []

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def warn(
        self,
        message: str,
        expected: str | None = None,
        found: str | None = None,
        *,
        line: int | None = None,
    ) -> None:
        """The record is kept, but something in it was dropped or guessed."""
        self._add("warning", message, expected, found, line)

    def error(
        self,
        message: str,
        expected: str | None = None,
        found: str | None = None,
        *,
        line: int | None = None,
    ) -> None:
        """The record is rejected: it goes to the build's rejection report."""
        self._add("error", message, expected, found, line)

    def _add(
        self,
        severity: Severity,
        message: str,
        expected: str | None,
        found: str | None,
        line: int | None,
    ) -> None:
        self._items.append(
            Problem(
                file=self.file,
                message=message,
                line=line if line is not None else self.line,
                record=self.record,
                record_id=self.record_id,
                severity=severity,
                expected=expected,
                found=found,
            )
        )
