"""Draw the affiliation strings of the hand-labelled gold sample (tests/data/affiliations).

    python bench/sample_affiliations.py [--seed 20240604] [--out sample.jsonl]

The gold file judges the affiliation parser and ROR matcher, so the strings must come from the
data the tool reads and must not be chosen by anyone who knows what the matcher gets right.  This
script reads the sources directly (lxml and plain text, no ``kg`` code, so a bug in kg's readers
cannot shape the sample), collects the distinct affiliation strings of each source in file order,
and draws a fixed number from each with a seeded random generator.  A string already drawn from an
earlier source is skipped, so every string in the sample is distinct.  The seed listing's
affiliations (the "- ..." lines under each author) are all kept: issue 4 names them.

The output is one JSON object per line with ``source``, ``pmid`` and ``text`` only; the labels in
``gold.jsonl`` are written by a person from these lines, never by a matcher.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
XML = SHARED / "data" / "pubmed" / "xml"
MEDLINE = SHARED / "data" / "pubmed" / "medline"
SEEDS = SHARED / "seeds"
SEED = 20240604

# (label, files, how many to draw); the order matters because later groups skip earlier picks.
XML_GROUPS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("pubmed21n1298", ("pubmed21n1298.shared.xml.gz",), 155),
    ("medline16n0902", ("medline16n0902.shared.xml.gz",), 30),
    ("medsamp2016", ("medsamp2016.shared.xml.gz",), 10),
    ("pancreatic", ("pubmedportable_pancreatic_cancer.shared.xml",), 10),
)
MEDLINE_COUNT = 10
EXAMPLES_COUNT = 10

Found = tuple[str, str | None, str]  # (source file name, pmid, affiliation text)


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")


def xml_affiliations(path: Path) -> Iterator[Found]:
    """Every author's ``<Affiliation>`` text, with its record's PMID, in file order.

    Only authors of the article's ``AuthorList`` count (not investigators): the gold sample is
    about where the paper's authors work.  Entities are decoded by the parser; the text is
    otherwise kept exactly (``itertext`` so that inline markup, if any, does not cut it short).
    """
    from lxml import etree

    with _open(path) as stream:
        for _, element in etree.iterparse(stream, events=("end",), tag="MedlineCitation"):
            pmid = element.findtext("PMID")
            for affiliation in element.iterfind("Article/AuthorList/Author//Affiliation"):
                text = "".join(affiliation.itertext())
                if text.strip():
                    yield path.name, pmid, text
            element.clear()


_TAG = re.compile(r"^([A-Z][A-Z ]{1,3})- (.*)$")


def medline_affiliations(path: Path) -> Iterator[Found]:
    """The ``AD`` fields of a MEDLINE-format (.txt/.nbib) file, continuation lines joined.

    A field continues on lines indented by six spaces; the wrapped pieces are joined with exactly
    one space (wrapping sometimes leaves a trailing blank), which rebuilds the original field.
    """
    pmid: str | None = None
    tag: str | None = None
    value = ""
    for line in [*path.read_text(encoding="utf-8-sig").splitlines(), ""]:
        if line.startswith("      ") and tag is not None:
            value = value.rstrip() + " " + line.strip()
            continue
        if tag == "AD":
            yield path.name, pmid, value.rstrip()
        match = _TAG.match(line)
        tag, value = (match.group(1).strip(), match.group(2)) if match else (None, "")
        if tag == "PMID":
            pmid = value.strip()


def seed_affiliations(path: Path) -> Iterator[Found]:
    """The "- ..." lines that follow an author's "- Name" line in a seed listing.

    In the listing each author is a "- Name" line (after a "|" separator or the "Affiliation(s)"
    heading) followed by one "- ..." line per affiliation.
    """
    in_block = False
    first_after_author = False
    pmid: str | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        found = re.search(r"\[PMID: (\d+)", line)
        if found:
            pmid = found.group(1)
        if line == "Affiliation(s)":
            in_block, first_after_author = True, True
            continue
        if line == "Collapse":
            in_block = False
        if not in_block:
            continue
        if line.startswith("|"):
            first_after_author = True
            line = line.lstrip("| ")
        if not line.startswith("- "):
            continue
        if first_after_author:  # this is the author's name
            first_after_author = False
            continue
        yield path.name, pmid, line[2:]


def distinct(found: Iterator[Found]) -> list[Found]:
    """Found strings with repeats of the same text dropped (the first occurrence is kept)."""
    seen: set[str] = set()
    kept: list[Found] = []
    for item in found:
        if item[2] not in seen:
            seen.add(item[2])
            kept.append(item)
    return kept


def draw(seed: int) -> list[Found]:
    """The whole sample: the seeded draws from every source group, then the seed listing."""
    rng = random.Random(seed)
    picked: list[Found] = []
    taken: set[str] = set()

    def take(pool: list[Found], count: int) -> None:
        fresh = [item for item in pool if item[2] not in taken]
        for item in rng.sample(fresh, min(count, len(fresh))):
            picked.append(item)
            taken.add(item[2])

    for _, files, count in XML_GROUPS:
        pool = distinct(item for name in files for item in xml_affiliations(XML / name))
        take(pool, count)
    medline = sorted(MEDLINE.glob("*.txt")) + sorted(MEDLINE.glob("*.nbib"))
    take(distinct(item for path in medline for item in medline_affiliations(path)), MEDLINE_COUNT)
    examples = sorted((XML / "examples").glob("*.xml"))
    take(distinct(item for path in examples for item in xml_affiliations(path)), EXAMPLES_COUNT)
    for path in sorted(SEEDS.glob("000_*.txt")) + sorted(SEEDS.glob("002_*.txt")):
        for item in distinct(seed_affiliations(path)):
            if item[2] not in taken:
                picked.append(item)
                taken.add(item[2])
    return picked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, help="write here instead of standard output")
    args = parser.parse_args(argv)
    if not XML.is_dir():
        print(f"sample_affiliations: {XML} is missing (shared data not present)", file=sys.stderr)
        return 2
    lines = [
        json.dumps({"source": source, "pmid": pmid, "text": text}, ensure_ascii=False)
        for source, pmid, text in draw(args.seed)
    ]
    body = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(body, encoding="utf-8")
    else:
        sys.stdout.write(body)
    print(f"sample_affiliations: {len(lines)} strings", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
