"""Demo data: Zhejiang's regions and a set of departments in each."""

from __future__ import annotations

import uuid

from models.regions.data_loader import load_zhejiang_regions
from models.regions.tables import Department, Region

# (kind, name pattern, short name): the departments most matters are handled by.
DEPARTMENT_KINDS = [
    ("market", "{region}市场监督管理局", "市场监管"),
    ("hrss", "{region}人力资源和社会保障局", "人力社保"),
    ("medical_insurance", "{region}医疗保障局", "医保"),
    ("public_security", "{region}公安局", "公安"),
    ("health", "{region}卫生健康委员会", "卫健"),
    ("transport", "{region}交通运输局", "交通"),
    ("housing", "{region}住房和城乡建设局", "住建"),
    ("civil_affairs", "{region}民政局", "民政"),
    ("natural_resources", "{region}自然资源和规划局", "自然资源"),
    ("education", "{region}教育局", "教育"),
    ("ecology", "{region}生态环境局", "生态环境"),
    ("tax", "国家税务总局{region}税务局", "税务"),
]

# Stable ids so demo links and tests survive a re-seed.
_NAMESPACE = uuid.UUID("6f1c8d2e-4b7a-4e0f-9c3d-2a5b8e7f1d30")


def department_id(region_code: str, kind: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"department:{region_code}:{kind}")


async def seed_regions() -> int:
    rows = load_zhejiang_regions()
    by_code = {r.code: r for r in rows}
    # parents before children
    ordered = sorted(rows, key=lambda r: ({"province": 0, "city": 1, "county": 2}[r.level],
                                          r.code))
    await Region.bulk_create([
        Region(code=r.code, name=r.name, level=r.level, parent_id=r.parent_code,
               valid_from=r.valid_from, valid_to=r.valid_to)
        for r in ordered if r.parent_code is None or r.parent_code in by_code
    ])
    departments = [
        Department(id=department_id(r.code, kind), code=f"{r.code}-{kind}",
                   name=pattern.format(region=r.name), short_name=short, kind=kind,
                   region_id=r.code)
        for r in ordered if r.valid_to is None
        for kind, pattern, short in DEPARTMENT_KINDS
    ]
    await Department.bulk_create(departments, batch_size=500)
    return len(departments)
