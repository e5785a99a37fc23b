"""Catalogue statistics types (效能监督)."""

from __future__ import annotations

import strawberry

from models.catalogue import vocabulary as v
from models.catalogue.stats import Bucket, CatalogueStats
from schema.catalogue.enums import CrossProvinceMode, LicenceReformMode, MatterType


@strawberry.type(description="按事项类型统计")
class MatterTypeCount:
    type: MatterType  # type: ignore[valid-type]
    label: str
    implementations: int = strawberry.field(description="实施清单（现行版本）数")
    matters: int = strawberry.field(description="不同事项数")


@strawberry.type(description="按证照分离改革方式统计；mode 为空表示非涉企经营许可事项")
class LicenceReformModeCount:
    mode: LicenceReformMode | None  # type: ignore[valid-type]
    label: str
    implementations: int
    matters: int


@strawberry.type(description="按跨省通办模式统计")
class CrossProvinceModeCount:
    mode: CrossProvinceMode  # type: ignore[valid-type]
    label: str
    implementations: int


@strawberry.type(description="事项目录统计（区划及其下级的现行实施清单）。比例为 0–1 的小数。")
class CatalogueStatistics:
    region_code: str
    implementations: int
    matters: int
    by_type: list[MatterTypeCount]
    by_licence_reform_mode: list[LicenceReformModeCount]
    fully_online: int = strawberry.field(description="全程网办的实施清单数")
    fully_online_share: float
    zero_visit: int = strawberry.field(description="到现场 0 次的实施清单数")
    one_visit: int = strawberry.field(description="到现场 1 次的实施清单数")
    at_most_one_visit_share: float = strawberry.field(description="到现场 0 或 1 次的占比")
    cross_province: int = strawberry.field(description="可跨省通办的实施清单数")
    cross_province_share: float
    cross_province_matters: int = strawberry.field(description="可跨省通办的不同事项数")
    cross_province_by_mode: list[CrossProvinceModeCount]

    @classmethod
    def build(cls, region_code: str, stats: CatalogueStats) -> CatalogueStatistics:
        def mode_count(bucket: Bucket) -> LicenceReformModeCount:
            mode = v.LicenceReformMode(bucket.value) if bucket.value else None
            return LicenceReformModeCount(
                mode=mode, label=v.label(mode) if mode else "非涉企经营许可",
                implementations=bucket.implementations, matters=bucket.matters)

        return cls(
            region_code=region_code, implementations=stats.implementations,
            matters=stats.matters,
            by_type=[MatterTypeCount(type=v.MatterType(b.value),
                                     label=v.label(v.MatterType(b.value)),
                                     implementations=b.implementations, matters=b.matters)
                     for b in stats.by_type],
            by_licence_reform_mode=[mode_count(b) for b in stats.by_licence_mode],
            fully_online=stats.fully_online, fully_online_share=stats.share(stats.fully_online),
            zero_visit=stats.zero_visits, one_visit=stats.one_visit,
            at_most_one_visit_share=stats.share(stats.zero_visits + stats.one_visit),
            cross_province=stats.cross_province,
            cross_province_share=stats.share(stats.cross_province),
            cross_province_matters=stats.cross_province_matters,
            cross_province_by_mode=[
                CrossProvinceModeCount(mode=v.CrossProvinceMode(mode),
                                       label=v.label(v.CrossProvinceMode(mode)),
                                       implementations=count)
                for mode, count in stats.cross_by_mode.items()])
