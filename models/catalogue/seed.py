"""Demo data: the Zhejiang 基本目录 (seed_data), its 实施清单 in every current city and
county (about 19,000 published versions), the 一件事 bundles and search keywords.

Everything is generated from the basic list: a matter exercised at 市级 and 县级
is implemented by the department of its kind in each of the 11 cities and 90
counties. Ids are uuid5 of the entry so links survive a re-seed.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from models.catalogue.keywords import index_matters, name_pinyin
from models.catalogue.rules import RetiredReason, Status
from models.catalogue.seed_data import BASIC_MATTERS, LIFE_EVENTS, MatterSeed
from models.catalogue.seed_data import implementation_code as make_code
from models.catalogue.tables import (
    Implementation,
    ImplementationFee,
    ImplementationMaterial,
    LifeEvent,
    LifeEventMember,
    Matter,
)
from models.catalogue.vocabulary import (
    CROSS_MODE_FROM_LABEL,
    DEPARTMENT_CODE_BY_KIND,
    DEPARTMENT_KIND_BY_SEED_NAME,
    FROM_LABEL,
    HANDLING_FORM_FROM_SEED,
    Delegation,
    TimeUnit,
)
from models.regions.seed import DEPARTMENT_KINDS, department_id
from models.regions.tables import Region

_NAMESPACE = uuid.UUID("5d0c3f6e-2a41-4b8e-9f1d-7c6a2e4b8d01")
PUBLISHED_AT = datetime(2025, 1, 2, tzinfo=UTC)
BATCH = 1000

# 行使层级 -> the region levels whose departments implement the matter.
_LEVEL_OF = {"省级": "province", "市级": "city", "县级": "county"}
# Area codes for the consultation line (12345 is the province-wide hotline).
_AREA_CODES = {"3301": "0571", "3302": "0574", "3303": "0577", "3304": "0573", "3305": "0572",
               "3306": "0575", "3307": "0579", "3308": "0570", "3309": "0580", "3310": "0576",
               "3311": "0578", "3300": "0571"}
# What people call some matters (indexed for search beside the official name).
ALIASES = {
    "居住证申领": ["暂住证"],
    "社会保障卡申领": ["社保卡办理"],
    "基本医疗保险关系转移接续": ["医保转移"],
    "异地就医备案": ["异地医保备案"],
    "机动车驾驶证换证": ["驾照到期换证"],
    "个体工商户设立登记": ["个体户执照"],
}
# Entries with a version history in 西湖区 (330106) for the demo admin.
HISTORY_MATTERS = ("食品经营许可",)


def matter_id(basic_code: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"matter:{basic_code}")


def implementation_id(code: str, version: int) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"implementation:{code}:{version}")


def matter_row(seed: MatterSeed) -> Matter:
    return Matter(
        id=matter_id(seed.basic_code), basic_code=seed.basic_code, name=seed.name,
        name_pinyin=name_pinyin(seed.name), matter_type=str(FROM_LABEL[seed.matter_type]),
        department_kind=DEPARTMENT_KIND_BY_SEED_NAME[seed.department],
        for_person="个人" in seed.audience, for_legal_entity="法人" in seed.audience,
        theme=seed.theme, levels=list(seed.levels), legal_basis=seed.legal_basis,
        business_licence=seed.business_licence,
        licence_reform_mode=(str(FROM_LABEL[seed.licence_reform_mode])
                             if seed.licence_reform_mode else None),
        aliases=ALIASES.get(seed.name, []))


def _first_basis(legal_basis: str) -> str:
    start, end = legal_basis.find("《"), legal_basis.find("》")
    return legal_basis[start:end + 1] if 0 <= start < end else "法律法规"


def _short_names() -> dict[str, str]:
    return {kind: short for kind, _pattern, short in DEPARTMENT_KINDS}


def _implementation(seed: MatterSeed, region: Region, version: int = 1,
                    status: Status = Status.PUBLISHED, promised: int | None = None
                    ) -> Implementation:
    kind = DEPARTMENT_KIND_BY_SEED_NAME[seed.department]
    code = make_code(seed.basic_code, region.code, DEPARTMENT_CODE_BY_KIND[kind])
    # Provincial powers devolved to the cities (省级、市级 matters run at city level).
    devolved = region.level == "city" and seed.levels == ("省级", "市级")
    promised_days = seed.promised_days if promised is None else promised
    if region.code.startswith("3301") and promised is None and promised_days > 1:
        promised_days -= 1  # Hangzhou's tighter promise (still within the legal limit)
    modes = {CROSS_MODE_FROM_LABEL[m] for m in seed.cross_province_modes}
    return Implementation(
        id=implementation_id(code, version), code=code, version=version, status=status,
        matter_id=matter_id(seed.basic_code), region_id=region.code,
        department_id=department_id(region.code, kind),
        acceptance_conditions=(f"符合{_first_basis(seed.legal_basis)}规定的条件，"
                               "申请材料齐全、符合法定形式"),
        legal_limit=seed.statutory_days, legal_limit_unit=TimeUnit.WORKING_DAY,
        promised_limit=promised_days, promised_limit_unit=TimeUnit.WORKING_DAY,
        case_type=str(FROM_LABEL[seed.case_type]),
        handling_form=str(HANDLING_FORM_FROM_SEED[seed.handling_form]),
        onsite_visits=seed.onsite_visits, service_scope=str(FROM_LABEL[seed.service_scope]),
        cross_fully_online="FULLY_ONLINE" in modes, cross_proxy="PROXY" in modes,
        cross_multi_place="MULTI_PLACE" in modes,
        delegation=Delegation.DEVOLVED if devolved else Delegation.NONE,
        delegated_from_region="330000" if devolved else None,
        address=f"{region.name}政务服务中心{_short_names()[kind]}窗口",
        office_hours="工作日 9:00-12:00，13:30-17:00（法定节假日除外）",
        consult_phone=f"{_AREA_CODES.get(region.code[:4], '0571')}-12345",
        complaint_phone="12345",
        published_at=PUBLISHED_AT if status is not Status.DRAFT else None,
        retired_at=PUBLISHED_AT if status is Status.RETIRED else None,
        retired_reason=RetiredReason.SUPERSEDED if status is Status.RETIRED else None)


def _children(seed: MatterSeed, row: Implementation
              ) -> tuple[list[ImplementationMaterial], list[ImplementationFee]]:
    materials = [ImplementationMaterial(
        id=uuid.uuid5(row.id, f"material:{index}"), implementation_id=row.id,
        position=index, name=m.name, form=str(FROM_LABEL[m.form]), copies=m.copies,
        required=m.required, deferrable=m.deferrable,
        source="政府部门核发" if m.form == "电子" else "申请人自备")
        for index, m in enumerate(seed.materials)]
    fees = [ImplementationFee(
        id=uuid.uuid5(row.id, f"fee:{index}"), implementation_id=row.id, position=index,
        name=f.name, amount_fen=f.amount_fen, unit=f.unit, basis=f.basis)
        for index, f in enumerate(seed.fees)]
    return materials, fees


def _history(seed: MatterSeed, region: Region) -> list[Implementation]:
    """v1 superseded by the current v2: an application filed in 2024 keeps v1's terms."""
    old = _implementation(seed, region, 1, Status.RETIRED,
                          promised=seed.statutory_days)
    current = _implementation(seed, region, 2)
    return [old, current]


async def seed_catalogue() -> str:
    regions = list(await Region.filter(valid_to__isnull=True).order_by("code"))
    by_level: dict[str, list[Region]] = {"province": [], "city": [], "county": []}
    for region in regions:
        by_level[region.level].append(region)
    matters = [matter_row(seed) for seed in BASIC_MATTERS]
    implementations: list[Implementation] = []
    materials: list[ImplementationMaterial] = []
    fees: list[ImplementationFee] = []
    for seed in BASIC_MATTERS:
        for level in dict.fromkeys(_LEVEL_OF[lv] for lv in seed.levels):
            for region in by_level[level]:
                rows = (_history(seed, region) if region.code == "330106"
                        and seed.name in HISTORY_MATTERS else [_implementation(seed, region)])
                for row in rows:
                    implementations.append(row)
                    more_materials, more_fees = _children(seed, row)
                    materials += more_materials
                    fees += more_fees
    async with in_transaction():
        await Matter.bulk_create(matters, batch_size=BATCH)
        await Implementation.bulk_create(implementations, batch_size=BATCH)
        await ImplementationMaterial.bulk_create(materials, batch_size=BATCH)
        await ImplementationFee.bulk_create(fees, batch_size=BATCH)
        await _seed_life_events()
    keywords = await index_matters(matters)
    return (f"{len(matters)} matters, {len(implementations)} implementation versions, "
            f"{len(materials)} materials, {len(LIFE_EVENTS)} life events, {keywords} keywords")


async def _seed_life_events() -> None:
    events = [LifeEvent(
        id=uuid.uuid5(_NAMESPACE, f"life-event:{e.code}"), code=e.code, name=e.name,
        for_person="个人" in e.audience, for_legal_entity="法人" in e.audience,
        lead_department_kind=DEPARTMENT_KIND_BY_SEED_NAME[e.lead_department],
        linked_services=list(e.linked_services)) for e in LIFE_EVENTS]
    await LifeEvent.bulk_create(events)
    await LifeEventMember.bulk_create([
        LifeEventMember(life_event_id=event.id, matter_id=matter_id(code), position=index)
        for event, seed in zip(events, LIFE_EVENTS, strict=True)
        for index, code in enumerate(seed.member_codes)])
