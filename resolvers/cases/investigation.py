"""线索 → 立案 → 调查取证 → 审查, and the 简易程序 decision on the spot."""

from __future__ import annotations

import strawberry

from auth.permissions import describe
from models.cases.facts import Action
from models.cases.service import steps
from models.cases.service.actions import Step
from resolvers.cases.common import act
from schema.cases import inputs as i
from schema.cases import payloads as p

HEAD, INSPECTOR, REVIEWER = "AGENCY_HEAD", "INSPECTOR（本案执法人员）", "LEGAL_REVIEWER"


@strawberry.type
class CaseInvestigationMutation:
    @strawberry.mutation(description=describe(
        "立案（FILE_CASE）：90 日决定期限起算，生成立案审批表。", HEAD))
    async def case_file(self, info: strawberry.Info, input: i.CaseFileInput) -> p.CaseFilePayload:
        return await act(info, input, p.CaseFilePayload, Step(Action.FILE_CASE))

    @strawberry.mutation(description=describe(
        "不予立案（DROP_LEAD），生成不予立案审批表。", HEAD))
    async def case_lead_drop(self, info: strawberry.Info,
                             input: i.CaseLeadDropInput) -> p.CaseLeadDropPayload:
        return await act(info, input, p.CaseLeadDropPayload,
                         Step(Action.DROP_LEAD, note={"reason": input.reason}))

    @strawberry.mutation(description=describe(
        "简易程序当场处罚（DECIDE_ON_SPOT，简案快办）：警告或罚款不超过个人 200 元、单位 3000 元；"
        "须两名持证执法人员并已听取陈述申辩；生成当场行政处罚决定书。可在掌上执法终端使用。",
        INSPECTOR))
    async def case_decide_on_spot(self, info: strawberry.Info, input: i.CaseDecideOnSpotInput
                                  ) -> p.CaseDecideOnSpotPayload:
        return await act(info, input, p.CaseDecideOnSpotPayload, lambda: steps.on_spot(
            input.penalty.to_penalty(), input.party_heard, input.statement))

    @strawberry.mutation(description=describe(
        "开始调查取证（START_INVESTIGATION）：须至少两名持证、未回避的执法人员。", INSPECTOR))
    async def case_investigation_start(self, info: strawberry.Info,
                                       input: i.CaseInvestigationStartInput
                                       ) -> p.CaseInvestigationStartPayload:
        return await act(info, input, p.CaseInvestigationStartPayload,
                         Step(Action.START_INVESTIGATION))

    @strawberry.mutation(description=describe(
        "批准延长办案期限（APPROVE_EXTENSION）：须在原期限届满前，载明天数与依据。", HEAD))
    async def case_extension_approve(self, info: strawberry.Info,
                                     input: i.CaseExtensionApproveInput
                                     ) -> p.CaseExtensionApprovePayload:
        return await act(info, input, p.CaseExtensionApprovePayload,
                         steps.extension(input.days, input.basis))

    @strawberry.mutation(description=describe(
        "调查终结，提请审查（SUBMIT_FOR_REVIEW）。", INSPECTOR))
    async def case_review_submit(self, info: strawberry.Info, input: i.CaseReviewSubmitInput
                                 ) -> p.CaseReviewSubmitPayload:
        return await act(info, input, p.CaseReviewSubmitPayload, Step(Action.SUBMIT_FOR_REVIEW))

    @strawberry.mutation(description=describe(
        "法制审核通过（PASS_LEGAL_REVIEW）：审核人员须具有法律职业资格；听证后须重新审核。",
        REVIEWER))
    async def case_legal_review_pass(self, info: strawberry.Info,
                                     input: i.CaseLegalReviewPassInput
                                     ) -> p.CaseLegalReviewPassPayload:
        step = steps.legal_review(input.opinion, info.context.viewer.account_id)
        return await act(info, input, p.CaseLegalReviewPassPayload, step)

    @strawberry.mutation(description=describe(
        "退回补充调查（RETURN_FOR_INVESTIGATION）：已作出的告知、听证、审核随之失效，须重新告知。",
        HEAD, REVIEWER))
    async def case_return_for_investigation(self, info: strawberry.Info,
                                            input: i.CaseReturnForInvestigationInput
                                            ) -> p.CaseReturnForInvestigationPayload:
        return await act(info, input, p.CaseReturnForInvestigationPayload,
                         Step(Action.RETURN_FOR_INVESTIGATION, note={"reason": input.reason}))
