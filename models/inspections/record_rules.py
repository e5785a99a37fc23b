"""What an inspection record's payload must hold, checked field by field (pure).

A record is the device's whole account of one inspection, as a JSON object::

    {
      "taskId": "<InspectionTask id>",
      "startedAt": "2026-11-23T09:00:00+08:00",
      "forms": [{"templateId": "<InspectionFormTemplate id>", "answers": {...}}],
      "evidence": [{"sha256": "<64 hex>", "kind": "PHOTO" | "SIGNATURE",
                    "latitude": "30.2741", "longitude": "120.1551",
                    "capturedAt": "2026-11-23T09:05:00+08:00"}],
      "finish": null | {"finishedAt": "…", "result": "NO_PROBLEM", "summary": "…",
                        "caseLeadRequested": false, "signature": "<64 hex>"}
    }

``forms`` has one entry per check item of the plan, each naming the template
version it was filled against. Photos and signatures in answers are file
hashes that must appear in ``evidence``; a photo carries its GPS position and
capture time. While ``finish`` is null the record is a draft: required fields
may still be empty, but whatever is filled in must be right. Once finished,
every form must be complete and the inspected party's ``signature`` given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from models.inspections.forms import FieldType, FormTemplate, validate_answers
from models.inspections.rules import CASE_LEAD_RESULTS, InspectionResult

MAX_SUMMARY = 1000
CLOCK_SKEW = timedelta(minutes=10)  # device clocks run a little fast
_SHA256 = re.compile(r"[0-9a-f]{64}")
_TOP_KEYS = frozenset({"taskId", "startedAt", "forms", "evidence", "finish"})
_FINISH_KEYS = frozenset({"finishedAt", "result", "summary", "caseLeadRequested", "signature"})


@dataclass(frozen=True)
class Problem:
    field: str  # dotted path from the record, e.g. "payload.forms[0].answers.temp"
    code: str
    message: str


@dataclass(frozen=True)
class Finish:
    finished_at: datetime
    result: InspectionResult
    summary: str
    case_lead_requested: bool
    signature: str


@dataclass(frozen=True)
class RecordContent:
    task_id: str
    started_at: datetime
    template_ids: tuple[str, ...]
    finish: Finish | None


def referenced_ids(payload: object) -> tuple[str | None, list[str]]:
    """The task id and template ids a payload names (whatever else is wrong)."""
    if not isinstance(payload, Mapping):
        return None, []
    task = payload.get("taskId")
    forms = payload.get("forms")
    templates = [f.get("templateId") for f in forms if isinstance(f, Mapping)] \
        if isinstance(forms, list) else []
    return (task if isinstance(task, str) else None), [t for t in templates if isinstance(t, str)]


class _Checker:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.problems: list[Problem] = []

    def add(self, path: str, code: str, message: str) -> None:
        self.problems.append(Problem(f"payload.{path}" if path else "payload", code, message))

    def moment(self, value: object, path: str, label: str) -> datetime | None:
        try:
            parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            self.add(path, "INVALID_TIME", f"{label}须为带时区的 ISO 8601 时间")
            return None
        if parsed > self.now + CLOCK_SKEW:
            self.add(path, "TIME_IN_FUTURE", f"{label}晚于当前时间")
            return None
        return parsed

    def coordinate(self, value: object, path: str, limit: int, label: str) -> None:
        try:
            number = Decimal(value) if isinstance(value, str) else None
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or abs(number) > limit:
            self.add(path, "INVALID_LOCATION", f"{label}须为 -{limit} 到 {limit} 之间的小数字符串")

    def evidence(self, items: object) -> dict[str, str]:
        kinds: dict[str, str] = {}
        if not isinstance(items, list):
            self.add("evidence", "WRONG_TYPE", "证据须为列表")
            return kinds
        for index, item in enumerate(items):
            path = f"evidence[{index}]"
            if not isinstance(item, Mapping):
                self.add(path, "WRONG_TYPE", "证据格式有误")
                continue
            digest, kind = item.get("sha256"), item.get("kind")
            if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
                self.add(f"{path}.sha256", "INVALID_HASH", "文件哈希须为64位小写十六进制")
                continue
            if digest in kinds:
                self.add(f"{path}.sha256", "DUPLICATE_EVIDENCE", "同一文件重复登记")
            if kind not in (FieldType.PHOTO, FieldType.SIGNATURE):
                self.add(f"{path}.kind", "INVALID_KIND", "证据类型须为 PHOTO 或 SIGNATURE")
                continue
            self.moment(item.get("capturedAt"), f"{path}.capturedAt", "拍摄/签名时间")
            if kind == FieldType.PHOTO:  # a photo proves where it was taken
                self.coordinate(item.get("latitude"), f"{path}.latitude", 90, "纬度")
                self.coordinate(item.get("longitude"), f"{path}.longitude", 180, "经度")
            kinds[digest] = str(kind)
        return kinds

    def files(self, template: FormTemplate, answers: Mapping, path: str,
              kinds: Mapping[str, str]) -> None:
        for f in template.fields:
            value = answers.get(f.key)
            wanted = {FieldType.PHOTO: "PHOTO", FieldType.SIGNATURE: "SIGNATURE"}.get(f.type)
            if wanted is None or value in (None, "", []):
                continue
            for digest in value if isinstance(value, list) else [value]:
                if kinds.get(digest) != wanted:
                    kind_zh = "照片" if wanted == "PHOTO" else "签名"
                    self.add(f"{path}.{f.key}", "EVIDENCE_MISSING",
                             f"{f.label}引用的文件未登记为{kind_zh}证据")

    def forms(self, forms: object, templates: Mapping[str, FormTemplate],
              kinds: Mapping[str, str], final: bool) -> list[str]:
        used: list[str] = []
        if not isinstance(forms, list):
            self.add("forms", "WRONG_TYPE", "表单须为列表")
            return used
        items_seen: set[str] = set()
        for index, form in enumerate(forms):
            path = f"forms[{index}]"
            template = templates.get(form.get("templateId")) if isinstance(form, Mapping) else None
            if template is None:
                self.add(f"{path}.templateId", "UNKNOWN_TEMPLATE", "表单模板不属于本次抽查事项")
                continue
            if template.item_id in items_seen:
                self.add(f"{path}.templateId", "DUPLICATE_ITEM", "同一抽查事项的表单重复")
            items_seen.add(template.item_id)
            used.append(form["templateId"])
            answers = form.get("answers")
            for p in validate_answers(template, answers if answers is not None else {}):
                if p.code != "REQUIRED" or final:
                    where = f"{path}.answers.{p.field}" if p.field else f"{path}.answers"
                    self.add(where, p.code, p.message_zh)
            if isinstance(answers, Mapping):
                self.files(template, answers, f"{path}.answers", kinds)
        return used

    def finish(self, value: object, kinds: Mapping[str, str],
               started: datetime | None) -> Finish | None:
        if not isinstance(value, Mapping):
            self.add("finish", "WRONG_TYPE", "完成信息格式有误")
            return None
        for key in sorted(set(value) - _FINISH_KEYS):
            self.add(f"finish.{key}", "UNKNOWN_FIELD", "完成信息中没有这个字段")
        at = self.moment(value.get("finishedAt"), "finish.finishedAt", "完成时间")
        if at is not None and started is not None and at < started:
            self.add("finish.finishedAt", "BEFORE_START", "完成时间早于开始时间")
        try:
            result = InspectionResult(value.get("result"))
        except ValueError:
            self.add("finish.result", "INVALID_RESULT", "检查结果不在规定的类别中")
            result = None
        summary = value.get("summary", "")
        if not isinstance(summary, str) or len(summary) > MAX_SUMMARY:
            self.add("finish.summary", "TOO_LONG", f"检查情况说明须为不超过{MAX_SUMMARY}字的文字")
        lead = value.get("caseLeadRequested", False)
        if not isinstance(lead, bool):
            self.add("finish.caseLeadRequested", "WRONG_TYPE", "须为是或否")
        elif lead and result is not None and result not in CASE_LEAD_RESULTS:
            self.add("finish.caseLeadRequested", "CASE_LEAD_NOT_ALLOWED",
                     "只有发现问题的检查结果可以移送案件线索")
        signature = value.get("signature")
        if kinds.get(signature) != "SIGNATURE":  # type: ignore[arg-type]
            self.add("finish.signature", "SIGNATURE_REQUIRED",
                     "须有被检查对象的签名，并登记为签名证据")
        if self.problems or at is None or result is None:
            return None
        return Finish(at, result, summary, bool(lead), str(signature))


def check_record(payload: object, *, templates: Mapping[str, FormTemplate],
                 required_items: frozenset[str], now: datetime
                 ) -> tuple[RecordContent | None, list[Problem]]:
    """Every problem in ``payload`` (empty list = valid) and, when valid, its content.

    ``templates`` maps the template ids a record may use (those of the task's
    plan items) to templates; ``required_items`` are the items a finished
    record must cover."""
    check = _Checker(now)
    if not isinstance(payload, Mapping):
        check.add("", "NOT_AN_OBJECT", "记录内容须为对象")
        return None, check.problems
    for key in sorted(set(payload) - _TOP_KEYS):
        check.add(key, "UNKNOWN_FIELD", "记录中没有这个字段")
    started = check.moment(payload.get("startedAt"), "startedAt", "开始时间")
    kinds = check.evidence(payload.get("evidence", []))
    final = payload.get("finish") is not None
    used = check.forms(payload.get("forms", []), templates, kinds, final)
    finish = check.finish(payload["finish"], kinds, started) if final else None
    if final:
        covered = {templates[t].item_id for t in used}
        if required_items - covered:
            check.add("forms", "FORMS_INCOMPLETE", "每个抽查事项都须填写检查表单后才能完成检查")
    task = payload.get("taskId")
    if check.problems or started is None or not isinstance(task, str):
        return None, check.problems
    return RecordContent(task, started, tuple(used), finish), []
