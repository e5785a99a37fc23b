"""Inspection mutation payloads and the screens' composite results."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from models.inspections.service.figures import Figures
from schema.inspections.common import InspectionError, InspectionSyncOutcome
from schema.inspections.directory import (
    InspectionFormTemplate,
    InspectionItem,
    InspectionSubject,
    Inspector,
)
from schema.inspections.tasks import InspectionPlan, InspectionRecord, InspectionTask


@strawberry.type(description="导入报告中的一行")
class InspectionSubjectImportRow:
    line: int = strawberry.field(description="文件中的行号（表头为第 1 行）")
    credit_code: str
    valid: bool
    errors: list[InspectionError]


@strawberry.type
class InspectionSubjectsImportPayload:
    valid: bool = strawberry.field(description="全部行有效")
    stored: bool = strawberry.field(description="已导入（要么全部导入，要么一行也不导入）")
    created: int = 0
    updated: int = 0
    rows: list[InspectionSubjectImportRow] = strawberry.field(default_factory=list)
    errors: list[InspectionError] = strawberry.field(default_factory=list)


@strawberry.type
class InspectionItemCreatePayload:
    item: InspectionItem | None = None
    errors: list[InspectionError] = strawberry.field(default_factory=list)


@strawberry.type
class InspectionFormPublishPayload:
    form: InspectionFormTemplate | None = None
    errors: list[InspectionError] = strawberry.field(default_factory=list)


@strawberry.type(description="回避声明")
class InspectionConflict:
    reason: str
    declared_at: datetime
    inspector: Inspector
    subject: InspectionSubject


@strawberry.type
class InspectionConflictDeclarePayload:
    conflict: InspectionConflict | None = None
    errors: list[InspectionError] = strawberry.field(default_factory=list)


@strawberry.type
class InspectionPlanPayload:
    plan: InspectionPlan | None = None
    errors: list[InspectionError] = strawberry.field(default_factory=list)


@strawberry.type(description="一条记录的同步结果")
class InspectionRecordSyncResult:
    client_id: str
    outcome: InspectionSyncOutcome  # type: ignore[valid-type]
    version: int | None = strawberry.field(description="记录在服务器上的版本")
    reason: str | None = strawberry.field(description="非 ACCEPTED 时的原因代码")
    message: str | None
    errors: list[InspectionError] = strawberry.field(description="INVALID 时的字段错误")
    server_record: InspectionRecord | None = strawberry.field(
        description="服务器上的记录（CONFLICT 时据此合并）")


@strawberry.type
class InspectionRecordsSyncPayload:
    results: list[InspectionRecordSyncResult] = strawberry.field(default_factory=list)
    errors: list[InspectionError] = strawberry.field(default_factory=list)


@strawberry.type
class InspectionRecordChangePayload:
    outcome: InspectionSyncOutcome | None = None  # type: ignore[valid-type]
    record: InspectionRecord | None = None
    errors: list[InspectionError] = strawberry.field(default_factory=list)


@strawberry.type
class InspectionResultPublishPayload:
    task: InspectionTask | None = None
    errors: list[InspectionError] = strawberry.field(default_factory=list)


@strawberry.type(description="行政行为码（离线出示用）")
class InspectionActionCodeToken:
    task_id: strawberry.ID
    code: str
    qr_payload: str = strawberry.field(description="二维码内容")


@strawberry.type(description="离线包：执法人员一天所需的全部数据，一次请求取得")
class InspectionOfflineBundle:
    date: date
    generated_at: datetime
    tasks: list[InspectionTask]
    subjects: list[InspectionSubject]
    items: list[InspectionItem]
    form_templates: list[InspectionFormTemplate] = strawberry.field(
        description="各抽查事项的当前表单版本")
    action_codes: list[InspectionActionCodeToken]


@strawberry.type(description="监管统计（一个部门一个年度）")
class InspectionFigures:
    year: int
    plans: int
    subjects_in_directory: int
    subjects_inspected: int
    coverage: float | None = strawberry.field(description="抽查覆盖率：被抽中对象 / 辖区名录对象")
    tasks: int
    tasks_finished: int
    completion: float | None = strawberry.field(description="任务完成率")
    published_on_time: int
    published_late: int
    publication_overdue: int
    on_time_publication: float | None = strawberry.field(
        description="按时公示率：按时公示 / 应公示（已公示 + 超期未公示）")
    items: int
    items_with_form: int
    form_coverage: float | None = strawberry.field(description="已配置检查表单的事项占比")
    inspectors: int
    handhelds_activated: int = strawberry.field(description="已绑定掌上执法设备的执法人员数")
    handheld_activation: float | None = strawberry.field(description="掌上执法激活率")

    @classmethod
    def from_figures(cls, f: Figures) -> InspectionFigures:
        return cls(year=f.year, plans=f.plans, subjects_in_directory=f.subjects_in_directory,
                   subjects_inspected=f.subjects_inspected, coverage=f.coverage, tasks=f.tasks,
                   tasks_finished=f.tasks_finished, completion=f.completion,
                   published_on_time=f.published_on_time, published_late=f.published_late,
                   publication_overdue=f.publication_overdue,
                   on_time_publication=f.on_time_publication, items=f.items,
                   items_with_form=f.items_with_form, form_coverage=f.form_coverage,
                   inspectors=f.inspectors, handhelds_activated=f.handhelds_activated,
                   handheld_activation=f.handheld_activation)
