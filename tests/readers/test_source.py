import gzip
from pathlib import Path

import pytest

from kg.errors import CorruptInput, UnknownFormat
from kg.readers import detect_format
from kg.readers.source import InputSource, expand_inputs

TEXT = "PMID- 1\nTI  - Café au lait\n\nPMID- 2\n"


def _lines(path: Path) -> list[str]:
    return [text for _, text in InputSource(path).lines()]


def test_bom_crlf_and_cr_line_ends(tmp_path: Path) -> None:
    expected = TEXT.splitlines()
    for name, data in {
        "bom.txt": b"\xef\xbb\xbf" + TEXT.encode(),
        "crlf.txt": TEXT.replace("\n", "\r\n").encode(),
        "cr.txt": TEXT.replace("\n", "\r").encode(),
        "utf16.txt": TEXT.encode("utf-16"),
    }.items():
        (tmp_path / name).write_bytes(data)
        assert _lines(tmp_path / name) == expected, name


def test_latin1_lines_are_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(TEXT.encode("latin-1"))
    source = InputSource(path)
    assert [text for _, text in source.lines()] == TEXT.splitlines()
    (warning,) = source.warnings
    assert warning.line == 2
    assert "not valid UTF-8" in warning.message


def test_gzip_is_transparent_whatever_the_name(tmp_path: Path) -> None:
    path = tmp_path / "records.txt"  # no .gz suffix on purpose
    path.write_bytes(gzip.compress(TEXT.encode()))
    assert _lines(path) == TEXT.splitlines()


def test_truncated_gzip_raises_corrupt_input_after_the_good_lines(tmp_path: Path) -> None:
    path = tmp_path / "cut.gz"
    body = "".join(f"PMID- {n}\n" for n in range(1, 20000)).encode()
    packed = gzip.compress(body)
    path.write_bytes(packed[: len(packed) // 2])
    seen = []
    with pytest.raises(CorruptInput, match="truncated or corrupt"):
        for _, text in InputSource(path).lines():
            seen.append(text)
    assert seen[:2] == ["PMID- 1", "PMID- 2"]


def test_binary_and_empty_files_are_refused_with_reasons(tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(CorruptInput, match="binary content"):
        detect_format(InputSource(binary))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(UnknownFormat, match="empty"):
        detect_format(InputSource(empty))
    prose = tmp_path / "notes.txt"
    prose.write_text("Shopping list: eggs, milk.\n")
    with pytest.raises(UnknownFormat, match="--format"):
        detect_format(InputSource(prose))


def test_directories_are_walked_sorted_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.xml").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    sources, problems = expand_inputs([str(tmp_path), str(tmp_path / "missing.xml")])
    assert [Path(s.display).name for s in sources] == ["a.txt", "2.xml"]
    assert [p.message for p in problems] == ["no such file or directory"]
