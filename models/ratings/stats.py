"""Rating statistics (满意率, 差评率, 主动评价率, 回访率, 整改率, score) over pre-counted figures.

Every formula takes counts already aggregated by the caller (one SQL GROUP BY),
so the same code serves a matter, a department or a region.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from fractions import Fraction

# Rates are fractions rounded to 4 places, i.e. a percentage with 2 decimals
# (Decimal("0.9524") = 95.24 %); the score has 2 decimals like the public pages.
RATE_PLACES = Decimal("0.0001")
SCORE_PLACES = Decimal("0.01")

_LEVELS = (1, 2, 3, 4, 5)
_BAD = (1, 2)
_SATISFIED = (3, 4, 5)


@dataclass(frozen=True)
class RatingCounts:
    """Counts for one unit (matter, department or region) and period.

    ``by_level`` counts **valid** ratings only: a rating whose appeal was upheld
    is in ``invalidated`` and nowhere else, because it leaves the statistics.
    ``bad_contacted`` and ``bad_rectified`` count valid 差评 that were called
    back / rectified.
    """

    by_level: Mapping[int, int]
    invalidated: int
    concluded_applications: int
    bad_contacted: int
    bad_rectified: int

    def __post_init__(self) -> None:
        unknown = set(self.by_level) - set(_LEVELS)
        if unknown:
            raise ValueError(f"levels outside 1..5: {sorted(unknown)}")
        figures = [*self.by_level.values(), self.invalidated, self.concluded_applications]
        figures += [self.bad_contacted, self.bad_rectified]
        if any(n < 0 for n in figures):
            raise ValueError("counts must not be negative")
        if self.bad_contacted > self.bad or self.bad_rectified > self.bad:
            raise ValueError("contacted/rectified 差评 cannot exceed the 差评 count")

    @property
    def valid(self) -> int:
        return sum(self.by_level.values())

    @property
    def bad(self) -> int:
        return sum(self.by_level.get(level, 0) for level in _BAD)


def satisfaction_rate(counts: RatingCounts) -> Decimal | None:
    """满意率 = levels 3–5 / valid ratings."""
    satisfied = sum(counts.by_level.get(level, 0) for level in _SATISFIED)
    return _rate(satisfied, counts.valid)


def bad_rate(counts: RatingCounts) -> Decimal | None:
    """差评率 = levels 1–2 / valid ratings."""
    return _rate(counts.bad, counts.valid)


def active_rating_rate(counts: RatingCounts) -> Decimal | None:
    """主动评价率 = valid ratings / concluded applications.

    Pass online (一事一评) counts: on-site ratings are per visit, not per
    application, and would push the rate past 100 %.
    """
    return _rate(counts.valid, counts.concluded_applications)


def contact_rate(counts: RatingCounts) -> Decimal | None:
    """回访率 = 差评 called back / 差评 (target 100 %)."""
    return _rate(counts.bad_contacted, counts.bad)


def rectification_rate(counts: RatingCounts) -> Decimal | None:
    """整改率 = 差评 rectified / 差评 (target 100 %)."""
    return _rate(counts.bad_rectified, counts.bad)


def score(counts: RatingCounts) -> Decimal | None:
    """Mean level of valid ratings, 0–5 with two decimals; None without ratings."""
    total = sum(level * n for level, n in counts.by_level.items())
    return _divide(total, counts.valid, SCORE_PLACES)


@dataclass(frozen=True)
class RankedUnit:
    """One row of a 差评率 ranking; ``rank`` starts at 1 and is never shared."""

    rank: int
    unit: str
    bad_rate: Decimal | None
    valid_ratings: int


def rank_by_bad_rate(rows: Iterable[tuple[str, RatingCounts]]) -> list[RankedUnit]:
    """Rank units (region or department codes) from the lowest 差评率 to the highest.

    Ties are broken by more valid ratings first (0 % over 1,000 ratings says more
    than 0 % over 2), then by unit code, so the order never depends on input order.
    Units without ratings have no rate and come last. Rates are compared exactly,
    not after rounding.
    """
    rows = list(rows)
    units = [unit for unit, _ in rows]
    if len(set(units)) != len(units):
        raise ValueError("each unit may appear only once in a ranking")

    def key(row: tuple[str, RatingCounts]) -> tuple[bool, Fraction, int, str]:
        unit, counts = row
        if counts.valid == 0:
            return (True, Fraction(0), 0, unit)
        return (False, Fraction(counts.bad, counts.valid), -counts.valid, unit)

    return [
        RankedUnit(rank=i, unit=unit, bad_rate=bad_rate(counts), valid_ratings=counts.valid)
        for i, (unit, counts) in enumerate(sorted(rows, key=key), start=1)
    ]


def _rate(part: int, whole: int) -> Decimal | None:
    return _divide(part, whole, RATE_PLACES)


def _divide(numerator: int, denominator: int, places: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    # A private context: the result must not depend on whatever precision the
    # process-wide decimal context happens to have.
    with localcontext(Context(prec=28)):
        return (Decimal(numerator) / Decimal(denominator)).quantize(places, ROUND_HALF_UP)
