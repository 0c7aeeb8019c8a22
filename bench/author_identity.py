"""Benchmark: author identity measured against ORCID on real PubMed records.

Every file under the data directory is read with kg's own readers and merged into papers
exactly as ``kg build`` does (:class:`kg.graph.papers.PaperIndex`, deletions applied).
All personal-name mentions then take part in clustering, with every ORCID hidden from the
matcher; only the mentions that carry an ORCID are scored, the ORCID being the gold person.
Scores are pairwise: a pair of scored mentions is predicted when both fall in one cluster
and correct when both have the same ORCID.

Three matchers are compared: kg's resolver, a last name + first initial key (what most
quick co-authorship analyses do), and a last name + full forename key.  The resolver's time
excludes reading; the share spent looking institutions up (cold caches: ``kg build`` reuses
those lookups for its Institution nodes) is printed apart from identity's own.

    python bench/author_identity.py                       # ../shared/data/pubmed
    python bench/author_identity.py --data FILE_OR_DIR --misses 20
    python bench/author_identity.py --no-institutions     # what each kind of evidence adds
    python bench/author_identity.py --no-affiliation-words
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "pubmed"

sys.path.insert(0, str(REPO))

from kg.graph.bibliographic import paper_id  # noqa: E402
from kg.graph.institutions import institution_ids  # noqa: E402
from kg.graph.papers import PaperIndex  # noqa: E402
from kg.identity.resolver import Byline, resolve_authors  # noqa: E402
from kg.ingest import Ingest  # noqa: E402
from kg.model import Author, Deletion  # noqa: E402
from kg.normalize.names import fold  # noqa: E402

Mention = tuple[int, int]  # (byline number, position)


def read_bylines(data: Path) -> list[Byline]:
    """One byline per merged paper, as ``kg build`` would see them."""
    index = PaperIndex()
    for item in Ingest([str(data)]).items():
        if isinstance(item, Deletion):
            for pmid in item.pmids:
                index.delete(pmid)
        else:
            index.add(item)
    bylines = []
    for number, cluster in enumerate(index.clusters()):
        record = cluster.record
        first = record.authors[0].last_name if record.authors else None
        node = paper_id(record, first) or f"unidentified#{number}"
        bylines.append(Byline(node, record.authors))
    return bylines


class TimedLookup:
    """The institution lookup the resolver calls, timed (CPU), or none at all."""

    def __init__(self, lookup: Callable[[str], list[str]] | None) -> None:
        self._lookup = lookup
        self.seconds = 0.0
        self.calls = 0

    def __call__(self, text: str) -> list[str]:
        if self._lookup is None:
            return []
        started = time.process_time()
        found = self._lookup(text)
        self.seconds += time.process_time() - started
        self.calls += 1
        return found


def pair_scores(
    gold: dict[Mention, Hashable], predicted: dict[Mention, Hashable]
) -> tuple[float, float, float, int, int]:
    """Pairwise precision, recall, F1, predicted pairs and correct pairs over ``gold``."""

    def pairs(counts: Iterable[int]) -> int:
        return sum(n * (n - 1) // 2 for n in counts)

    both = Counter((predicted[m], gold[m]) for m in gold)
    correct = pairs(both.values())
    guessed = pairs(Counter(predicted[m] for m in gold).values())
    true = pairs(Counter(gold.values()).values())
    precision = correct / guessed if guessed else 1.0
    recall = correct / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, guessed, correct


def key_matcher(bylines: list[Byline], key: Callable[[Author], str]) -> dict[Mention, Hashable]:
    return {
        (number, position): key(author)
        for number, byline in enumerate(bylines)
        for position, author in enumerate(byline.authors)
        if author.orcid
    }


def initial_key(author: Author) -> str:
    given = fold(author.fore_name or author.initials or "")
    return f"{fold(author.last_name or '')}|{given[:1]}"


def forename_key(author: Author) -> str:
    return f"{fold(author.last_name or '')}|{fold(author.fore_name or author.initials or '')}"


def show_misses(
    bylines: list[Byline],
    gold: dict[Mention, Hashable],
    predicted: dict[Mention, Hashable],
    limit: int,
) -> None:
    """Gold people the resolver split, with the spellings involved: what limits recall."""
    people: dict[Hashable, list[Mention]] = defaultdict(list)
    for mention, orcid in gold.items():
        people[orcid].append(mention)
    shown = 0
    for orcid, group in sorted(people.items(), key=lambda item: str(item[0])):
        clusters = {predicted[m] for m in group}
        if len(clusters) < 2:
            continue
        print(f"  {orcid}: {len(group)} mentions in {len(clusters)} clusters")
        for number, position in group:
            author = bylines[number].authors[position]
            name = f"{author.last_name}, {author.fore_name or author.initials}"
            print(
                f"    {bylines[number].paper:<16} {name} | {'; '.join(author.affiliations)[:110]}"
            )
        shown += 1
        if shown >= limit:
            return


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="directory or file")
    parser.add_argument(
        "--no-institutions", action="store_true", help="measure without institution evidence"
    )
    parser.add_argument(
        "--no-affiliation-words", action="store_true", help="measure without affiliation words"
    )
    parser.add_argument("--misses", type=int, default=0, help="print this many split people")
    args = parser.parse_args(argv)
    if not args.data.exists():
        raise SystemExit(f"{args.data}: not found; pass --data")
    started = time.perf_counter()
    bylines = read_bylines(args.data)
    mentions = sum(1 for byline in bylines for author in byline.authors if author.last_name)
    print(
        f"data: {args.data}: {len(bylines)} papers, {mentions} author mentions "
        f"(read in {time.perf_counter() - started:.1f} s)"
    )
    gold = key_matcher(bylines, lambda author: author.orcid or "")
    lookup = TimedLookup(None if args.no_institutions else institution_ids)
    started, cpu = time.perf_counter(), time.process_time()
    resolution = resolve_authors(
        bylines,
        use_orcid=False,
        institutions=lookup,
        affiliation_words=not args.no_affiliation_words,
    )
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    predicted: dict[Mention, Hashable] = {}
    for number in range(len(bylines)):
        for position, person in enumerate(resolution.people_of(number)):
            if (number, position) in gold and person is not None:
                predicted[(number, position)] = person.id
    true_pairs = sum(n * (n - 1) // 2 for n in Counter(gold.values()).values())
    print(
        f"scored: {len(gold)} ORCID-bearing mentions of {len(set(gold.values()))} ORCIDs, "
        f"{true_pairs} gold pairs (ORCIDs hidden from the matcher)\n"
    )
    rows = [
        ("kg resolver", predicted),
        ("last name + first initial", key_matcher(bylines, initial_key)),
        ("last name + full forename", key_matcher(bylines, forename_key)),
    ]
    print(f"{'matcher':<28} {'precision':>9} {'recall':>7} {'F1':>7} {'pairs':>7} {'correct':>8}")
    for label, clusters in rows:
        precision, recall, f1, guessed, correct = pair_scores(gold, clusters)
        print(f"{label:<28} {precision:>9.4f} {recall:>7.4f} {f1:>7.4f} {guessed:>7} {correct:>8}")
    merged = Counter(reason for person in resolution.people for reason in person.merged_by)
    print(
        f"\nresolver: {seconds:.2f} s wall, {cpu:.2f} s CPU for {mentions} mentions -> "
        f"{len(resolution.people)} people; of which {lookup.seconds:.2f} s in "
        f"{lookup.calls} institution lookups (cold cache; kg build reuses them for its "
        f"Institution nodes), {cpu - lookup.seconds:.2f} s CPU identity itself"
    )
    print("merge reasons (people):", ", ".join(f"{k} {v}" for k, v in sorted(merged.items())))
    if args.misses:
        print("\nsplit people (recall misses):")
        show_misses(bylines, gold, predicted, args.misses)


if __name__ == "__main__":
    main()
