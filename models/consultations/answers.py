"""Automatic answers (pure): the parts of a matter's 办事指南 a question asks about.

The text quotes the published 实施清单 version it was built from, so the
answer stays what the sender was told even after the guide changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from models.consultations.routing import Intent

_UNIT = {"WORKING_DAY": "个工作日", "CALENDAR_DAY": "日"}
_FORM = {"ORIGINAL": "原件", "COPY": "复印件", "ELECTRONIC": "电子件"}
_HANDLING = {"ONLINE": "全程网办", "OFFLINE": "窗口办理", "BOTH": "网上或窗口办理"}
ORDER = (Intent.MATERIALS, Intent.TIME_LIMIT, Intent.FEES, Intent.LOCATION)
MAX_MATERIALS = 20


def _materials(doc: Any) -> str:
    if not doc.materials:
        return "【申请材料】无需提交材料。"
    lines = []
    for index, m in enumerate(doc.materials[:MAX_MATERIALS], start=1):
        notes = [f"{_FORM.get(m.form, m.form)}{m.copies}份"]
        if not m.required:
            notes.append("视情形提交")
        if m.deferrable:
            notes.append("可容缺后补")
        lines.append(f"{index}. {m.name}（{'，'.join(notes)}）")
    return "【申请材料】\n" + "\n".join(lines)


def _limit(value: int, unit: str) -> str:
    return f"{value}{_UNIT.get(unit, '日')}"


def _time_limit(doc: Any) -> str:
    legal = _limit(doc.legal_limit, doc.legal_limit_unit)
    if doc.case_type == "INSTANT" or doc.promised_limit == 0:
        return f"【办理时限】即办件，材料齐全当场办结（法定时限{legal}）。"
    promised = _limit(doc.promised_limit, doc.promised_limit_unit)
    return f"【办理时限】法定时限{legal}，承诺时限{promised}，自受理之日起计算。"


def _fees(doc: Any) -> str:
    if not doc.fees:
        return "【收费标准】不收费。"
    items = []
    for fee in doc.fees:
        yuan = f"{fee.amount_fen // 100}.{fee.amount_fen % 100:02d}"
        per = f"/{fee.unit}" if fee.unit else ""
        basis = f"，依据{fee.basis}" if fee.basis else ""
        items.append(f"{fee.name}：{yuan}元{per}{basis}")
    return "【收费标准】" + "；".join(items) + "。"


def _location(doc: Any) -> str:
    parts = [f"【办理地点】{doc.address or doc.department.name}"]
    if doc.office_hours:
        parts.append(f"【办理时间】{doc.office_hours}")
    parts.append(f"【办理形式】{_HANDLING.get(doc.handling_form, doc.handling_form)}")
    if doc.online_url:
        parts.append(f"【网上办理】{doc.online_url}")
    if doc.consult_phone:
        parts.append(f"【咨询电话】{doc.consult_phone}")
    return "\n".join(parts)


_PARTS = {Intent.MATERIALS: _materials, Intent.TIME_LIMIT: _time_limit, Intent.FEES: _fees,
          Intent.LOCATION: _location}


def guide_answer(doc: Any, asked: Iterable[Intent]) -> str:
    """Answer from an implementation document (models.catalogue.documents.ImplementationDoc)."""
    wanted = set(asked)
    head = (f"您好！关于「{doc.matter.name}」（{doc.region.name}{doc.department.name}），"
            "根据办事指南答复如下：")
    body = [_PARTS[intent](doc) for intent in ORDER if intent in wanted]
    tail = "如以上答复未解决您的问题，请在评价时选择“不满意”，我们将转交承办部门人工答复。"
    return "\n".join([head, *body, tail])


def faq_answer(question: str, answer: str) -> str:
    tail = "如以上答复未解决您的问题，请在评价时选择“不满意”，我们将转交承办部门人工答复。"
    return f"您好！您的问题与常见问题「{question}」相符，答复如下：\n{answer}\n{tail}"
