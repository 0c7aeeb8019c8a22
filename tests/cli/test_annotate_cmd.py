"""``kg annotate``: the recogniser on its own, on plain text and PubTator files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from support import DATA

from kg.pubtator import iter_documents

PUBTATOR = DATA / "pubtator" / "bc5cdr_dev_3703509.txt"

# The abstract of seed PMID 37892183 (shared/seeds), first lines.
PLAIN = (
    "Therapeutic Efficacy of Mesenchymal Stem/Stromal Cell Small Extracellular Vesicles in "
    "Alleviating Arthritic Progression by Restoring Macrophage Balance\n"
    "Rheumatoid arthritis (RA) is a chronic autoimmune disease characterized by joint "
    "inflammation and damage, often associated with an imbalance in M1/M2 macrophages. Here, "
    "we treated a mouse model of collagen-induced arthritis (CIA) with MSC-sEVs.\n"
)


def test_plain_text_to_pubtator_keeps_the_file_offsets(
    run_kg: Callable[..., Result], tmp_path: Path
) -> None:
    source = tmp_path / "abstract.txt"
    source.write_text(PLAIN, encoding="utf-8")
    result = run_kg("annotate", str(source))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("abstract|t|Therapeutic Efficacy")
    assert lines[1].startswith("abstract|a|Rheumatoid arthritis (RA)")
    mentions = [line.split("\t") for line in lines[2:] if line.count("\t") >= 5]
    assert mentions
    for _, start, end, text, label, standard, concept in mentions:
        assert PLAIN[int(start) : int(end)] == text
        assert label in {"Disease", "Therapy", "Chemical", "Mechanism", "CellType", "Molecule"}
        assert standard and concept
    found = {(text, label) for _, _, _, text, label, _, _ in mentions}
    assert ("Rheumatoid arthritis", "Disease") in found
    assert ("collagen-induced arthritis", "Disease") in found
    assert ("MSC-sEVs", "Therapy") in found
    rheumatoid = next(m for m in mentions if m[3] == "Rheumatoid arthritis")
    assert rheumatoid[5] == "D001172"  # the MeSH id, as NCBI Disease and BC5CDR annotate it
    relations = [line.split("\t") for line in lines if line.count("\t") == 3]
    assert [r[1] for r in relations if r[1] == "TREATS"]


def test_pubtator_input_is_annotated_document_by_document(
    run_kg: Callable[..., Result],
) -> None:
    result = run_kg("annotate", str(PUBTATOR))
    assert result.exit_code == 0, result.output
    (ours,) = list(iter_documents(result.output.splitlines(), "output"))
    (gold,) = list(iter_documents(PUBTATOR.read_text(encoding="utf-8").splitlines(), "gold"))
    assert (ours.id, ours.title, ours.abstract) == (gold.id, gold.title, gold.abstract)
    gold_spans = {(m.start, m.end) for m in gold.mentions}
    our_spans = {(m.start, m.end) for m in ours.mentions}
    assert len(gold_spans & our_spans) >= len(gold_spans) // 2


def test_json_output_has_mentions_and_relations_with_evidence(
    run_kg: Callable[..., Result], tmp_path: Path
) -> None:
    source = tmp_path / "abstract.txt"
    source.write_text(PLAIN, encoding="utf-8")
    result = run_kg("annotate", str(source), "--format", "json")
    assert result.exit_code == 0, result.output
    (document,) = [json.loads(line) for line in result.output.splitlines()]
    text = document["text"]
    for mention in document["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    treats = [r for r in document["relations"] if r["type"] == "TREATS"]
    assert treats
    for relation in treats:
        assert text[relation["start"] : relation["end"]] == relation["sentence"]
        assert relation["evidence_level"] == "animal model"


def test_a_malformed_pubtator_file_is_named_with_its_line(
    run_kg: Callable[..., Result], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pubtator"
    broken.write_text(
        "123|t|A title\n123|a|An abstract about lupus.\n123\t26\t900\tlupus\tDisease\tD008180\n",
        encoding="utf-8",
    )
    result = run_kg("annotate", str(broken))
    assert result.exit_code == 1
    assert "broken.pubtator:3:" in result.output
    assert "expected the mention text 'lupus' at offsets 26-900" in result.output
    assert "Traceback" not in result.output


def test_a_missing_input_is_reported(run_kg: Callable[..., Result], tmp_path: Path) -> None:
    result = run_kg("annotate", str(tmp_path / "nope.txt"))
    assert result.exit_code != 0
    assert "nope.txt" in result.output
    assert "Traceback" not in result.output
