"""Demo 好差评 data as tables: how many ratings of each level each window received over
about three months, and the 差评 of 西湖区市场监督管理局 scripted through every
follow-up state. The counts are exact, so figures can be checked by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DAYS = 90  # ratings are spread over this many days before seeding

# (region, department kind) -> on-site ratings per level, before the scripted 差评 below.
# Mostly satisfied, as real 好差评 data is; 差评 here are followed up and closed.
WINDOW_COUNTS: Mapping[tuple[str, str], Mapping[int, int]] = {
    ("330106", "market"): {5: 96, 4: 36, 3: 12},
    ("330106", "hrss"): {5: 40, 4: 12, 3: 4, 2: 1},
    ("330106", "medical_insurance"): {5: 30, 4: 10, 3: 3, 2: 1, 1: 1},
    ("330102", "market"): {5: 35, 4: 8, 3: 3, 2: 2},
    ("330105", "market"): {5: 28, 4: 12, 3: 4, 1: 1},
    ("330110", "market"): {5: 45, 4: 10, 3: 2},
    ("330212", "hrss"): {5: 30, 4: 9, 3: 3, 2: 1},
}
# Every level-1/2 rating in WINDOW_COUNTS is this old at least and was followed up in
# full, so its 追评 window has passed and the seed's sweep closes it.
OLD_BAD_MIN_DAYS = 30

GOOD_COMMENTS = ("窗口人员很耐心，一次就办好了", "指引清楚，材料一次讲明白", "比预想的快很多",
                 "帮办代办服务很贴心", "")
FAIR_COMMENTS = ("等了二十分钟，还算顺利", "材料可以再精简些", "")


@dataclass(frozen=True)
class Scripted:
    """One 差评 at the 西湖区市场监督管理局 window and what happened to it.

    ``steps``: (hours after the rating, action, payload). Actors follow from the
    action: 回访/整改/反馈 by clerk.xihu, 申诉 by admin.xihu, 复核 by supervisor.hz,
    追评 by the rater. The seed's final sweep escalates what is overdue then and
    closes cases whose 追评 window has passed.
    """

    hours_ago: float
    level: int
    tags: tuple[str, ...]
    comment: str
    steps: tuple[tuple[float, str, Mapping[str, Any]], ...] = ()
    rater_phone: str | None = None
    state: str = ""  # what the case shows after seeding (documentation and tests)
    extra: Mapping[str, Any] = field(default_factory=dict)


_CONTACT = ("CONTACT", {"summary": "已电话回访评价人，核实情况属实"})
_RECTIFY = ("START_RECTIFICATION", {"plan": "增开高峰时段窗口，推行预约分时办理"})
_FEED_BACK = ("FEED_BACK", {"feedback": "已增开窗口并推行预约办理，已电话告知评价人，感谢监督"})
_APPEAL = ("APPEAL", {"reason": "经调阅监控，评价时段该窗口无人办理业务，疑为误评"})


def _at(hours: float, step: tuple[str, Mapping[str, Any]]) -> tuple[float, str, Mapping[str, Any]]:
    return (hours, step[0], step[1])


DAY = 24.0
SCRIPTED: tuple[Scripted, ...] = (
    Scripted(80 * DAY, 2, ("排队时间长",), "排队一个多小时", (
        _at(3, _CONTACT), _at(DAY, _RECTIFY), _at(6 * DAY, _FEED_BACK),
        (8 * DAY, "FOLLOWUP_RATE", {"level": 4, "reason": "再去时快多了"})),
        rater_phone="13900000001", state="CLOSED · 已追评"),
    Scripted(65 * DAY, 1, ("态度生硬",), "问了两遍就不耐烦", (
        _at(5, _CONTACT), _at(2 * DAY, _RECTIFY), _at(10 * DAY, _FEED_BACK)),
        state="CLOSED · 追评期满"),
    Scripted(50 * DAY, 1, ("态度生硬",), "", (
        _at(5, _APPEAL), (2 * DAY, "UPHOLD_APPEAL", {"comment": "申诉成立，该评价不计入统计"})),
        state="CLOSED · 申诉成立（不计入统计）"),
    Scripted(40 * DAY, 2, ("窗口指引不清",), "不知道该去几号窗口", (
        _at(5, _APPEAL), (DAY, "REJECT_APPEAL", {"comment": "有办理记录，申诉不成立"}),
        _at(26, _CONTACT), _at(2 * DAY, _RECTIFY), _at(16 * DAY, _FEED_BACK)),
        state="CLOSED · 追评期满（回访、整改均超期预警）"),
    Scripted(20 * DAY, 2, ("排队时间长",), "", (
        _at(30, _CONTACT), _at(2 * DAY, _RECTIFY)),
        state="RECTIFYING · 回访超期、整改超期（已预警）"),
    Scripted(10 * DAY, 1, ("多次跑腿",), "同一份材料让我跑了三趟", (
        _at(4, _CONTACT), _at(DAY, _RECTIFY)), state="RECTIFYING"),
    Scripted(5 * DAY, 2, ("窗口指引不清", "排队时间长"), "", (
        _at(2, _CONTACT), _at(DAY, _RECTIFY), _at(3 * DAY, _FEED_BACK)),
        rater_phone="13900000001", state="FED_BACK · 张伟可追评"),
    Scripted(3 * DAY, 2, ("政策解释不清",), "", (_at(2, _CONTACT),), state="CONTACTED"),
    Scripted(2 * DAY, 1, ("态度生硬",), "", (_at(DAY, _APPEAL),),
             state="APPEALED · 待 supervisor.hz 复核"),
    Scripted(30, 1, ("排队时间长",), "", state="OPEN · 回访已超期（已预警）"),
    Scripted(6, 2, ("材料繁琐",), "", state="OPEN · 回访期限内"),
)

# Online (一事一评) ratings on the demo concluded applications of 李娜 (13900000002),
# by matter name; the third concluded one (股权出质设立登记) is left for the demo to rate.
ONLINE: tuple[tuple[str, int, tuple[str, ...], str, float], ...] = (
    ("企业变更登记", 5, ("办事效率高", "一次办成"), "全程网办，没跑一次", 7 * DAY),
    ("企业注销登记", 2, ("政策解释不清",), "注销条件没有一次讲清楚", 20),
)
