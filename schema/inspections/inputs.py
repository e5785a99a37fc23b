"""Inspection mutation inputs."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.scalars import JSON

from schema.inspections.common import (
    InspectionEvidenceKind,
    InspectionFormFieldType,
    InspectionResult,
    RiskGrade,
)


@strawberry.input(description=(
    "检查对象名录批量导入（CSV，UTF-8，首行为表头）：csv 文本或已上传文件（fileSha256）二选一。"
    "列：统一社会信用代码, 名称, 法定代表人, 联系电话(可选), 地址, 行业, 区划代码, 风险等级, "
    "信用等级, 本年度已检查次数(可选)。最多 5000 行。"))
class InspectionSubjectsImportInput:
    csv: str | None = strawberry.field(default=None, description="CSV 文本")
    file_sha256: str | None = strawberry.field(
        default=None, description="用 fileUpload(purpose: IMPORT_CSV) 上传的文件的 sha256")
    dry_run: bool = strawberry.field(default=False, description="只校验，不导入")


@strawberry.input(description="发布随机抽查事项")
class InspectionItemCreateInput:
    code: str = strawberry.field(description="事项编码（本系统内唯一）")
    name: str
    legal_basis: str = strawberry.field(description="检查依据（法律法规条款）")
    enforcement_field: str = strawberry.field(description="执法领域，如 食品安全")


@strawberry.input(description="检查表单字段")
class InspectionFormFieldInput:
    key: str = strawberry.field(description="字段标识：小写字母开头，仅含小写字母、数字、下划线")
    label: str
    type: InspectionFormFieldType  # type: ignore[valid-type]
    required: bool = True
    options: list[str] | None = None
    unit: str | None = None
    minimum: str | None = strawberry.field(default=None, description="小数字符串")
    maximum: str | None = strawberry.field(default=None, description="小数字符串")
    max_length: int | None = None
    photo_count: int | None = None


@strawberry.input(description="发布抽查事项的新版检查表单")
class InspectionFormPublishInput:
    item_id: strawberry.ID
    title: str
    fields: list[InspectionFormFieldInput]


@strawberry.input(description="回避声明")
class InspectionConflictDeclareInput:
    subject_id: strawberry.ID
    inspector_id: strawberry.ID | None = strawberry.field(
        default=None, description="执法人员；不填为本人（部门管理员可代为登记）")
    reason: str


@strawberry.input(name="InspectionGradeMultiplierInput", description="信用等级抽查倍数")
class GradeMultiplierInput:
    grade: str
    multiplier: str = strawberry.field(description="小数字符串，如 \"0.5\"")


@strawberry.input(description="新建抽查计划")
class InspectionPlanCreateInput:
    name: str
    region_code: str = strawberry.field(description="抽查区域（本部门辖区内）")
    item_ids: list[strawberry.ID]
    start_date: date
    end_date: date
    industries: list[str] = strawberry.field(default_factory=list)
    risk_grades: list[RiskGrade] = strawberry.field(default_factory=list)  # type: ignore[valid-type]
    base_ratio: str | None = strawberry.field(
        default=None, description="基础抽查比例（如 \"0.05\"）；与 count 都不填时为 0.05")
    count: int | None = None
    grade_multipliers: list[GradeMultiplierInput] | None = strawberry.field(
        default=None, description="不填为 A 0.5、B 1、C 2、D 3")
    yearly_cap: int = strawberry.field(default=2, description="每个对象年度检查次数上限")
    inspectors_per_subject: int = 2


@strawberry.input(description="对抽查计划执行一步操作")
class InspectionPlanActionInput:
    plan_id: strawberry.ID


@strawberry.input(description="撤销抽查计划")
class InspectionPlanCancelInput:
    plan_id: strawberry.ID
    reason: str


@strawberry.input(description="开始检查（创建检查记录）")
class InspectionStartInput:
    task_id: strawberry.ID
    client_id: str = strawberry.field(description="设备生成的记录 UUID；重试时用同一个")


@strawberry.input(description="填写（或更新）一个抽查事项的检查表单")
class InspectionFormFillInput:
    client_id: str
    base_version: int = strawberry.field(description="所修改的服务器版本")
    template_id: strawberry.ID
    answers: JSON


@strawberry.input(description="登记证据（照片须带位置与拍摄时间；签名不需要位置）")
class InspectionEvidenceAttachInput:
    client_id: str
    base_version: int
    sha256: str = strawberry.field(description="已上传文件的 SHA-256（小写十六进制）")
    kind: InspectionEvidenceKind
    captured_at: datetime
    latitude: str | None = strawberry.field(default=None, description="纬度，小数字符串")
    longitude: str | None = strawberry.field(default=None, description="经度，小数字符串")


@strawberry.input(description="完成检查")
class InspectionFinishInput:
    client_id: str
    base_version: int
    result: InspectionResult  # type: ignore[valid-type]
    signature: str = strawberry.field(
        description="被检查对象签名文件的 SHA-256（须先登记为签名证据）")
    summary: str = ""
    case_lead_requested: bool = strawberry.field(
        default=False, description="移送案件线索（仅限发现问题的结果）")
    finished_at: datetime | None = strawberry.field(default=None, description="不填为当前时间")


@strawberry.input(description="离线记录（payload 的格式见 models/inspections/record_rules.py）")
class InspectionRecordInput:
    client_id: str = strawberry.field(description="设备生成的记录 UUID")
    base_version: int | None = strawberry.field(
        default=None, description="修改所基于的服务器版本；新记录为 null")
    content_hash: str = strawberry.field(description="payload 的 JCS 形式的 SHA-256")
    payload: JSON


@strawberry.input(description="批量同步离线检查记录（每批最多 100 条）")
class InspectionRecordsSyncInput:
    records: list[InspectionRecordInput]


@strawberry.input(description="公示检查结果")
class InspectionResultPublishInput:
    task_id: strawberry.ID
