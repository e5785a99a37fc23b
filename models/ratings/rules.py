"""Rating (好差评) rules: levels, tag catalogue, who may rate and what a rating must carry.

Sources: 国办发〔2019〕51号 and GB/T 39734/39735-2020 (see DOMAIN.md §3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum
from types import MappingProxyType
from typing import Literal

from models.errors import Refusal

Channel = Literal["ONLINE", "ON_SITE"]
CHANNELS: tuple[Channel, ...] = ("ONLINE", "ON_SITE")

REASON_MAX_CHARS = 500


class Level(IntEnum):
    """评价等级: five levels, 5 best."""

    VERY_SATISFIED = 5
    SATISFIED = 4
    BASICALLY_SATISFIED = 3
    DISSATISFIED = 2
    VERY_DISSATISFIED = 1

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


LEVEL_LABELS: Mapping[Level, str] = MappingProxyType(
    {
        Level.VERY_SATISFIED: "非常满意",
        Level.SATISFIED: "满意",
        Level.BASICALLY_SATISFIED: "基本满意",
        Level.DISSATISFIED: "不满意",
        Level.VERY_DISSATISFIED: "非常不满意",
    }
)

_LEVEL_VALUES = frozenset(int(lvl) for lvl in Level)

# The levels that count as 差评 and start a follow-up case.
BAD_LEVELS = frozenset({Level.DISSATISFIED, Level.VERY_DISSATISFIED})


def is_bad(level: int) -> bool:
    """True for a 差评 (levels 1–2). Raises ValueError for a level outside 1..5."""
    return Level(level) in BAD_LEVELS


# Default tick-box tags (评价标签). An administrator may supply another catalogue;
# these follow the wording of the provincial 好差评 pads and apps.
_GOOD_TAGS = (
    "办事效率高",
    "服务态度好",
    "一次办成",
    "材料精简",
    "流程便捷",
    "指引清晰",
    "政策解释清楚",
    "系统操作流畅",
    "等候时间短",
    "大厅环境整洁",
)
_FAIR_TAGS = (
    "办理基本顺利",
    "等候时间稍长",
    "材料略多",
    "指引有待改进",
    "流程可再简化",
)
_BAD_TAGS = (
    "多次跑腿",
    "材料繁琐",
    "态度生硬",
    "超时办理",
    "政策解释不清",
    "办事指南不准确",
    "推诿扯皮",
    "收费不合理",
    "系统卡顿",
    "页面操作复杂",
    "排队时间长",
    "窗口指引不清",
)

TAGS_BY_LEVEL: Mapping[Level, tuple[str, ...]] = MappingProxyType(
    {
        Level.VERY_SATISFIED: _GOOD_TAGS,
        Level.SATISFIED: _GOOD_TAGS,
        Level.BASICALLY_SATISFIED: _FAIR_TAGS,
        Level.DISSATISFIED: _BAD_TAGS,
        Level.VERY_DISSATISFIED: _BAD_TAGS,
    }
)

# Tags about the website or the service hall make sense on one channel only: an
# on-site pad should not offer "系统卡顿", the app should not offer "排队时间长".
CHANNEL_ONLY_TAGS: Mapping[str, Channel] = MappingProxyType(
    {
        "系统操作流畅": "ONLINE",
        "系统卡顿": "ONLINE",
        "页面操作复杂": "ONLINE",
        "等候时间短": "ON_SITE",
        "大厅环境整洁": "ON_SITE",
        "排队时间长": "ON_SITE",
        "窗口指引不清": "ON_SITE",
    }
)


def tags_for(
    level: int,
    channel: Channel,
    *,
    catalogue: Mapping[Level, Sequence[str]] = TAGS_BY_LEVEL,
) -> tuple[str, ...]:
    """The tags offered for ``level`` on ``channel``, in display order."""
    return tuple(
        tag
        for tag in catalogue.get(Level(level), ())
        if CHANNEL_ONLY_TAGS.get(tag, channel) == channel
    )


@dataclass(frozen=True)
class ValidRating:
    """A rating input that passed validation, normalised for storage."""

    level: Level
    tags: tuple[str, ...]
    reason: str | None
    channel: Channel

    @property
    def bad(self) -> bool:
        return self.level in BAD_LEVELS


def validate_rating(
    level: int,
    tags: Sequence[str],
    reason: str | None,
    *,
    channel: Channel,
    catalogue: Mapping[Level, Sequence[str]] = TAGS_BY_LEVEL,
) -> ValidRating:
    """Check one rating's content; refuse the first problem found."""
    if channel not in CHANNELS:
        # Typed as a Literal, but it arrives from the wire: fail loudly, not as a refusal.
        raise ValueError(f"unknown rating channel {channel!r}")
    if isinstance(tags, str):
        raise TypeError("tags must be a sequence of tag strings, not one string")
    # bool is an int subclass; True must not pass as level 1.
    if isinstance(level, bool) or not isinstance(level, int) or level not in _LEVEL_VALUES:
        raise Refusal("INVALID_LEVEL", "评价等级须为 1 至 5 之间的整数。", field="level")
    lvl = Level(level)

    text = (reason or "").strip() or None
    if text is not None and len(text) > REASON_MAX_CHARS:
        raise Refusal(
            "REASON_TOO_LONG", f"评价内容不能超过 {REASON_MAX_CHARS} 个字。", field="reason"
        )

    offered = set(tags_for(lvl, channel, catalogue=catalogue))
    for i, tag in enumerate(tags):
        if tag not in offered:
            raise Refusal(
                "UNKNOWN_TAG", f"“{tag}”不是“{lvl.label}”可选的评价标签。", field=f"tags[{i}]"
            )
    # A double tap on a tag is not an error worth showing the citizen.
    unique_tags = tuple(dict.fromkeys(tags))

    if lvl in BAD_LEVELS and not unique_tags and text is None:
        raise Refusal(
            "BAD_RATING_NEEDS_REASON", "差评请至少选择一个评价标签或填写原因。", field="reason"
        )
    return ValidRating(level=lvl, tags=unique_tags, reason=text, channel=channel)


def check_can_rate(
    application_concluded: bool, rater_is_applicant: bool, already_rated: bool
) -> None:
    """Online rating gate: the applicant only, after conclusion, once (一事一评)."""
    # Identity first: someone else must not learn whether the application has concluded.
    if not rater_is_applicant:
        raise Refusal("NOT_APPLICANT", "只有申请人本人可以评价，不能代为评价。")
    if not application_concluded:
        raise Refusal("NOT_CONCLUDED", "办件办结后才能评价。")
    if already_rated:
        raise Refusal("ALREADY_RATED", "该办件已评价，一事一评。")


def check_on_site_code(issued_at: datetime, used: bool, now: datetime, ttl: timedelta) -> None:
    """On-site rating (一次一评): the one-time code shown at the window must be fresh and unused."""
    _require_aware(issued_at, "issued_at")
    _require_aware(now, "now")
    if used:
        raise Refusal("CODE_USED", "该评价码已使用，每次办事只能评价一次。")
    # The code is valid for exactly ttl; at issued_at + ttl it has expired.
    if now >= issued_at + ttl:
        raise Refusal("CODE_EXPIRED", "评价码已过期，请向窗口重新获取。")


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (UTC)")
