"""Draw, and score, the hand-checked sample of extracted relations.

    python bench/relation_sample.py draw  [--size 100] [--seed 7]
    python bench/relation_sample.py score [--file tests/data/relations/round1_sample.tsv]

``draw`` annotates the topical PubMed records listed in
``shared/data/pubmed/xml/topic_subset_msc_rheum_autoimmune.tsv`` (MSC, cell therapy, rheumatic
and autoimmune disease), draws a uniform random sample of the asserted relations (every
relation type in proportion to how often it is extracted) and writes
``tests/data/relations/sample.tsv`` with an empty ``verdict`` column, plus the records it came
from (``records.jsonl``) so the sample can be re-extracted without shared/.  A person then
reads each sentence and writes ``correct`` or ``incorrect`` and a note.  Drawing again
overwrites the verdicts: do it only when the extractor changed enough to need a new sample.

``score`` prints precision overall and per relation type from the verdicts.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data" / "pubmed" / "xml"
SAMPLE_DIR = REPO / "tests" / "data" / "relations"
COLUMNS = (
    "row",
    "paper",
    "type",
    "source",
    "source_name",
    "target",
    "target_name",
    "direction",
    "evidence_level",
    "extractor",
    "confidence",
    "sentence",
    "verdict",
    "note",
)


def _topical_records() -> list:  # type: ignore[type-arg]
    from kg.model import Record
    from kg.readers.pubmed_xml import read
    from kg.readers.source import InputSource

    wanted: dict[str, set[str]] = {}
    with (SHARED / "topic_subset_msc_rheum_autoimmune.tsv").open(encoding="utf-8") as lines:
        for row in csv.DictReader(lines, delimiter="\t"):
            wanted.setdefault(row["file"], set()).add(row["pmid"])
    records = []
    for file, pmids in sorted(wanted.items()):
        for item in read(InputSource(SHARED / file)):
            if isinstance(item, Record) and item.pmid in pmids:
                records.append(item)
    return records


def draw(size: int, seed: int) -> int:
    from kg.model import record_to_json
    from kg.nlp.annotate import Annotator

    annotator = Annotator()
    records = _topical_records()
    rows = []
    for record in records:
        for relation in annotator.annotate_record(record).relations:
            if relation.modality != "asserted":
                continue
            source = annotator.lexicon.concept(relation.source)
            target = annotator.lexicon.concept(relation.target)
            rows.append(
                {
                    "paper": f"pmid:{record.pmid}",
                    "type": relation.type,
                    "source": relation.source,
                    "source_name": source.name if source else relation.source_name or "",
                    "target": relation.target,
                    "target_name": target.name if target else relation.target_name or "",
                    "direction": relation.direction or "",
                    "evidence_level": relation.evidence_level or "",
                    "extractor": relation.extractor,
                    "confidence": f"{relation.confidence:.2f}",
                    "sentence": relation.sentence.text.replace("\t", " ").replace("\n", " "),
                    "verdict": "",
                    "note": "",
                }
            )
    print(f"{len(records)} topical records, {len(rows)} asserted relations", file=sys.stderr)
    print(f"by type: {dict(Counter(row['type'] for row in rows))}", file=sys.stderr)
    sample = random.Random(seed).sample(rows, min(size, len(rows)))
    sample.sort(key=lambda row: (row["paper"], row["type"], row["source"], row["target"]))
    SAMPLE_DIR.mkdir(parents=True, exist_ok=True)
    with (SAMPLE_DIR / "sample.tsv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for number, row in enumerate(sample, start=1):
            writer.writerow({"row": number, **row})
    papers = {row["paper"] for row in sample}
    with (SAMPLE_DIR / "records.jsonl").open("wb") as out:
        for record in records:
            if f"pmid:{record.pmid}" in papers:
                out.write(record_to_json(record) + b"\n")
    return 0


def read_sample(path: Path = SAMPLE_DIR / "sample.tsv") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as lines:
        return list(csv.DictReader(lines, delimiter="\t"))


def score(path: Path = SAMPLE_DIR / "sample.tsv") -> int:
    rows = read_sample(path)
    judged = [row for row in rows if row["verdict"] in ("correct", "incorrect")]
    if not judged:
        print("no verdicts yet", file=sys.stderr)
        return 1
    correct = sum(row["verdict"] == "correct" for row in judged)
    print(f"relation precision: {correct}/{len(judged)} = {correct / len(judged):.2f}")
    for kind in sorted({row["type"] for row in judged}):
        of_kind = [row for row in judged if row["type"] == kind]
        right = sum(row["verdict"] == "correct" for row in of_kind)
        print(f"  {kind:14} {right}/{len(of_kind)} = {right / len(of_kind):.2f}")
    # DERIVED_FROM comes from the vocabulary, not from reading the sentence.
    read = [row for row in judged if row["type"] != "DERIVED_FROM"]
    if read:
        right = sum(row["verdict"] == "correct" for row in read)
        print(
            f"read from sentences (all but DERIVED_FROM): {right}/{len(read)} = "
            f"{right / len(read):.2f}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    drawing = sub.add_parser("draw")
    drawing.add_argument("--size", type=int, default=100)
    drawing.add_argument("--seed", type=int, default=7)
    scoring = sub.add_parser("score")
    scoring.add_argument("--file", type=Path, default=SAMPLE_DIR / "sample.tsv")
    args = parser.parse_args(argv)
    if args.command == "draw":
        return draw(args.size, args.seed)
    return score(args.file)


if __name__ == "__main__":
    sys.exit(main())
