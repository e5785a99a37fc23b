"""Opening a case and the records around the stages: team, 回避, evidence, assessment,
the party's consents and requests."""

from __future__ import annotations

import uuid

import strawberry

from auth.errors import Forbidden
from auth.permissions import describe, require_roles
from models.cases.facts import PartyKind, ReviewReason, Role
from models.cases.service import officers, opening, records
from models.cases.service.common import Actor
from models.errors import Refusal
from resolvers.cases.access import ACCESS, refresh
from resolvers.cases.common import edit
from schema.cases import inputs as i
from schema.cases import payloads as p
from schema.cases.case import Case
from schema.cases.common import case_error, clock, decode_key

HEAD, INSPECTOR, REVIEWER = "AGENCY_HEAD", "INSPECTOR（本案执法人员）", "LEGAL_REVIEWER"
PARTY = "当事人"


def _account_ids(ids: list[strawberry.ID]) -> list[str]:
    """Officers by their Account id, or by the Inspector id the handheld shows (the
    same person: an inspector is an account with the INSPECTOR role). Anything else
    is kept as given, so that the rules refuse it as an unknown officer."""
    return [decode_key(a, "Account") or decode_key(a, "Inspector") or str(a) for a in ids]


def _uuid(value: str | None) -> str | None:
    """A client-chosen UUID (a fresh one when none was given), None if malformed."""
    try:
        return str(uuid.UUID(value)) if value else str(uuid.uuid4())
    except ValueError:
        return None


def _lead(input: i.CaseOpenInput) -> opening.Lead:
    party = input.party
    source_ref = input.source_id
    if input.source is opening.SourceKind.INSPECTION_FINDING:
        source_ref = decode_key(input.source_id, "InspectionTask") or input.source_id
    return opening.Lead(
        source=opening.SourceKind(input.source), source_ref=source_ref[:128],
        summary=input.summary, legal_basis=input.legal_basis,
        party_kind=PartyKind(party.kind) if party else None,
        party_name=party.name if party else "", party_credit_code=party and party.credit_code,
        party_id_number=party and party.id_number, officer_ids=_account_ids(input.officer_ids))


@strawberry.type
class CaseRecordMutation:
    @strawberry.mutation(description=describe(
        "从线索开案（环节 LEAD）：检查发现、投诉举报、移送或现场发现；指派执法人员。"
        "clientCaseId 使重试幂等（掌上执法可离线生成）。", "INSPECTOR", HEAD))
    async def case_open(self, info: strawberry.Info, input: i.CaseOpenInput) -> p.CaseOpenPayload:
        viewer = require_roles(info.context.viewer, "INSPECTOR", "AGENCY_HEAD")
        if not viewer.department_id:
            raise Forbidden()
        roles = frozenset(r for r in (Role.INSPECTOR, Role.AGENCY_HEAD) if viewer.has_role(r))
        case_id = _uuid(input.client_case_id)
        if case_id is None:
            return p.CaseOpenPayload(errors=[case_error(Refusal(
                "INVALID_INPUT", "clientCaseId 应为 UUID。", "clientCaseId"))])
        c = clock(info)
        try:
            row, created = await opening.open_case(
                case_id, viewer.department_id, _lead(input), Actor(viewer.account_id, roles),
                pii=info.context.services.get("pii"), today=c.today(), now=c.now())
        except Refusal as refusal:
            return p.CaseOpenPayload(errors=[case_error(refusal)])
        refresh(info.context)
        return p.CaseOpenPayload(case=Case.from_row(row, ACCESS), created=created)

    @strawberry.mutation(description=describe(
        "指派（更换）本案执法人员：本机关执法人员；已回避者不能再指派。", HEAD))
    async def case_officers_assign(self, info: strawberry.Info,
                                   input: i.CaseOfficersAssignInput
                                   ) -> p.CaseOfficersAssignPayload:
        ids, c = _account_ids(input.officer_ids), clock(info)
        return await edit(info, input.case_id, p.CaseOfficersAssignPayload,
                          lambda case_id, actor: officers.assign(
                              case_id, ids, actor, expected_version=input.expected_version,
                              now=c.now()))

    @strawberry.mutation(description=describe(
        "决定执法人员回避（本人申请或当事人申请）；该人员被更换前案件不能继续。", HEAD))
    async def case_officer_recuse(self, info: strawberry.Info, input: i.CaseOfficerRecuseInput
                                  ) -> p.CaseOfficerRecusePayload:
        officer, c = _account_ids([input.officer_id])[0], clock(info)
        return await edit(info, input.case_id, p.CaseOfficerRecusePayload,
                          lambda case_id, actor: officers.recuse(
                              case_id, officer, input.reason, input.requested_by_party, actor,
                              expected_version=input.expected_version, now=c.now()))

    @strawberry.mutation(description=describe("申请执法人员回避。", PARTY))
    async def case_recusal_request(self, info: strawberry.Info,
                                   input: i.CaseRecusalRequestInput
                                   ) -> p.CaseRecusalRequestPayload:
        officer, c = _account_ids([input.officer_id])[0], clock(info)
        return await edit(info, input.case_id, p.CaseRecusalRequestPayload,
                          lambda case_id, actor: records.request_recusal(
                              case_id, officer, input.reason, actor,
                              expected_version=input.expected_version, now=c.now()),
                          party_view=True)

    @strawberry.mutation(description=describe(
        "审查认定：须法制审核的情形（第五十八条）与是否须集体讨论（第五十七条）。", REVIEWER, HEAD))
    async def case_review_assess(self, info: strawberry.Info, input: i.CaseReviewAssessInput
                                 ) -> p.CaseReviewAssessPayload:
        reasons, c = [ReviewReason(r) for r in input.reasons], clock(info)
        return await edit(info, input.case_id, p.CaseReviewAssessPayload,
                          lambda case_id, actor: records.assess(
                              case_id, reasons, input.collective_decision_required, actor,
                              expected_version=input.expected_version, now=c.now()))

    @strawberry.mutation(description=describe("签署电子送达确认书（同意电子送达）。", PARTY))
    async def case_e_service_consent(self, info: strawberry.Info,
                                     input: i.CaseEServiceConsentInput
                                     ) -> p.CaseEServiceConsentPayload:
        c = clock(info)
        return await edit(info, input.case_id, p.CaseEServiceConsentPayload,
                          lambda case_id, actor: records.consent_to_e_service(
                              case_id, actor, expected_version=input.expected_version,
                              now=c.now()), party_view=True)

    @strawberry.mutation(description=describe(
        "登记证据（书证、物证、视听资料、电子数据、证人证言、当事人陈述、鉴定意见、勘验笔录/现场笔录）；"
        "文件先经 fileUpload 上传，其 sha256 记入事件链。evidenceId 使重试幂等。", INSPECTOR))
    async def case_evidence_add(self, info: strawberry.Info, input: i.CaseEvidenceAddInput
                                ) -> p.CaseEvidenceAddPayload:
        c = clock(info)
        evidence_id = _uuid(input.evidence_id)
        if evidence_id is None:
            return p.CaseEvidenceAddPayload(errors=[case_error(Refusal(
                "INVALID_INPUT", "evidenceId 应为 UUID。", "evidenceId"))])
        return await edit(info, input.case_id, p.CaseEvidenceAddPayload,
                          lambda case_id, actor: records.add_evidence(
                              case_id, evidence_id, kind=input.kind.value, title=input.title,
                              description=input.description, file_sha256=input.file_sha256,
                              collected_on=input.collected_on or c.today(), today=c.today(),
                              actor=actor,
                              expected_version=input.expected_version, now=c.now()))
