"""Mutation payloads: one per mutation (so each can grow on its own), sharing shapes."""

from __future__ import annotations

import strawberry

from schema.cases.case import Case
from schema.cases.common import CaseError
from schema.cases.parts import CaseAnchor
from schema.cases.party import PartyCase


@strawberry.type(description="执法人员操作的结果：修改后的案件（含新的 version）或错误")
class CaseEditPayload:
    case: Case | None = None
    errors: list[CaseError] = strawberry.field(default_factory=list)


@strawberry.type(description="当事人操作的结果")
class PartyCaseEditPayload:
    case: PartyCase | None = None
    errors: list[CaseError] = strawberry.field(default_factory=list)


@strawberry.type
class CaseOpenPayload(CaseEditPayload):
    created: bool = strawberry.field(default=False, description="false：同一 clientCaseId 的重试")


@strawberry.type
class CaseOfficersAssignPayload(CaseEditPayload):
    """CaseOfficersAssign"""


@strawberry.type
class CaseOfficerRecusePayload(CaseEditPayload):
    """CaseOfficerRecuse"""


@strawberry.type
class CaseReviewAssessPayload(CaseEditPayload):
    """CaseReviewAssess"""


@strawberry.type
class CaseEvidenceAddPayload(CaseEditPayload):
    """CaseEvidenceAdd"""


@strawberry.type
class CaseDecisionRevokePayload(CaseEditPayload):
    """CaseDecisionRevoke"""


@strawberry.type
class CasePublicationPublishPayload(CaseEditPayload):
    """CasePublicationPublish"""


@strawberry.type
class CasePublicationWithdrawPayload(CaseEditPayload):
    """CasePublicationWithdraw"""


@strawberry.type
class CaseFilePayload(CaseEditPayload):
    """CaseFile"""


@strawberry.type
class CaseLeadDropPayload(CaseEditPayload):
    """CaseLeadDrop"""


@strawberry.type
class CaseDecideOnSpotPayload(CaseEditPayload):
    """CaseDecideOnSpot"""


@strawberry.type
class CaseInvestigationStartPayload(CaseEditPayload):
    """CaseInvestigationStart"""


@strawberry.type
class CaseExtensionApprovePayload(CaseEditPayload):
    """CaseExtensionApprove"""


@strawberry.type
class CaseReviewSubmitPayload(CaseEditPayload):
    """CaseReviewSubmit"""


@strawberry.type
class CaseLegalReviewPassPayload(CaseEditPayload):
    """CaseLegalReviewPass"""


@strawberry.type
class CaseReturnForInvestigationPayload(CaseEditPayload):
    """CaseReturnForInvestigation"""


@strawberry.type
class CaseNotifyPayload(CaseEditPayload):
    """CaseNotify"""


@strawberry.type
class CaseHearingSchedulePayload(CaseEditPayload):
    """CaseHearingSchedule"""


@strawberry.type
class CaseHearingHoldPayload(CaseEditPayload):
    """CaseHearingHold"""


@strawberry.type
class CaseDecidePayload(CaseEditPayload):
    """CaseDecide"""


@strawberry.type
class CaseServePayload(CaseEditPayload):
    """CaseServe"""


@strawberry.type
class CaseExecutionStartPayload(CaseEditPayload):
    """CaseExecutionStart"""


@strawberry.type
class CaseCollectOnSpotPayload(CaseEditPayload):
    """CaseCollectOnSpot"""


@strawberry.type
class CaseExecutionRecordPayload(CaseEditPayload):
    """CaseExecutionRecord"""


@strawberry.type
class CaseClosePayload(CaseEditPayload):
    """CaseClose"""


@strawberry.type
class CaseArchivePayload(CaseEditPayload):
    """CaseArchive"""


@strawberry.type
class CaseDefenceSubmitPayload(PartyCaseEditPayload):
    """CaseDefenceSubmit"""


@strawberry.type
class CaseDefenceWaivePayload(PartyCaseEditPayload):
    """CaseDefenceWaive"""


@strawberry.type
class CaseHearingRequestPayload(PartyCaseEditPayload):
    """CaseHearingRequest"""


@strawberry.type
class CaseRecusalRequestPayload(PartyCaseEditPayload):
    """CaseRecusalRequest"""


@strawberry.type
class CaseEServiceConsentPayload(PartyCaseEditPayload):
    """CaseEServiceConsent"""


@strawberry.type
class CasePaymentRecordPayload:
    recorded: bool = strawberry.field(default=False, description="已登记（重复推送也为 true）")
    version: int | None = strawberry.field(default=None, description="案件的新版本")
    errors: list[CaseError] = strawberry.field(default_factory=list)


@strawberry.type
class CaseAnchorCreatePayload:
    anchor: CaseAnchor | None = None
    errors: list[CaseError] = strawberry.field(default_factory=list)


@strawberry.type
class CaseHearingThresholdsSetPayload:
    saved: bool = False
    errors: list[CaseError] = strawberry.field(default_factory=list)
