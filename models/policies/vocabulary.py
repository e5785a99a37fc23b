"""Policy vocabularies: values in English, labels in Chinese.

Industries are the 门类 of GB/T 4754-2017 (国民经济行业分类); enterprise sizes
follow 工信部联企业〔2011〕300号 (大中小微) plus 个体工商户, which many
惠企 policies name separately.
"""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    """政策层级."""

    NATIONAL = "NATIONAL"
    PROVINCIAL = "PROVINCIAL"
    CITY = "CITY"
    COUNTY = "COUNTY"


class Industry(StrEnum):
    """国民经济行业门类."""

    AGRICULTURE = "AGRICULTURE"  # A
    MINING = "MINING"  # B
    MANUFACTURING = "MANUFACTURING"  # C
    UTILITIES = "UTILITIES"  # D
    CONSTRUCTION = "CONSTRUCTION"  # E
    WHOLESALE_RETAIL = "WHOLESALE_RETAIL"  # F
    TRANSPORT_LOGISTICS = "TRANSPORT_LOGISTICS"  # G
    ACCOMMODATION_CATERING = "ACCOMMODATION_CATERING"  # H
    INFORMATION_TECHNOLOGY = "INFORMATION_TECHNOLOGY"  # I
    FINANCE = "FINANCE"  # J
    REAL_ESTATE = "REAL_ESTATE"  # K
    BUSINESS_SERVICES = "BUSINESS_SERVICES"  # L
    SCIENTIFIC_RESEARCH = "SCIENTIFIC_RESEARCH"  # M
    ENVIRONMENT_FACILITIES = "ENVIRONMENT_FACILITIES"  # N
    RESIDENT_SERVICES = "RESIDENT_SERVICES"  # O
    EDUCATION = "EDUCATION"  # P
    HEALTH_SOCIAL_WORK = "HEALTH_SOCIAL_WORK"  # Q
    CULTURE_SPORTS = "CULTURE_SPORTS"  # R


class EnterpriseSize(StrEnum):
    """企业规模."""

    LARGE = "LARGE"
    MEDIUM = "MEDIUM"
    SMALL = "SMALL"
    MICRO = "MICRO"
    INDIVIDUAL = "INDIVIDUAL"  # 个体工商户


class SupportType(StrEnum):
    """支持方式."""

    SUBSIDY = "SUBSIDY"
    TAX = "TAX"
    FINANCE = "FINANCE"
    TALENT = "TALENT"
    INNOVATION = "INNOVATION"
    EMPLOYMENT = "EMPLOYMENT"
    MARKET = "MARKET"
    LAND = "LAND"
    SERVICE = "SERVICE"


# fmt: off
INDUSTRY_CODES = dict(zip(Industry, "ABCDEFGHIJKLMNOPQR", strict=True))
LABELS: dict[StrEnum, str] = {
    Level.NATIONAL: "国家级", Level.PROVINCIAL: "省级", Level.CITY: "市级", Level.COUNTY: "县级",
    Industry.AGRICULTURE: "农、林、牧、渔业", Industry.MINING: "采矿业",
    Industry.MANUFACTURING: "制造业", Industry.UTILITIES: "电力、热力、燃气及水生产和供应业",
    Industry.CONSTRUCTION: "建筑业", Industry.WHOLESALE_RETAIL: "批发和零售业",
    Industry.TRANSPORT_LOGISTICS: "交通运输、仓储和邮政业",
    Industry.ACCOMMODATION_CATERING: "住宿和餐饮业",
    Industry.INFORMATION_TECHNOLOGY: "信息传输、软件和信息技术服务业", Industry.FINANCE: "金融业",
    Industry.REAL_ESTATE: "房地产业", Industry.BUSINESS_SERVICES: "租赁和商务服务业",
    Industry.SCIENTIFIC_RESEARCH: "科学研究和技术服务业",
    Industry.ENVIRONMENT_FACILITIES: "水利、环境和公共设施管理业",
    Industry.RESIDENT_SERVICES: "居民服务、修理和其他服务业", Industry.EDUCATION: "教育",
    Industry.HEALTH_SOCIAL_WORK: "卫生和社会工作", Industry.CULTURE_SPORTS: "文化、体育和娱乐业",
    EnterpriseSize.LARGE: "大型企业", EnterpriseSize.MEDIUM: "中型企业",
    EnterpriseSize.SMALL: "小型企业", EnterpriseSize.MICRO: "微型企业",
    EnterpriseSize.INDIVIDUAL: "个体工商户",
    SupportType.SUBSIDY: "资金补贴", SupportType.TAX: "税费减免", SupportType.FINANCE: "金融支持",
    SupportType.TALENT: "人才支持", SupportType.INNOVATION: "科技创新",
    SupportType.EMPLOYMENT: "稳岗就业", SupportType.MARKET: "市场开拓",
    SupportType.LAND: "用地用房", SupportType.SERVICE: "服务保障",
}
# fmt: on
LEVEL_OF_REGION = {"province": Level.PROVINCIAL, "city": Level.CITY, "county": Level.COUNTY}


def label(value: StrEnum) -> str:
    return LABELS[value]
