"""双随机抽查: a seeded, publicly re-runnable draw of subjects and inspectors.

Anyone holding the published inputs, the revealed seed and the commitment can
re-run the draw in any language. Algorithm ``zhengwu-draw/v1``:

1. Commitment. Before drawing, publish ``sha256(seed)`` as lowercase hex. The
   seed (≥ 16 random bytes) is revealed with the result.
2. Canonical inputs. A JSON object with keys ``algorithm``, ``base_ratio``,
   ``conflicts``, ``count``, ``grade_multipliers``, ``inspectors``,
   ``inspectors_per_subject``, ``items``, ``plan_id``, ``subjects``,
   ``yearly_cap`` (see ``canonical_inputs``). Decimals are strings in plain
   notation without trailing zeros ("0.05", "2"); absent ratio/count is null.
   Lists are sorted by code point (= UTF-8 byte order); objects have sorted
   keys; no whitespace; non-ASCII is raw UTF-8. This is the RFC 8785 (JCS)
   form for this content (only strings, integers and null occur).
   ``digest = sha256(canonical bytes)``; ``inputs_digest`` is its hex.
3. Byte stream. Block ``i`` (i = 0, 1, 2, …) is
   ``HMAC-SHA256(key=seed, msg=digest(32 raw bytes) || i as 8-byte big-endian)``;
   the stream is block 0 || block 1 || …, consumed front to back and never
   rewound. Binding the digest means the same seed gives an unrelated stream
   for different inputs.
4. ``below(n)``, an unbiased integer in [0, n): if n = 1 return 0 and read
   nothing. Else let b = bit length of n − 1 and k = ceil(b / 8); read k bytes
   as a big-endian integer, keep its low b bits; return it if < n, otherwise
   read again (rejection sampling, so there is no modulo bias).
5. ``choose(list, m)``, partial Fisher–Yates: for i = 0 … m−1, j = i +
   below(len − i), swap elements i and j; the answer is the first m elements
   in that order.
6. Subjects with ``inspections_this_year ≥ yearly_cap`` are excluded
   (CAP_REACHED). The rest, sorted by subject id, are the eligible subjects.
7. By count: ``choose(eligible, count)``. By ratio: group eligible subjects by
   ``credit_grade`` (groups in code-point order, members sorted by id); per
   group of size n draw ``choose(group, k)`` with k = ROUND_HALF_UP(ratio ×
   multiplier[grade] × n) computed exactly in decimal, then k = max(k, 1) and
   k = min(k, n). The selected subjects are then sorted by id.
8. For each selected subject in that order: the inspectors with no conflict
   with it, sorted by id, give ``choose(those, inspectors_per_subject)``; the
   inspector ids keep their drawn order.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple, NoReturn

from models.errors import Refusal

ALGORITHM = "zhengwu-draw/v1"
MIN_SEED_BYTES = 16
CAP_REACHED = "CAP_REACHED"

# 信用好的少查、信用差的多查 (国发〔2019〕5号); administrators may change these.
DEFAULT_GRADE_MULTIPLIERS: Mapping[str, Decimal] = {
    "A": Decimal("0.5"),
    "B": Decimal("1"),
    "C": Decimal("2"),
    "D": Decimal("3"),
}

# Every refusal the draw can give: code → (Chinese message template, input field).
REFUSALS: Mapping[str, tuple[str, str]] = {
    "RATIO_OR_COUNT_REQUIRED": ("抽查比例与抽查数量须且只能填写一项", "base_ratio"),
    "INVALID_RATIO": ("抽查比例须大于0且不超过100%", "base_ratio"),
    "INVALID_COUNT": ("抽查数量至少为1", "count"),
    "COUNT_EXCEEDS_ELIGIBLE": ("抽查数量{count}超过可抽检查对象数{eligible}", "count"),
    # 行政处罚法第42条: at least two officers take part in an inspection.
    "INVALID_INSPECTORS_PER_SUBJECT": ("每个检查对象至少选派2名执法人员", "inspectors_per_subject"),
    "INVALID_YEARLY_CAP": ("年度检查次数上限至少为1", "yearly_cap"),
    "INVALID_MULTIPLIER": ("信用等级抽查倍数须大于0", "grade_multipliers"),
    "UNKNOWN_GRADE": ("检查对象{subject}的信用等级{grade}未设置抽查倍数", "grade_multipliers"),
    "DUPLICATE_SUBJECT": ("检查对象重复：{ids}", "subjects"),
    "DUPLICATE_INSPECTOR": ("执法人员重复：{ids}", "inspectors"),
    "INVALID_SUBJECT": ("检查对象{subject}的年度检查次数不能为负", "subjects"),
    "NOT_ENOUGH_INSPECTORS": (
        "检查对象{subject}可选派的执法人员只有{available}名，少于{needed}名",
        "inspectors",
    ),
}


def _refuse(code: str, **details: object) -> NoReturn:
    message, where = REFUSALS[code]
    raise Refusal(code, message.format(**details), where)


class Subject(NamedTuple):
    """检查对象 (one row of the subject directory, as the draw sees it)."""

    subject_id: str
    credit_grade: str
    risk_grade: str
    region: str
    inspections_this_year: int


class Inspector(NamedTuple):
    """执法检查人员 (one row of the inspector directory)."""

    inspector_id: str
    department: str
    fields: tuple[str, ...]


def _decimal(value: Decimal | str | int) -> Decimal:
    # Floats are refused: 0.05 as a float is not 0.05 and would change the digest.
    if isinstance(value, float):
        raise TypeError("use Decimal or str for ratios and multipliers, not float")
    return Decimal(value)


def _plain(value: Decimal) -> str:
    """Decimal in plain notation without trailing zeros: 0.050 → "0.05", 1E+2 → "100"."""
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class DrawInputs:
    """抽查任务的全部输入 (everything the draw depends on besides the seed).

    Exactly one of ``base_ratio`` and ``count`` is set. Plain tuples are
    accepted for subjects and inspectors and converted on construction."""

    plan_id: str
    items: tuple[str, ...]
    subjects: tuple[Subject, ...]
    inspectors: tuple[Inspector, ...]
    conflicts: frozenset[tuple[str, str]]
    yearly_cap: int
    base_ratio: Decimal | None = None
    count: int | None = None
    # hash=False: a mapping is not hashable; the other fields identify the plan.
    grade_multipliers: Mapping[str, Decimal] = field(
        default_factory=lambda: dict(DEFAULT_GRADE_MULTIPLIERS), hash=False
    )
    inspectors_per_subject: int = 2

    def __post_init__(self) -> None:
        subjects = tuple(Subject(*s) for s in self.subjects)
        inspectors = tuple(Inspector(i[0], i[1], tuple(i[2])) for i in self.inspectors)
        multipliers = {g: _decimal(m) for g, m in self.grade_multipliers.items()}
        ratio = None if self.base_ratio is None else _decimal(self.base_ratio)
        object.__setattr__(self, "items", tuple(self.items))
        object.__setattr__(self, "subjects", subjects)
        object.__setattr__(self, "inspectors", inspectors)
        object.__setattr__(self, "conflicts", frozenset(tuple(c) for c in self.conflicts))
        object.__setattr__(self, "grade_multipliers", multipliers)
        object.__setattr__(self, "base_ratio", ratio)
        self._validate()

    def _validate(self) -> None:
        ratio, count, grades = self.base_ratio, self.count, self.grade_multipliers
        if (ratio is None) == (count is None):
            _refuse("RATIO_OR_COUNT_REQUIRED")
        if ratio is not None and not (ratio.is_finite() and 0 < ratio <= 1):
            _refuse("INVALID_RATIO")
        if count is not None and count < 1:
            _refuse("INVALID_COUNT")
        if self.inspectors_per_subject < 2:
            _refuse("INVALID_INSPECTORS_PER_SUBJECT")
        if self.yearly_cap < 1:
            _refuse("INVALID_YEARLY_CAP")
        if any(not m.is_finite() or m <= 0 for m in grades.values()):
            _refuse("INVALID_MULTIPLIER")
        for ids, code in (
            ([s.subject_id for s in self.subjects], "DUPLICATE_SUBJECT"),
            ([i.inspector_id for i in self.inspectors], "DUPLICATE_INSPECTOR"),
        ):
            repeated = sorted(one for one, n in Counter(ids).items() if n > 1)
            if repeated:
                _refuse(code, ids="、".join(repeated))
        for s in self.subjects:
            if s.inspections_this_year < 0:
                _refuse("INVALID_SUBJECT", subject=s.subject_id)
            if ratio is not None and s.credit_grade not in grades:
                _refuse("UNKNOWN_GRADE", subject=s.subject_id, grade=s.credit_grade)


@dataclass(frozen=True)
class Assignment:
    """一个被抽中的检查对象及其执法人员 (inspector ids in drawn order)."""

    subject_id: str
    inspector_ids: tuple[str, ...]


@dataclass(frozen=True)
class Exclusion:
    """未参与抽取的检查对象及原因."""

    subject_id: str
    reason: str


@dataclass(frozen=True)
class DrawResult:
    """抽查结果: ordered assignments, exclusions, and the digest of the inputs."""

    inputs_digest: str
    assignments: tuple[Assignment, ...]
    excluded: tuple[Exclusion, ...]


_SUBJECT_KEYS = ("id", "credit_grade", "risk_grade", "region", "inspections_this_year")


def canonical_inputs(inputs: DrawInputs) -> bytes:
    """The canonical JSON bytes of ``inputs`` (step 2 of the module docstring)."""
    document = {
        "algorithm": ALGORITHM,
        "base_ratio": None if inputs.base_ratio is None else _plain(inputs.base_ratio),
        "conflicts": sorted([list(c) for c in inputs.conflicts]),
        "count": inputs.count,
        "grade_multipliers": {g: _plain(m) for g, m in inputs.grade_multipliers.items()},
        # Ids are unique (validated), so sorting the tuples sorts by id.
        "inspectors": [
            {"department": i.department, "fields": sorted(i.fields), "id": i.inspector_id}
            for i in sorted(inputs.inspectors)
        ],
        "inspectors_per_subject": inputs.inspectors_per_subject,
        "items": sorted(inputs.items),
        "plan_id": inputs.plan_id,
        "subjects": [dict(zip(_SUBJECT_KEYS, s, strict=True)) for s in sorted(inputs.subjects)],
        "yearly_cap": inputs.yearly_cap,
    }
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def inputs_digest(inputs: DrawInputs) -> str:
    """sha256 hex of ``canonical_inputs(inputs)``; published with the plan."""
    return hashlib.sha256(canonical_inputs(inputs)).hexdigest()


def seed_commitment(seed: bytes) -> str:
    """sha256 hex of the seed, published before the draw is run."""
    return hashlib.sha256(seed).hexdigest()


def verify_commitment(seed: bytes, commitment: str) -> bool:
    """Whether ``seed`` is the one committed to."""
    return hmac.compare_digest(seed_commitment(seed), commitment.strip().lower())


class DrawStream:
    """The HMAC-SHA256 byte stream and unbiased integers (steps 3–5)."""

    def __init__(self, seed: bytes, digest: bytes) -> None:
        if len(seed) < MIN_SEED_BYTES:
            raise ValueError(f"seed must be at least {MIN_SEED_BYTES} bytes")
        self._seed = seed
        self._digest = digest
        self._counter = 0
        self._buffer = b""

    def read(self, k: int) -> bytes:
        """The next ``k`` bytes of the stream."""
        while len(self._buffer) < k:
            message = self._digest + self._counter.to_bytes(8, "big")
            self._buffer += hmac.new(self._seed, message, hashlib.sha256).digest()
            self._counter += 1
        out, self._buffer = self._buffer[:k], self._buffer[k:]
        return out

    def below(self, n: int) -> int:
        """A uniform integer in [0, n) by masked rejection sampling."""
        if n < 1:
            raise ValueError("n must be at least 1")
        if n == 1:
            return 0
        bits = (n - 1).bit_length()
        mask = (1 << bits) - 1
        while True:
            x = int.from_bytes(self.read((bits + 7) // 8), "big") & mask
            if x < n:
                return x

    def choose(self, population: list[str], m: int) -> list[str]:
        """``m`` distinct elements, uniformly, in drawn order (partial Fisher–Yates)."""
        pool = list(population)
        for i in range(m):
            j = i + self.below(len(pool) - i)
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:m]


def stratum_size(ratio: Decimal, multiplier: Decimal, n: int) -> int:
    """Subjects to draw from a grade of ``n``: round half up, at least 1, at most n."""
    if n == 0:
        return 0
    k = int((ratio * multiplier * n).to_integral_value(rounding=ROUND_HALF_UP))
    return min(max(k, 1), n)


def draw(inputs: DrawInputs, seed: bytes) -> DrawResult:
    """Run the draw described in the module docstring."""
    digest_hex = inputs_digest(inputs)
    stream = DrawStream(seed, bytes.fromhex(digest_hex))
    subjects = sorted(inputs.subjects, key=lambda s: s.subject_id)
    excluded = tuple(
        Exclusion(s.subject_id, CAP_REACHED)
        for s in subjects
        if s.inspections_this_year >= inputs.yearly_cap
    )
    eligible = [s for s in subjects if s.inspections_this_year < inputs.yearly_cap]

    selected: list[str] = []
    if inputs.count is not None:
        if inputs.count > len(eligible):
            _refuse("COUNT_EXCEEDS_ELIGIBLE", count=inputs.count, eligible=len(eligible))
        selected = stream.choose([s.subject_id for s in eligible], inputs.count)
    else:
        assert inputs.base_ratio is not None  # guaranteed by DrawInputs validation
        for grade in sorted({s.credit_grade for s in eligible}):
            group = [s.subject_id for s in eligible if s.credit_grade == grade]
            k = stratum_size(inputs.base_ratio, inputs.grade_multipliers[grade], len(group))
            selected.extend(stream.choose(group, k))

    inspector_ids = sorted(i.inspector_id for i in inputs.inspectors)
    assignments = []
    for subject_id in sorted(selected):
        # 回避: a conflicted inspector is never in the pool, which is the same
        # as excluding and redrawing until a non-conflicted one comes up.
        pool = [i for i in inspector_ids if (i, subject_id) not in inputs.conflicts]
        if len(pool) < inputs.inspectors_per_subject:
            _refuse(
                "NOT_ENOUGH_INSPECTORS",
                subject=subject_id,
                available=len(pool),
                needed=inputs.inspectors_per_subject,
            )
        chosen = stream.choose(pool, inputs.inspectors_per_subject)
        assignments.append(Assignment(subject_id, tuple(chosen)))
    return DrawResult(digest_hex, tuple(assignments), excluded)


def verify_draw(inputs: DrawInputs, seed: bytes, commitment: str, claimed: DrawResult) -> bool:
    """Whether ``claimed`` is exactly what the committed seed gives for ``inputs``."""
    if not verify_commitment(seed, commitment):
        return False
    try:
        return draw(inputs, seed) == claimed
    except (Refusal, ValueError):
        return False
