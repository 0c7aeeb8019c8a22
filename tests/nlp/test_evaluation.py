"""Scores as the literature computes them: exact spans, per-document concepts and pairs."""

from __future__ import annotations

import pytest

from kg.nlp.evaluation import score_concepts, score_mentions, score_pairs


def test_mentions_need_the_exact_span_and_type() -> None:
    text = "Systemic lupus erythematosus and lupus nephritis"
    gold = [(0, 28, "Disease"), (33, 48, "Disease")]
    predicted = [(9, 28, "Disease"), (33, 48, "Disease"), (33, 48, "Chemical")]
    score = score_mentions(predicted, gold, text, "doc")
    assert (score.tp, score.fp, score.fn) == (1, 2, 1)
    assert score.precision == pytest.approx(1 / 3)
    assert score.recall == pytest.approx(1 / 2)
    assert score.f1 == pytest.approx(0.4)
    assert "lupus erythematosus" in score.false_positives[0]


def test_concepts_match_on_any_standard_id_and_each_gold_id_counts_once() -> None:
    predicted = [
        frozenset({"MESH:D008180", "OMIM:152700"}),  # matched to OMIM:152700 ...
        frozenset({"MESH:D008180"}),  # ... so that this one can have D008180
        frozenset({"MESH:D001172"}),
        frozenset(),  # grounded to no standard id: not a concept prediction
    ]
    score = score_concepts(predicted, {"OMIM:152700", "MESH:D008180", "MESH:D003924"}, "doc")
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)
    duplicate = score_concepts(
        [frozenset({"MESH:D008180"})] * 2 + [frozenset({"MESH:D008180", "X"})], {"MESH:D008180"}
    )
    assert (duplicate.tp, duplicate.fp, duplicate.fn) == (1, 0, 0)


def test_pairs_match_on_any_id_combination() -> None:
    predicted = [
        (frozenset({"MESH:D011239"}), frozenset({"MESH:D001172", "OMIM:180300"})),
        (frozenset({"MESH:D008727"}), frozenset({"MESH:D008180"})),
    ]
    score = score_pairs(predicted, {("MESH:D011239", "OMIM:180300"), ("X", "Y")}, "doc")
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)


def test_empty_scores_are_zero_not_errors() -> None:
    score = score_pairs([], [], "doc")
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)
