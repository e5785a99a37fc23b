"""Catalogue vocabularies (GB/T 39554.1 terms): values in English, labels in Chinese.

The seed file keeps the Chinese terms as on the national platform; ``FROM_LABEL``
maps them back to the enum values stored in the database.
"""

from __future__ import annotations

from enum import StrEnum

from models.catalogue import seed_data


class MatterType(StrEnum):
    """事项类型."""

    LICENSING = "LICENSING"  # 行政许可
    PAYMENT = "PAYMENT"  # 行政给付
    CONFIRMATION = "CONFIRMATION"  # 行政确认
    REWARD = "REWARD"  # 行政奖励
    ADJUDICATION = "ADJUDICATION"  # 行政裁决
    OTHER_POWER = "OTHER_POWER"  # 其他行政权力
    PUBLIC_SERVICE = "PUBLIC_SERVICE"  # 公共服务
    FILING = "FILING"  # 行政备案


class Audience(StrEnum):
    """服务对象."""

    PERSON = "PERSON"  # 个人
    LEGAL_ENTITY = "LEGAL_ENTITY"  # 法人


class LicenceReformMode(StrEnum):
    """证照分离 reform mode of a 涉企经营许可 matter."""

    CANCEL_APPROVAL = "CANCEL_APPROVAL"  # 直接取消审批
    APPROVAL_TO_FILING = "APPROVAL_TO_FILING"  # 审批改为备案
    NOTIFICATION_COMMITMENT = "NOTIFICATION_COMMITMENT"  # 实行告知承诺
    OPTIMISED_APPROVAL = "OPTIMISED_APPROVAL"  # 优化审批服务


class CaseType(StrEnum):
    """办件类型."""

    INSTANT = "INSTANT"  # 即办件
    PROMISED = "PROMISED"  # 承诺件


class HandlingForm(StrEnum):
    """办理形式."""

    ONLINE = "ONLINE"  # 全程网办
    OFFLINE = "OFFLINE"  # 窗口办理
    BOTH = "BOTH"  # 网上或窗口


class ServiceScope(StrEnum):
    """通办范围."""

    LOCAL = "LOCAL"  # 属地办理
    CITY = "CITY"  # 全市通办
    PROVINCE = "PROVINCE"  # 全省通办
    CROSS_PROVINCE = "CROSS_PROVINCE"  # 跨省通办


class CrossProvinceMode(StrEnum):
    """跨省通办 mode (国办发〔2020〕35号)."""

    FULLY_ONLINE = "FULLY_ONLINE"  # 全程网办
    PROXY = "PROXY"  # 异地代收代办
    MULTI_PLACE = "MULTI_PLACE"  # 多地联办


class TimeUnit(StrEnum):
    """时限单位."""

    WORKING_DAY = "WORKING_DAY"  # 工作日
    CALENDAR_DAY = "CALENDAR_DAY"  # 自然日


class MaterialForm(StrEnum):
    """材料形式."""

    ORIGINAL = "ORIGINAL"  # 原件
    COPY = "COPY"  # 复印件
    ELECTRONIC = "ELECTRONIC"  # 电子


class Delegation(StrEnum):
    """委托下放: whether this body acts under another level's power."""

    NONE = "NONE"  # 本级实施
    ENTRUSTED = "ENTRUSTED"  # 委托实施
    DEVOLVED = "DEVOLVED"  # 下放实施


LABELS: dict[StrEnum, str] = {
    MatterType.LICENSING: "行政许可", MatterType.PAYMENT: "行政给付",
    MatterType.CONFIRMATION: "行政确认", MatterType.REWARD: "行政奖励",
    MatterType.ADJUDICATION: "行政裁决", MatterType.OTHER_POWER: "其他行政权力",
    MatterType.PUBLIC_SERVICE: "公共服务", MatterType.FILING: "行政备案",
    Audience.PERSON: "个人", Audience.LEGAL_ENTITY: "法人",
    LicenceReformMode.CANCEL_APPROVAL: "直接取消审批",
    LicenceReformMode.APPROVAL_TO_FILING: "审批改为备案",
    LicenceReformMode.NOTIFICATION_COMMITMENT: "实行告知承诺",
    LicenceReformMode.OPTIMISED_APPROVAL: "优化审批服务",
    CaseType.INSTANT: "即办件", CaseType.PROMISED: "承诺件",
    HandlingForm.ONLINE: "全程网办", HandlingForm.OFFLINE: "窗口办理",
    HandlingForm.BOTH: "网上或窗口办理",
    ServiceScope.LOCAL: "属地办理", ServiceScope.CITY: "全市通办",
    ServiceScope.PROVINCE: "全省通办", ServiceScope.CROSS_PROVINCE: "跨省通办",
    CrossProvinceMode.FULLY_ONLINE: "全程网办", CrossProvinceMode.PROXY: "异地代收代办",
    CrossProvinceMode.MULTI_PLACE: "多地联办",
    TimeUnit.WORKING_DAY: "工作日", TimeUnit.CALENDAR_DAY: "自然日",
    MaterialForm.ORIGINAL: "原件", MaterialForm.COPY: "复印件", MaterialForm.ELECTRONIC: "电子",
    Delegation.NONE: "本级实施", Delegation.ENTRUSTED: "委托实施",
    Delegation.DEVOLVED: "下放实施",
}


def label(value: StrEnum) -> str:
    return LABELS[value]


# Seed terms (Chinese) -> stored values. The seed's 跨省 scope is 跨省通办; its
# handling forms are already English words.
FROM_LABEL: dict[str, StrEnum] = {
    text: value for value, text in LABELS.items()
    if not isinstance(value, (HandlingForm, CrossProvinceMode))
}
FROM_LABEL.update({"全省": ServiceScope.PROVINCE, "全市": ServiceScope.CITY,
                   "跨省": ServiceScope.CROSS_PROVINCE})
CROSS_MODE_FROM_LABEL = {LABELS[m]: m for m in CrossProvinceMode}
HANDLING_FORM_FROM_SEED = {"online": HandlingForm.ONLINE, "offline": HandlingForm.OFFLINE,
                           "both": HandlingForm.BOTH}

# The seed names departments by their short names; the region tables by kind.
DEPARTMENT_KIND_BY_SEED_NAME = {
    "市场监管局": "market", "人力社保局": "hrss", "医保局": "medical_insurance",
    "公安局": "public_security", "卫健委": "health", "交通运输局": "transport",
    "住建局": "housing", "民政局": "civil_affairs", "自然资源和规划局": "natural_resources",
    "教育局": "education", "生态环境局": "ecology", "税务局": "tax",
}
# The short code each kind contributes to a 实施编码 (see seed_data.implementation_code).
DEPARTMENT_CODE_BY_KIND = {
    DEPARTMENT_KIND_BY_SEED_NAME[d.name]: d.code for d in seed_data.DEPARTMENTS
}
