"""The Zhejiang demo catalogue obeys the 基本目录/实施清单 rules of DOMAIN.md §1."""

import re

import pytest

from models.catalogue.seed_data import (
    BASIC_MATTERS,
    CASE_TYPES,
    CROSS_PROVINCE_MODES,
    DEPARTMENTS,
    HANDLING_FORMS,
    LICENCE_REFORM_MODES,
    LIFE_EVENTS,
    MATERIAL_FORMS,
    MATTER_TYPES,
    SERVICE_SCOPES,
    implementation_code,
)

REQUIRED_DEPARTMENTS = {
    "市场监管局",
    "人力社保局",
    "医保局",
    "公安局",
    "卫健委",
    "交通运输局",
    "住建局",
    "民政局",
    "自然资源和规划局",
    "税务局",
    "教育局",
    "生态环境局",
}


def test_catalogue_has_at_least_150_matters_across_the_twelve_departments() -> None:
    assert len(BASIC_MATTERS) >= 150
    assert {matter.department for matter in BASIC_MATTERS} == REQUIRED_DEPARTMENTS
    assert {department.name for department in DEPARTMENTS} == REQUIRED_DEPARTMENTS


def test_basic_codes_are_unique_twelve_characters_of_digits_and_capitals() -> None:
    codes = [matter.basic_code for matter in BASIC_MATTERS]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[0-9A-Z]{12}", code) for code in codes)


def test_matter_names_are_unique() -> None:
    names = [matter.name for matter in BASIC_MATTERS]
    assert len(names) == len(set(names))


def test_well_known_matters_are_present() -> None:
    names = {matter.name for matter in BASIC_MATTERS}
    for name in (
        "居住证申领",
        "基本医疗保险关系转移接续",
        "社会保障卡申领",
        "个体工商户设立登记",
        "食品经营许可",
        "机动车驾驶证换证",
        "出生医学证明办理",
        "失业保险金申领",
        "建筑工程施工许可证核发",
        "道路货物运输经营许可",
        "内地居民结婚登记",
        "不动产转移登记",
    ):
        assert name in names


def test_every_matter_uses_only_known_labels() -> None:
    for matter in BASIC_MATTERS:
        assert matter.matter_type in MATTER_TYPES, matter.name
        assert matter.case_type in CASE_TYPES, matter.name
        assert matter.handling_form in HANDLING_FORMS, matter.name
        assert matter.service_scope in SERVICE_SCOPES, matter.name
        assert set(matter.audience) <= {"个人", "法人"} and matter.audience, matter.name
        assert set(matter.levels) <= {"省级", "市级", "县级"} and matter.levels, matter.name
        assert matter.legal_basis.startswith("《"), matter.name


def test_promised_time_never_exceeds_statutory_time() -> None:
    for matter in BASIC_MATTERS:
        assert 0 <= matter.promised_days <= matter.statutory_days, matter.name


def test_immediate_cases_are_exactly_those_promised_in_zero_days() -> None:
    for matter in BASIC_MATTERS:
        assert (matter.case_type == "即办件") == (matter.promised_days == 0), matter.name


def test_online_only_matters_need_no_visit_and_offline_ones_need_one() -> None:
    for matter in BASIC_MATTERS:
        assert matter.onsite_visits in (0, 1, 2), matter.name
        if matter.handling_form == "online":
            assert matter.onsite_visits == 0, matter.name
        if matter.handling_form == "offline":
            assert matter.onsite_visits >= 1, matter.name


def test_every_business_licence_carries_exactly_one_reform_mode() -> None:
    licences = [matter for matter in BASIC_MATTERS if matter.business_licence]
    assert licences
    for matter in BASIC_MATTERS:
        if matter.business_licence:
            assert matter.licence_reform_mode in LICENCE_REFORM_MODES, matter.name
        else:
            assert matter.licence_reform_mode is None, matter.name


def test_cross_province_modes_only_and_always_on_cross_province_matters() -> None:
    for matter in BASIC_MATTERS:
        assert set(matter.cross_province_modes) <= set(CROSS_PROVINCE_MODES), matter.name
        assert bool(matter.cross_province_modes) == (matter.service_scope == "跨省"), matter.name


@pytest.mark.parametrize(
    "name",
    ["基本医疗保险关系转移接续", "社会保障卡申领", "企业职工基本养老保险关系转移接续", "户口迁移"],
)
def test_nationally_listed_matters_can_be_handled_across_provinces(name: str) -> None:
    (matter,) = [m for m in BASIC_MATTERS if m.name == name]
    assert matter.service_scope == "跨省"
    assert matter.cross_province_modes


def test_materials_are_well_formed_and_every_matter_asks_for_some() -> None:
    for matter in BASIC_MATTERS:
        assert matter.materials, matter.name
        for material in matter.materials:
            assert material.form in MATERIAL_FORMS, (matter.name, material.name)
            assert material.copies >= 1, (matter.name, material.name)
            # 容缺 means "supply it later", which only makes sense for a required material.
            assert material.required or not material.deferrable, (matter.name, material.name)


def test_most_matters_are_free_and_fees_carry_amount_and_basis() -> None:
    charged = [matter for matter in BASIC_MATTERS if matter.fees]
    assert 0 < len(charged) < len(BASIC_MATTERS) / 4
    for matter in charged:
        for fee in matter.fees:
            assert fee.amount_fen > 0 and fee.basis and fee.unit, (matter.name, fee.name)


def test_every_life_event_member_is_a_catalogue_matter() -> None:
    by_code = {matter.basic_code: matter.name for matter in BASIC_MATTERS}
    for event in LIFE_EVENTS:
        assert len(event.member_codes) >= 2, event.name
        assert [by_code[code] for code in event.member_codes] == list(event.member_names)


def test_required_life_events_are_seeded_and_span_several_departments() -> None:
    names = {event.name for event in LIFE_EVENTS}
    assert {
        "新生儿出生一件事",
        "企业开办一件事",
        "退休一件事",
        "身后一件事",
        "二手房转移登记及水电气网联动过户一件事",
        "开办餐饮店一件事",
    } <= names
    department_of = {matter.basic_code: matter.department for matter in BASIC_MATTERS}
    for event in LIFE_EVENTS:
        assert len({department_of[code] for code in event.member_codes}) >= 2, event.name
        assert event.lead_department in REQUIRED_DEPARTMENTS, event.name


def test_life_event_codes_are_unique() -> None:
    codes = [event.code for event in LIFE_EVENTS]
    assert len(codes) == len(set(codes))


def test_implementation_code_joins_basic_region_and_department_within_36() -> None:
    basic = BASIC_MATTERS[0].basic_code
    code = implementation_code(basic, "330106", "91330106MA2XXXXXX1")
    assert code == f"{basic}33010691330106MA2XXXXXX1"
    assert len(code) == 36
    assert implementation_code(basic, "330106", "SCJG") != implementation_code(
        basic, "330105", "SCJG"
    )


@pytest.mark.parametrize(
    ("basic", "region", "department"),
    [
        ("XK01000010", "330106", "SCJG"),  # basic code too short
        ("xk0100001000", "330106", "SCJG"),  # lowercase
        ("XK0100001000", "33010", "SCJG"),  # region too short
        ("XK0100001000", "３３０１０６", "SCJG"),  # full-width digits
        ("XK0100001000", "330106", ""),  # no department
        ("XK0100001000", "330106", "A" * 19),  # would exceed 36
    ],
)
def test_implementation_code_refuses_malformed_parts(
    basic: str, region: str, department: str
) -> None:
    with pytest.raises(ValueError):
        implementation_code(basic, region, department)


def test_department_codes_fit_implementation_codes() -> None:
    for department in DEPARTMENTS:
        assert re.fullmatch(r"[0-9A-Z]{1,18}", department.code)
