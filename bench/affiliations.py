"""How well affiliations are parsed and grounded to ROR, against the hand-labelled sample.

    python bench/affiliations.py [--gold tests/data/affiliations/gold.jsonl] [--errors]

Prints, for the ROR ids kg gives (``kg.institutions.grounding``):
- precision and recall over (affiliation, ROR id) pairs, counting only organisations the gold
  file grounds (an organisation absent from the partial ROR dump has no id to find);
- how often a wrong id is the gold organisation's parent (a near miss a reader may forgive);
- country: share of affiliations stating a country for which kg gives the right ISO code;
- the place fields (city, postal code) and departments of the first organisation;
- throughput on the sample (grounding cache cold).
``--errors`` lists every wrong or missed id with the text, for reading.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from kg.extract.affiliations import parse_affiliation
from kg.institutions.grounding import ground_affiliation

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "tests" / "data" / "affiliations" / "gold.jsonl"


def _bare(ror: str | None) -> str | None:
    return ror.removeprefix("https://ror.org/") if ror else None


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a"


def evaluate(gold: list[dict[str, Any]], show_errors: bool) -> None:
    started = time.perf_counter()
    predictions = [ground_affiliation(entry["text"]) for entry in gold]
    seconds = time.perf_counter() - started
    true_positive = false_positive = false_negative = parent_misses = 0
    country_right = country_stated = country_given = 0
    fields = {"city": [0, 0], "postal_code": [0, 0], "department": [0, 0]}
    organisations_gold = organisations_found = 0
    for entry, predicted in zip(gold, predictions, strict=True):
        organisations = entry["organisations"]
        organisations_gold += len(organisations)
        organisations_found += len(predicted)
        wanted = {_bare(o["ror"]) for o in organisations if o.get("ror")}
        parents = {_bare(o.get("parent_ror")) for o in organisations if o.get("parent_ror")}
        given = {item.ror for item in predicted if item.ror}
        true_positive += len(given & wanted)
        wrong = given - wanted
        false_positive += len(wrong)
        parent_misses += len(wrong & parents)
        missed = wanted - given
        false_negative += len(missed)
        if show_errors and (wrong or missed):
            names = [f"{item.ror}={item.name}" for item in predicted if item.ror in wrong]
            print(f"{entry['id']}: wrong {names} missed {sorted(missed)}\n    {entry['text']}")
        if entry.get("country_stated"):
            country_stated += 1
            codes = [parsed.country_code for parsed in parse_affiliation(entry["text"])]
            codes = [code for code in codes if code]
            country_given += bool(codes)
            country_right += bool(codes) and codes[0] == entry["country"]
            if show_errors and (not codes or codes[0] != entry["country"]):
                print(f"{entry['id']}: country {codes} != {entry['country']}\n    {entry['text']}")
        if organisations and predicted:
            first, mine = organisations[0], predicted[0]
            for name, counts in fields.items():
                if first.get(name):
                    counts[1] += 1
                    counts[0] += (getattr(mine, name) or "").casefold() == first[name].casefold()
    precision = true_positive / (true_positive + false_positive) if true_positive else 0.0
    recall = true_positive / (true_positive + false_negative) if true_positive else 0.0
    print(
        f"affiliations: {len(gold)}; organisations labelled {organisations_gold}, "
        f"found {organisations_found}; grounded in gold {true_positive + false_negative}"
    )
    print(
        f"ROR precision {precision:.3f} ({true_positive}/{true_positive + false_positive})  "
        f"recall {recall:.3f} ({true_positive}/{true_positive + false_negative})"
    )
    print(f"wrong ids that are the gold organisation's parent: {parent_misses}")
    print(
        f"country right where stated: {_ratio(country_right, country_stated)}; "
        f"any country given: {_ratio(country_given, country_stated)}"
    )
    for name, (right, total) in fields.items():
        print(f"{name} of the first organisation exact: {_ratio(right, total)}")
    print(
        f"grounding: {len(gold) / seconds:,.0f} affiliations/s cold "
        "(includes loading the ROR index once)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--errors", action="store_true", help="list every error")
    arguments = parser.parse_args()
    lines = arguments.gold.read_text(encoding="utf-8").splitlines()
    evaluate([json.loads(line) for line in lines if line.strip()], arguments.errors)


if __name__ == "__main__":
    main()
