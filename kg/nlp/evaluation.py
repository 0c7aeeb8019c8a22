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

    A mention grounded to no standard id (a drug known only by its INN stem) predicts no
    concept and is not counted here; it is counted at mention level.
    """
    remaining = set(gold)
    score = Score()
    for ids in {frozenset(ids) for ids in predicted if ids}:
        hit = sorted(ids & remaining)
        if hit:
            score.tp += 1
            remaining.discard(hit[0])
        elif ids & set(gold):
            continue  # another predicted concept already took this gold id: not an error
        else:
            score.fp += 1
            score.false_positives.append(f"{document}\t{'|'.join(sorted(ids)) or '-'}")
    score.fn = len(remaining)
    score.false_negatives = [f"{document}\t{identifier}" for identifier in sorted(remaining)]
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
