"""办件 as the applicant sees it (Application) and as staff see it (StaffApplication)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from models.applications import clock, rules
from models.applications.numbers import reveal_query_code
from models.applications.record import Side
from models.applications.service import state_of
from schema.accounts import Account, Enterprise
from schema.applications.common import (
    ApplicationAction,
    ApplicationCrossProvinceMode,
    ApplicationDeadlineFlag,
    ApplicationSide,
    ApplicationStatus,
    today_of,
)
from schema.applications.parts import (
    Attachment,
    Deadline,
    Document,
    MaterialRequirement,
    TimelineEvent,
)
from schema.node import Node, to_global_id
from schema.regions import Department, Region

MODE_LABELS = {rules.CrossProvinceMode.NONE: "属地办理",
               rules.CrossProvinceMode.FULLY_ONLINE: "全程网办",
               rules.CrossProvinceMode.PROXY: "异地代收代办",
               rules.CrossProvinceMode.MULTI_SITE: "多地联办"}


@strawberry.type(name="ApplicationCrossProvince",
                 description="跨省通办：收件地、办理地与交接进度"
                             "（收件 → 形式审查 → 转递 → 办理地签收）。")
class CrossProvince:
    mode: ApplicationCrossProvinceMode  # type: ignore[valid-type]
    mode_label: str
    receiving_region_code: str | None = strawberry.field(description="收件地行政区划代码")
    handling_region_code: str = strawberry.field(description="办理地（业务属地）行政区划代码")
    handover_step: str | None = strawberry.field(
        description="已完成的交接环节：RECEIVED、FORMAL_CHECKED、FORWARDED、HANDLER_RECEIVED")
    handover_label: str | None
    receiving_department_id: strawberry.Private[str | None]

    @strawberry.field(description="收件地；外省地区不在区划表中时为空（见 receivingRegionCode）")
    async def receiving_region(self, info: strawberry.Info) -> Region | None:
        code = self.receiving_region_code
        row = await info.context.loaders["region"].load(code) if code else None
        return Region.from_row(row) if row else None

    @strawberry.field(description="收件窗口（异地代收代办）")
    async def receiving_department(self, info: strawberry.Info) -> Department | None:
        key = self.receiving_department_id
        row = await info.context.loaders["department"].load(key) if key else None
        return Department.from_row(row) if row else None


@strawberry.type(name="ApplicationCore")
class ApplicationCore(Node):
    """Fields both views share; never itself in the schema."""

    number: str | None = strawberry.field(description="办件编号（提交时生成）")
    status: ApplicationStatus  # type: ignore[valid-type]
    status_label: str
    matter_name: str
    implementation_code: str = strawberry.field(description="实施编码")
    implementation_version: int = strawberry.field(description="申请时适用的实施清单版本")
    promised_limit: int = strawberry.field(description="承诺时限（工作日）")
    legal_limit: int = strawberry.field(description="法定时限（工作日）")
    remarks: str
    submitted_at: datetime | None
    received_on: date | None = strawberry.field(description="收到申请（或补正材料）之日")
    accepted_on: date | None
    decided_on: date | None
    delivered_on: date | None
    created_at: datetime
    updated_at: datetime
    row: strawberry.Private[Any]
    sides: strawberry.Private[frozenset[str]]  # timeline sides this viewer may see
    show_actor: strawberry.Private[bool]

    @strawberry.field(description="申请所依据的实施清单版本的全局 ID")
    def implementation_id(self) -> strawberry.ID:
        return to_global_id("MatterImplementation", self.row.implementation_id)

    @strawberry.field(description="办理部门")
    async def department(self, info: strawberry.Info) -> Department:
        row = await info.context.loaders["department"].load(str(self.row.department_id))
        return Department.from_row(row)

    @strawberry.field(description="办理地")
    async def handling_region(self, info: strawberry.Info) -> Region | None:
        row = await info.context.loaders["region"].load(self.row.handling_region_code)
        return Region.from_row(row) if row else None

    @strawberry.field(description="跨省通办信息；属地办理时为空")
    def cross_province(self) -> CrossProvince | None:
        mode = rules.CrossProvinceMode(self.row.mode)
        if mode is rules.CrossProvinceMode.NONE:
            return None
        step = self.row.handover
        return CrossProvince(
            mode=mode, mode_label=MODE_LABELS[mode],
            receiving_region_code=self.row.receiving_region_code,
            handling_region_code=self.row.handling_region_code, handover_step=step,
            handover_label=rules.HANDOVER_LABELS.get(step) if step else None,
            receiving_department_id=str(self.row.receiving_department_id)
            if self.row.receiving_department_id else None)

    def _clock(self, info: strawberry.Info) -> clock.ClockView:
        return clock.view(clock.holiday_table(), clock.facts_of(self.row),
                          today_of(info.context.services))

    @strawberry.field(description="当前计算的期限；不计时（草稿、已办结等）时为空")
    def deadline(self, info: strawberry.Info) -> Deadline | None:
        if Side.HANDLING.value not in self.sides:
            return None  # the receiving window runs no legal clock
        return Deadline.from_view(self._clock(info))

    @strawberry.field(description="时效状态：正常、即将到期、已超期、暂停计时或不计时")
    def deadline_flag(self, info: strawberry.Info) -> ApplicationDeadlineFlag:  # type: ignore[valid-type]
        if Side.HANDLING.value not in self.sides:
            return clock.Flag.NONE
        return self._clock(info).flag

    @strawberry.field(description="收到申请后5个工作日内未告知补正，依法视为自收到之日起受理")
    def deemed_accepted(self, info: strawberry.Info) -> bool:
        return bool(self.row.deemed_accepted) or self._clock(info).deemed_accepted

    @strawberry.field(description="申请材料清单及提交情况")
    async def material_checklist(self, info: strawberry.Info) -> list[MaterialRequirement]:
        found = await info.context.loaders["application_checklist"].load(
            (str(self.row.id), str(self.row.implementation_id)))
        return [MaterialRequirement.from_requirement(r) for r in found]

    @strawberry.field(description="已提交的材料文件")
    async def attachments(self, info: strawberry.Info) -> list[Attachment]:
        rows = await info.context.loaders["application_attachments"].load(str(self.row.id))
        return [Attachment.from_row(r) for r in rows]

    async def _events(self, info: strawberry.Info) -> list[Any]:
        rows = await info.context.loaders["application_events"].load(str(self.row.id))
        return [r for r in rows if r.side in self.sides]

    @strawberry.field(description="时间线（进度），按发生顺序")
    async def timeline(self, info: strawberry.Info) -> list[TimelineEvent]:
        events = await self._events(info)
        docs = await self.documents(info)
        return [TimelineEvent.from_row(e, [d for d in docs if d.event_id == str(e.id)],
                                       self.show_actor) for e in events]

    @strawberry.field(description="文书：受理通知书、补正材料通知书、决定书、证照、送达回证等")
    async def documents(self, info: strawberry.Info) -> list[Document]:
        visible = {str(e.id) for e in await self._events(info)}
        rows = await info.context.loaders["application_documents"].load(str(self.row.id))
        return [Document.from_row(r) for r in rows if str(r.event_id) in visible]

    @strawberry.field(description="待补正时：一次性告知的全部补正材料")
    async def correction_items(self, info: strawberry.Info) -> list[str] | None:
        if self.row.status != rules.Status.NEEDS_CORRECTION:
            return None
        events = await self._events(info)
        last = next((e for e in reversed(events) if e.action == rules.Action.REQUEST_CORRECTION),
                    None)
        return list((last.detail or {}).get("missing_items", [])) if last else None

    @classmethod
    def fields_of(cls, row: Any) -> dict[str, Any]:
        status = rules.Status(row.status)
        return dict(
            number=row.number, status=status, status_label=rules.STATUS_LABELS[status],
            matter_name=row.matter_name, implementation_code=row.implementation_code,
            implementation_version=row.implementation_version,
            promised_limit=row.promised_limit, legal_limit=row.legal_limit,
            remarks=row.remarks, submitted_at=row.submitted_at, received_on=row.received_on,
            accepted_on=row.accepted_on, decided_on=row.decided_on,
            delivered_on=row.delivered_on, created_at=row.created_at,
            updated_at=row.updated_at, row=row)


ALL_SIDES = frozenset(s.value for s in Side)


@strawberry.type(description="办件（申请人视角）。只有申请人本人（或其代表的企业）可见。")
class Application(ApplicationCore):
    @strawberry.field(description="查询码：与办件编号一起可匿名查询进度")
    def query_code(self, info: strawberry.Info) -> str | None:
        return reveal_query_code(info.context.services["pii"], self.row.query_code_enc)

    @strawberry.field(description="申请人现在可执行的操作（撤回、补正后重新提交等）")
    def available_actions(self, info: strawberry.Info) -> list[ApplicationAction]:  # type: ignore[valid-type]
        return rules.available_actions(state_of(self.row), rules.Role.APPLICANT)

    @strawberry.field(description="所属的一件事或多地联办")
    async def bundle(self, info: strawberry.Info) -> ApplicationBundle | None:
        key = self.row.bundle_id
        row = await info.context.loaders["application_bundle"].load(str(key)) if key else None
        return ApplicationBundle.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: Any) -> Application:
        return cls(id=to_global_id("Application", row.id), sides=ALL_SIDES, show_actor=False,
                   **cls.fields_of(row))


@strawberry.type(description="办件（工作人员视角）：申请人信息打码；跨省通办中收件地只看到自己的部分。")
class StaffApplication(ApplicationCore):
    side: ApplicationSide  # type: ignore[valid-type]
    roles: strawberry.Private[tuple[rules.Role, ...]]

    @strawberry.field(description="申请人（姓名、证件号、手机号打码）")
    async def applicant(self, info: strawberry.Info) -> Account | None:
        row = await info.context.loaders["account"].load(str(self.row.applicant_id))
        return Account.from_row(row) if row else None

    @strawberry.field(description="代表的企业")
    async def enterprise(self, info: strawberry.Info) -> Enterprise | None:
        key = self.row.enterprise_id
        row = await info.context.loaders["application_enterprise"].load(str(key)) if key \
            else None
        return Enterprise.from_row(row) if row else None

    @strawberry.field(description="当前用户现在可执行的操作（与状态机转换表一致）")
    def available_actions(self, info: strawberry.Info) -> list[ApplicationAction]:  # type: ignore[valid-type]
        state = state_of(self.row)
        closed = clock.correction_window_closed(clock.holiday_table(), clock.facts_of(self.row),
                                                today_of(info.context.services))
        found: list[rules.Action] = []
        for role in self.roles:
            for action in rules.available_actions(state, role, correction_window_closed=closed):
                if action not in found:
                    found.append(action)
        return found

    @classmethod
    def from_row(cls, row: Any, side: Side, roles: tuple[rules.Role, ...]) -> StaffApplication:
        sides = ALL_SIDES if side is Side.HANDLING else frozenset({Side.RECEIVING.value,
                                                                  Side.ALL.value})
        return cls(id=to_global_id("StaffApplication", row.id), side=side, roles=roles,
                   sides=sides, show_actor=True, **cls.fields_of(row))


@strawberry.type(description="一件事或多地联办：一次申请分发给多个部门的关联办件。")
class ApplicationBundle(Node):
    kind: str = strawberry.field(description="LIFE_EVENT 一件事，MULTI_SITE 多地联办")
    name: str
    region_code: str
    created_at: datetime
    skipped: list[str] = strawberry.field(description="未生成办件的环节及原因（由其他单位办理等）")
    bundle_id: strawberry.Private[str]

    @strawberry.field(description="关联的办件")
    async def applications(self, info: strawberry.Info) -> list[Application]:
        rows = await info.context.loaders["bundle_applications"].load(self.bundle_id)
        return [Application.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: Any) -> ApplicationBundle:
        return cls(id=to_global_id("ApplicationBundle", row.id), kind=row.kind, name=row.name,
                   region_code=row.region_code, created_at=row.created_at,
                   skipped=[f"{s.get('name')}：{s.get('reason')}" for s in row.skipped or []],
                   bundle_id=str(row.id))
