"""Catalogue statistics for supervisors: over the published implementations of a region
and everything under it, in two statements."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from models.catalogue.rules import Status
from models.catalogue.sql import fetch
from models.catalogue.tables import Implementation, Matter


@dataclass(frozen=True)
class Bucket:
    value: str | None
    implementations: int
    matters: int


@dataclass(frozen=True)
class CatalogueStats:
    region_prefix: str
    implementations: int = 0
    matters: int = 0
    fully_online: int = 0
    zero_visits: int = 0
    one_visit: int = 0
    cross_province: int = 0
    cross_province_matters: int = 0
    cross_by_mode: dict[str, int] = field(default_factory=dict)
    by_type: list[Bucket] = field(default_factory=list)
    by_licence_mode: list[Bucket] = field(default_factory=list)

    def share(self, count: int) -> float:
        return round(count / self.implementations, 4) if self.implementations else 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> CatalogueStats:
        return cls(**{**raw, "by_type": [Bucket(**b) for b in raw["by_type"]],
                      "by_licence_mode": [Bucket(**b) for b in raw["by_licence_mode"]]})


_CROSS = "(i.cross_fully_online OR i.cross_proxy OR i.cross_multi_place)"


async def statistics(region_prefix: str) -> CatalogueStats:
    """``region_prefix`` is a GB/T 2260 code without its trailing 00s (33 = Zhejiang)."""
    impl, matter = Implementation._meta.db_table, Matter._meta.db_table
    where = "i.status = ? AND i.region_id LIKE ?"
    params = [Status.PUBLISHED.value, f"{region_prefix}%"]
    totals = (await fetch(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT i.matter_id) AS m, "  # noqa: S608 - names only
        "SUM(CASE WHEN i.handling_form = 'ONLINE' THEN 1 ELSE 0 END) AS online, "
        "SUM(CASE WHEN i.onsite_visits = 0 THEN 1 ELSE 0 END) AS zero, "
        "SUM(CASE WHEN i.onsite_visits = 1 THEN 1 ELSE 0 END) AS one, "
        f"SUM(CASE WHEN {_CROSS} THEN 1 ELSE 0 END) AS cross_n, "
        f"COUNT(DISTINCT CASE WHEN {_CROSS} THEN i.matter_id END) AS cross_m, "
        "SUM(CASE WHEN i.cross_fully_online THEN 1 ELSE 0 END) AS fully_online, "
        "SUM(CASE WHEN i.cross_proxy THEN 1 ELSE 0 END) AS proxy, "
        "SUM(CASE WHEN i.cross_multi_place THEN 1 ELSE 0 END) AS multi_place "
        f"FROM {impl} i WHERE {where}", params))[0]
    groups = await fetch(
        "SELECT m.matter_type AS t, m.licence_reform_mode AS r, COUNT(*) AS n, "  # noqa: S608
        f"COUNT(DISTINCT i.matter_id) AS m FROM {impl} i JOIN {matter} m ON m.id = i.matter_id "
        f"WHERE {where} GROUP BY m.matter_type, m.licence_reform_mode", params)
    # Each matter has one type and one mode, so distinct matters add up across groups.
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_mode: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    for row in groups:
        for bucket in (by_type[row["t"]], by_mode[row["r"]]):
            bucket[0] += int(row["n"])
            bucket[1] += int(row["m"])
    return CatalogueStats(
        region_prefix=region_prefix, implementations=int(totals["n"] or 0),
        matters=int(totals["m"] or 0), fully_online=int(totals["online"] or 0),
        zero_visits=int(totals["zero"] or 0), one_visit=int(totals["one"] or 0),
        cross_province=int(totals["cross_n"] or 0),
        cross_province_matters=int(totals["cross_m"] or 0),
        cross_by_mode={"FULLY_ONLINE": int(totals["fully_online"] or 0),
                       "PROXY": int(totals["proxy"] or 0),
                       "MULTI_PLACE": int(totals["multi_place"] or 0)},
        by_type=[Bucket(k, n, m) for k, (n, m) in sorted(by_type.items())],
        by_licence_mode=[Bucket(k, n, m) for k, (n, m) in
                         sorted(by_mode.items(), key=lambda item: item[0] or "")])
