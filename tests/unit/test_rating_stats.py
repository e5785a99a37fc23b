"""Rating statistics against figures worked out by hand."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest

from models.ratings.stats import (
    RatingCounts,
    active_rating_rate,
    bad_rate,
    contact_rate,
    rank_by_bad_rate,
    rectification_rate,
    satisfaction_rate,
    score,
)


def counts(
    by_level: dict[int, int],
    *,
    invalidated: int = 0,
    concluded: int = 0,
    contacted: int = 0,
    rectified: int = 0,
) -> RatingCounts:
    return RatingCounts(by_level, invalidated, concluded, contacted, rectified)


# 5: 60, 4: 25, 3: 8, 2: 4, 1: 3 → valid = 100, 差评 = 7; 2 more were invalidated on appeal.
SAMPLE = counts(
    {5: 60, 4: 25, 3: 8, 2: 4, 1: 3}, invalidated=2, concluded=160, contacted=7, rectified=5
)


def test_satisfaction_rate_counts_levels_three_to_five_over_valid():
    # (60 + 25 + 8) / 100 = 0.93
    assert satisfaction_rate(SAMPLE) == Decimal("0.9300")


def test_bad_rate_counts_levels_one_and_two_over_valid():
    # (4 + 3) / 100 = 0.07; the 2 invalidated ratings are in neither figure.
    assert bad_rate(SAMPLE) == Decimal("0.0700")


def test_active_rating_rate_is_ratings_over_concluded_applications():
    # 100 / 160 = 0.625
    assert active_rating_rate(SAMPLE) == Decimal("0.6250")


def test_contact_and_rectification_rates_are_over_bad_ratings():
    # 回访率 7 / 7 = 1; 整改率 5 / 7 = 0.714285… → 0.7143
    assert contact_rate(SAMPLE) == Decimal("1.0000")
    assert rectification_rate(SAMPLE) == Decimal("0.7143")


def test_score_is_the_mean_level_with_two_decimals():
    # (5·60 + 4·25 + 3·8 + 2·4 + 1·3) / 100 = (300 + 100 + 24 + 8 + 3) / 100 = 4.35
    assert score(SAMPLE) == Decimal("4.35")


def test_rounding_is_half_up():
    # score: (5 + 4 + 4 + 4 + 4 + 4 + 4 + 4) / 8 = 33 / 8 = 4.125 → 4.13 (half-even would give 4.12)
    assert score(counts({5: 1, 4: 7})) == Decimal("4.13")
    # rate: 1 / 32 = 0.03125 → 0.0313 (half-even: 0.0312)
    assert bad_rate(counts({1: 1, 5: 31})) == Decimal("0.0313")


def test_results_do_not_depend_on_the_global_decimal_context():
    with localcontext() as ctx:
        ctx.prec = 2
        # 5 / 7 = 0.714285… even though the caller's context keeps only 2 digits.
        assert rectification_rate(SAMPLE) == Decimal("0.7143")


def test_zero_denominators_give_none():
    empty = counts({})
    assert satisfaction_rate(empty) is None
    assert bad_rate(empty) is None
    assert score(empty) is None
    assert active_rating_rate(empty) is None  # no concluded applications
    # Ratings but no 差评: 回访率 and 整改率 have nothing to measure.
    assert contact_rate(counts({5: 3})) is None
    assert rectification_rate(counts({5: 3})) is None


@pytest.mark.parametrize(
    "make",
    [
        lambda: counts({6: 1}),
        lambda: counts({5: -1}),
        lambda: counts({1: 1}, contacted=2),
        lambda: counts({1: 1}, rectified=2),
        lambda: counts({5: 1}, invalidated=-1),
    ],
)
def test_inconsistent_counts_are_rejected(make):
    with pytest.raises(ValueError):
        make()


def test_ranking_goes_from_lowest_to_highest_bad_rate():
    rows = [
        ("330106", counts({1: 3, 5: 7})),  # 3 / 10 = 0.30
        ("330102", counts({1: 1, 5: 9})),  # 1 / 10 = 0.10
        ("330105", counts({2: 1, 4: 4})),  # 1 / 5 = 0.20
    ]
    ranked = rank_by_bad_rate(rows)
    assert [(r.rank, r.unit, r.bad_rate) for r in ranked] == [
        (1, "330102", Decimal("0.1000")),
        (2, "330105", Decimal("0.2000")),
        (3, "330106", Decimal("0.3000")),
    ]


def test_ranking_breaks_ties_by_volume_then_code_whatever_the_input_order():
    rows = [
        ("330110", counts({1: 1, 5: 9})),  # 1 / 10 = 0.10
        ("330109", counts({1: 1, 5: 9})),  # 1 / 10 = 0.10, same volume: code decides
        ("330108", counts({1: 10, 5: 90})),  # 10 / 100 = 0.10 over more ratings: first
        ("330199", counts({})),  # no ratings: last
    ]
    expected = ["330108", "330109", "330110", "330199"]
    assert [r.unit for r in rank_by_bad_rate(rows)] == expected
    assert [r.unit for r in rank_by_bad_rate(reversed(rows))] == expected
    assert rank_by_bad_rate(rows)[-1].bad_rate is None


def test_ranking_compares_exact_rates_not_rounded_ones():
    # 330102: 1 / 30000 = 0.0000333…; 330101: 2 / 50000 = 0.00004. Both show as
    # 0.0000, and volume or code would put 330101 first, but 330102's rate is lower.
    rows = [("330101", counts({1: 2, 5: 49998})), ("330102", counts({1: 1, 5: 29999}))]
    ranked = rank_by_bad_rate(rows)
    assert [r.unit for r in ranked] == ["330102", "330101"]
    assert ranked[0].bad_rate == ranked[1].bad_rate == Decimal("0.0000")


def test_ranking_refuses_a_unit_listed_twice():
    with pytest.raises(ValueError):
        rank_by_bad_rate([("330102", counts({5: 1})), ("330102", counts({1: 1}))])
