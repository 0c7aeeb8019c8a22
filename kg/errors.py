"""The one exception tree of kg.

Only the CLI turns these into messages and exit codes; library code raises them and never
prints.  Each error carries the exit code the CLI should use, so a new error type cannot
silently exit with the wrong status.

    KGError                      exit 1
    ├── InputError               a file or record cannot be read
    │   ├── UnknownFormat        no reader recognises the content (or --format is unknown)
    │   ├── NotParsable          the content is of a known format but a record is malformed
    │   └── CorruptInput         the bytes themselves are broken (truncated gzip, binary, XML)
    ├── ConfigError              bad options or environment             exit 2
    ├── OutputError              the build directory cannot be written or read back
    └── BackendError             a database or store refused or failed
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error kg raises on purpose; anything else is a bug."""

    exit_code = 1


class InputError(KGError):
    """A file or record could not be read; carries where, what was expected and what was found."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        record: int | str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.record = record

    def __str__(self) -> str:
        return format_location(self.file, self.line, self.record) + self.message


class UnknownFormat(InputError):
    """No reader recognises the input, or the requested format does not exist."""


class NotParsable(InputError):
    """The input is of a known format but a record in it does not follow that format."""


class CorruptInput(InputError):
    """The bytes are broken: binary content, a truncated gzip stream, malformed XML."""


class ConfigError(KGError):
    """Options, environment or configuration are wrong; the user must change the call."""

    exit_code = 2


class OutputError(KGError):
    """The build directory or an output file cannot be written or is not a kg build."""


class BackendError(KGError):
    """An external store (Neo4j, a SPARQL endpoint) refused or failed."""


def format_location(file: str | None, line: int | None, record: int | str | None) -> str:
    """Render `file:line: ` / `file: record 3: ` prefixes the way compilers do, for grep-ability."""
    parts: list[str] = []
    if file:
        parts.append(file if line is None else f"{file}:{line}")
    elif line is not None:
        parts.append(f"line {line}")
    if record is not None and line is None:
        parts.append(f"record {record}")
    return "".join(part + ": " for part in parts)
