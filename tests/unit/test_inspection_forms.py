"""Tests for inspection form templates and answer validation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.errors import Refusal
from models.inspections.forms import (
    FieldProblem,
    FieldType,
    FormField,
    FormTemplate,
    validate_answers,
    validate_template,
)

LICENCE = FormField("licence_shown", "是否公示许可证", FieldType.YES_NO)
HYGIENE = FormField("hygiene", "卫生状况", FieldType.CHOICE, options=("良好", "一般", "较差"))
FRIDGE = FormField(
    "fridge_temp",
    "冷藏温度",
    FieldType.NUMBER,
    unit="℃",
    minimum=Decimal("-5"),
    maximum=Decimal("8"),
)
NOTES = FormField("notes", "检查情况", FieldType.TEXT, required=False, max_length=10)
PHOTOS = FormField("photos", "现场照片", FieldType.PHOTO, photo_count=2)
SIGNED = FormField("signature", "当事人签名", FieldType.SIGNATURE)

TEMPLATE = FormTemplate(
    "T-001", "ITEM-FOOD-01", "食品经营检查表", (LICENCE, HYGIENE, FRIDGE, NOTES, PHOTOS, SIGNED)
)
GOOD = {
    "licence_shown": True,
    "hygiene": "良好",
    "fridge_temp": "4.5",
    "notes": "无异常",
    "photos": ["file-1", "file-2"],
    "signature": "file-9",
}


def codes(problems: list[FieldProblem]) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in problems]


def template_with(*fields: FormField) -> FormTemplate:
    return FormTemplate("T-X", "ITEM-X", "测试表单", fields)


def test_complete_answers_have_no_problems() -> None:
    assert validate_template(TEMPLATE) == []
    assert validate_answers(TEMPLATE, GOOD) == []


def test_every_problem_is_collected_at_once_in_form_order() -> None:
    answers = {
        "licence_shown": "yes",
        "hygiene": "很好",
        "fridge_temp": "12",
        "notes": "一二三四五六七八九十十一",
        "photos": ["file-1"],
        "extra": 1,
    }
    assert codes(validate_answers(TEMPLATE, answers)) == [
        ("licence_shown", "WRONG_TYPE"),
        ("hygiene", "NOT_AN_OPTION"),
        ("fridge_temp", "ABOVE_MAX"),
        ("notes", "TOO_LONG"),
        ("photos", "TOO_FEW_PHOTOS"),
        ("signature", "REQUIRED"),
        ("extra", "UNKNOWN_FIELD"),
    ]


def test_problem_messages_are_chinese_and_name_the_field() -> None:
    [problem] = validate_answers(TEMPLATE, {**GOOD, "fridge_temp": "-6"})
    assert problem == FieldProblem("fridge_temp", "BELOW_MIN", "冷藏温度不能小于-5℃")


@pytest.mark.parametrize("blank", [None, "", "   ", []])
def test_blank_required_answer_is_reported_as_required(blank: object) -> None:
    for key in GOOD:
        problems = validate_answers(TEMPLATE, {**GOOD, key: blank})
        expected = [] if key == "notes" else [(key, "REQUIRED")]
        assert codes(problems) == expected


def test_yes_no_takes_only_booleans() -> None:
    assert validate_answers(TEMPLATE, {**GOOD, "licence_shown": False}) == []
    assert codes(validate_answers(TEMPLATE, {**GOOD, "licence_shown": 1})) == [
        ("licence_shown", "WRONG_TYPE")
    ]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (3, None),
        (Decimal("8"), None),
        (-5, None),
        ("8.01", "ABOVE_MAX"),
        (2.5, None),
        ("abc", "NOT_A_NUMBER"),
        (True, "NOT_A_NUMBER"),
        ("NaN", "NOT_A_NUMBER"),
        (float("inf"), "NOT_A_NUMBER"),
        ({"v": 1}, "NOT_A_NUMBER"),
    ],
)
def test_number_accepts_exact_values_within_the_range(value: object, code: str | None) -> None:
    problems = validate_answers(TEMPLATE, {**GOOD, "fridge_temp": value})
    assert codes(problems) == ([] if code is None else [("fridge_temp", code)])


def test_text_length_is_counted_in_characters() -> None:
    assert validate_answers(TEMPLATE, {**GOOD, "notes": "一" * 10}) == []
    assert codes(validate_answers(TEMPLATE, {**GOOD, "notes": 42})) == [("notes", "WRONG_TYPE")]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (["a", "b", "c"], None),
        (["a", "a"], "DUPLICATE_PHOTO"),
        ("a", "WRONG_TYPE"),
        (["a", ""], "WRONG_TYPE"),
        (["a"], "TOO_FEW_PHOTOS"),
    ],
)
def test_photo_needs_enough_distinct_file_ids(value: object, code: str | None) -> None:
    problems = validate_answers(TEMPLATE, {**GOOD, "photos": value})
    assert codes(problems) == ([] if code is None else [("photos", code)])


def test_signature_must_be_a_file_id() -> None:
    assert codes(validate_answers(TEMPLATE, {**GOOD, "signature": ["x"]})) == [
        ("signature", "WRONG_TYPE")
    ]


def test_answers_that_are_not_an_object_give_one_problem_not_an_exception() -> None:
    assert codes(validate_answers(TEMPLATE, ["x"])) == [("", "NOT_AN_OBJECT")]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "code"),
    [
        (FormField("c", "选项", FieldType.CHOICE, options=("是",)), "TOO_FEW_OPTIONS"),
        (FormField("c", "选项", FieldType.CHOICE, options=("是", "是", "否")), "DUPLICATE_OPTION"),
        (FormField("c", "选项", FieldType.CHOICE, options=("是", " ")), "EMPTY_OPTION"),
        (
            FormField("n", "数值", FieldType.NUMBER, minimum=Decimal("5"), maximum=Decimal("1")),
            "BAD_RANGE",
        ),
        (FormField("n", "数值", FieldType.NUMBER, minimum=Decimal("NaN")), "BAD_RANGE"),
        (FormField("t", "文本", FieldType.TEXT), "BAD_MAX_LENGTH"),
        (FormField("t", "文本", FieldType.TEXT, max_length=0), "BAD_MAX_LENGTH"),
        (FormField("p", "照片", FieldType.PHOTO), "BAD_PHOTO_COUNT"),
        (FormField("y", "是否", FieldType.YES_NO, unit="个"), "UNEXPECTED_SETTING"),
        (FormField("s", "签名", FieldType.SIGNATURE, options=("a", "b")), "UNEXPECTED_SETTING"),
        (FormField("Bad-Key", "名称", FieldType.YES_NO), "BAD_KEY"),
        (FormField("y", " ", FieldType.YES_NO), "MISSING_LABEL"),
        (FormField("y", "未知", "DATE"), "UNKNOWN_TYPE"),  # type: ignore[arg-type]
    ],
)
def test_template_mistakes_are_found(field: FormField, code: str) -> None:
    assert code in [p.code for p in validate_template(template_with(field))]


def test_template_needs_title_fields_and_unique_keys() -> None:
    assert codes(validate_template(FormTemplate("T", "I", "", ()))) == [
        ("", "MISSING_TITLE"),
        ("", "NO_FIELDS"),
    ]
    assert codes(validate_template(template_with(LICENCE, LICENCE))) == [
        ("licence_shown", "DUPLICATE_KEY")
    ]


def test_answers_against_a_broken_template_are_refused() -> None:
    with pytest.raises(Refusal) as caught:
        validate_answers(template_with(FormField("t", "文本", FieldType.TEXT)), {})
    assert caught.value.code == "INVALID_TEMPLATE"
