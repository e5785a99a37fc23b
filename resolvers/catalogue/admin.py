"""Staff catalogue queries: a department's entries in every status, and statistics."""

from __future__ import annotations

import strawberry

from auth.errors import BadUserInput, Forbidden
from auth.permissions import describe, region_prefix, require_roles
from models.catalogue import cache
from models.catalogue.stats import CatalogueStats, statistics
from models.catalogue.tables import Implementation
from models.regions.tables import Department
from resolvers.catalogue.access import MAINTAINER, STATISTICS_ROLES
from resolvers.pagination import paginate
from schema.catalogue.enums import ImplementationStatus
from schema.catalogue.statistics import CatalogueStatistics
from schema.catalogue.types import NO_MATCH, MatterImplementation, decode_id
from schema.connection import Connection, Edge


@strawberry.type
class CatalogueAdminQuery:
    @strawberry.field(description=describe(
        "本部门的实施清单各版本（含草稿和已停用），按实施编码、版本从新到旧。", MAINTAINER))
    async def managed_matter_implementations(
        self, info: strawberry.Info,
        status: ImplementationStatus | None = None,  # type: ignore[valid-type]
        matter_id: strawberry.ID | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[MatterImplementation]:
        viewer = require_roles(info.context.viewer, MAINTAINER)
        qs = Implementation.filter(department_id=viewer.department_id)
        if status is not None:
            qs = qs.filter(status=status.value)
        if matter_id is not None:
            qs = qs.filter(matter_id=decode_id(matter_id, "Matter") or NO_MATCH)
        page = await paginate(qs.only("id", "code", "version"), order=["code", "-version", "id"],
                              first=first, after=after, to_node=lambda row: str(row.id))
        docs = await info.context.loaders["catalogue_implementation_doc"].load_many(
            [edge.node for edge in page.edges])
        page.edges = [Edge(node=MatterImplementation.from_doc(doc), cursor=edge.cursor)
                      for doc, edge in zip(docs, page.edges, strict=True) if doc]
        return page

    @strawberry.field(description=describe(
        "事项目录统计：某区划及其下级的现行实施清单按类型、证照分离方式、网办、到现场次数、"
        "跨省通办的分布。效能监督人员只能看本区划及下级；不给 regionCode 时为本人所在区划。",
        *STATISTICS_ROLES))
    async def catalogue_statistics(self, info: strawberry.Info, region_code: str | None = None
                                   ) -> CatalogueStatistics:
        viewer = require_roles(info.context.viewer, *STATISTICS_ROLES)
        everything = viewer.has_role("SYSTEM_ADMIN")
        own = viewer.region_code or await Department.filter(
            id=viewer.department_id).first().values_list("region_id", flat=True)
        code = region_code or ("330000" if everything or not own else own)
        if not (len(code) == 6 and code.isdigit()):
            raise BadUserInput("区划代码应为 6 位数字", field="regionCode")
        if not everything and not (own and code.startswith(region_prefix(own))):
            raise Forbidden("只能查看本区划及下级区划的统计")
        ctx = info.context
        name = cache.key(await ctx.loaders["catalogue_generation"].load(0), "stats", code)
        raw = await cache.get_json(ctx.redis, name)
        stats = CatalogueStats.from_json(raw) if raw else await statistics(region_prefix(code))
        if raw is None:
            await cache.set_json(ctx.redis, name, stats.to_json())
        return CatalogueStatistics.build(code, stats)

