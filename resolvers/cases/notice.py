"""告知 → 陈述申辩 / 听证."""

from __future__ import annotations

import strawberry

from auth.permissions import describe
from models.cases.facts import Action
from models.cases.service import steps
from models.cases.service.actions import Step
from resolvers.cases.common import act
from schema.cases import inputs as i
from schema.cases import payloads as p
from schema.cases.common import decode_key

HEAD, INSPECTOR, REVIEWER = "AGENCY_HEAD", "INSPECTOR（本案执法人员）", "LEGAL_REVIEWER"
PARTY = "当事人（本人或代表当事人企业的用户）"


@strawberry.type
class CaseNoticeMutation:
    @strawberry.mutation(description=describe(
        "送达行政处罚事先告知书（NOTIFY）：拟处罚内容、事实理由依据及陈述、申辩、听证权利；"
        "达到听证标准的必须告知听证权利，当事人可在 5 个工作日内要求听证。", INSPECTOR))
    async def case_notify(self, info: strawberry.Info, input: i.CaseNotifyInput
                          ) -> p.CaseNotifyPayload:
        return await act(info, input, p.CaseNotifyPayload, lambda: steps.notice(
            input.penalty.to_penalty(), input.hearing_offered))

    @strawberry.mutation(description=describe(
        "提交陈述、申辩（SUBMIT_DEFENCE）；执法人员也可记录当事人的口头陈述申辩。",
        PARTY, INSPECTOR))
    async def case_defence_submit(self, info: strawberry.Info, input: i.CaseDefenceSubmitInput
                                  ) -> p.CaseDefenceSubmitPayload:
        return await act(info, input, p.CaseDefenceSubmitPayload,
                         Step(Action.SUBMIT_DEFENCE, note={"statement": input.statement}),
                         party_view=True)

    @strawberry.mutation(description=describe(
        "书面放弃陈述、申辩和听证（WAIVE_IN_WRITING）。", PARTY))
    async def case_defence_waive(self, info: strawberry.Info, input: i.CaseDefenceWaiveInput
                                 ) -> p.CaseDefenceWaivePayload:
        return await act(info, input, p.CaseDefenceWaivePayload,
                         Step(Action.WAIVE_IN_WRITING, note={"statement": input.statement}),
                         party_view=True)

    @strawberry.mutation(description=describe(
        "要求听证（REQUEST_HEARING）：限于听证范围内的处罚，告知后 5 个工作日内提出。", PARTY))
    async def case_hearing_request(self, info: strawberry.Info,
                                   input: i.CaseHearingRequestInput
                                   ) -> p.CaseHearingRequestPayload:
        return await act(info, input, p.CaseHearingRequestPayload,
                         Step(Action.REQUEST_HEARING), party_view=True)

    @strawberry.mutation(description=describe(
        "通知听证（SCHEDULE_HEARING）：听证日期至少在 7 个工作日之后；主持人为非本案调查人员。",
        HEAD))
    async def case_hearing_schedule(self, info: strawberry.Info,
                                    input: i.CaseHearingScheduleInput
                                    ) -> p.CaseHearingSchedulePayload:
        chair = decode_key(input.chair_id, "Account") or str(input.chair_id)
        return await act(info, input, p.CaseHearingSchedulePayload,
                         steps.hearing_schedule(input.hearing_on, chair))

    @strawberry.mutation(description=describe(
        "举行听证并记录笔录（HOLD_HEARING），不得早于通知的听证日期。", HEAD, REVIEWER))
    async def case_hearing_hold(self, info: strawberry.Info, input: i.CaseHearingHoldInput
                                ) -> p.CaseHearingHoldPayload:
        return await act(info, input, p.CaseHearingHoldPayload,
                         Step(Action.HOLD_HEARING, note={"record": input.record}))
