"""Benchmark: concept recognition and relation extraction on a real PubMed update file.

    python bench/annotate.py [--data FILE.xml.gz] [--limit N]

Prints, on one core:

* lexicon load time: compiling from the TSV files (first run after a lexicon change) and
  loading the compiled cache in a fresh process (every later run);
* annotation throughput of the whole per-record stage ``kg build`` runs (recognition of title,
  abstract and keywords, MeSH grounding, sentences, study design, relations) in abstracts/s;
* recognition alone against the usual pure-Python alternative (look up every token n-gram of
  up to 8 words in a dict of the same keys), as a ratio;
* peak memory of the process.

Records are parsed before the clock starts: parsing has its own benchmark (bench/parse.py).
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "pubmed" / "xml" / "pubmed21n1298.shared.xml.gz"


def _records(path: Path, limit: int | None) -> list:  # type: ignore[type-arg]
    from kg.model import Record
    from kg.readers.pubmed_xml import read
    from kg.readers.source import InputSource

    records = []
    for item in read(InputSource(path)):
        if isinstance(item, Record):
            records.append(item)
            if limit is not None and len(records) >= limit:
                break
    return records


def _fresh_process_load_seconds() -> float:
    code = (
        "import time; t = time.perf_counter(); from kg.nlp.lexicon import load_lexicon; "
        "load_lexicon(); print(time.perf_counter() - t)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return float(output.strip())


_TOKEN = re.compile(r"\w+")


def _naive_recognise(keys: set[str], text: str, longest: int = 8) -> int:
    """Greedy longest n-gram lookup over folded tokens: the textbook dictionary tagger."""
    from kg.nlp.normalize import normalize_text

    tokens = _TOKEN.findall(normalize_text(text))
    found = 0
    position = 0
    while position < len(tokens):
        for size in range(min(longest, len(tokens) - position), 0, -1):
            if " ".join(tokens[position : position + size]) in keys:
                found += 1
                position += size
                break
        else:
            position += 1
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"data file not found: {args.data}", file=sys.stderr)
        return 2

    from kg.nlp.annotate import Annotator, record_fields
    from kg.nlp.lexicon import compile_lexicon, load_lexicon
    from kg.resources import data_dir

    started = time.perf_counter()
    compiled = compile_lexicon(data_dir("ontology") / "lexicon")
    compile_seconds = time.perf_counter() - started
    load_lexicon()  # make sure the cache exists
    fresh = _fresh_process_load_seconds()
    print(
        f"lexicon: {len(compiled.concepts):,} concepts, {compiled.key_count:,} keys; "
        f"compile {compile_seconds:.2f} s, load from cache in a fresh process {fresh:.2f} s"
    )

    records = _records(args.data, args.limit)
    with_abstract = sum(1 for record in records if record.abstract)
    print(f"records: {len(records):,} ({with_abstract:,} with an abstract) from {args.data.name}")

    annotator = Annotator(load_lexicon())
    mentions = relations = 0
    started = time.perf_counter()
    for record in records:
        annotation = annotator.annotate_record(record)
        mentions += len(annotation.mentions)
        relations += len(annotation.relations)
    seconds = time.perf_counter() - started
    print(
        f"annotate_record: {seconds:.2f} s, {len(records) / seconds:,.0f} records/s, "
        f"{with_abstract / seconds:,.0f} abstracts/s; {mentions:,} mentions, "
        f"{relations:,} relations"
    )

    texts = [record_fields(record) for record in records]
    started = time.perf_counter()
    for fields in texts:
        annotator.recognizer.recognize(fields)
    ours = time.perf_counter() - started

    keys: set[str] = set()
    # The naive tagger gets the same folded keys the automaton holds.
    for key, _ in compiled.automaton.items():
        if key.startswith(" "):
            keys.add(key.strip())
    started = time.perf_counter()
    for fields in texts:
        for _, text in fields:
            _naive_recognise(keys, text)
    naive = time.perf_counter() - started
    print(
        f"recognition alone: {len(records) / ours:,.0f} records/s; naive n-gram dict "
        f"{len(records) / naive:,.0f} records/s; ratio {naive / ours:.1f}x"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:,.0f} MB (lexicon, records of the whole file and the naive keys)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
