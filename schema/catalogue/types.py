"""Catalogue object types: Matter (基本目录), MatterImplementation (实施清单 version), LifeEvent."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry

from models.catalogue import rules
from models.catalogue import vocabulary as v
from models.catalogue.documents import ImplementationDoc
from models.catalogue.rules import Status
from schema.catalogue.enums import (
    Audience,
    CaseType,
    CrossProvinceMode,
    DelegationKind,
    HandlingForm,
    ImplementationAction,
    ImplementationStatus,
    LicenceReformMode,
    MaterialForm,
    MatterType,
    ServiceScope,
    TimeUnit,
)
from schema.fast import MISS, fast
from schema.node import Node, from_global_id, to_global_id
from schema.regions import Department, Region


def _audiences(row: Any) -> list[v.Audience]:
    return ([v.Audience.PERSON] if row.for_person else []) + (
        [v.Audience.LEGAL_ENTITY] if row.for_legal_entity else [])


# A key that names no row: a filter by an id that is not ours matches nothing.
NO_MATCH = "00000000-0000-0000-0000-000000000000"


def decode_id(global_id: str | None, type_name: str) -> str | None:
    """The UUID key of one of our ids of ``type_name``; None for anything else."""
    decoded = from_global_id(global_id) if global_id else None
    if not decoded or decoded[0] != type_name:
        return None
    try:
        return str(uuid.UUID(decoded[1]))
    except ValueError:
        return None


@strawberry.type(description="时限：数值与单位；0 表示当场办结（即办）。")
class TimeLimit:
    value: int
    unit: TimeUnit  # type: ignore[valid-type]

    @strawberry.field(description="如“20个工作日”“即办”")
    def label(self) -> str:
        return "即办" if self.value == 0 else f"{self.value}个{v.label(self.unit)}"


@strawberry.type(description="材料样表（文件存储中的文件）")
class MaterialTemplate:
    sha256: str
    filename: str | None


@strawberry.type(description="申请材料")
class Material:
    key: str = strawberry.field(description="材料在本版本中的稳定标识（办件引用材料时使用）")
    name: str
    form: MaterialForm  # type: ignore[valid-type]
    form_label: str
    copies: int
    required: bool = strawberry.field(description="是否必要材料")
    deferrable: bool = strawberry.field(description="是否可容缺受理（先受理、后补交）")
    source: str = strawberry.field(description="来源渠道，如“申请人自备”“政府部门核发”")
    note: str
    template: MaterialTemplate | None


@strawberry.type(description="收费项目（金额以分为单位）")
class Fee:
    name: str
    amount_fen: int
    unit: str
    basis: str = strawberry.field(description="收费依据")

    @strawberry.field(description="以元表示的金额，如“20.00”")
    def amount_yuan(self) -> str:
        return f"{self.amount_fen // 100}.{self.amount_fen % 100:02d}"


@strawberry.type(description="委托下放情况")
class Delegation:
    kind: DelegationKind  # type: ignore[valid-type]
    label: str
    from_region_code: str | None = strawberry.field(description="原实施机关所在区划")


@strawberry.type(description="办理地点与时间")
class ServiceLocation:
    address: str
    office_hours: str


@strawberry.type(description="政务服务事项（基本目录）：全省统一的事项名称、类型和设定依据。")
class Matter(Node):
    basic_code: str = strawberry.field(description="基本编码（12 位）")
    name: str
    type: MatterType  # type: ignore[valid-type]
    type_label: str
    audiences: list[Audience]  # type: ignore[valid-type]
    theme: str = strawberry.field(description="主题分类，如“社会保障”“准营准办”")
    levels: list[str] = strawberry.field(description="行使层级：省级、市级、县级")
    legal_basis: str = strawberry.field(description="设定依据")
    business_licence: bool = strawberry.field(description="是否涉企经营许可事项")
    licence_reform_mode: LicenceReformMode | None  # type: ignore[valid-type]
    licence_reform_mode_label: str | None
    responsible_department_kind: str = strawberry.field(
        description="实施部门类别，如 market（市场监管）、medical_insurance（医保）")
    matter_id: strawberry.Private[str]
    context_region: strawberry.Private[str | None] = None

    @strawberry.field(description=(
        "该事项在某区划的现行实施清单（已发布版本）。不给 regionCode 时用查询时的区划"
        "（如 searchMatters 的 regionCode）；没有则为 null。"))
    async def implementation(self, info: strawberry.Info, region_code: str | None = None
                             ) -> MatterImplementation | None:
        found = await self._in_region(info.context, region_code)
        return found[0] if found else None

    @strawberry.field(description="该事项在某区划的全部现行实施清单（同一区划可有多个实施部门）。")
    async def implementations(self, info: strawberry.Info, region_code: str | None = None
                              ) -> list[MatterImplementation]:
        return await self._in_region(info.context, region_code)

    def kept_in_region(self, context: Any, region_code: str | None
                       ) -> list[MatterImplementation] | None:
        """The versions from the process's catalogue cache when all are there, else
        None (then the resolver loads them)."""
        region = region_code or self.context_region
        if not region:
            return []
        local = context.services.get("catalogue_local")
        if local is None:
            return None
        pair = (self.matter_id, region)
        ids = local.get_many("current", [pair]).get(pair)
        if ids is None:
            return None
        nodes = local.get_many("node", ids)
        return [nodes[i] for i in ids] if len(nodes) == len(ids) else None

    async def _in_region(self, context: Any, region_code: str | None
                         ) -> list[MatterImplementation]:
        region = region_code or self.context_region
        if not region:
            return []
        ids = await context.loaders["catalogue_current_versions"].load((self.matter_id, region))
        nodes = await context.loaders["catalogue_implementation"].load_many(ids)
        return [node for node in nodes if node is not None]

    @strawberry.field(description="包含此事项的一件事")
    async def life_events(self, info: strawberry.Info) -> list[LifeEvent]:
        rows = await info.context.loaders["catalogue_matter_life_events"].load(self.matter_id)
        return [LifeEvent.from_row(row) for row in rows]

    @classmethod
    def from_row(cls, row: Any, context_region: str | None = None) -> Matter:
        """From a Matter row or a MatterDoc (same attribute names)."""
        mode = v.LicenceReformMode(row.licence_reform_mode) if row.licence_reform_mode else None
        kind = v.MatterType(row.matter_type)
        return cls(
            id=to_global_id("Matter", row.id), basic_code=row.basic_code, name=row.name,
            type=kind, type_label=v.label(kind), audiences=_audiences(row), theme=row.theme,
            levels=list(row.levels), legal_basis=row.legal_basis,
            business_licence=row.business_licence, licence_reform_mode=mode,
            licence_reform_mode_label=v.label(mode) if mode else None,
            responsible_department_kind=row.department_kind, matter_id=str(row.id),
            context_region=context_region)


@strawberry.type(description=(
    "实施清单的一个版本：某区划某部门实施某事项的具体规定。id 指向这个版本且永不改变："
    "办件记录它，已发布的版本不可修改（修改即新版本）。"))
class MatterImplementation(Node):
    code: str = strawberry.field(description="实施编码（≤36 位），各版本相同")
    version: int
    status: ImplementationStatus  # type: ignore[valid-type]
    name: str = strawberry.field(description="事项名称")
    matter: Matter
    department: Department = strawberry.field(description="实施主体")
    region: Region
    acceptance_conditions: str = strawberry.field(description="受理条件")
    legal_time_limit: TimeLimit = strawberry.field(description="法定办结时限")
    promised_time_limit: TimeLimit = strawberry.field(description="承诺办结时限（≤ 法定时限）")
    case_type: CaseType  # type: ignore[valid-type]
    case_type_label: str
    handling_form: HandlingForm  # type: ignore[valid-type]
    handling_form_label: str
    onsite_visits: int = strawberry.field(description="到现场次数")
    service_scope: ServiceScope  # type: ignore[valid-type]
    service_scope_label: str
    cross_province_modes: list[CrossProvinceMode]  # type: ignore[valid-type]
    delegation: Delegation
    location: ServiceLocation
    consult_phone: str = strawberry.field(description="咨询电话")
    complaint_phone: str = strawberry.field(description="投诉电话")
    online_url: str | None = strawberry.field(description="网上办理地址")
    materials: list[Material]
    fees: list[Fee]
    published_at: datetime | None
    retired_at: datetime | None
    department_id: strawberry.Private[str]

    @strawberry.field(description="是否免费")
    def is_free(self) -> bool:
        return all(fee.amount_fen == 0 for fee in self.fees)

    @strawberry.field(description="是否为现行版本（已发布且未停用）")
    def is_current(self) -> bool:
        return self.status is Status.PUBLISHED

    @strawberry.field(description="当前用户可执行的维护操作（本部门的部门管理员可见，其他人为空）")
    def available_actions(self, info: strawberry.Info
                          ) -> list[ImplementationAction]:  # type: ignore[valid-type]
        viewer = info.context.viewer
        if viewer.department_id != self.department_id:
            return []
        return rules.available_actions(Status(self.status), frozenset(viewer.roles))

    @classmethod
    def from_doc(cls, doc: ImplementationDoc) -> MatterImplementation:
        case, form = v.CaseType(doc.case_type), v.HandlingForm(doc.handling_form)
        scope, delegation = v.ServiceScope(doc.service_scope), v.Delegation(doc.delegation)
        return cls(
            id=to_global_id("MatterImplementation", doc.id), code=doc.code, version=doc.version,
            status=Status(doc.status), name=doc.matter.name, matter=Matter.from_row(doc.matter),
            department=Department.from_row(doc.department), region=Region.from_row(doc.region),
            acceptance_conditions=doc.acceptance_conditions,
            legal_time_limit=TimeLimit(value=doc.legal_limit,
                                       unit=v.TimeUnit(doc.legal_limit_unit)),
            promised_time_limit=TimeLimit(value=doc.promised_limit,
                                          unit=v.TimeUnit(doc.promised_limit_unit)),
            case_type=case, case_type_label=v.label(case), handling_form=form,
            handling_form_label=v.label(form), onsite_visits=doc.onsite_visits,
            service_scope=scope, service_scope_label=v.label(scope),
            cross_province_modes=[v.CrossProvinceMode(m) for m in doc.cross_province_modes],
            delegation=Delegation(kind=delegation, label=v.label(delegation),
                                  from_region_code=doc.delegated_from_region),
            location=ServiceLocation(address=doc.address, office_hours=doc.office_hours),
            consult_phone=doc.consult_phone, complaint_phone=doc.complaint_phone,
            online_url=doc.online_url or None,
            materials=[Material(
                key=m.id, name=m.name, form=v.MaterialForm(m.form),
                form_label=v.label(v.MaterialForm(m.form)), copies=m.copies,
                required=m.required, deferrable=m.deferrable, source=m.source, note=m.note,
                template=MaterialTemplate(sha256=m.template_sha256,
                                          filename=m.template_filename)
                if m.template_sha256 else None) for m in doc.materials],
            fees=[Fee(name=f.name, amount_fen=f.amount_fen, unit=f.unit, basis=f.basis)
                  for f in doc.fees],
            published_at=doc.published_at, retired_at=doc.retired_at,
            department_id=doc.department.id)


@strawberry.type(description="一件事：一次申请，分发到多个部门的多个事项（如新生儿出生一件事）。")
class LifeEvent(Node):
    code: str
    name: str
    audiences: list[Audience]  # type: ignore[valid-type]
    lead_department_kind: str = strawberry.field(description="牵头部门类别")
    linked_services: list[str] = strawberry.field(
        description="由目录外单位办理的联动服务（水电气、银行等），只展示、不生成办件")
    event_id: strawberry.Private[str]

    @strawberry.field(description="包含的事项，按办理顺序")
    async def matters(self, info: strawberry.Info) -> list[Matter]:
        return await self._members(info)

    async def _members(self, info: strawberry.Info) -> list[Matter]:
        rows = await info.context.loaders["catalogue_life_event_members"].load(self.event_id)
        return [Matter.from_row(row) for row in rows]

    @strawberry.field(description="各事项在某区划的现行实施清单（按办理顺序；该区划未实施的事项略去）")
    async def implementations(self, info: strawberry.Info, region_code: str
                              ) -> list[MatterImplementation]:
        loaders = info.context.loaders
        matters = await self._members(info)
        versions = await loaders["catalogue_current_versions"].load_many(
            [(m.matter_id, region_code) for m in matters])
        nodes = await loaders["catalogue_implementation"].load_many(
            [ids[0] for ids in versions if ids])
        return [node for node in nodes if node is not None]

    @classmethod
    def from_row(cls, row: Any) -> LifeEvent:
        return cls(id=to_global_id("LifeEvent", row.id), code=row.code, name=row.name,
                   audiences=_audiences(row), lead_department_kind=row.lead_department_kind,
                   linked_services=list(row.linked_services), event_id=str(row.id))


@fast("Matter", "implementation")
def _kept_implementation(source: Matter, context: Any, regionCode: str | None = None
                         ) -> Any:
    kept = source.kept_in_region(context, regionCode)
    return MISS if kept is None else (kept[0] if kept else None)


@fast("Matter", "implementations")
def _kept_implementations(source: Matter, context: Any,
                          regionCode: str | None = None) -> Any:
    kept = source.kept_in_region(context, regionCode)
    return MISS if kept is None else kept
