"""Bad input: one clear line naming the place, the build goes on, nothing silently lost."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from support import EXAMPLES, SEEDS, read_jsonl

LISTING = SEEDS / "000_43d217d51f7c109e.txt"
XML = EXAMPLES / "pubmed_msc_autoimmune.xml.gz"


def _build(
    run_kg: Callable[..., Result], inputs: list[Path], out: Path, *extra: str
) -> tuple[Result, dict[str, object]]:
    result = run_kg("build", *map(str, inputs), "--out", str(out), *extra)
    manifest = (
        json.loads((out / "manifest.json").read_text()) if (out / "manifest.json").exists() else {}
    )
    return result, manifest


def _first_xml_records(count: int) -> bytes:
    data = gzip.decompress(XML.read_bytes())
    end = 0
    for _ in range(count):
        end = data.index(b"</PubmedArticle>", end) + len(b"</PubmedArticle>")
    return data[:end]


def test_unknown_binary_and_empty_files_are_reported_and_skipped(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    (tmp_path / "notes.txt").write_text("Shopping list: eggs, milk.\n")
    (tmp_path / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    (tmp_path / "empty.xml").write_bytes(b"")
    inputs = [tmp_path / "notes.txt", tmp_path / "figure.png", tmp_path / "empty.xml", LISTING]
    result, manifest = _build(run_kg, inputs, tmp_path / "out")
    assert result.exit_code == 0
    assert "notes.txt: not a recognised record format" in result.output
    assert "figure.png: binary content" in result.output
    assert "empty.xml: file is empty" in result.output
    assert "Traceback" not in result.output
    rejected = read_jsonl(tmp_path / "out" / "rejected.jsonl")
    assert {Path(r["file"]).name for r in rejected} == {"notes.txt", "figure.png", "empty.xml"}
    assert manifest["records"]["accepted"] == 5  # type: ignore[index]


def test_truncated_xml_keeps_the_records_before_the_cut(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    whole = _first_xml_records(3)
    cut = tmp_path / "cut.xml"
    cut.write_bytes(whole + b"\n<PubmedArticle><MedlineCitation><PMID>1</PMID><Art")
    result, manifest = _build(run_kg, [cut], tmp_path / "out")
    assert result.exit_code == 0
    assert manifest["records"]["accepted"] == 3  # type: ignore[index]
    line = next(x for x in result.output.splitlines() if x.startswith("error:"))
    assert f"{cut}:" in line
    (entry,) = read_jsonl(tmp_path / "out" / "rejected.jsonl")
    assert entry["file"] == str(cut) and entry["line"] is not None


def test_truncated_gzip_keeps_the_records_before_the_cut(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    packed = XML.read_bytes()
    cut = tmp_path / "cut.xml.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    result, manifest = _build(run_kg, [cut], tmp_path / "out")
    assert result.exit_code == 0
    accepted = manifest["records"]["accepted"]  # type: ignore[index]
    assert 5 < accepted < 60
    assert "truncated or corrupt" in result.output
    assert len(read_jsonl(tmp_path / "out" / "rejected.jsonl")) == 1


def test_malformed_xml_names_the_line(tmp_path: Path, run_kg: Callable[..., Result]) -> None:
    bad = tmp_path / "bad.xml"
    text = _first_xml_records(2).decode() + "<PubmedArticle><MedlineCitation></Oops>"
    bad.write_text(text + "</PubmedArticleSet>")
    result, manifest = _build(run_kg, [bad], tmp_path / "out")
    assert manifest["records"]["accepted"] == 2  # type: ignore[index]
    assert f"{bad}:{text.count(chr(10)) + 1}:" in result.output


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>123</PMID><Article>
<ArticleTitle>Laughs &lol9; and secrets &xxe;</ArticleTitle></Article></MedlineCitation>
</PubmedArticle></PubmedArticleSet>
"""


def test_entity_attacks_are_never_expanded_or_fetched(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    attack = tmp_path / "attack.xml"
    attack.write_text(BILLION_LAUGHS)
    result, _ = _build(run_kg, [attack, LISTING], tmp_path / "out")
    assert result.exit_code == 0
    everything = "".join(p.read_text() for p in (tmp_path / "out").iterdir() if p.is_file())
    assert "lollollol" not in everything
    assert "root:x:0:0" not in everything


def test_broken_citation_line_between_good_entries(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    lines = LISTING.read_text().splitlines()
    broken = next(i for i, line in enumerate(lines) if line.startswith("Lee BW, Lee JJ"))
    lines[broken] = "Lee BW, Lee JJ, Jung JY, Ju JH. Intra-Articular Injection of Human"
    listing = tmp_path / "listing.txt"
    listing.write_text("\n".join(lines) + "\n")
    result, manifest = _build(run_kg, [listing], tmp_path / "out")
    assert result.exit_code == 0
    assert manifest["records"]["accepted"] == 4  # type: ignore[index]
    assert f"{listing}:{broken + 1}:" in result.output
    (entry,) = read_jsonl(tmp_path / "out" / "rejected.jsonl")
    assert entry["line"] == broken + 1


def test_malformed_pmid_and_doi_are_dropped_with_a_warning(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    text = (
        LISTING.read_text()
        .replace("PMID: 39882532", "PMID: 3988x532")
        .replace("DOI: 10.1177/09636897241303275", "DOI: 11.1177/bad doi")
    )
    listing = tmp_path / "listing.txt"
    listing.write_text(text)
    result, manifest = _build(run_kg, [listing], tmp_path / "out")
    assert manifest["records"]["accepted"] == 5  # type: ignore[index]
    warnings = read_jsonl(tmp_path / "out" / "warnings.jsonl")
    assert any("PMID" in w["reason"] for w in warnings)
    assert any("DOI" in w["reason"] for w in warnings)
    assert "warning:" in result.output


def test_latin1_input_gives_the_same_records_with_a_warning(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    listing = tmp_path / "latin1.txt"
    listing.write_bytes(LISTING.read_text().replace("’", "'").encode("latin-1", "replace"))
    result, manifest = _build(run_kg, [listing], tmp_path / "out")
    assert manifest["records"]["accepted"] == 5  # type: ignore[index]
    assert "not valid UTF-8" in result.output


def test_strict_stops_at_the_first_problem(tmp_path: Path, run_kg: Callable[..., Result]) -> None:
    (tmp_path / "notes.txt").write_text("Shopping list: eggs, milk.\n")
    result = run_kg(
        "build",
        str(tmp_path / "notes.txt"),
        str(LISTING),
        "--out",
        str(tmp_path / "out"),
        "--strict",
    )
    assert result.exit_code == 1
    assert "kg: error:" in result.output and "notes.txt" in result.output


def test_nothing_readable_is_an_error(tmp_path: Path, run_kg: Callable[..., Result]) -> None:
    (tmp_path / "notes.txt").write_text("Shopping list: eggs, milk.\n")
    result = run_kg("build", str(tmp_path / "notes.txt"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "no record could be read" in result.output


def test_unknown_format_option_is_a_usage_error(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    result = run_kg("build", str(LISTING), "--out", str(tmp_path), "--format", "ris")
    assert result.exit_code == 2


def test_no_traceback_from_the_installed_command(tmp_path: Path) -> None:
    (tmp_path / "figure.png").write_bytes(b"\x00\x01" * 100)
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli.main",
            "build",
            str(tmp_path / "figure.png"),
            str(tmp_path / "missing.xml"),
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert "missing.xml: no such file or directory" in completed.stderr


def test_a_missing_named_input_fails_the_build_but_keeps_the_rest(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    result, manifest = _build(run_kg, [LISTING, tmp_path / "typo.xml"], tmp_path / "out")
    assert result.exit_code == 1
    assert "input(s) not found" in result.output
    assert manifest["records"]["accepted"] == 5  # type: ignore[index]


def test_a_build_inside_its_input_directory_does_not_read_itself(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "listing.txt").write_bytes(LISTING.read_bytes())
    for _ in range(2):  # the second build would see the first one's outputs
        result, manifest = _build(run_kg, [inputs], inputs / "build")
        assert result.exit_code == 0, result.output
        assert [Path(i["file"]).name for i in manifest["inputs"]] == ["listing.txt"]  # type: ignore[index]


def test_a_failed_build_leaves_no_stale_manifest(
    tmp_path: Path, run_kg: Callable[..., Result]
) -> None:
    out = tmp_path / "out"
    assert _build(run_kg, [LISTING], out)[0].exit_code == 0
    (tmp_path / "notes.txt").write_text("Shopping list: eggs, milk.\n")
    result = run_kg("build", str(tmp_path / "notes.txt"), "--out", str(out), "--strict")
    assert result.exit_code == 1
    assert not (out / "manifest.json").exists()
    assert "not a kg build directory" in run_kg("stats", str(out)).output


def test_deleted_records_are_accounted_for(tmp_path: Path, run_kg: Callable[..., Result]) -> None:
    records = _first_xml_records(2) + b"\n</PubmedArticleSet>\n"
    (tmp_path / "a.xml").write_bytes(records)
    pmids = [
        chunk.split(b"</PMID>")[0].rsplit(b">", 1)[1].decode()
        for chunk in records.split(b"<PMID")[1:]
        if b"</PMID>" in chunk
    ][:1]
    deletion = (
        '<?xml version="1.0"?>\n<PubmedArticleSet><DeleteCitation>'
        + "".join(f'<PMID Version="1">{pmid}</PMID>' for pmid in pmids)
        + "</DeleteCitation></PubmedArticleSet>\n"
    )
    (tmp_path / "delete.xml").write_text(deletion)
    result, manifest = _build(
        run_kg, [tmp_path / "a.xml", tmp_path / "delete.xml"], tmp_path / "out"
    )
    assert result.exit_code == 0, result.output
    (first, _) = manifest["inputs"]  # type: ignore[index]
    assert (first["records_read"], first["accepted"], first["deleted"]) == (2, 1, 1)
    rejected = read_jsonl(tmp_path / "out" / "rejected.jsonl")
    assert [entry["record_id"] for entry in rejected] == [f"pmid:{pmids[0]}"]
    assert "DeleteCitation" in rejected[0]["reason"]


def test_strict_names_the_place_once(tmp_path: Path, run_kg: Callable[..., Result]) -> None:
    lines = LISTING.read_text().splitlines()
    broken = next(i for i, line in enumerate(lines) if line.startswith("Lee BW, Lee JJ"))
    lines[broken] = "Lee BW, Lee JJ, Jung JY, Ju JH. Intra-Articular Injection of Human"
    listing = tmp_path / "listing.txt"
    listing.write_text("\n".join(lines) + "\n")
    result = run_kg("build", str(listing), "--out", str(tmp_path / "out"), "--strict")
    assert result.exit_code == 1
    error_line = next(x for x in result.output.splitlines() if x.startswith("kg: error:"))
    assert error_line.count(str(listing)) == 1
