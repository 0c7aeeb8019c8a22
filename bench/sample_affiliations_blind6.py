"""Draw the strings of the sixth, blind affiliation test set (blind6.jsonl).

    python bench/sample_affiliations_blind6.py [--seed 6161] [--out drawn.jsonl]

``gold.jsonl``, ``heldout.jsonl``, ``final.jsonl``, ``blind4.jsonl`` and ``blind5.jsonl`` have
all been labelled and some of them have been looked at while the matcher was built;
``blind6.jsonl`` is another sample that nobody tuning the matcher has seen, so it must share no
string with any of them.

Procedure (kept simple so it can be repeated by hand):

* list each source file's distinct ``<Affiliation>`` texts of the article's ``AuthorList``
  authors in file order (one author's text = one string; entities decoded by lxml, inline markup
  flattened with ``itertext()``, nothing trimmed);
* shuffle each list with one ``random.Random(seed)``, source after source in ``PLAN`` order;
* take the first N of each shuffled list, skipping strings already in one of the five labelled
  files or already taken (compared case-insensitively, white space runs collapsed), and also
  any string that contains a labelled string or is contained in one (another author's copy of
  a labelled affiliation with an e-mail address added is not a new string).

Skipping instead of re-drawing means an overlap found later changes only that one pick.  No
``kg`` code is imported: a bug in kg's readers must not shape the sample that judges them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
XML_DIR = REPO.parent / "shared" / "data" / "pubmed" / "xml"
LABELLED = REPO / "tests" / "data" / "affiliations"
EXCLUDE = tuple(
    LABELLED / name
    for name in ("gold.jsonl", "heldout.jsonl", "final.jsonl", "blind4.jsonl", "blind5.jsonl")
)
SEED = 6161
PLAN: tuple[tuple[str, int], ...] = (
    ("pubmed21n1298.shared.xml.gz", 100),
    ("medline16n0902.shared.xml.gz", 20),
)

Drawn = tuple[str, str | None, str]  # (source file name, pmid, affiliation text)


def affiliations(path: Path) -> list[Drawn]:
    """Distinct author affiliation texts of one XML file, first occurrence (and PMID) kept."""
    from lxml import etree

    seen: set[str] = set()
    found: list[Drawn] = []
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as stream:
        for _, citation in etree.iterparse(stream, events=("end",), tag="MedlineCitation"):
            pmid = citation.findtext("PMID")
            for author in citation.iterfind("Article/AuthorList/Author"):
                for node in author.iter("Affiliation"):
                    text = "".join(node.itertext())
                    if text.strip() and text not in seen:
                        seen.add(text)
                        found.append((path.name, pmid, text))
            citation.clear()
    return found


def key(text: str) -> str:
    """Overlap key: case and white-space runs do not make a string new."""
    return " ".join(text.split()).casefold()


def labelled_keys() -> set[str]:
    """Keys of every ``text`` in the already labelled files (a missing file adds nothing)."""
    keys: set[str] = set()
    for path in EXCLUDE:
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    keys.add(key(json.loads(line)["text"]))
    return keys


def near_copy(k: str, exclude: set[str]) -> bool:
    """Whether ``k`` contains an excluded key or is contained in one."""
    return any(k in other or other in k for other in exclude)


def draw(seed: int, exclude: set[str]) -> tuple[list[Drawn], int]:
    """The sample in draw order and how many labelled strings were met and skipped."""
    rng = random.Random(seed)
    taken = set(exclude)
    picked: list[Drawn] = []
    skipped = 0
    for name, count in PLAN:
        pool = affiliations(XML_DIR / name)
        got = 0
        for item in rng.sample(pool, len(pool)):
            if got == count:
                break
            k = key(item[2])
            if k in taken or near_copy(k, exclude):
                skipped += k in exclude or near_copy(k, exclude)
                continue
            taken.add(k)
            picked.append(item)
            got += 1
    return picked, skipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, help="write here instead of standard output")
    args = parser.parse_args(argv)
    if not XML_DIR.is_dir():
        print(f"sample_affiliations_blind6: {XML_DIR} is missing", file=sys.stderr)
        return 2
    exclude = labelled_keys()
    picked, skipped = draw(args.seed, exclude)
    body = "".join(
        json.dumps(
            {"id": f"blind6-{n:03d}", "source": source, "pmid": pmid, "text": text},
            ensure_ascii=False,
        )
        + "\n"
        for n, (source, pmid, text) in enumerate(picked, 1)
    )
    if args.out:
        args.out.write_text(body, encoding="utf-8")
    else:
        sys.stdout.write(body)
    print(
        f"sample_affiliations_blind6: {len(picked)} strings; {len(exclude)} labelled strings "
        f"excluded, {skipped} met and skipped",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
