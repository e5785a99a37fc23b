"""Inputs of the case mutations. Every edit names the case and the version it was
made on (``expectedVersion``); a stale version is refused with CONFLICT."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from models.cases.facts import Penalty
from schema.cases.common import (
    CaseDecisionOutcome,
    CasePartyKind,
    CaseReviewReason,
    CaseServiceMethod,
    CaseSourceKind,
    EvidenceKind,
    fen,
)


@strawberry.input(name="CasePenaltyInput",
                  description="处罚内容；未填的项为无。金额单位为元（十进制字符串，最多两位小数）")
class PenaltyInput:
    fine: Decimal = strawberry.field(default=Decimal(0), description="罚款（元）")
    warning: bool = False
    confiscation: Decimal = strawberry.field(
        default=Decimal(0), description="没收违法所得、非法财物的价值（元）")
    licence_revocation: bool = False
    closure: bool = False
    restriction: bool = False

    def to_penalty(self, field: str = "penalty") -> Penalty:
        return Penalty(fen(self.fine, f"{field}.fine"), self.warning,
                       fen(self.confiscation, f"{field}.confiscation"),
                       self.licence_revocation, self.closure, self.restriction)


@strawberry.input(description="对案件的一次修改：案件、所基于的版本、可选的幂等键")
class CaseEditInput:
    case_id: strawberry.ID
    expected_version: int = strawberry.field(
        description="读取案件时的 version；过期则返回 CONFLICT")
    idempotency_key: str | None = strawberry.field(
        default=None, description="客户端生成（≤64字符）；同一键重试返回已完成的结果")


@strawberry.input(description="当事人")
class CasePartyInput:
    kind: CasePartyKind  # type: ignore[valid-type]
    name: str
    credit_code: str | None = strawberry.field(default=None, description="单位：统一社会信用代码")
    id_number: str | None = strawberry.field(default=None, description="个人：身份证号（加密存储）")


@strawberry.input
class CaseOpenInput:
    client_case_id: strawberry.ID | None = strawberry.field(
        default=None, description="客户端生成的 UUID；重试时返回同一案件（掌上执法离线重发）")
    source: CaseSourceKind  # type: ignore[valid-type]
    source_id: str = strawberry.field(
        default="", description="来源编号：检查发现为检查任务的全局 ID；投诉、移送为其编号")
    summary: str = strawberry.field(default="", description="案由 / 线索摘要")
    legal_basis: str = ""
    party: CasePartyInput | None = strawberry.field(
        default=None, description="当事人；检查发现的线索可省略（取自检查对象）")
    officer_ids: list[strawberry.ID] = strawberry.field(
        description="执法人员的全局 ID（账户 Account 或检查人员 Inspector 的 ID 均可；须为本机关"
                    "执法人员；调查取证需至少两名持证人员）")


@strawberry.input
class CaseOfficersAssignInput(CaseEditInput):
    officer_ids: list[strawberry.ID]


@strawberry.input
class CaseOfficerRecuseInput(CaseEditInput):
    officer_id: strawberry.ID
    reason: str
    requested_by_party: bool = False


@strawberry.input
class CaseRecusalRequestInput(CaseEditInput):
    officer_id: strawberry.ID
    reason: str


@strawberry.input
class CaseReviewAssessInput(CaseEditInput):
    reasons: list[CaseReviewReason]  # type: ignore[valid-type]
    collective_decision_required: bool = False


@strawberry.input
class CaseEServiceConsentInput(CaseEditInput):
    pass


@strawberry.input
class CaseEvidenceAddInput:
    case_id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="可省略：证据只追加、不覆盖")
    evidence_id: strawberry.ID | None = strawberry.field(
        default=None, description="客户端生成的 UUID；重试不会重复登记")
    kind: EvidenceKind
    title: str
    description: str = ""
    file_sha256: str | None = strawberry.field(default=None, description="fileUpload 返回的 sha256")
    collected_on: date | None = strawberry.field(default=None, description="取证日期，默认今天")


@strawberry.input
class CaseDecisionRevokeInput(CaseEditInput):
    reason: str


@strawberry.input
class CasePublicationPublishInput(CaseEditInput):
    pass


@strawberry.input
class CasePublicationWithdrawInput(CaseEditInput):
    pass


@strawberry.input
class CaseHearingThresholdsSetInput:
    province_code: str = strawberry.field(description="省级区划代码前两位，如 33")
    citizen_fine: Decimal = strawberry.field(description="个人：较大数额罚款（元）")
    organisation_fine: Decimal = strawberry.field(description="单位：较大数额罚款（元）")
    citizen_confiscation: Decimal = strawberry.field(description="个人：较大数额没收（元）")
    organisation_confiscation: Decimal = strawberry.field(description="单位：较大数额没收（元）")


# --- one input per action ------------------------------------------------------


@strawberry.input
class CaseFileInput(CaseEditInput):
    pass


@strawberry.input
class CaseLeadDropInput(CaseEditInput):
    reason: str


@strawberry.input
class CaseDecideOnSpotInput(CaseEditInput):
    penalty: PenaltyInput
    party_heard: bool = strawberry.field(description="已当场告知并听取当事人陈述、申辩")
    statement: str = strawberry.field(default="", description="当事人陈述、申辩要点")


@strawberry.input
class CaseInvestigationStartInput(CaseEditInput):
    pass


@strawberry.input
class CaseExtensionApproveInput(CaseEditInput):
    days: int
    basis: str = strawberry.field(description="延长依据")


@strawberry.input
class CaseReviewSubmitInput(CaseEditInput):
    pass


@strawberry.input
class CaseLegalReviewPassInput(CaseEditInput):
    opinion: str = ""


@strawberry.input
class CaseReturnForInvestigationInput(CaseEditInput):
    reason: str


@strawberry.input
class CaseNotifyInput(CaseEditInput):
    penalty: PenaltyInput
    hearing_offered: bool | None = strawberry.field(
        default=None, description="告知听证权利；省略时按听证标准自动判断")


@strawberry.input
class CaseDefenceSubmitInput(CaseEditInput):
    statement: str


@strawberry.input
class CaseDefenceWaiveInput(CaseEditInput):
    statement: str = strawberry.field(default="", description="书面放弃声明")


@strawberry.input
class CaseHearingRequestInput(CaseEditInput):
    pass


@strawberry.input
class CaseHearingScheduleInput(CaseEditInput):
    hearing_on: date
    chair_id: strawberry.ID = strawberry.field(
        description="听证主持人（本机关法制审核人员或负责人）")


@strawberry.input
class CaseHearingHoldInput(CaseEditInput):
    record: str = strawberry.field(default="", description="听证笔录要点")


@strawberry.input
class CaseDecideInput(CaseEditInput):
    outcome: CaseDecisionOutcome  # type: ignore[valid-type]
    penalty: PenaltyInput | None = None
    decided_collectively: bool = strawberry.field(default=False, description="经负责人集体讨论")
    reasons: str = ""
    social_impact: bool | None = strawberry.field(
        default=None, description="具有一定社会影响、应当公示；省略时单位当事人公示，个人不公示")


@strawberry.input
class CaseServeInput(CaseEditInput):
    method: CaseServiceMethod  # type: ignore[valid-type]
    recipient: str = ""


@strawberry.input
class CaseExecutionStartInput(CaseEditInput):
    pass


@strawberry.input
class CasePaymentRecordInput:
    case_id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="可省略：缴款回执是事实，不覆盖他人修改")
    amount: Decimal = strawberry.field(description="实缴金额（元，含加处罚款）")
    paid_on: date
    receipt_number: str = strawberry.field(description="银行或电子缴款回执号；重复推送只登记一次")


@strawberry.input
class CaseCollectOnSpotInput(CaseEditInput):
    amount: Decimal = strawberry.field(description="收缴金额（元）")
    collection_otherwise_hard: bool = False
    receipt_number: str


@strawberry.input
class CaseExecutionRecordInput(CaseEditInput):
    note: str = ""


@strawberry.input
class CaseCloseInput(CaseEditInput):
    pass


@strawberry.input
class CaseArchiveInput(CaseEditInput):
    pass
