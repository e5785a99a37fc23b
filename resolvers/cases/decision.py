"""决定 → 送达 → 执行 → 结案 → 归档."""

from __future__ import annotations

import strawberry

from auth.errors import NotFound
from auth.permissions import describe, require_authenticated
from models.cases.facts import Action
from models.cases.service import actions, steps
from models.cases.service.actions import Step
from models.cases.service.common import Actor
from models.errors import Refusal
from resolvers.cases.access import PAYMENT_SCOPE, case_roles, case_row
from resolvers.cases.common import act
from schema.cases import inputs as i
from schema.cases import payloads as p
from schema.cases.common import case_error, clock, fen

HEAD, INSPECTOR = "AGENCY_HEAD", "INSPECTOR（本案执法人员）"


@strawberry.type
class CaseDecisionMutation:
    @strawberry.mutation(description=describe(
        "作出决定（DECIDE）：处罚须先告知并听取陈述申辩（或书面放弃、逾期）；不得重于告知内容；"
        "听证后、或须法制审核的案件须审核通过；重大案件须集体讨论；须在 90 日期限内。"
        "生成决定书，处罚决定影响信用等级并按需公示。", HEAD))
    async def case_decide(self, info: strawberry.Info, input: i.CaseDecideInput
                          ) -> p.CaseDecidePayload:
        return await act(info, input, p.CaseDecidePayload, lambda: steps.decision(
            input.outcome, input.penalty.to_penalty() if input.penalty else None,
            input.decided_collectively, input.reasons, input.social_impact))

    @strawberry.mutation(description=describe(
        "送达决定书（SERVE）：一般应在决定后 7 个工作日内；电子送达须当事人同意；"
        "简易程序须当场交付。生成送达回证。", INSPECTOR))
    async def case_serve(self, info: strawberry.Info, input: i.CaseServeInput
                         ) -> p.CaseServePayload:
        return await act(info, input, p.CaseServePayload,
                         steps.service(input.method, input.recipient))

    @strawberry.mutation(description=describe("进入执行（START_EXECUTION）。", INSPECTOR))
    async def case_execution_start(self, info: strawberry.Info,
                                   input: i.CaseExecutionStartInput
                                   ) -> p.CaseExecutionStartPayload:
        return await act(info, input, p.CaseExecutionStartPayload,
                         Step(Action.START_EXECUTION))

    @strawberry.mutation(description=describe(
        "登记缴款回执（RECORD_PAYMENT，银行或电子缴款平台推送）：须足额缴纳罚款及加处罚款；"
        "同一回执号重复推送只登记一次。", f"第三方应用（{PAYMENT_SCOPE}）"))
    async def case_payment_record(self, info: strawberry.Info, input: i.CasePaymentRecordInput
                                  ) -> p.CasePaymentRecordPayload:
        viewer = require_authenticated(info.context.viewer)
        row = await case_row(input.case_id)
        roles = await case_roles(info.context, row) if row else frozenset()
        if row is None or not roles:
            raise NotFound("案件不存在")
        c = clock(info)
        try:
            step = steps.payment(fen(input.amount, "amount"), input.paid_on, input.receipt_number)
            updated = await actions.act(
                str(row.id), step,
                Actor(viewer.account_id, roles, viewer.client_id),
                expected_version=input.expected_version, today=c.today(), now=c.now(),
                key=f"receipt:{input.receipt_number}"[:64])
        except Refusal as refusal:
            return p.CasePaymentRecordPayload(errors=[case_error(refusal)])
        return p.CasePaymentRecordPayload(recorded=True, version=updated.version)

    @strawberry.mutation(description=describe(
        "当场收缴罚款（COLLECT_ON_SPOT）：仅限简易程序，100 元以下或事后难以执行的。", INSPECTOR))
    async def case_collect_on_spot(self, info: strawberry.Info, input: i.CaseCollectOnSpotInput
                                   ) -> p.CaseCollectOnSpotPayload:
        return await act(info, input, p.CaseCollectOnSpotPayload, lambda: steps.collection(
            fen(input.amount, "amount"), input.collection_otherwise_hard, input.receipt_number))

    @strawberry.mutation(description=describe(
        "登记罚款以外的处罚已执行完毕（RECORD_EXECUTION）。", INSPECTOR))
    async def case_execution_record(self, info: strawberry.Info,
                                    input: i.CaseExecutionRecordInput
                                    ) -> p.CaseExecutionRecordPayload:
        return await act(info, input, p.CaseExecutionRecordPayload,
                         Step(Action.RECORD_EXECUTION, note={"note": input.note}))

    @strawberry.mutation(description=describe(
        "结案（CLOSE_CASE）：处罚决定须已执行完毕；生成结案审批表。", HEAD))
    async def case_close(self, info: strawberry.Info, input: i.CaseCloseInput
                         ) -> p.CaseClosePayload:
        return await act(info, input, p.CaseClosePayload, Step(Action.CLOSE_CASE))

    @strawberry.mutation(description=describe("归档（ARCHIVE）。", INSPECTOR))
    async def case_archive(self, info: strawberry.Info, input: i.CaseArchiveInput
                           ) -> p.CaseArchivePayload:
        return await act(info, input, p.CaseArchivePayload, Step(Action.ARCHIVE))
