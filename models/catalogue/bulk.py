"""Synthetic catalogue rows for benchmarks: N published implementation versions, fast.

``generate_implementations(1_000_000)`` makes ⌈N / regions⌉ synthetic matters
named after real ones ("食品经营许可（延续）", …) with their search keywords,
each implemented by the department of its kind in every current region. On
PostgreSQL rows go in with COPY in batches, then VACUUM ANALYZE (a million rows,
9,804 matters and 730,000 keywords took about three minutes on a busy 2-CPU
machine); on SQLite with executemany (for tests: small N). Run it on a seeded
database (regions and departments must exist); it adds to earlier runs.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise import connections
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.catalogue.keywords import name_pinyin
from models.catalogue.search_terms import KEYWORD_NAME, MAX_KEYWORD_LENGTH, keyword_classes
from models.catalogue.seed import PUBLISHED_AT, matter_row
from models.catalogue.seed_data import BASIC_MATTERS, MatterSeed
from models.catalogue.tables import Implementation, ImplementationMaterial, Matter, MatterKeyword
from models.catalogue.vocabulary import (
    CROSS_MODE_FROM_LABEL,
    DEPARTMENT_CODE_BY_KIND,
    DEPARTMENT_KIND_BY_SEED_NAME,
    FROM_LABEL,
    HANDLING_FORM_FROM_SEED,
)
from models.regions.seed import department_id
from models.regions.tables import Region

# Qualifiers real catalogues use to split a matter into sub-items (子项).
QUALIFIERS = (
    "新办", "延续", "变更", "注销", "补办", "换发", "迁入", "迁出", "首次申请", "重新申请",
    "告知承诺", "容缺受理", "跨区域", "个人申请", "单位申请", "代办", "网上办理", "窗口办理",
    "特殊情形", "简易程序", "一般程序", "集中办理", "异地办理", "线上预约", "上门服务",
    "分支机构", "外商投资", "港澳台", "残疾人", "老年人", "退役军人", "农村", "城镇",
    "企业职工", "灵活就业", "个体工商户", "小微企业", "高新技术企业", "自贸试验区",
    "开发区", "海岛地区", "山区县", "试点", "绿色通道", "加急", "预审", "联办", "并联审批",
    "承诺制", "备案制",
)
PREFIX = "SY"  # synthetic 基本编码: SY + 10 digits


@dataclass(frozen=True)
class BulkResult:
    matters: int
    implementations: int
    keywords: int
    materials: int


def _synthetic(index: int) -> tuple[MatterSeed, str, str]:
    """(real matter it is modelled on, its name, its basic code)."""
    base = BASIC_MATTERS[index % len(BASIC_MATTERS)]
    round_, serial = divmod(index // len(BASIC_MATTERS), len(QUALIFIERS))
    name = f"{base.name}（{QUALIFIERS[serial]}）" + (str(round_) if round_ else "")
    return base, name, f"{PREFIX}{index:010d}"


_CLASSES: dict[str, dict[str, int]] = {}


def _keywords(base: MatterSeed, name: str) -> dict[str, int]:
    """keyword_classes(name), composed from the cached keywords of its two parts:
    the full-width bracket separates the Chinese runs, so no keyword spans it."""
    qualifier = name[len(base.name) + 1:name.rindex("）")]
    suffix = name[name.rindex("）") + 1:]
    found: dict[str, int] = {}
    for part in (base.name, qualifier, suffix):
        if part and part not in _CLASSES:
            _CLASSES[part] = keyword_classes(part)
        for keyword, kind in _CLASSES.get(part, {}).items():
            found[keyword] = min(kind, found.get(keyword, kind))
    found[name.replace(" ", "").lower()[:MAX_KEYWORD_LENGTH]] = KEYWORD_NAME
    return found


def _template(base: MatterSeed, now: datetime) -> dict[str, Any]:
    """The columns every implementation of a matter modelled on ``base`` shares."""
    modes = {str(CROSS_MODE_FROM_LABEL[m]) for m in base.cross_province_modes}
    return dict(
        version=1, status="PUBLISHED", acceptance_conditions="申请材料齐全、符合法定形式",
        legal_limit=base.statutory_days, legal_limit_unit="WORKING_DAY",
        promised_limit=base.promised_days, promised_limit_unit="WORKING_DAY",
        case_type=str(FROM_LABEL[base.case_type]),
        handling_form=str(HANDLING_FORM_FROM_SEED[base.handling_form]),
        onsite_visits=base.onsite_visits, service_scope=str(FROM_LABEL[base.service_scope]),
        cross_fully_online="FULLY_ONLINE" in modes, cross_proxy="PROXY" in modes,
        cross_multi_place="MULTI_PLACE" in modes, delegation="NONE",
        delegated_from_region=None, address="政务服务中心综合窗口",
        office_hours="工作日 9:00-12:00，13:30-17:00", consult_phone="12345",
        complaint_phone="12345", online_url="", published_at=PUBLISHED_AT, retired_at=None,
        retired_reason=None, created_by_id=None, idempotency_key=None, created_at=now,
        updated_at=now)


class _Table:
    """Rows of one table as tuples in a fixed column order (COPY wants exactly that)."""

    def __init__(self, model: type[Model], columns: Sequence[str]) -> None:
        self.model, self.columns = model, list(columns)
        self.rows: list[tuple[Any, ...]] = []

    def add(self, values: dict[str, Any]) -> None:
        self.rows.append(tuple(values[c] for c in self.columns))

    async def flush(self) -> int:
        rows, self.rows = self.rows, []
        if rows:
            await _insert(self.model, self.columns, rows)
        return len(rows)


async def _insert(model: type[Model], columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    conn = connections.get("default")
    table = model._meta.db_table
    if conn.capabilities.dialect == "postgres":
        async with conn.acquire_connection() as raw:
            await raw.copy_records_to_table(table, columns=columns, records=rows)
        return
    # SQLite stores UUIDs and datetimes as text and booleans as 0/1, as the ORM does.
    names = ", ".join(f'"{c}"' for c in columns)  # "deferrable" is a keyword
    sql = (f'INSERT INTO "{table}" ({names}) '  # noqa: S608 - names only
           f'VALUES ({", ".join("?" * len(columns))})')
    await conn.execute_many(sql, [[_sqlite(v) for v in row] for row in rows])


def _sqlite(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return value


def _batches(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(total, start + size))


_MATTER_COLUMNS = ("id", "basic_code", "name", "name_pinyin", "matter_type", "department_kind",
                   "for_person", "for_legal_entity", "theme", "levels", "legal_basis",
                   "business_licence", "licence_reform_mode", "aliases", "created_at")
_IMPLEMENTATION_COLUMNS = ("id", "code", "matter_id", "region_id", "department_id",
                           *_template(BASIC_MATTERS[0], PUBLISHED_AT))
_MATERIAL_COLUMNS = ("id", "implementation_id", "position", "name", "form", "copies",
                     "required", "deferrable", "source", "note")


async def generate_implementations(n: int, *, materials_per_row: int = 0,
                                   batch_size: int = 50_000) -> BulkResult:
    """Add ``n`` published implementation versions of new synthetic matters."""
    regions = list(await Region.filter(valid_to__isnull=True).order_by("code").values_list(
        "code", flat=True))
    first = await Matter.filter(basic_code__startswith=PREFIX).count()
    count = math.ceil(n / len(regions)) if n > 0 else 0
    now = datetime.now(UTC)
    kinds = set(DEPARTMENT_KIND_BY_SEED_NAME.values())
    departments = {(r, k): department_id(r, k) for r in regions for k in kinds}
    templates: dict[str, dict[str, Any]] = {}
    tables = (_Table(Matter, _MATTER_COLUMNS), _Table(MatterKeyword, ("keyword", "matter_id",
                                                                      "rank_class")),
              _Table(Implementation, _IMPLEMENTATION_COLUMNS),
              _Table(ImplementationMaterial, _MATERIAL_COLUMNS))
    matters, keywords, implementations, materials = tables
    totals = [0, 0, 0, 0]
    made = 0
    for chunk in _batches(count, max(1, batch_size // len(regions))):
        for index in chunk:
            base, name, basic_code = _synthetic(first + index)
            row = matter_row(base)
            matter_id = uuid.uuid5(uuid.NAMESPACE_URL, f"zhengwu:synthetic:{basic_code}")
            matters.add(dict(
                id=matter_id, basic_code=basic_code, name=name, name_pinyin=name_pinyin(name),
                matter_type=row.matter_type, department_kind=row.department_kind,
                for_person=row.for_person, for_legal_entity=row.for_legal_entity,
                theme=row.theme, levels=_json(row.levels), legal_basis=row.legal_basis,
                business_licence=row.business_licence,
                licence_reform_mode=row.licence_reform_mode, aliases="[]", created_at=now))
            for keyword, kind in _keywords(base, name).items():
                keywords.rows.append((keyword, matter_id, kind))
            template = templates.setdefault(base.basic_code, _template(base, now))
            part = DEPARTMENT_CODE_BY_KIND[row.department_kind]
            for region in regions[:max(0, n - made)]:
                ident = uuid.uuid4()
                implementations.add({**template, "id": ident, "matter_id": matter_id,
                                     "code": f"{basic_code}{region}{part}", "region_id": region,
                                     "department_id": departments[(region, row.department_kind)]})
                for position, m in enumerate(base.materials[:materials_per_row]):
                    materials.rows.append((uuid.uuid4(), ident, position, m.name,
                                           str(FROM_LABEL[m.form]), m.copies, m.required,
                                           m.deferrable, "申请人自备", ""))
                made += 1
        async with in_transaction():
            for i, table in enumerate(tables):
                totals[i] += await table.flush()
    await _analyze()
    return BulkResult(matters=totals[0], keywords=totals[1], implementations=totals[2],
                      materials=totals[3])


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


async def _analyze() -> None:
    """After a bulk load (PostgreSQL): fresh planner statistics, and the visibility
    map set so that search reads its covering indexes without visiting the heap
    (autovacuum would get there too, later)."""
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        for model in (Matter, MatterKeyword, Implementation, ImplementationMaterial):
            await conn.execute_script(f'VACUUM ANALYZE "{model._meta.db_table}"')
