"""Opening inputs, kept apart from parsing them (as networkx ``readwrite`` does).

An :class:`InputSource` hides where bytes come from (a path, a gzip file, standard input) and
how text is encoded.  Readers ask it for binary (XML parsers decode themselves) or for decoded
lines with their numbers.  Decoding is per line so one Latin-1 line in a UTF-8 file costs a
warning, not the file, and memory stays flat whatever the file size.
"""

from __future__ import annotations

import codecs
import gzip
import io
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from isal import igzip

from kg.errors import CorruptInput, InputError
from kg.model import Problem

__all__ = ["InputSource", "expand_inputs"]

_GZIP_MAGIC = b"\x1f\x8b"
_HEAD_BYTES = 65536
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class InputSource:
    """One input: a file path (gzip or not) or standard input (``-``)."""

    def __init__(self, path: Path | None, display: str | None = None) -> None:
        self.path = path
        self.display = display or (str(path) if path is not None else "<stdin>")
        self._stdin_bytes: bytes | None = None
        self._raw: BinaryIO | None = None
        self._head: bytes | None = None
        self.warnings: list[Problem] = []

    @classmethod
    def from_argument(cls, argument: str) -> InputSource:
        """Make a source from a CLI argument; ``-`` is standard input."""
        if argument == "-":
            return cls(None, "<stdin>")
        return cls(Path(argument), argument)

    # -- bytes -------------------------------------------------------------------------------

    def _open_raw(self) -> BinaryIO:
        if self.path is None:
            if self._stdin_bytes is None:
                self._stdin_bytes = sys.stdin.buffer.read()
            return io.BytesIO(self._stdin_bytes)
        try:
            return self.path.open("rb")
        except OSError as error:
            raise InputError(f"cannot open: {error.strerror}", file=self.display) from error

    @property
    def is_gzip(self) -> bool:
        """True when the raw bytes start with the gzip magic number, whatever the suffix."""
        raw = self._open_raw()
        try:
            return raw.read(2) == _GZIP_MAGIC
        finally:
            raw.close()

    def size(self) -> int:
        """Size of the raw (possibly compressed) input in bytes; the unit of progress."""
        if self.path is None:
            return len(self._stdin_bytes or b"")
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def position(self) -> int:
        """Raw bytes consumed so far by the open stream, for progress bars."""
        raw = self._raw
        if raw is None or raw.closed:
            return 0
        try:
            return raw.tell()
        except (OSError, ValueError):
            return 0

    def open_binary(self) -> BinaryIO:
        """The decompressed byte stream; the caller closes it."""
        raw = self._open_raw()
        self._raw = raw
        magic = raw.read(2)
        raw.seek(0)
        if magic == _GZIP_MAGIC:
            # isal's IGzipFile is gzip.GzipFile with ISA-L inflate; its __init__ is untyped.
            inner = igzip.IGzipFile(fileobj=raw, mode="rb")  # type: ignore[no-untyped-call]
            return _buffered(_GzipGuard(inner, self.display))
        return raw

    def head_bytes(self) -> bytes:
        """The first 64 KiB of decompressed content, for sniffing."""
        if self._head is None:
            stream = self.open_binary()
            try:
                self._head = stream.read(_HEAD_BYTES)
            except InputError:
                self._head = b""
            finally:
                stream.close()
        return self._head

    def head_text(self) -> str:
        """The decoded head, BOM removed, for sniffing; undecodable bytes become U+FFFD."""
        head = self.head_bytes()
        for bom, encoding in (
            (codecs.BOM_UTF8, "utf-8"),
            (codecs.BOM_UTF16_LE, "utf-16-le"),
            (codecs.BOM_UTF16_BE, "utf-16-be"),
        ):
            if head.startswith(bom):
                return head[len(bom) :].decode(encoding, errors="replace")
        return head.decode("utf-8", errors="replace")

    def looks_binary(self) -> bool:
        """NUL bytes in a non-UTF-16 head mean this is not a text export of records."""
        head = self.head_bytes()
        return b"\x00" in head and not head.startswith(_UTF16_BOMS)

    # -- text --------------------------------------------------------------------------------

    def lines(self) -> Iterator[tuple[int, str]]:
        """Yield ``(line_number, text)`` with line ends (LF, CRLF, CR) and any BOM removed.

        Lines that are not UTF-8 are decoded as Windows-1252 (a superset of Latin-1 for
        printable text); the first such line is reported once as a warning.
        """
        stream = self.open_binary()
        try:
            if self.head_bytes().startswith(_UTF16_BOMS):
                yield from self._utf16_lines(stream)
                return
            fallback_lines = 0
            first_fallback: int | None = None
            number = 0
            for raw_line in stream:
                if number == 0 and raw_line.startswith(codecs.BOM_UTF8):
                    raw_line = raw_line[len(codecs.BOM_UTF8) :]
                try:
                    text = raw_line.decode("utf-8")
                except UnicodeDecodeError:
                    text = raw_line.decode("cp1252", errors="replace")
                    fallback_lines += 1
                    if first_fallback is None:
                        first_fallback = number + 1
                text = text.rstrip("\n").rstrip("\r")
                if "\r" in text:  # classic Mac line ends inside one binary "line"
                    for part in text.split("\r"):
                        number += 1
                        yield number, part
                    continue
                number += 1
                yield number, text
            if fallback_lines:
                self.warnings.append(
                    Problem(
                        file=self.display,
                        line=first_fallback,
                        severity="warning",
                        message=f"{fallback_lines} line(s) are not valid UTF-8; "
                        "read as Windows-1252",
                        expected="UTF-8 text",
                    )
                )
        finally:
            stream.close()

    def _utf16_lines(self, stream: BinaryIO) -> Iterator[tuple[int, str]]:
        text = io.TextIOWrapper(stream, encoding="utf-16", newline=None)
        for number, line in enumerate(text, start=1):
            yield number, line.rstrip("\n")


class _GzipGuard(io.RawIOBase):
    """Turns zlib/gzip failures (truncated or corrupt streams) into :class:`CorruptInput`."""

    def __init__(self, inner: igzip.IGzipFile, display: str) -> None:
        super().__init__()
        self._inner = inner
        self._display = display

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            # readinto1: one read of the compressed stream, so when it breaks only the bytes
            # after the break are lost, not the whole block being gathered.
            return self._inner.readinto1(buffer)
        except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as error:
            raise CorruptInput(
                f"gzip stream is truncated or corrupt ({error}); records after this point are lost",
                file=self._display,
            ) from error

    def close(self) -> None:
        self._inner.close()
        super().close()


def _buffered(stream: io.RawIOBase) -> BinaryIO:
    return io.BufferedReader(stream, buffer_size=1 << 16)


def expand_inputs(
    arguments: list[str], exclude: Path | None = None
) -> tuple[list[InputSource], list[Problem]]:
    """Turn CLI arguments into sources: files as given, directories walked in sorted order.

    Hidden files and directories are skipped, and so is ``exclude`` (the build directory,
    which may sit inside an input directory: a build must not read its own outputs).  Paths
    that do not exist are returned as problems so the build reports them and goes on.
    """
    excluded = exclude.resolve() if exclude is not None else None
    sources: list[InputSource] = []
    problems: list[Problem] = []
    for argument in arguments:
        if argument == "-":
            sources.append(InputSource.from_argument("-"))
            continue
        path = Path(argument)
        if path.is_dir():
            found = sorted(
                candidate
                for candidate in path.rglob("*")
                if candidate.is_file()
                and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
                and not (excluded and candidate.resolve().is_relative_to(excluded))
            )
            if not found:
                problems.append(
                    Problem(
                        file=argument, message="directory holds no files", expected="record files"
                    )
                )
            sources.extend(InputSource(candidate, str(candidate)) for candidate in found)
        elif path.is_file():
            sources.append(InputSource(path, argument))
        else:
            problems.append(Problem(file=argument, message="no such file or directory"))
    return sources, problems
