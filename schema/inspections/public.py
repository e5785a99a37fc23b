"""Public views: the draw's publication and verification, 行政行为码, published results."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from models.identity.rules import mask_name
from models.inspections.draw import ALGORITHM
from models.inspections.publication import local_date
from models.inspections.rules import RESULT_LABELS
from models.inspections.service.verification import DrawNames
from schema.inspections.common import (
    InspectionPlanStatus,
    InspectionResult,
    InspectionTaskStatus,
)
from schema.inspections.directory import InspectionItem
from schema.node import to_global_id
from schema.regions import Department


async def _department(info: strawberry.Info, key: str) -> Department | None:
    row = await info.context.loaders["department"].load(key)
    return Department.from_row(row) if row else None


async def _items(info: strawberry.Info, keys: list[str]) -> list[InspectionItem]:
    rows = await info.context.loaders["inspection_item"].load_many(keys)
    return [InspectionItem.from_row(r) for r in rows if r]


@strawberry.type(description="公开的执法人员信息（姓名掩码、执法证号）")
class PublicInspector:
    masked_name: str
    badge_number: str


@strawberry.type(description="抽取结果中的一个检查对象及其执法人员")
class InspectionDrawAssignment:
    position: int
    subject_credit_code: str
    subject_name: str
    inspector_badge_numbers: list[str] = strawberry.field(description="按抽取顺序")
    inspectors: list[PublicInspector]


@strawberry.type(description="未参与抽取的检查对象及原因（CAP_REACHED：已达年度检查次数上限）")
class InspectionDrawExclusion:
    subject_credit_code: str
    reason: str


@strawberry.type(description=(
    "双随机抽取的公示：抽取前公布种子哈希（commitment）与全部输入（inputs，规范化 JSON），"
    "抽取后公布结果，公布种子后任何人都可按 algorithm 说明重新计算并比对。"))
class InspectionDrawPublication:
    plan_id: strawberry.ID
    name: str
    year: int
    status: InspectionPlanStatus  # type: ignore[valid-type]
    algorithm: str = strawberry.field(
        description=f"抽取算法（{ALGORITHM}，见 models/inspections/draw.py 的说明）")
    commitment: str | None = strawberry.field(description="种子的 SHA-256（十六进制）")
    committed_at: datetime | None
    inputs: str | None = strawberry.field(description="规范化的抽取输入（JCS JSON 文本）")
    inputs_digest: str | None = strawberry.field(description="inputs 的 SHA-256")
    seed: str | None = strawberry.field(description="种子（十六进制）；公布前为 null")
    drawn_at: datetime | None
    revealed_at: datetime | None
    cancelled_at: datetime | None
    assignments: list[InspectionDrawAssignment]
    excluded: list[InspectionDrawExclusion]
    department_id: strawberry.Private[str]
    item_ids: strawberry.Private[list[str]]

    @strawberry.field(description="实施部门")
    async def department(self, info: strawberry.Info) -> Department | None:
        return await _department(info, self.department_id)

    @strawberry.field(description="抽查事项及检查依据")
    async def items(self, info: strawberry.Info) -> list[InspectionItem]:
        return await _items(info, self.item_ids)


@strawberry.type(description="抽取核验：用公布的输入与种子重新抽取，并与公布结果及实际任务比对")
class InspectionDrawVerification:
    plan_id: strawberry.ID
    verified: bool = strawberry.field(description="以下各项全部一致")
    seed_revealed: bool
    commitment_matches: bool = strawberry.field(description="种子的 SHA-256 等于事先公布的承诺")
    inputs_match: bool = strawberry.field(description="输入文本是规范形式且摘要一致")
    result_matches: bool = strawberry.field(description="重新抽取的结果与公布的结果相同")
    tasks_match: bool = strawberry.field(description="实际生成的检查任务与公布的结果相同")
    message: str


@strawberry.type(description="公示的检查结果")
class PublishedInspectionResult:
    subject_name: str
    subject_credit_code: str
    plan_name: str
    inspected_on: date | None = strawberry.field(description="检查日期")
    result: InspectionResult  # type: ignore[valid-type]
    summary: str | None
    published_at: datetime
    publish_due: date | None
    department_id: strawberry.Private[str]
    item_ids: strawberry.Private[list[str]]

    @strawberry.field(description="检查结果（中文）")
    def result_label(self) -> str:
        return RESULT_LABELS[self.result]  # type: ignore[index]

    @strawberry.field(description="是否在 20 个工作日内公示")
    def published_on_time(self) -> bool | None:
        if self.publish_due is None:
            return None
        return local_date(self.published_at) <= self.publish_due

    @strawberry.field(description="实施部门")
    async def department(self, info: strawberry.Info) -> Department | None:
        return await _department(info, self.department_id)

    @strawberry.field(description="抽查事项及检查依据")
    async def items(self, info: strawberry.Info) -> list[InspectionItem]:
        return await _items(info, self.item_ids)


@strawberry.type(description="行政行为码核验：谁在检查、依据什么，公示后还有结果。公开。")
class InspectionActionCodeView:
    code: str
    status: InspectionTaskStatus  # type: ignore[valid-type]
    subject_name: str
    subject_credit_code: str
    plan_name: str
    period_start: date
    period_end: date
    inspectors: list[PublicInspector]
    result: PublishedInspectionResult | None = strawberry.field(
        description="检查结果；公示前为 null")
    department_id: strawberry.Private[str]
    item_ids: strawberry.Private[list[str]]

    @strawberry.field(description="实施部门")
    async def department(self, info: strawberry.Info) -> Department | None:
        return await _department(info, self.department_id)

    @strawberry.field(description="抽查事项及检查依据")
    async def items(self, info: strawberry.Info) -> list[InspectionItem]:
        return await _items(info, self.item_ids)


def published_result(task: Any, subject: Any, plan: Any) -> PublishedInspectionResult:
    return PublishedInspectionResult(
        subject_name=subject.name, subject_credit_code=subject.credit_code, plan_name=plan.name,
        inspected_on=local_date(task.finished_at) if task.finished_at else None,
        result=task.result, summary=task.result_summary, published_at=task.published_at,
        publish_due=task.publish_due, department_id=str(plan.department_id),
        item_ids=list(plan.item_ids))


def public_inspectors(accounts: list[Any]) -> list[PublicInspector]:
    return [PublicInspector(masked_name=mask_name(a.display_name),
                            badge_number=a.badge_number or "") for a in accounts]


def publication_view(plan: Any, names: DrawNames) -> InspectionDrawPublication:
    result = plan.result or {"assignments": [], "excluded": []}
    revealed = plan.revealed_at is not None
    return InspectionDrawPublication(
        plan_id=to_global_id("InspectionPlan", plan.id), name=plan.name, year=plan.year,
        status=plan.status, algorithm=ALGORITHM, commitment=plan.commitment,
        committed_at=plan.committed_at, inputs=plan.inputs_canonical,
        inputs_digest=plan.inputs_digest, seed=plan.seed_hex if revealed else None,
        drawn_at=plan.drawn_at, revealed_at=plan.revealed_at, cancelled_at=plan.cancelled_at,
        assignments=[InspectionDrawAssignment(
            position=n, subject_credit_code=a["subject"],
            subject_name=names.subjects.get(a["subject"], ""),
            inspector_badge_numbers=list(a["inspectors"]),
            inspectors=[PublicInspector(masked_name=mask_name(names.inspectors.get(b, "")),
                                        badge_number=b) for b in a["inspectors"]])
            for n, a in enumerate(result["assignments"])],
        excluded=[InspectionDrawExclusion(subject_credit_code=e["subject"], reason=e["reason"])
                  for e in result["excluded"]],
        department_id=str(plan.department_id), item_ids=list(plan.item_ids))
