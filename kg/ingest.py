"""Reading every input into one stream of records, with per-input accounting.

Shared by ``kg parse`` and ``kg build``: inputs are expanded (directories walked), each is
sniffed or read with the forced format, and every reader item is routed: records go on,
problems go to the caller's ``on_problem`` and are counted.  An input that fails part-way
keeps the records read before the failure.  Nothing is dropped without a Problem.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError, NotParsable
from kg.model import Deletion, Problem, Record
from kg.readers import ReaderItem, detect_format, load_reader
from kg.readers.source import InputSource, expand_inputs

__all__ = ["Ingest", "InputReport", "StrictStop"]

_PROGRESS_EVERY = 256


class StrictStop(NotParsable):
    """Raised under ``--strict`` at the first rejected record; never caught by the readers."""


@dataclass
class InputReport:
    """Counts for one input file, as written to the manifest.

    Every record read is accounted for: ``records_read == accepted + rejected + deleted``.
    ``error`` is a problem with the file itself (unreadable, unknown format, cut short);
    ``missing`` says the path named on the command line does not exist.
    """

    file: str
    format: str | None = None
    bytes: int = 0
    sha256: str | None = None
    records_read: int = 0
    accepted: int = 0
    rejected: int = 0
    warnings: int = 0
    deleted: int = 0
    error: str | None = None
    missing: bool = False


class Ingest:
    """Iterate over the records of many inputs; see the module docstring.

    ``on_problem`` receives every Problem (errors and warnings) as it happens;
    ``on_progress`` receives raw bytes consumed since the last call.  With ``strict`` the
    first error raises :class:`~kg.errors.NotParsable` instead.
    """

    def __init__(
        self,
        arguments: list[str],
        *,
        format_name: str | None = None,
        strict: bool = False,
        on_problem: Callable[[Problem], None] = lambda problem: None,
        on_progress: Callable[[int], None] = lambda advance: None,
        exclude: Path | None = None,
    ) -> None:
        self.sources, self._missing = expand_inputs(arguments, exclude=exclude)
        self.format_name = format_name
        self.strict = strict
        self.on_problem = on_problem
        self.on_progress = on_progress
        self.reports: list[InputReport] = []
        if format_name is not None:
            load_reader(format_name)  # fail early on an unknown --format

    @property
    def total_bytes(self) -> int:
        """Raw size of all inputs: the length of the progress bar."""
        return sum(source.size() for source in self.sources)

    def items(self) -> Iterator[Record | Deletion]:
        """Records and deletion requests of every input, in input order."""
        for problem in self._missing:
            self.reports.append(InputReport(file=problem.file, error=problem.message, missing=True))
            self._report(problem)
        for source in self.sources:
            report = InputReport(file=source.display, bytes=source.size())
            self.reports.append(report)
            yield from self._read_source(source, report)
            report.sha256 = _sha256(source)

    def _read_source(self, source: InputSource, report: InputReport) -> Iterator[Record | Deletion]:
        try:
            report.format = self.format_name or detect_format(source)
            reader = load_reader(report.format)
        except InputError as error:
            report.error = error.message
            self._report(Problem(file=source.display, message=error.message))
            return
        consumed = 0
        count = 0
        try:
            for item in reader.read(source):
                routed = self._route(item, report)
                if routed is not None:
                    yield routed
                count += 1
                if count % _PROGRESS_EVERY == 0:
                    position = source.position()
                    self.on_progress(max(0, position - consumed))
                    consumed = max(consumed, position)
        except StrictStop:
            raise
        except InputError as error:
            message = error.message
            report.error = message
            self._report(Problem(file=source.display, line=error.line, message=message))
        finally:
            self.on_progress(max(0, report.bytes - consumed))
        for warning in source.warnings:
            report.warnings += 1
            self._report(warning)

    def _route(self, item: ReaderItem, report: InputReport) -> Record | Deletion | None:
        if isinstance(item, Record):
            report.records_read += 1
            if not (item.pmid or item.doi or item.pmcid or item.title):
                report.rejected += 1
                self._report(
                    Problem(
                        file=item.source.file,
                        line=item.source.line,
                        record=item.source.record,
                        message="record has no identifier and no title",
                        expected="a PMID, DOI, PMCID or title",
                    )
                )
                return None
            report.accepted += 1
            return item
        if isinstance(item, Deletion):
            return item
        if item.severity == "error":
            if item.record is not None:
                report.records_read += 1
                report.rejected += 1
            elif report.error is None:
                report.error = item.message
        else:
            report.warnings += 1
        self._report(item)
        return None

    def _report(self, problem: Problem) -> None:
        if self.strict and problem.severity == "error":
            raise StrictStop(problem.describe())
        self.on_problem(problem)


def _sha256(source: InputSource) -> str | None:
    if source.path is None:
        return None
    digest = hashlib.sha256()
    try:
        with source.path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()
