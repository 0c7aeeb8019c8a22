"""Draw the strings of the held-out affiliation test set (tests/data/affiliations/heldout.jsonl).

    python bench/sample_affiliations_heldout.py [--seed 20261121] [--out drawn.jsonl]

``gold.jsonl`` is the sample the affiliation parser and ROR matcher are developed against; a
score on it says little once the matcher has been tuned to it.  The held-out set is a second,
independently labelled sample that nobody tunes against, so it has to be drawn without looking
at what the matcher does and must share no string with ``gold.jsonl``.

How the draw works, so that it can be repeated and so that dropping an overlap does not change
the rest of the sample:

* each source's distinct ``<Affiliation>`` texts (one author's text = one string, entities
  decoded by the XML parser, otherwise kept byte for byte) are listed in file order;
* one seeded generator puts each source's list into a random order (pubmed21n1298 first, then
  medline16n0902, so the second order does not depend on how many strings the first skipped);
* the first N strings of each order are taken, skipping any string that is in ``gold.jsonl``
  or was already taken from an earlier source.

When ``gold.jsonl`` grows, a newly excluded string is replaced by the next one in the same order
and every other pick stays where it was.  Reads the XML with lxml only, never ``kg`` code, so a
bug in kg's readers cannot shape the sample.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent
XML_DIR = REPO.parent / "shared" / "data" / "pubmed" / "xml"
GOLD = REPO / "tests" / "data" / "affiliations" / "gold.jsonl"
SEED = 20261121
# (source file, how many strings); the order is part of the procedure.
PLAN: tuple[tuple[str, int], ...] = (
    ("pubmed21n1298.shared.xml.gz", 100),
    ("medline16n0902.shared.xml.gz", 20),
)

Drawn = tuple[str, str | None, str]  # (source file name, pmid, affiliation text)


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb")


def affiliation_strings(path: Path) -> list[Drawn]:
    """Distinct author affiliation texts of one PubMed/MEDLINE XML file, first occurrence kept.

    Only the article's author list counts (investigators and group members are not the paper's
    authors).  ``itertext`` keeps any inline markup's text so a string is never cut short.
    """
    seen: set[str] = set()
    found: list[Drawn] = []
    for pmid, text in _walk(path):
        if text.strip() and text not in seen:
            seen.add(text)
            found.append((path.name, pmid, text))
    return found


def _walk(path: Path) -> Iterator[tuple[str | None, str]]:
    from lxml import etree

    with _open(path) as stream:
        for _, citation in etree.iterparse(stream, events=("end",), tag="MedlineCitation"):
            pmid = citation.findtext("PMID")
            for author in citation.iterfind("Article/AuthorList/Author"):
                for affiliation in author.iter("Affiliation"):
                    yield pmid, "".join(affiliation.itertext())
            citation.clear()


def _key(text: str) -> str:
    """Comparison key for overlap: case and runs of white space do not make a new string."""
    return " ".join(text.split()).casefold()


def excluded_texts(gold: Path) -> set[str]:
    """Keys of every ``text`` in the gold file (empty when the file does not exist yet)."""
    if not gold.is_file():
        return set()
    keys: set[str] = set()
    for number, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            keys.add(_key(json.loads(line)["text"]))
        except (ValueError, KeyError, TypeError) as error:
            message = f"{gold}:{number}: expected a JSON object with a 'text' ({error})"
            raise SystemExit(message) from None
    return keys


def draw(seed: int, exclude: set[str]) -> list[Drawn]:
    """The held-out sample in draw order (see the module docstring)."""
    rng = random.Random(seed)
    taken = set(exclude)
    picked: list[Drawn] = []
    for name, count in PLAN:
        pool = affiliation_strings(XML_DIR / name)
        order = rng.sample(pool, len(pool))
        got = 0
        for item in order:
            if got == count:
                break
            key = _key(item[2])
            if key in taken:
                continue
            taken.add(key)
            picked.append(item)
            got += 1
    return picked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--gold", type=Path, default=GOLD, help="strings to exclude")
    parser.add_argument("--out", type=Path, help="write here instead of standard output")
    args = parser.parse_args(argv)
    if not XML_DIR.is_dir():
        print(f"sample_affiliations_heldout: {XML_DIR} is missing", file=sys.stderr)
        return 2
    exclude = excluded_texts(args.gold)
    rows = [
        json.dumps(
            {"id": f"held-{number:03d}", "source": source, "pmid": pmid, "text": text},
            ensure_ascii=False,
        )
        for number, (source, pmid, text) in enumerate(draw(args.seed, exclude), 1)
    ]
    body = "\n".join(rows) + "\n"
    if args.out:
        args.out.write_text(body, encoding="utf-8")
    else:
        sys.stdout.write(body)
    print(
        f"sample_affiliations_heldout: {len(rows)} strings ({len(exclude)} gold strings excluded)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
