"""Public catalogue queries: lists, detail, search, 一件事 (citizen app and third parties)."""

from __future__ import annotations

import strawberry

from models.catalogue.read import matters_by
from models.catalogue.rules import Status
from models.catalogue.search_terms import MAX_QUERY_LENGTH, normalize_query
from models.catalogue.tables import Implementation
from models.catalogue.tables import LifeEvent as LifeEventRow
from models.catalogue.tables import Matter as MatterRow
from resolvers.catalogue import pages
from resolvers.catalogue.access import authorize_read, may_read, may_see, public
from resolvers.catalogue.loaders import valid_uuids
from resolvers.context import Context
from resolvers.node import node_type
from resolvers.pagination import paginate
from schema.catalogue.enums import Audience
from schema.catalogue.inputs import MatterFilter
from schema.catalogue.types import LifeEvent, Matter, MatterImplementation, decode_id
from schema.connection import Connection


@node_type("Matter")
async def fetch_matters(ctx: Context, keys: list[str]) -> list[object | None]:
    if not may_read(ctx.viewer):
        return [None] * len(keys)
    rows = await ctx.loaders["catalogue_matter"].load_many(keys)
    return [Matter.from_row(row) if row else None for row in rows]


@node_type("MatterImplementation")
async def fetch_implementations(ctx: Context, keys: list[str]) -> list[object | None]:
    nodes = await ctx.loaders["catalogue_implementation"].load_many(keys)
    return [node if node and may_see(ctx.viewer, node.status, node.department_id) else None
            for node in nodes]


@node_type("LifeEvent")
async def fetch_life_events(ctx: Context, keys: list[str]) -> list[object | None]:
    ids = valid_uuids(keys) if may_read(ctx.viewer) else []
    rows = {str(r.id): r for r in await LifeEventRow.filter(id__in=ids)} if ids else {}
    return [LifeEvent.from_row(rows[k]) if k in rows else None for k in keys]


@strawberry.type
class CatalogueQuery:
    @strawberry.field(description=public(
        "事项列表（实施清单现行版本），按实施编码排序。给 regionCode 看某区划办得了的事项；"
        "筛选条件读的是该区划实施清单自身的规定。"))
    def matters(
        self, info: strawberry.Info, filter: MatterFilter | None = None,
        first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> Connection[MatterImplementation]:
        authorize_read(info.context.viewer)
        listing = (filter or MatterFilter()).to_listing()
        kept = pages.kept_listing(info.context, listing, first, after, last, before)
        if kept is not None:  # answered from memory, nothing awaited
            return kept
        return pages.listing(info.context, listing, first, after,  # type: ignore[return-value]
                             last, before)

    @strawberry.field(description=public("按全局 ID 或基本编码获取基本目录事项。"))
    async def matter(self, info: strawberry.Info, id: strawberry.ID | None = None,
                     basic_code: str | None = None) -> Matter | None:
        authorize_read(info.context.viewer)
        if id is not None:
            key = decode_id(id, "Matter")
            row = await info.context.loaders["catalogue_matter"].load(key) if key else None
        else:
            row = (await matters_by("basic_code", [basic_code or ""])).get(basic_code or "")
        return Matter.from_row(row) if row else None

    @strawberry.field(description=public(
        "按实施编码获取实施清单：默认现行版本；给 version 取历史版本（草稿仅本部门管理员可见）。"))
    async def matter_implementation(self, info: strawberry.Info, code: str,
                                    version: int | None = None) -> MatterImplementation | None:
        authorize_read(info.context.viewer)
        qs = Implementation.filter(code=code)
        qs = qs.filter(version=version) if version is not None else qs.filter(
            status=Status.PUBLISHED)
        ident = await qs.order_by("-version").first().values_list("id", flat=True)
        doc = (await info.context.loaders["catalogue_implementation_doc"].load(str(ident))
               if ident else None)
        visible = doc and may_see(info.context.viewer, doc.status, doc.department.id)
        return MatterImplementation.from_doc(doc) if visible else None

    @strawberry.field(description=public(
        f"搜索事项：全称、片段、一两个字（医保、社保）、全拼和首字母（jzz → 居住证）都可以；"
        f"按 完全匹配 > 前缀 > 包含 > 拼音 > 首字母 排序，分页稳定。查询最多取前 "
        f"{MAX_QUERY_LENGTH} 个字符；空查询返回空结果。给 regionCode 只返回该区划实施的事项，"
        f"结果的 implementation 即该区划的实施清单。"))
    def search_matters(
        self, info: strawberry.Info, query: str, region_code: str | None = None,
        first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> Connection[Matter]:
        authorize_read(info.context.viewer)
        ctx = info.context
        local = ctx.services["catalogue_local"]
        page_key = (normalize_query(query), region_code, first, after, last, before)
        page = local.get_many("search_page", [page_key]).get(page_key)
        if page is not None:  # a popular search: answered from memory, nothing awaited
            return page
        keys = pages.kept_search_hits(ctx, query, region_code)
        if keys is not None:
            token = local.token()
            indexes, has_next, has_previous = pages.slice_ranked(keys, first, after, last,
                                                                 before)
            ids = [keys[i][2] for i in indexes]
            kept = local.get_many("matter", ids)
            if len(kept) == len(ids):
                page = _search_page(keys, indexes, [kept[i] for i in ids], region_code,
                                    has_next, has_previous)
                local.put_many("search_page", {page_key: page}, token)
                return page
        return _search(ctx, query, region_code, first, after, last,  # type: ignore[return-value]
                       before)

    @strawberry.field(description=public("一件事列表。"))
    async def life_events(
        self, info: strawberry.Info, audience: Audience | None = None,  # type: ignore[valid-type]
        first: int | None = None, after: str | None = None,
    ) -> Connection[LifeEvent]:
        authorize_read(info.context.viewer)
        qs = LifeEventRow.all()
        if audience is not None:
            qs = qs.filter(**{"for_person" if audience.value == "PERSON"
                              else "for_legal_entity": True})
        return await paginate(qs, order=["code"], first=first, after=after,
                              to_node=LifeEvent.from_row)

    @strawberry.field(description=public("按编码获取一件事。"))
    async def life_event(self, info: strawberry.Info, code: str) -> LifeEvent | None:
        authorize_read(info.context.viewer)
        row = await LifeEventRow.get_or_none(code=code)
        return LifeEvent.from_row(row) if row else None

    @strawberry.field(description=public("事项主题分类（筛选用）。"))
    async def matter_themes(self, info: strawberry.Info) -> list[str]:
        authorize_read(info.context.viewer)
        themes = await MatterRow.all().distinct().order_by("theme").values_list(
            "theme", flat=True)
        return list(themes)


async def _search(ctx: Context, query: str, region_code: str | None, first: int | None,
                  after: str | None, last: int | None, before: str | None
                  ) -> Connection[Matter]:
    keys = await pages.search_hits(ctx, query, region_code)
    indexes, has_next, has_previous = pages.slice_ranked(keys, first, after, last, before)
    rows = await ctx.loaders["catalogue_matter"].load_many([keys[i][2] for i in indexes])
    return _search_page(keys, indexes, rows, region_code, has_next, has_previous)


def _search_page(keys: list, indexes: list[int], rows: list, region_code: str | None,
                 has_next: bool, has_previous: bool) -> Connection[Matter]:
    nodes = [Matter.from_row(row, context_region=region_code) if row else None
             for row in rows]
    return pages.ranked_connection(keys, indexes, nodes, has_next, has_previous)
