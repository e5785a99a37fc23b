"""Plan, task and record types (staff and the inspectors assigned)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from models.inspections.publication import publication_status
from models.inspections.rules import (
    PLAN_TRANSITIONS,
    RESULT_LABELS,
    TASK_TRANSITIONS,
    available_actions,
)
from schema.inspections.common import (
    InspectionEvidenceKind,
    InspectionPlanStatus,
    InspectionPublicationStatus,
    InspectionResult,
    InspectionTaskStatus,
    decode_id,
)
from schema.inspections.directory import (
    InspectionFormTemplate,
    InspectionItem,
    InspectionSubject,
    Inspector,
)
from schema.node import Node, to_global_id
from schema.regions import Department, Region


@strawberry.type(name="InspectionGradeMultiplier", description="信用等级抽查倍数")
class GradeMultiplier:
    grade: str
    multiplier: str = strawberry.field(description="小数字符串，如 \"0.5\"")


@strawberry.type(description="抽查计划（双随机抽查任务）。本部门工作人员与上级监督人员可见。")
class InspectionPlan(Node):
    name: str
    year: int
    status: InspectionPlanStatus  # type: ignore[valid-type]
    start_date: date
    end_date: date
    industries: list[str] = strawberry.field(description="对象筛选：行业（空为不限）")
    risk_grades: list[str] = strawberry.field(description="对象筛选：风险等级（空为不限）")
    base_ratio: str | None = strawberry.field(description="基础抽查比例（与 count 二选一）")
    count: int | None = strawberry.field(description="抽查数量（与 baseRatio 二选一）")
    grade_multipliers: list[GradeMultiplier]
    yearly_cap: int = strawberry.field(description="每个对象年度检查次数上限")
    inspectors_per_subject: int
    commitment: str | None = strawberry.field(description="种子的 SHA-256（抽取前公布）")
    inputs_digest: str | None = strawberry.field(description="抽取输入的 SHA-256")
    committed_at: datetime | None
    drawn_at: datetime | None
    revealed_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str | None
    department_id: strawberry.Private[str]
    region_code: strawberry.Private[str]
    item_ids: strawberry.Private[list[str]]

    @strawberry.field(description="实施部门")
    async def department(self, info: strawberry.Info) -> Department | None:
        row = await info.context.loaders["department"].load(self.department_id)
        return Department.from_row(row) if row else None

    @strawberry.field(description="抽查区域")
    async def region(self, info: strawberry.Info) -> Region | None:
        row = await info.context.loaders["region"].load(self.region_code)
        return Region.from_row(row) if row else None

    @strawberry.field(description="抽查事项")
    async def items(self, info: strawberry.Info) -> list[InspectionItem]:
        rows = await info.context.loaders["inspection_item"].load_many(self.item_ids)
        return [InspectionItem.from_row(r) for r in rows if r]

    @strawberry.field(description="当前用户可执行的操作")
    def available_actions(self, info: strawberry.Info) -> list[str]:
        return available_actions(PLAN_TRANSITIONS, self.status, info.context.viewer.roles)

    @classmethod
    def from_row(cls, row: Any) -> InspectionPlan:
        return cls(
            id=to_global_id("InspectionPlan", row.id), name=row.name, year=row.year,
            status=row.status, start_date=row.start_date, end_date=row.end_date,
            industries=list(row.industries), risk_grades=list(row.risk_grades),
            base_ratio=row.base_ratio, count=row.count,
            grade_multipliers=[GradeMultiplier(grade=g, multiplier=m)
                               for g, m in sorted(row.grade_multipliers.items())],
            yearly_cap=row.yearly_cap, inspectors_per_subject=row.inspectors_per_subject,
            commitment=row.commitment, inputs_digest=row.inputs_digest,
            committed_at=row.committed_at, drawn_at=row.drawn_at, revealed_at=row.revealed_at,
            cancelled_at=row.cancelled_at, cancel_reason=row.cancel_reason,
            department_id=str(row.department_id), region_code=row.region_id,
            item_ids=list(row.item_ids))


@strawberry.type(description="检查证据：照片（含位置与拍摄时间）或签名，以文件 SHA-256 引用")
class InspectionEvidence:
    sha256: str
    kind: InspectionEvidenceKind
    latitude: str | None
    longitude: str | None
    captured_at: str | None

    @strawberry.field(description="文件是否已上传（离线时先登记哈希，联网后用 fileUpload 上传）")
    async def uploaded(self, info: strawberry.Info) -> bool:
        return await info.context.loaders["inspection_file_stored"].load(self.sha256)


@strawberry.type(description="记录中一个抽查事项的表单答案，及填写时的表单版本")
class InspectionRecordForm:
    answers: JSON
    template_key: strawberry.Private[str]

    @strawberry.field(description="填写时的表单模板版本")
    async def template(self, info: strawberry.Info) -> InspectionFormTemplate | None:
        row = await info.context.loaders["inspection_form"].load(self.template_key)
        return InspectionFormTemplate.from_row(row) if row else None


@strawberry.type(description="检查记录（掌上执法设备提交；id 即设备生成的 clientId）")
class InspectionRecord(Node):
    client_id: str
    version: int
    content_hash: str = strawberry.field(description="payload 的 JCS 形式的 SHA-256")
    payload: JSON = strawberry.field(description="设备提交的完整记录内容")
    device_id: str | None
    created_at: datetime
    updated_at: datetime
    author_id: strawberry.Private[str]

    @strawberry.field(description="提交人")
    async def author(self, info: strawberry.Info) -> Inspector | None:
        row = await info.context.loaders["inspection_account"].load(self.author_id)
        return Inspector.from_row(row) if row else None

    @strawberry.field(description="各抽查事项的表单答案")
    def forms(self) -> list[InspectionRecordForm]:
        forms = self.payload.get("forms") or []  # type: ignore[attr-defined]
        return [InspectionRecordForm(answers=f.get("answers"),
                                     template_key=decode_id("InspectionFormTemplate",
                                                            str(f.get("templateId", ""))) or "")
                for f in forms if isinstance(f, dict)]

    @strawberry.field(description="登记的证据")
    def evidence(self) -> list[InspectionEvidence]:
        return [InspectionEvidence(sha256=e.get("sha256", ""), kind=e.get("kind"),
                                   latitude=e.get("latitude"), longitude=e.get("longitude"),
                                   captured_at=e.get("capturedAt"))
                for e in self.payload.get("evidence") or []]  # type: ignore[attr-defined]

    @classmethod
    def from_row(cls, row: Any) -> InspectionRecord:
        return cls(id=to_global_id("InspectionRecord", row.id), client_id=str(row.id),
                   version=row.version, content_hash=row.content_hash, payload=row.payload,
                   device_id=row.device_id, created_at=row.created_at,
                   updated_at=row.updated_at, author_id=str(row.author_id))


@strawberry.type(description="检查任务：一个被抽中的检查对象及其执法人员。被分派的执法人员与本部门工作人员可见。")
class InspectionTask(Node):
    status: InspectionTaskStatus  # type: ignore[valid-type]
    action_code: str = strawberry.field(description="行政行为码（出示给被检查对象扫码核验）")
    started_at: datetime | None
    finished_at: datetime | None
    result: InspectionResult | None  # type: ignore[valid-type]
    result_summary: str | None
    publish_due: date | None = strawberry.field(description="公示期限（检查后 20 个工作日）")
    publish_due_provisional: bool = strawberry.field(
        description="公示期限涉及尚未公布节假日安排的年份，日期可能变化")
    published_at: datetime | None
    case_lead_requested: bool = strawberry.field(description="是否已移送案件线索")
    plan_id: strawberry.Private[str]
    subject_id: strawberry.Private[str]
    task_key: strawberry.Private[str]

    @strawberry.field(description="检查结果（中文）")
    def result_label(self) -> str | None:
        return RESULT_LABELS.get(self.result) if self.result else None  # type: ignore[call-overload]

    @strawberry.field(description="公示状态；超期未公示为 OVERDUE")
    def publication_status(self) -> InspectionPublicationStatus:  # type: ignore[valid-type]
        return publication_status(self.publish_due, self.published_at, datetime.now(UTC))

    @strawberry.field(description="所属计划")
    async def plan(self, info: strawberry.Info) -> InspectionPlan | None:
        row = await info.context.loaders["inspection_plan"].load(self.plan_id)
        return InspectionPlan.from_row(row) if row else None

    @strawberry.field(description="检查对象")
    async def subject(self, info: strawberry.Info) -> InspectionSubject | None:
        row = await info.context.loaders["inspection_subject"].load(self.subject_id)
        return InspectionSubject.from_row(row) if row else None

    @strawberry.field(description="执法人员（按抽取顺序）")
    async def inspectors(self, info: strawberry.Info) -> list[Inspector]:
        rows = await info.context.loaders["inspection_task_inspectors"].load(self.task_key)
        return [Inspector.from_row(r) for r in rows]

    @strawberry.field(description="检查记录；尚未开始时为 null")
    async def record(self, info: strawberry.Info) -> InspectionRecord | None:
        row = await info.context.loaders["inspection_task_record"].load(self.task_key)
        return InspectionRecord.from_row(row) if row else None

    @strawberry.field(description="当前用户可执行的操作")
    def available_actions(self, info: strawberry.Info) -> list[str]:
        return available_actions(TASK_TRANSITIONS, self.status, info.context.viewer.roles)

    @classmethod
    def from_row(cls, row: Any) -> InspectionTask:
        return cls(
            id=to_global_id("InspectionTask", row.id), status=row.status,
            action_code=row.action_code, started_at=row.started_at, finished_at=row.finished_at,
            result=row.result, result_summary=row.result_summary, publish_due=row.publish_due,
            publish_due_provisional=row.publish_due_provisional, published_at=row.published_at,
            case_lead_requested=row.case_lead_requested, plan_id=str(row.plan_id),
            subject_id=str(row.subject_id), task_key=str(row.id))
