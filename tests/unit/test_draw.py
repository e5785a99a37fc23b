"""Tests for the publicly verifiable 双随机 draw."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from collections import Counter
from decimal import Decimal

import pytest

from models.errors import Refusal
from models.inspections.draw import (
    Assignment,
    DrawInputs,
    DrawResult,
    DrawStream,
    Exclusion,
    canonical_inputs,
    draw,
    inputs_digest,
    seed_commitment,
    stratum_size,
    verify_commitment,
    verify_draw,
)

# Upper 0.1 % points of the chi-square distribution (p = 0.001).
CHI2_CRIT_9_DOF = 27.88
CHI2_CRIT_170_DOF = 232.8


def seed(n: int) -> bytes:
    """A fixed 32-byte seed per number, so tests never depend on os.urandom."""
    return hashlib.sha256(f"test-seed-{n}".encode()).digest()


def subjects(count: int, grade: str = "B", prefix: str = "S", done: int = 0) -> list[tuple]:
    return [(f"{prefix}{i:03d}", grade, "低", "330106", done) for i in range(count)]


def inspectors(count: int) -> list[tuple]:
    return [(f"I{i:02d}", "市场监管局", ("食品",)) for i in range(count)]


def make(**overrides: object) -> DrawInputs:
    values: dict[str, object] = {
        "plan_id": "PLAN-2025-001",
        "items": ("食品经营许可检查", "价格检查"),
        "subjects": subjects(40, "A") + subjects(40, "C", prefix="T"),
        "inspectors": inspectors(8),
        "conflicts": {("I00", "S001"), ("I01", "T002")},
        "yearly_cap": 2,
        "base_ratio": Decimal("0.1"),
    }
    values.update(overrides)
    return DrawInputs(**values)  # type: ignore[arg-type]


def test_same_seed_and_inputs_give_the_same_result() -> None:
    assert draw(make(), seed(1)) == draw(make(), seed(1))


def test_different_seeds_give_different_results() -> None:
    assert draw(make(), seed(1)).assignments != draw(make(), seed(2)).assignments


def test_input_order_does_not_change_the_result() -> None:
    base = make()
    shuffled = make(
        subjects=list(reversed(base.subjects)),
        items=tuple(reversed(base.items)),
        inspectors=list(reversed(base.inspectors)),
    )
    assert canonical_inputs(shuffled) == canonical_inputs(make())
    assert draw(shuffled, seed(3)) == draw(make(), seed(3))


def test_result_records_the_inputs_digest() -> None:
    inputs = make()
    assert draw(inputs, seed(1)).inputs_digest == inputs_digest(inputs)
    assert inputs_digest(inputs) == hashlib.sha256(canonical_inputs(inputs)).hexdigest()


def test_canonical_inputs_are_compact_sorted_utf8_json() -> None:
    inputs = make(
        subjects=subjects(1), inspectors=inspectors(2), conflicts=set(), base_ratio=Decimal("0.050")
    )
    text = canonical_inputs(inputs).decode("utf-8")
    assert text.startswith('{"algorithm":"zhengwu-draw/v1","base_ratio":"0.05","conflicts":[],')
    assert '"items":["价格检查","食品经营许可检查"]' in text
    assert " " not in text


def test_known_answer_stays_fixed_so_old_draws_remain_verifiable() -> None:
    # Any change to the algorithm breaks this vector: bump ALGORITHM instead.
    inputs = make(
        subjects=subjects(5), inspectors=inspectors(4), conflicts=set(), count=2, base_ratio=None
    )
    result = draw(inputs, bytes(range(32)))
    # Cross-checked against an independent Node.js implementation of the docstring.
    assert result.assignments == (
        Assignment("S000", ("I03", "I01")),
        Assignment("S002", ("I01", "I02")),
    )


def test_stream_is_hmac_sha256_of_digest_and_big_endian_counter() -> None:
    key, digest = seed(7), bytes(32)
    stream = DrawStream(key, digest)
    expected = b"".join(
        hmac.new(key, digest + i.to_bytes(8, "big"), hashlib.sha256).digest() for i in range(2)
    )
    assert stream.read(10) + stream.read(54) == expected


def test_below_rejects_out_of_range_values_instead_of_reducing_them() -> None:
    # First byte 0xff masked to 3 bits is 7 ≥ 5, so the sampler must read again.
    key = next(
        k for k in (seed(i) for i in range(1000)) if DrawStream(k, bytes(32)).read(1)[0] & 7 >= 5
    )
    stream, raw = DrawStream(key, bytes(32)), DrawStream(key, bytes(32))
    value = stream.below(5)
    accepted = next(b & 7 for b in raw.read(64) if b & 7 < 5)
    assert value == accepted


def test_below_has_no_modulo_bias() -> None:
    # n = 171 over one byte: "byte % 171" would make 0–84 twice as likely.
    stream = DrawStream(seed(11), bytes(32))
    n, per_value = 171, 100
    counts = Counter(stream.below(n) for _ in range(n * per_value))
    chi2 = sum((counts[v] - per_value) ** 2 / per_value for v in range(n))
    assert chi2 < CHI2_CRIT_170_DOF


def test_one_subject_of_ten_is_picked_uniformly_over_many_seeds() -> None:
    inputs = make(
        subjects=subjects(10), inspectors=inspectors(3), conflicts=set(), count=1, base_ratio=None
    )
    trials = 3000
    counts = Counter(draw(inputs, seed(i)).assignments[0].subject_id for i in range(trials))
    expected = trials / 10
    chi2 = sum((counts[s[0]] - expected) ** 2 / expected for s in subjects(10))
    assert len(counts) == 10
    assert chi2 < CHI2_CRIT_9_DOF


def test_verify_draw_accepts_the_honest_result() -> None:
    inputs, key = make(), seed(5)
    assert verify_commitment(key, seed_commitment(key))
    assert verify_draw(inputs, key, seed_commitment(key), draw(inputs, key))


def test_verify_draw_rejects_a_seed_that_does_not_match_the_commitment() -> None:
    inputs = make()
    assert not verify_draw(inputs, seed(6), seed_commitment(seed(5)), draw(inputs, seed(6)))


def test_verify_draw_rejects_a_tampered_result() -> None:
    inputs, key = make(), seed(5)
    honest = draw(inputs, key)
    first = honest.assignments[0]
    swapped = Assignment(first.subject_id, (first.inspector_ids[1], first.inspector_ids[0]))
    forged = dataclasses.replace(honest, assignments=(swapped, *honest.assignments[1:]))
    assert not verify_draw(inputs, key, seed_commitment(key), forged)


@pytest.mark.parametrize(
    "change",
    [
        {"plan_id": "PLAN-2025-002"},
        {"items": ("食品经营许可检查",)},
        {"subjects": subjects(40, "A") + subjects(39, "C", prefix="T")},
        {"subjects": subjects(40, "A") + subjects(40, "D", prefix="T")},
        {"subjects": subjects(40, "A", done=1) + subjects(40, "C", prefix="T")},
        {"inspectors": inspectors(9)},
        {"conflicts": {("I00", "S001")}},
        {"yearly_cap": 3},
        {"base_ratio": Decimal("0.11")},
        {"grade_multipliers": {"A": Decimal("0.5"), "C": Decimal("2.5")}},
        {"inspectors_per_subject": 3},
    ],
)
def test_verify_draw_rejects_a_result_for_tampered_inputs(change: dict[str, object]) -> None:
    key = seed(5)
    honest = draw(make(), key)
    assert not verify_draw(make(**change), key, seed_commitment(key), honest)


def test_every_subject_gets_distinct_inspectors_and_never_a_conflicted_one() -> None:
    conflicts = {("I00", "S001"), ("I01", "S001"), ("I02", "S001"), ("I03", "T005")}
    inputs = make(base_ratio=Decimal("1"), conflicts=conflicts, inspectors_per_subject=3)
    for i in range(50):
        for a in draw(inputs, seed(i)).assignments:
            assert len(a.inspector_ids) == 3
            assert len(set(a.inspector_ids)) == 3
            assert not any((inspector, a.subject_id) in conflicts for inspector in a.inspector_ids)


def test_subjects_at_the_yearly_cap_are_excluded_and_never_drawn() -> None:
    capped = subjects(3, prefix="X", done=2) + subjects(2, prefix="Y", done=5)
    inputs = make(subjects=subjects(4) + capped, base_ratio=Decimal("1"))
    result = draw(inputs, seed(1))
    assert [a.subject_id for a in result.assignments] == [s[0] for s in subjects(4)]
    assert result.excluded == tuple(Exclusion(s[0], "CAP_REACHED") for s in capped)


def test_ratio_is_multiplied_per_credit_grade() -> None:
    pool = (
        subjects(100, "A", "A")
        + subjects(100, "B", "B")
        + subjects(100, "C", "C")
        + subjects(100, "D", "D")
    )
    inputs = make(subjects=pool, base_ratio=Decimal("0.05"), conflicts=set())
    chosen = Counter(a.subject_id[0] for a in draw(inputs, seed(1)).assignments)
    # A: 0.05 × 0.5 × 100 = 2.5 rounds half up to 3.
    assert chosen == {"A": 3, "B": 5, "C": 10, "D": 15}


def test_stratum_size_is_at_least_one_and_at_most_the_stratum() -> None:
    assert stratum_size(Decimal("0.05"), Decimal("0.5"), 3) == 1
    assert stratum_size(Decimal("0.5"), Decimal("3"), 4) == 4
    assert stratum_size(Decimal("0.05"), Decimal("1"), 0) == 0
    assert stratum_size(Decimal("0.05"), Decimal("1"), 50) == 3  # 2.5 → 3, not banker's 2


def test_fixed_count_draws_exactly_that_many_across_grades() -> None:
    result = draw(make(count=7, base_ratio=None), seed(1))
    assert len(result.assignments) == 7
    ids = [a.subject_id for a in result.assignments]
    assert ids == sorted(ids)


def test_refuses_when_a_subject_has_too_few_eligible_inspectors() -> None:
    conflicts = {("I00", "S000"), ("I01", "S000")}
    inputs = make(
        subjects=subjects(1), inspectors=inspectors(3), conflicts=conflicts, base_ratio=Decimal("1")
    )
    with pytest.raises(Refusal) as caught:
        draw(inputs, seed(1))
    assert caught.value.code == "NOT_ENOUGH_INSPECTORS"
    assert "S000" in caught.value.message


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"base_ratio": Decimal("0")}, "INVALID_RATIO"),
        ({"base_ratio": Decimal("1.01")}, "INVALID_RATIO"),
        ({"base_ratio": Decimal("NaN")}, "INVALID_RATIO"),
        ({"base_ratio": None, "count": 0}, "INVALID_COUNT"),
        ({"count": 3}, "RATIO_OR_COUNT_REQUIRED"),
        ({"base_ratio": None}, "RATIO_OR_COUNT_REQUIRED"),
        ({"inspectors_per_subject": 1}, "INVALID_INSPECTORS_PER_SUBJECT"),
        ({"yearly_cap": 0}, "INVALID_YEARLY_CAP"),
        ({"grade_multipliers": {"A": Decimal("0"), "C": Decimal("1")}}, "INVALID_MULTIPLIER"),
        ({"grade_multipliers": {"A": Decimal("1")}}, "UNKNOWN_GRADE"),
        ({"subjects": subjects(2) + subjects(1)}, "DUPLICATE_SUBJECT"),
        ({"inspectors": inspectors(3) + inspectors(1)}, "DUPLICATE_INSPECTOR"),
        ({"subjects": subjects(2, done=-1)}, "INVALID_SUBJECT"),
    ],
)
def test_invalid_plans_are_refused(change: dict[str, object], code: str) -> None:
    with pytest.raises(Refusal) as caught:
        make(**change)
    assert caught.value.code == code
    assert caught.value.message
    assert "{" not in caught.value.message


def test_count_above_the_eligible_subjects_is_refused() -> None:
    inputs = make(subjects=subjects(3) + subjects(2, prefix="X", done=9), count=4, base_ratio=None)
    with pytest.raises(Refusal) as caught:
        draw(inputs, seed(1))
    assert caught.value.code == "COUNT_EXCEEDS_ELIGIBLE"


def test_a_short_seed_is_rejected_and_fails_verification() -> None:
    inputs = make()
    with pytest.raises(ValueError, match="seed"):
        draw(inputs, b"short")
    honest = draw(inputs, seed(1))
    assert not verify_draw(inputs, b"short", seed_commitment(b"short"), honest)


def test_result_is_a_plain_value() -> None:
    result = draw(make(count=1, base_ratio=None), seed(1))
    assert isinstance(result, DrawResult)
    assert len(result.assignments[0].inspector_ids) == 2
