"""Draw the strings of the blind affiliation samples (heldout, final, blind4 to blind68).

    python bench/sample_affiliations_blind.py SET [--out drawn.jsonl]
    python bench/sample_affiliations_blind.py --check      # every set reproduces its file

Each sample was drawn, labelled by a labeller who never saw the matcher, and measured once
before anyone read its errors (README, "Institutions, grounded to ROR"); so each must share no
string with the samples labelled before it.  The labels are the labellers' own; this script
only reproduces which strings they were given.

Procedure (the same for every set, so it can be repeated by hand):

* list each source group's distinct ``<Affiliation>`` texts of the article's ``AuthorList``
  authors in file order (one author's text = one string; entities decoded by lxml, inline
  markup flattened with ``itertext()``, nothing trimmed);
* shuffle each group's list with one ``random.Random(seed)``, group after group in plan order;
* take the first N of each, skipping strings of the earlier samples or already taken (compared
  case-insensitively, white-space runs collapsed) — and, from blind6 on, strings that contain
  an earlier sample's string or are contained in one (another author's copy of a labelled
  affiliation with an e-mail address added is not a new string);
* from blind11 on, also skip the strings listed in ``seen_in_development.txt`` (read while the
  matcher was developed, in no labelled file); a ``# from blindN on`` line there makes the
  strings after it count from blindN on, so that earlier draws still reproduce.

No ``kg`` code is imported: a bug in kg's readers must not shape the sample that judges them.
``bench/sample_affiliations.py`` draws the first, development sample (``gold.jsonl``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
XML_DIR = REPO.parent / "shared" / "data" / "pubmed" / "xml"
LABELLED = REPO / "tests" / "data" / "affiliations"

Drawn = tuple[str, str | None, str]  # (source file name, pmid, affiliation text)
_N1298 = ("pubmed21n1298.shared.xml.gz",)
_N0902 = ("medline16n0902.shared.xml.gz",)


@dataclass(frozen=True)
class Sample:
    """How one blind sample was drawn."""

    file: str
    prefix: str  # ids are prefix-001, prefix-002...
    seed: int
    plan: tuple[tuple[tuple[str, ...], int], ...]  # (files pooled as one group, how many)
    after: tuple[str, ...]  # the samples labelled before it
    skip_near_copies: bool = False
    skip_seen: bool = False  # also skip the strings of seen_in_development.txt
    number: int = 0  # N of blindN (0 for the others): which seen strings apply


def _in_order(
    *drawn: tuple[str, str, int, tuple[tuple[tuple[str, ...], int], ...]],
) -> dict[str, Sample]:
    """The samples in the order they were labelled: each skips every sample before it, near
    copies from blind6 on and the development-time reads from blind11 on."""
    samples: dict[str, Sample] = {}
    for name, prefix, seed, plan in drawn:
        number = int(name[5:]) if name.startswith("blind") else 0
        samples[name] = Sample(
            f"{name}.jsonl",
            prefix,
            seed,
            plan,
            ("gold", *samples),
            skip_near_copies=number >= 6,
            skip_seen=number >= 11,
            number=number,
        )
    return samples


_N0014 = ("pubmed20n0014.shared.xml.gz",)
_SMALL = ("medsamp2016.shared.xml.gz", "pubmedportable_pancreatic_cancer.shared.xml")
_MODERN = ((_N1298, 100), (_N0902, 20))
_N0902_FIRST = ((_N0902, 80), (_N1298, 40))
# medline16n0902 ran out with blind34 (78 strings were left).
_N1298_ONLY = ((_N1298, 120),)

SAMPLES: dict[str, Sample] = _in_order(
    ("heldout", "held", 20261121, _MODERN),
    ("final", "final", 777, ((_N1298, 90), (_N0902, 15), (_SMALL, 15))),
    ("blind4", "blind4", 4242, _MODERN),
    ("blind5", "blind5", 5151, _MODERN),
    ("blind6", "blind6", 6161, _MODERN),
    ("blind7", "blind7", 7171, _MODERN),
    ("blind8", "blind8", 8181, _MODERN),
    ("blind9", "blind9", 9191, _MODERN),
    ("blind10", "blind10", 1010, ((_N0014, 80), (_SMALL, 40))),
    ("blind11", "blind11", 1111, _MODERN),
    ("blind12", "blind12", 1212, ((_N0014, 90), (_SMALL, 30))),
    ("blind13", "blind13", 1313, _MODERN),
    ("blind14", "blind14", 1414, ((_N0014, 80), (_N0902, 40))),
    ("blind15", "blind15", 1515, _MODERN),
    ("blind16", "blind16", 1616, ((_N0014, 10), (_SMALL, 40), (_N0902, 70))),
    ("blind17", "blind17", 1717, _MODERN),
    ("blind18", "blind18", 1818, ((_N0014, 1), (_SMALL, 11), (_N0902, 108))),
    # blind19 ... blind33: seed 1919 ... 3333, odd ones mostly 2021 records, even ones mostly 2016.
    *(
        (f"blind{n}", f"blind{n}", 101 * n, _MODERN if n % 2 else _N0902_FIRST)
        for n in range(19, 34)
    ),
    ("blind34", "blind34", 3434, ((_N0902, 78), (_N1298, 42))),
    # From blind35 on, pubmed21n1298 alone; seed 3535 for blind35 ... 6868 for blind68.
    *((f"blind{n}", f"blind{n}", 101 * n, _N1298_ONLY) for n in range(35, 69)),
)


def group_strings(names: tuple[str, ...]) -> list[Drawn]:
    """Distinct author affiliation texts of a group of files, first occurrence (and PMID) kept."""
    from lxml import etree

    seen: set[str] = set()
    found: list[Drawn] = []
    for name in names:
        path = XML_DIR / name
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rb") as stream:
            for _, citation in etree.iterparse(stream, events=("end",), tag="MedlineCitation"):
                pmid = citation.findtext("PMID")
                for author in citation.iterfind("Article/AuthorList/Author"):
                    for node in author.iter("Affiliation"):
                        text = "".join(node.itertext())
                        if text.strip() and text not in seen:
                            seen.add(text)
                            found.append((name, pmid, text))
                citation.clear()
    return found


def key(text: str) -> str:
    """Overlap key: case and white-space runs do not make a string new."""
    return " ".join(text.split()).casefold()


def earlier_keys(sample: Sample) -> set[str]:
    """Keys of every ``text`` in the samples labelled before ``sample`` (and, when the sample
    says so, of the strings read while the matcher was developed)."""
    keys: set[str] = set()
    if sample.skip_seen:
        applies = True  # a "# from blindN on" line: the strings after it, for blindN and later
        for line in (LABELLED / "seen_in_development.txt").read_text(encoding="utf-8").splitlines():
            if line.startswith("# from blind"):
                applies = sample.number >= int(line.split()[2].removeprefix("blind"))
            elif line.strip() and not line.startswith("#") and applies:
                keys.add(key(line))
    for name in sample.after:
        for line in (LABELLED / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                keys.add(key(json.loads(line)["text"]))
    return keys


def draw(sample: Sample) -> list[dict[str, str | None]]:
    """The sample's strings in draw order, with their ids."""
    exclude = earlier_keys(sample)
    rng = random.Random(sample.seed)
    taken = set(exclude)
    picked: list[Drawn] = []
    for names, count in sample.plan:
        pool = group_strings(names)
        got = 0
        for item in rng.sample(pool, len(pool)):
            if got == count:
                break
            k = key(item[2])
            near = sample.skip_near_copies and any(k in o or o in k for o in exclude)
            if k in taken or near:
                continue
            taken.add(k)
            picked.append(item)
            got += 1
    return [
        {"id": f"{sample.prefix}-{n:03d}", "source": source, "pmid": pmid, "text": text}
        for n, (source, pmid, text) in enumerate(picked, 1)
    ]


def check() -> int:
    """Whether every set's draw gives back its labelled file's ids, sources, PMIDs and texts."""
    failed = 0
    for name, sample in SAMPLES.items():
        rows = [
            json.loads(line)
            for line in (LABELLED / sample.file).read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        labelled = [{k: row[k] for k in ("id", "source", "pmid", "text")} for row in rows]
        same = draw(sample) == labelled
        failed += not same
        print(f"{name}: {'reproduced' if same else 'DIFFERS'} ({len(labelled)} strings)")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("sample", nargs="?", choices=sorted(SAMPLES))
    parser.add_argument("--out", type=Path, help="write here instead of standard output")
    parser.add_argument("--check", action="store_true", help="check every set reproduces")
    args = parser.parse_args(argv)
    if not XML_DIR.is_dir():
        print(f"sample_affiliations_blind: {XML_DIR} is missing", file=sys.stderr)
        return 2
    if args.check:
        return check()
    if args.sample is None:
        parser.error("give a SAMPLE or --check")
    body = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in draw(SAMPLES[args.sample]))
    if args.out:
        args.out.write_text(body, encoding="utf-8")
    else:
        sys.stdout.write(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
