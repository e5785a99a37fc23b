"""检查表单: inspection form templates as data, and checks of a device's answers.

A template belongs to one published inspection item and lists typed fields.
``validate_template`` finds configuration mistakes; ``validate_answers``
collects every problem in an inspector's answers (it never raises for them)
so the handheld device can mark all fields at once.

Answer shapes: YES_NO a bool; CHOICE one of the options; NUMBER an int or a
decimal string ("4.5"; floats are tolerated); TEXT a string; PHOTO a list of
distinct uploaded-file ids; SIGNATURE one uploaded-file id. A field counts as
unanswered when absent, None, blank text or an empty list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from models.errors import Refusal

KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")


class FieldType(StrEnum):
    """表单字段类型."""

    YES_NO = "YES_NO"
    CHOICE = "CHOICE"
    NUMBER = "NUMBER"
    TEXT = "TEXT"
    PHOTO = "PHOTO"
    SIGNATURE = "SIGNATURE"


@dataclass(frozen=True)
class FormField:
    """表单字段. Only the settings of its own type may be set: ``options``
    (CHOICE), ``unit``/``minimum``/``maximum`` (NUMBER), ``max_length`` (TEXT),
    ``photo_count`` (PHOTO, the least number of photos)."""

    key: str
    label: str
    type: FieldType
    required: bool = True
    options: tuple[str, ...] = ()
    unit: str | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_length: int | None = None
    photo_count: int | None = None


@dataclass(frozen=True)
class FormTemplate:
    """检查表单模板."""

    template_id: str
    item_id: str
    title: str
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class FieldProblem:
    """One problem, tied to a field key ("" for the whole form)."""

    field: str
    code: str
    message_zh: str


# Which optional settings each type may carry; anything else is a mistake.
_SETTINGS: dict[FieldType, frozenset[str]] = {
    FieldType.YES_NO: frozenset(),
    FieldType.CHOICE: frozenset({"options"}),
    FieldType.NUMBER: frozenset({"unit", "minimum", "maximum"}),
    FieldType.TEXT: frozenset({"max_length"}),
    FieldType.PHOTO: frozenset({"photo_count"}),
    FieldType.SIGNATURE: frozenset(),
}
_ALL_SETTINGS = ("options", "unit", "minimum", "maximum", "max_length", "photo_count")


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _field_problems(f: FormField) -> list[FieldProblem]:
    problems: list[FieldProblem] = []

    def add(code: str, message: str) -> None:
        problems.append(FieldProblem(f.key, code, message))

    if not f.label or not f.label.strip():
        add("MISSING_LABEL", "字段缺少名称")
    try:
        kind = FieldType(f.type)
    except ValueError:
        add("UNKNOWN_TYPE", f"不支持的字段类型：{f.type}")
        return problems
    for setting in _ALL_SETTINGS:
        if setting not in _SETTINGS[kind] and getattr(f, setting) not in (None, (), []):
            add("UNEXPECTED_SETTING", f"{kind}类型字段不应设置{setting}")
    if kind is FieldType.CHOICE:
        if any(not o or not o.strip() for o in f.options):
            add("EMPTY_OPTION", "选项不能为空")
        if len(set(f.options)) != len(f.options):
            add("DUPLICATE_OPTION", "选项重复")
        if len(set(f.options)) < 2:
            add("TOO_FEW_OPTIONS", "单选字段至少需要2个选项")
    if kind is FieldType.NUMBER:
        low, high = f.minimum, f.maximum
        bounds = [b for b in (low, high) if b is not None]
        if any(not isinstance(b, Decimal) or not b.is_finite() for b in bounds):
            add("BAD_RANGE", "数值范围须为有限的小数")
        elif low is not None and high is not None and low > high:
            add("BAD_RANGE", "最小值不能大于最大值")
    if kind is FieldType.TEXT and not _positive_int(f.max_length):
        add("BAD_MAX_LENGTH", "文本字段须设置不小于1的最大长度")
    if kind is FieldType.PHOTO and not _positive_int(f.photo_count):
        add("BAD_PHOTO_COUNT", "照片字段须设置不小于1的照片数量")
    return problems


def validate_template(template: FormTemplate) -> list[FieldProblem]:
    """Every configuration problem in ``template``; empty when it can be used."""
    problems: list[FieldProblem] = []
    if not template.title or not template.title.strip():
        problems.append(FieldProblem("", "MISSING_TITLE", "表单缺少标题"))
    if not template.fields:
        problems.append(FieldProblem("", "NO_FIELDS", "表单至少需要一个字段"))
    seen: set[str] = set()
    for f in template.fields:
        if not isinstance(f.key, str) or not KEY_PATTERN.fullmatch(f.key):
            problems.append(
                FieldProblem(
                    str(f.key), "BAD_KEY", "字段标识须以小写字母开头，仅含小写字母、数字和下划线"
                )
            )
        elif f.key in seen:
            problems.append(FieldProblem(f.key, "DUPLICATE_KEY", "字段标识重复"))
        seen.add(f.key)
        problems.extend(_field_problems(f))
    return problems


def _is_blank(value: object) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _check_yes_no(f: FormField, value: object) -> tuple[str, str] | None:
    if not isinstance(value, bool):
        return "WRONG_TYPE", f"{f.label}须选择是或否"
    return None


def _check_choice(f: FormField, value: object) -> tuple[str, str] | None:
    if not isinstance(value, str) or value not in f.options:
        return "NOT_AN_OPTION", f"{f.label}须从给定选项中选择"
    return None


def _as_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | Decimal):
            number = Decimal(value)
        elif isinstance(value, float | str):
            number = Decimal(str(value).strip())
        else:
            return None
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _check_number(f: FormField, value: object) -> tuple[str, str] | None:
    number = _as_decimal(value)
    unit = f.unit or ""
    if number is None:
        return "NOT_A_NUMBER", f"{f.label}须填写数字"
    if f.minimum is not None and number < f.minimum:
        return "BELOW_MIN", f"{f.label}不能小于{f.minimum}{unit}"
    if f.maximum is not None and number > f.maximum:
        return "ABOVE_MAX", f"{f.label}不能大于{f.maximum}{unit}"
    return None


def _check_text(f: FormField, value: object) -> tuple[str, str] | None:
    if not isinstance(value, str):
        return "WRONG_TYPE", f"{f.label}须填写文字"
    if f.max_length is not None and len(value) > f.max_length:
        return "TOO_LONG", f"{f.label}不能超过{f.max_length}个字"
    return None


def _check_photo(f: FormField, value: object) -> tuple[str, str] | None:
    if not isinstance(value, list) or not all(isinstance(p, str) and p for p in value):
        return "WRONG_TYPE", f"{f.label}须上传照片"
    if len(set(value)) != len(value):
        return "DUPLICATE_PHOTO", f"{f.label}中有重复的照片"
    if f.photo_count is not None and len(value) < f.photo_count:
        return "TOO_FEW_PHOTOS", f"{f.label}至少需要{f.photo_count}张照片"
    return None


def _check_signature(f: FormField, value: object) -> tuple[str, str] | None:
    if not isinstance(value, str):
        return "WRONG_TYPE", f"{f.label}须上传签名"
    return None


_CHECKS: dict[FieldType, Callable[[FormField, object], tuple[str, str] | None]] = {
    FieldType.YES_NO: _check_yes_no,
    FieldType.CHOICE: _check_choice,
    FieldType.NUMBER: _check_number,
    FieldType.TEXT: _check_text,
    FieldType.PHOTO: _check_photo,
    FieldType.SIGNATURE: _check_signature,
}


def validate_answers(template: FormTemplate, answers: Mapping[str, object]) -> list[FieldProblem]:
    """Every problem in ``answers``: template fields in order, then unknown keys.

    Raises ``Refusal(INVALID_TEMPLATE)`` only when the template itself is
    broken, which is an administrator's mistake rather than the inspector's."""
    broken = validate_template(template)
    if broken:
        raise Refusal("INVALID_TEMPLATE", "检查表单模板配置有误，请联系管理员", broken[0].field)
    if not isinstance(answers, Mapping):
        return [FieldProblem("", "NOT_AN_OBJECT", "表单答案格式有误")]
    problems: list[FieldProblem] = []
    for f in template.fields:
        value = answers.get(f.key)
        if _is_blank(value):
            if f.required:
                problems.append(FieldProblem(f.key, "REQUIRED", f"{f.label}为必填项"))
            continue
        found = _CHECKS[FieldType(f.type)](f, value)
        if found is not None:
            problems.append(FieldProblem(f.key, *found))
    known = {f.key for f in template.fields}
    for key in sorted(str(k) for k in answers if k not in known):
        problems.append(FieldProblem(key, "UNKNOWN_FIELD", "表单中没有这个字段"))
    return problems
