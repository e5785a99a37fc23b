"""Inputs of the 办件 mutations."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.applications.common import (
    ApplicationCrossProvinceMode,
    DeliveryMethod,
    SpecialProcedureKind,
)


@strawberry.input(description="跨省通办选项")
class ApplicationCrossProvinceInput:
    mode: ApplicationCrossProvinceMode  # type: ignore[valid-type]
    receiving_region_code: str | None = strawberry.field(
        default=None, description="收件地（申请人所在地）六位区划代码；全程网办、多地联办必填")
    receiving_department_id: strawberry.ID | None = strawberry.field(
        default=None, description="异地代收代办的收件窗口（部门 ID）")
    partner_implementation_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="多地联办：其他地方联办事项的实施清单版本 ID")


@strawberry.input(description="一份材料文件：先用 fileUpload 上传，再按 sha256 引用")
class ApplicationMaterialInput:
    material_id: strawberry.ID = strawberry.field(description="实施清单中的材料 ID")
    sha256: str
    filename: str = ""


@strawberry.input(description="新建申请草稿")
class ApplicationDraftCreateInput:
    idempotency_key: str = strawberry.field(
        description="客户端生成的幂等键（8–60 位）；重试时使用同一个键，返回同一份申请")
    implementation_id: strawberry.ID = strawberry.field(description="已发布的实施清单版本 ID")
    cross_province: ApplicationCrossProvinceInput | None = None
    remarks: str = ""


@strawberry.input(description="提交申请：提交已有草稿（applicationId），或一次性新建并提交（draft）")
class ApplicationSubmitInput:
    application_id: strawberry.ID | None = None
    draft: ApplicationDraftCreateInput | None = None
    materials: list[ApplicationMaterialInput] | None = strawberry.field(
        default=None, description="与 draft 一起提交的材料")


@strawberry.input(description="按一件事新建一组关联草稿")
class ApplicationBundleCreateInput:
    idempotency_key: str
    life_event_id: strawberry.ID
    region_code: str = strawberry.field(description="办理地（申请人所在县区）六位区划代码")


@strawberry.input
class ApplicationBundleSubmitInput:
    bundle_id: strawberry.ID


@strawberry.input(description="提交材料文件（草稿、待补正时任意材料；受理后只能补交容缺材料）")
class ApplicationMaterialsAttachInput:
    application_id: strawberry.ID
    materials: list[ApplicationMaterialInput]


@strawberry.input
class ApplicationMaterialRemoveInput:
    application_id: strawberry.ID
    attachment_id: strawberry.ID


@strawberry.input
class ApplicationWithdrawInput:
    application_id: strawberry.ID
    reason: str | None = None


@strawberry.input(description="补正：提交补正材料并重新提交申请")
class ApplicationCorrectionSubmitInput:
    application_id: strawberry.ID
    materials: list[ApplicationMaterialInput] = strawberry.field(default_factory=list)


# --- staff ---------------------------------------------------------------------------

@strawberry.input
class ApplicationStepInput:
    """For moves that need nothing but the application (and an optional note)."""

    application_id: strawberry.ID
    note: str | None = None


@strawberry.input
class ApplicationReasonInput:
    application_id: strawberry.ID
    reason: str
    note: str | None = None


@strawberry.input(description="一次性告知补正：须列明全部需补正的材料")
class ApplicationCorrectionRequestInput:
    application_id: strawberry.ID
    missing_items: list[str]
    note: str | None = None


@strawberry.input(description="启动特别程序（听证、现场核查、检验检测、专家评审），期间不计时")
class ApplicationSpecialProcedureStartInput:
    application_id: strawberry.ID
    kind: SpecialProcedureKind
    reason: str


@strawberry.input
class ApplicationApproveInput:
    application_id: strawberry.ID
    licence_valid_until: date | None = strawberry.field(default=None,
                                                         description="证照有效期；空为长期")
    note: str | None = None


@strawberry.input(description="送达结果：网上送达、邮寄（须快递单号）或窗口自取")
class ApplicationDeliverInput:
    application_id: strawberry.ID
    method: DeliveryMethod
    tracking_number: str | None = None
    pick_up_location: str | None = None


@strawberry.input(description="异地收件窗口：形式审查并核验申请人身份")
class ApplicationFormalCheckPassInput:
    application_id: strawberry.ID
    identity_checked: bool
    note: str | None = None


@strawberry.input(description="异地收件窗口：向办理地转递材料（邮寄单号或网络推送回执号）")
class ApplicationForwardInput:
    application_id: strawberry.ID
    tracking_number: str
    note: str | None = None


@strawberry.input(description="标记站内信已读；不给 messageIds 时全部标记已读")
class MessageMarkReadInput:
    message_ids: list[strawberry.ID] | None = None
