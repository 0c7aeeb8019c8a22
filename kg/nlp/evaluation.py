"""Scoring recognition and relations against annotated corpora (PubTator gold standards).

Three measures, the ones the literature reports, so our figures are comparable:

* mention level: a predicted mention is right when its span (start, end) and its type equal
  a gold mention's;
* concept level: per document, the set of concepts; a predicted concept is right when one of
  its MeSH/OMIM ids is among the document's gold ids (each gold id counts once);
* relation level: per document, the set of (source id, target id) pairs of one relation type.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["Score", "score_concepts", "score_mentions", "score_pairs"]


@dataclass
class Score:
    """True positives, false positives and false negatives, with the usual ratios."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.false_positives.extend(other.false_positives)
        self.false_negatives.extend(other.false_negatives)

    def line(self) -> str:
        return (
            f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


Span = tuple[int, int, str]  # start, end, type


def score_mentions(
    predicted: Iterable[Span], gold: Iterable[Span], text: str = "", document: str = ""
) -> Score:
    """Exact span-and-type matching of one document's mentions."""
    predicted_set = set(predicted)
    gold_set = set(gold)
    score = Score(tp=len(predicted_set & gold_set))
    wrong = sorted(predicted_set - gold_set)
    missed = sorted(gold_set - predicted_set)
    score.fp = len(wrong)
    score.fn = len(missed)
    score.false_positives = [f"{document}\t{s}\t{e}\t{kind}\t{text[s:e]}" for s, e, kind in wrong]
    score.false_negatives = [f"{document}\t{s}\t{e}\t{kind}\t{text[s:e]}" for s, e, kind in missed]
    return score


def score_concepts(
    predicted: Iterable[frozenset[str]], gold: Iterable[str], document: str = ""
) -> Score:
    """One document: each predicted concept is the set of its standard ids.

    Predicted concepts are matched one-to-one to gold ids (a maximum matching, so the score
    does not depend on order): a matched concept is right; an unmatched one is wrong unless
    one of its ids is a gold id another concept already took (a duplicate, not an error);
    unmatched gold ids are missed.  A mention grounded to no standard id (a drug known only by
    its INN stem) predicts no concept and is counted at mention level only.
    """
    gold_ids = sorted(set(gold))
    concepts = sorted({frozenset(ids) for ids in predicted if ids}, key=sorted)
    owner: dict[str, int] = {}  # gold id -> index of the concept matched to it

    def augment(concept: int, seen: set[str]) -> bool:
        for identifier in sorted(concepts[concept] & set(gold_ids)):
            if identifier in seen:
                continue
            seen.add(identifier)
            if identifier not in owner or augment(owner[identifier], seen):
                owner[identifier] = concept
                return True
        return False

    for index in range(len(concepts)):
        augment(index, set())
    matched = set(owner.values())
    score = Score(tp=len(matched))
    for index, ids in enumerate(concepts):
        if index not in matched and not ids & set(gold_ids):
            score.fp += 1
            score.false_positives.append(f"{document}\t{'|'.join(sorted(ids))}")
    missed = [identifier for identifier in gold_ids if identifier not in owner]
    score.fn = len(missed)
    score.false_negatives = [f"{document}\t{identifier}" for identifier in missed]
    return score


def score_pairs(
    predicted: Iterable[tuple[frozenset[str], frozenset[str]]],
    gold: Iterable[tuple[str, str]],
    document: str = "",
) -> Score:
    """One document's relation pairs of one type.

    A predicted pair joins two concepts, each with all its standard ids; it is right when
    some combination of their ids is a gold pair (each gold pair counts once).
    """
    remaining = set(gold)
    score = Score()
    for sources, targets in set(predicted):
        hits = sorted((a, b) for a in sources for b in targets if (a, b) in remaining)
        if hits:
            score.tp += 1
            remaining.discard(hits[0])
        else:
            score.fp += 1
            source = "|".join(sorted(sources)) or "-"
            target = "|".join(sorted(targets)) or "-"
            score.false_positives.append(f"{document}\t{source}\t{target}")
    score.fn = len(remaining)
    score.false_negatives = [f"{document}\t{a}\t{b}" for a, b in sorted(remaining)]
    return score
