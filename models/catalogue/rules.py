"""实施清单 rules (pure): the version state machine and the validation of an entry's terms.

A version is DRAFT while a department admin edits it, PUBLISHED once citizens
may apply under it (immutable from then on), RETIRED when withdrawn or
superseded by a newer published version. Publishing the same version twice, or
retiring a retired one, is a no-op so that a retried request is harmless.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from models.catalogue.vocabulary import (
    CaseType,
    CrossProvinceMode,
    Delegation,
    HandlingForm,
    MaterialForm,
    ServiceScope,
    TimeUnit,
)
from models.errors import Refusal


class Status(StrEnum):
    """实施清单版本状态."""

    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"
    RETIRED = "RETIRED"


class Action(StrEnum):
    EDIT = "EDIT"
    PUBLISH = "PUBLISH"
    RETIRE = "RETIRE"
    SUPERSEDE = "SUPERSEDE"  # done by the system when a newer version is published


class RetiredReason(StrEnum):
    WITHDRAWN = "WITHDRAWN"  # 停止实施
    SUPERSEDED = "SUPERSEDED"  # 新版本发布
    ABANDONED = "ABANDONED"  # 草稿作废


MAINTAINER = "DEPT_ADMIN"
SYSTEM = "SYSTEM"

# (state, action) -> (next state, who may do it)
TRANSITIONS: dict[tuple[Status, Action], tuple[Status, frozenset[str]]] = {
    (Status.DRAFT, Action.EDIT): (Status.DRAFT, frozenset({MAINTAINER})),
    (Status.DRAFT, Action.PUBLISH): (Status.PUBLISHED, frozenset({MAINTAINER})),
    (Status.DRAFT, Action.RETIRE): (Status.RETIRED, frozenset({MAINTAINER})),
    (Status.PUBLISHED, Action.RETIRE): (Status.RETIRED, frozenset({MAINTAINER})),
    (Status.PUBLISHED, Action.SUPERSEDE): (Status.RETIRED, frozenset({SYSTEM})),
}
# Repeating an action that already took effect returns the version unchanged.
ALREADY_DONE = {(Status.PUBLISHED, Action.PUBLISH), (Status.RETIRED, Action.RETIRE)}


def apply(status: Status, action: Action, actor_roles: frozenset[str]) -> Status:
    """The next status, or a Refusal (NOT_DRAFT for edits of published text)."""
    if (status, action) in ALREADY_DONE:
        return status
    step = TRANSITIONS.get((status, action))
    if step is None:
        if action is Action.EDIT:
            raise Refusal("NOT_DRAFT", "已发布或已停用的版本不可修改，请基于它新建草稿", "id")
        raise Refusal("INVALID_TRANSITION",
                      f"{STATUS_LABELS[status]}的版本不能{ACTION_LABELS[action]}", "id")
    next_status, roles = step
    if not roles & actor_roles:
        raise Refusal("INVALID_TRANSITION", f"无权{ACTION_LABELS[action]}此版本", "id")
    return next_status


def available_actions(status: Status, actor_roles: frozenset[str]) -> list[Action]:
    return [action for (state, action), (_next, roles) in TRANSITIONS.items()
            if state is status and roles & actor_roles]


STATUS_LABELS = {Status.DRAFT: "草稿", Status.PUBLISHED: "已发布", Status.RETIRED: "已停用"}
ACTION_LABELS = {Action.EDIT: "修改", Action.PUBLISH: "发布", Action.RETIRE: "停用",
                 Action.SUPERSEDE: "被新版本替代"}


# ---------------------------------------------------------------- codes

IMPLEMENTATION_CODE_MAX = 36
_CODE_CHARS = re.compile(r"[0-9A-Z]+")
_REGION_CODE = re.compile(r"[0-9]{6}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_PHONE = re.compile(r"[0-9+\- ()]{3,32}")


def check_implementation_code(code: str, field: str = "code") -> None:
    """实施编码: 1–36 characters of 0-9 and A-Z (length and charset only, DOMAIN.md §1)."""
    if not 0 < len(code) <= IMPLEMENTATION_CODE_MAX or not _CODE_CHARS.fullmatch(code):
        raise Refusal("INVALID_CODE", "实施编码应为 1–36 位数字或大写字母", field)


def check_basic_code(code: str, field: str = "basicCode") -> None:
    if len(code) != 12 or not _CODE_CHARS.fullmatch(code):
        raise Refusal("INVALID_CODE", "基本编码应为 12 位数字或大写字母", field)


# ---------------------------------------------------------------- terms

@dataclass(frozen=True)
class MaterialTerms:
    name: str
    form: MaterialForm
    copies: int = 1
    required: bool = True
    deferrable: bool = False  # 容缺: may be supplied after acceptance
    source: str = ""
    note: str = ""
    template_sha256: str | None = None
    template_filename: str | None = None


@dataclass(frozen=True)
class FeeTerms:
    name: str
    amount_fen: int
    unit: str = ""
    basis: str = ""


@dataclass(frozen=True)
class ImplementationTerms:
    """What a department admin edits in a draft. ``None`` means "not given"."""

    legal_limit: int | None = None
    legal_limit_unit: TimeUnit | None = None
    promised_limit: int | None = None
    promised_limit_unit: TimeUnit | None = None
    case_type: CaseType | None = None
    handling_form: HandlingForm | None = None
    onsite_visits: int | None = None
    service_scope: ServiceScope | None = None
    cross_province_modes: tuple[CrossProvinceMode, ...] = ()
    delegation: Delegation = Delegation.NONE
    delegated_from_region: str | None = None
    acceptance_conditions: str = ""
    address: str = ""
    office_hours: str = ""
    consult_phone: str = ""
    complaint_phone: str = ""
    online_url: str = ""
    materials: tuple[MaterialTerms, ...] = ()
    fees: tuple[FeeTerms, ...] = ()


MAX_ONSITE_VISITS = 10
_TEXT_LIMITS = {"address": 256, "office_hours": 128, "online_url": 256,
                "acceptance_conditions": 4000}
_INPUT_NAMES = {"legal_limit": "legalTimeLimit", "promised_limit": "promisedTimeLimit",
                "case_type": "caseType", "handling_form": "handlingForm",
                "onsite_visits": "onsiteVisits", "service_scope": "serviceScope",
                "address": "address", "office_hours": "officeHours",
                "consult_phone": "consultPhone", "complaint_phone": "complaintPhone",
                "online_url": "onlineUrl", "acceptance_conditions": "acceptanceConditions"}


def _at(prefix: str, name: str) -> str:
    return f"{prefix}.{_INPUT_NAMES.get(name, name)}" if prefix else _INPUT_NAMES.get(name, name)


def validate(terms: ImplementationTerms, prefix: str = "fields") -> list[Refusal]:
    """Every problem at once (一次告知 for admins too), each with its input path."""
    problems: list[Refusal] = []
    for name in ("legal_limit", "promised_limit", "case_type", "handling_form",
                 "onsite_visits", "service_scope", "consult_phone", "complaint_phone"):
        if getattr(terms, name) in (None, ""):
            problems.append(Refusal("REQUIRED", "此项为必填项", _at(prefix, name)))
    if terms.handling_form in (HandlingForm.OFFLINE, HandlingForm.BOTH):
        for name in ("address", "office_hours"):
            if not getattr(terms, name).strip():
                problems.append(Refusal("REQUIRED", "可到窗口办理的事项须填写办理地点和时间",
                                        _at(prefix, name)))
    if not terms.materials:
        problems.append(Refusal("REQUIRED", "至少需要一项申请材料（无需材料时填写“无”）",
                                f"{prefix}.materials"))
    for name, limit in _TEXT_LIMITS.items():
        if len(getattr(terms, name)) > limit:
            problems.append(Refusal("INVALID_VALUE", f"不能超过 {limit} 个字符",
                                    _at(prefix, name)))
    problems += _time_limit_problems(terms, prefix)
    problems += _handling_problems(terms, prefix)
    problems += _material_problems(terms.materials, f"{prefix}.materials")
    problems += _fee_problems(terms.fees, f"{prefix}.fees")
    return problems


def _time_limit_problems(terms: ImplementationTerms, prefix: str) -> list[Refusal]:
    legal, promised = terms.legal_limit, terms.promised_limit
    problems = []
    for value, unit, name in ((legal, terms.legal_limit_unit, "legal_limit"),
                              (promised, terms.promised_limit_unit, "promised_limit")):
        if value is not None and value < 0:
            problems.append(Refusal("INVALID_VALUE", "时限不能为负数",
                                    f"{_at(prefix, name)}.value"))
        if value is not None and unit is None:
            problems.append(Refusal("REQUIRED", "请选择时限单位", f"{_at(prefix, name)}.unit"))
    if problems or legal is None or promised is None:
        return problems
    if terms.promised_limit_unit != terms.legal_limit_unit and (
            terms.promised_limit_unit is TimeUnit.WORKING_DAY):
        # n calendar days never hold more than n working days, but n working
        # days can span more than n calendar days: that one cannot be checked.
        return [Refusal("TIME_UNIT_MISMATCH", "法定时限按自然日计时，承诺时限也须按自然日填写",
                        f"{_at(prefix, 'promised_limit')}.unit")]
    if promised > legal:
        return [Refusal("PROMISED_EXCEEDS_LEGAL",
                        f"承诺时限（{promised}）不能超过法定时限（{legal}）",
                        f"{_at(prefix, 'promised_limit')}.value")]
    if terms.case_type is CaseType.INSTANT and promised != 0:
        return [Refusal("INSTANT_CASE_WITH_TIME_LIMIT", "即办件的承诺时限应为 0（当场办结）",
                        f"{_at(prefix, 'promised_limit')}.value")]
    if terms.case_type is CaseType.PROMISED and promised == 0:
        return [Refusal("PROMISED_CASE_WITHOUT_TIME_LIMIT", "承诺件须填写大于 0 的承诺时限",
                        f"{_at(prefix, 'promised_limit')}.value")]
    return []


def _handling_problems(terms: ImplementationTerms, prefix: str) -> list[Refusal]:
    problems = []
    visits = terms.onsite_visits
    if visits is not None and not 0 <= visits <= MAX_ONSITE_VISITS:
        problems.append(Refusal("INVALID_VALUE", f"到现场次数应在 0–{MAX_ONSITE_VISITS} 之间",
                                _at(prefix, "onsite_visits")))
    if terms.handling_form is HandlingForm.ONLINE and visits:
        problems.append(Refusal("ONLINE_WITH_VISITS", "全程网办的事项到现场次数应为 0",
                                _at(prefix, "onsite_visits")))
    modes = terms.cross_province_modes
    cross = terms.service_scope is ServiceScope.CROSS_PROVINCE
    if modes and not cross:
        problems.append(Refusal("CROSS_PROVINCE_MODE_MISMATCH",
                                "只有通办范围为跨省通办的事项才能选择跨省通办模式",
                                f"{prefix}.crossProvinceModes"))
    if cross and not modes:
        problems.append(Refusal("CROSS_PROVINCE_MODE_MISMATCH",
                                "跨省通办事项须至少选择一种通办模式",
                                f"{prefix}.crossProvinceModes"))
    if len(set(modes)) != len(modes):
        problems.append(Refusal("INVALID_VALUE", "跨省通办模式重复",
                                f"{prefix}.crossProvinceModes"))
    if CrossProvinceMode.FULLY_ONLINE in modes and terms.handling_form is HandlingForm.OFFLINE:
        problems.append(Refusal("CROSS_PROVINCE_MODE_MISMATCH", "仅窗口办理的事项不能跨省全程网办",
                                f"{prefix}.crossProvinceModes"))
    source = terms.delegated_from_region
    if terms.delegation is Delegation.NONE and source:
        problems.append(Refusal("INVALID_VALUE", "本级实施的事项无需填写委托下放机关所在区划",
                                f"{prefix}.delegation.fromRegionCode"))
    if terms.delegation is not Delegation.NONE and not (source and _REGION_CODE.fullmatch(source)):
        problems.append(Refusal("REQUIRED", "委托或下放实施的事项须填写原实施机关的六位区划代码",
                                f"{prefix}.delegation.fromRegionCode"))
    for name in ("consult_phone", "complaint_phone"):
        value = getattr(terms, name)
        if value and not _PHONE.fullmatch(value):
            problems.append(Refusal("INVALID_VALUE", "电话号码格式不正确", _at(prefix, name)))
    if terms.online_url and not terms.online_url.startswith("https://"):
        problems.append(Refusal("INVALID_VALUE", "网上办理地址须以 https:// 开头",
                                _at(prefix, "online_url")))
    return problems


def _material_problems(materials: tuple[MaterialTerms, ...], at: str) -> list[Refusal]:
    problems = []
    seen: set[str] = set()
    for index, material in enumerate(materials):
        here = f"{at}[{index}]"
        name = material.name.strip()
        if not name:
            problems.append(Refusal("REQUIRED", "请填写材料名称", f"{here}.name"))
        elif len(name) > 200:
            problems.append(Refusal("INVALID_VALUE", "材料名称不能超过 200 个字符", f"{here}.name"))
        elif name in seen:
            problems.append(Refusal("DUPLICATE_MATERIAL", f"材料“{name}”重复", f"{here}.name"))
        seen.add(name)
        if not 1 <= material.copies <= 20:
            problems.append(Refusal("INVALID_VALUE", "份数应在 1–20 之间", f"{here}.copies"))
        if material.deferrable and not material.required:
            problems.append(Refusal("INVALID_VALUE", "只有必要材料才需要标注容缺",
                                    f"{here}.deferrable"))
        if material.template_sha256 is not None and not _SHA256.fullmatch(material.template_sha256):
            problems.append(Refusal("INVALID_VALUE", "样表文件标识应为 64 位小写十六进制 SHA-256",
                                    f"{here}.templateSha256"))
    return problems


def _fee_problems(fees: tuple[FeeTerms, ...], at: str) -> list[Refusal]:
    problems = []
    for index, fee in enumerate(fees):
        here = f"{at}[{index}]"
        if not fee.name.strip():
            problems.append(Refusal("REQUIRED", "请填写收费项目名称", f"{here}.name"))
        if fee.amount_fen < 0:
            problems.append(Refusal("INVALID_VALUE", "收费金额不能为负数", f"{here}.amountFen"))
        if fee.amount_fen > 0 and not fee.basis.strip():
            problems.append(Refusal("REQUIRED", "收费项目须写明收费依据", f"{here}.basis"))
    return problems
