"""Case and document numbers: one gap-free sequence per department, year and series."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from models.cases.tables import NumberSequence


async def next_number(department_id: str, year: int, series: str) -> int:
    """Call inside the case transaction: the increment commits or rolls back with it."""
    filters = {"department_id": department_id, "year": year, "series": series}
    for _ in range(2):
        if await NumberSequence.filter(**filters).update(last_value=F("last_value") + 1):
            row = await NumberSequence.get(**filters)
            return row.last_value
        try:
            # a savepoint: losing the race to create the row must not abort the case write
            async with in_transaction():
                await NumberSequence.create(**filters, last_value=1)
            return 1
        except IntegrityError:
            continue
    raise RuntimeError("could not allocate a number")  # pragma: no cover


def format_number(region_code: str, short_name: str, label: str, year: int, n: int) -> str:
    """e.g. 330106市场监管罚决〔2026〕0003号: the region code keeps numbers of same-named
    departments apart."""
    return f"{region_code}{short_name}{label}〔{year}〕{n:04d}号"
