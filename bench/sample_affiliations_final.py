"""Draw the strings of the final affiliation test set (tests/data/affiliations/final.jsonl).

    python bench/sample_affiliations_final.py [--seed 777] [--out drawn.jsonl]

``gold.jsonl`` is what the affiliation parser and ROR matcher are developed against and
``heldout.jsonl`` has been used for a held-out figure already; ``final.jsonl`` is a third,
independently labelled sample for a figure nobody has tuned against.  It therefore shares no
string with either of the other two, and it adds sources they barely cover (the NLM sample file
and the pancreatic-cancer PubMedPortable set) so the figure is not only about one 2021 file.

How the draw works, so that it can be repeated and dropping an overlap moves nothing else:

* each group's distinct ``<Affiliation>`` texts (one author's text = one string, entities
  decoded by the XML parser, inline markup flattened with ``itertext()``, nothing trimmed) are
  listed in file order; a group of several files lists them file after file;
* one ``random.Random(seed)`` puts each group's list into a random order, group after group in
  ``PLAN`` order (so a group's order does not depend on what the groups before it skipped);
* the first N strings of each order are taken, skipping any string that is in ``gold.jsonl``
  or ``heldout.jsonl`` or was taken already, compared case-insensitively with runs of white
  space collapsed so that a near-copy cannot slip in.

Reads the XML with lxml only, never ``kg`` code, so a bug in kg's readers cannot shape the
sample.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

REPO = Path(__file__).resolve().parent.parent
XML_DIR = REPO.parent / "shared" / "data" / "pubmed" / "xml"
LABELS = REPO / "tests" / "data" / "affiliations"
EXCLUDE = (LABELS / "gold.jsonl", LABELS / "heldout.jsonl")
SEED = 777
# (files of one group, how many strings); the order is part of the procedure.
PLAN: tuple[tuple[tuple[str, ...], int], ...] = (
    (("pubmed21n1298.shared.xml.gz",), 90),
    (("medline16n0902.shared.xml.gz",), 15),
    (("medsamp2016.shared.xml.gz", "pubmedportable_pancreatic_cancer.shared.xml"), 15),
)

Drawn = tuple[str, str | None, str]  # (source file name, pmid, affiliation text)


def _open(path: Path) -> gzip.GzipFile | BinaryIO:
    return gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb")


def _walk(path: Path) -> Iterator[tuple[str | None, str]]:
    """(PMID, text) of every author affiliation of the file, in file order.

    Only the article's author list counts: investigators and group members are not the
    paper's authors, and their affiliations are typed differently in some records.
    """
    from lxml import etree

    with _open(path) as stream:
        for _, citation in etree.iterparse(stream, events=("end",), tag="MedlineCitation"):
            pmid = citation.findtext("PMID")
            for author in citation.iterfind("Article/AuthorList/Author"):
                for affiliation in author.iter("Affiliation"):
                    yield pmid, "".join(affiliation.itertext())
            citation.clear()


def group_strings(names: tuple[str, ...]) -> list[Drawn]:
    """Distinct affiliation texts of a group of files, first occurrence kept."""
    seen: set[str] = set()
    found: list[Drawn] = []
    for name in names:
        for pmid, text in _walk(XML_DIR / name):
            if text.strip() and text not in seen:
                seen.add(text)
                found.append((name, pmid, text))
    return found


def _key(text: str) -> str:
    """Comparison key for overlap: case and runs of white space do not make a new string."""
    return " ".join(text.split()).casefold()


def excluded_texts(paths: tuple[Path, ...]) -> set[str]:
    """Keys of every ``text`` in the other labelled files (a missing file excludes nothing)."""
    keys: set[str] = set()
    for path in paths:
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                keys.add(_key(json.loads(line)["text"]))
            except (ValueError, KeyError, TypeError) as error:
                message = f"{path}:{number}: expected a JSON object with a 'text' ({error})"
                raise SystemExit(message) from None
    return keys


def draw(seed: int, exclude: set[str]) -> tuple[list[Drawn], int]:
    """The final sample in draw order, and how many excluded strings the draw skipped."""
    rng = random.Random(seed)
    taken = set(exclude)
    picked: list[Drawn] = []
    skipped = 0
    for names, count in PLAN:
        pool = group_strings(names)
        order = rng.sample(pool, len(pool))
        got = 0
        for item in order:
            if got == count:
                break
            key = _key(item[2])
            if key in taken:
                skipped += key in exclude
                continue
            taken.add(key)
            picked.append(item)
            got += 1
    return picked, skipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, help="write here instead of standard output")
    args = parser.parse_args(argv)
    if not XML_DIR.is_dir():
        print(f"sample_affiliations_final: {XML_DIR} is missing", file=sys.stderr)
        return 2
    exclude = excluded_texts(EXCLUDE)
    picked, skipped = draw(args.seed, exclude)
    rows = [
        json.dumps(
            {"id": f"final-{number:03d}", "source": source, "pmid": pmid, "text": text},
            ensure_ascii=False,
        )
        for number, (source, pmid, text) in enumerate(picked, 1)
    ]
    body = "\n".join(rows) + "\n"
    if args.out:
        args.out.write_text(body, encoding="utf-8")
    else:
        sys.stdout.write(body)
    print(
        f"sample_affiliations_final: {len(rows)} strings; {len(exclude)} gold/held-out strings "
        f"excluded, {skipped} of them met and skipped in the draw",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
