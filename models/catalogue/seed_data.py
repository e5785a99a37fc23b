"""Zhejiang demo catalogue (基本目录 matters and 一件事 bundles) from packaged JSON.

The data lives in ``data/zhejiang_catalogue.json``: matter names and legal
bases follow real government service lists; codes, time limits, materials and
fees are illustrative (see the file's ``about``). Values that are domain terms
(事项类型, 办件类型, 通办范围, 跨省通办 and 证照分离 modes) are kept in Chinese,
as on the national platform; the enum layer maps them to English names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

MATTER_TYPES: tuple[str, ...] = (
    "行政许可",
    "行政给付",
    "行政确认",
    "行政奖励",
    "行政裁决",
    "其他行政权力",
    "公共服务",
    "行政备案",
)
CASE_TYPES: tuple[str, ...] = ("即办件", "承诺件")
HANDLING_FORMS: tuple[str, ...] = ("online", "offline", "both")
SERVICE_SCOPES: tuple[str, ...] = ("全省", "全市", "跨省")
CROSS_PROVINCE_MODES: tuple[str, ...] = ("全程网办", "异地代收代办", "多地联办")
LICENCE_REFORM_MODES: tuple[str, ...] = (
    "直接取消审批",
    "审批改为备案",
    "实行告知承诺",
    "优化审批服务",
)
MATERIAL_FORMS: tuple[str, ...] = ("原件", "复印件", "电子")

# DOMAIN.md §1: codes are checked by length and character set only.
_BASIC_CODE = re.compile(r"[0-9A-Z]{12}")
_REGION_CODE = re.compile(r"[0-9]{6}")
_DEPARTMENT_CODE = re.compile(r"[0-9A-Z]{1,18}")


@dataclass(frozen=True, slots=True)
class DepartmentSeed:
    """实施部门 as it appears in every county: a short code and its names."""

    code: str
    name: str
    full_name: str


@dataclass(frozen=True, slots=True)
class FeeSeed:
    """收费项目; ``amount_fen`` in 分 so money never passes through floats."""

    name: str
    amount_fen: int
    unit: str
    basis: str


@dataclass(frozen=True, slots=True)
class MaterialSeed:
    """申请材料. ``deferrable`` is 容缺: accepted now, supplied later."""

    name: str
    form: str
    copies: int
    required: bool
    deferrable: bool


@dataclass(frozen=True, slots=True)
class MatterSeed:
    """政务服务事项 of the 基本目录, with the defaults of its 实施清单."""

    basic_code: str
    name: str
    matter_type: str
    department: str
    audience: tuple[str, ...]
    theme: str
    levels: tuple[str, ...]
    legal_basis: str
    statutory_days: int
    promised_days: int
    case_type: str
    handling_form: str
    onsite_visits: int
    service_scope: str
    cross_province_modes: tuple[str, ...]
    business_licence: bool
    licence_reform_mode: str | None
    fees: tuple[FeeSeed, ...]
    materials: tuple[MaterialSeed, ...]


@dataclass(frozen=True, slots=True)
class LifeEventSeed:
    """一件事: one application fanned out to member matters.

    ``linked_services`` are steps done by bodies outside the seeded
    departments (utilities, banks, the housing fund centre): shown to the
    applicant, not created as applications.
    """

    code: str
    name: str
    audience: tuple[str, ...]
    lead_department: str
    member_names: tuple[str, ...]
    member_codes: tuple[str, ...]
    linked_services: tuple[str, ...]


def _matter(raw: dict[str, Any]) -> MatterSeed:
    return MatterSeed(
        basic_code=raw["basic_code"],
        name=raw["name"],
        matter_type=raw["matter_type"],
        department=raw["department"],
        audience=tuple(raw["audience"]),
        theme=raw["theme"],
        levels=tuple(raw["levels"]),
        legal_basis=raw["legal_basis"],
        statutory_days=raw["statutory_days"],
        promised_days=raw["promised_days"],
        case_type=raw["case_type"],
        handling_form=raw["handling_form"],
        onsite_visits=raw["onsite_visits"],
        service_scope=raw["service_scope"],
        cross_province_modes=tuple(raw["cross_province_modes"]),
        business_licence=raw["business_licence"],
        licence_reform_mode=raw["licence_reform_mode"],
        fees=tuple(FeeSeed(**fee) for fee in raw["fees"]),
        materials=tuple(MaterialSeed(**material) for material in raw["materials"]),
    )


def _life_event(raw: dict[str, Any], code_by_name: dict[str, str]) -> LifeEventSeed:
    missing = [name for name in raw["members"] if name not in code_by_name]
    if missing:
        # Fail at import: a bundle pointing at nothing would fan out to nothing.
        raise ValueError(f"一件事 {raw['name']} names unknown matters: {missing}")
    return LifeEventSeed(
        code=raw["code"],
        name=raw["name"],
        audience=tuple(raw["audience"]),
        lead_department=raw["lead_department"],
        member_names=tuple(raw["members"]),
        member_codes=tuple(code_by_name[name] for name in raw["members"]),
        linked_services=tuple(raw["linked_services"]),
    )


def _load() -> tuple[list[DepartmentSeed], list[MatterSeed], list[LifeEventSeed]]:
    path = resources.files("models.catalogue") / "data" / "zhejiang_catalogue.json"
    raw = json.loads(path.read_text("utf-8"))
    departments = [DepartmentSeed(**department) for department in raw["departments"]]
    matters = [_matter(matter) for matter in raw["matters"]]
    code_by_name = {matter.name: matter.basic_code for matter in matters}
    life_events = [_life_event(event, code_by_name) for event in raw["life_events"]]
    return departments, matters, life_events


DEPARTMENTS, BASIC_MATTERS, LIFE_EVENTS = _load()


def implementation_code(basic_code: str, region_code: str, department_code: str) -> str:
    """实施编码 of a matter as carried out by one department in one region.

    basic code (12) + GB/T 2260 region (6) + department code (≤ 18, room for a
    统一社会信用代码) = at most 36 characters, unique per implementing body.
    """
    if not _BASIC_CODE.fullmatch(basic_code):
        raise ValueError(f"basic code must be 12 characters of 0-9A-Z: {basic_code!r}")
    if not _REGION_CODE.fullmatch(region_code):
        raise ValueError(f"region code must be 6 digits: {region_code!r}")
    if not _DEPARTMENT_CODE.fullmatch(department_code):
        raise ValueError(f"department code must be 1-18 characters of 0-9A-Z: {department_code!r}")
    return f"{basic_code}{region_code}{department_code}"
