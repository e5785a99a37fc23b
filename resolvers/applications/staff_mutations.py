"""Staff moves on a 办件, one mutation per step of the lifecycle, all through rules.apply().

Each mutation only names its action and the inputs it carries; ``_step``
authorizes (the application must be in the viewer's scope, else NOT_FOUND),
picks the viewer's roles in the state machine for that application, runs the
service and publishes the update. Refusals (wrong state, wrong role, missing
input) come back in the payload's errors.
"""

from __future__ import annotations

from typing import Any, TypeVar

import strawberry

from auth.errors import NotFound
from auth.permissions import describe, require_roles
from models.applications import clock
from models.applications.materials import Problems
from models.applications.record import Actor, side_of
from models.applications.rules import TRANSITIONS, Action
from models.applications.service import act
from models.errors import Refusal
from resolvers.applications import access
from resolvers.applications.common import now, publish, refused, staff_application
from schema.applications import payloads as p
from schema.applications.inputs import (
    ApplicationApproveInput,
    ApplicationCorrectionRequestInput,
    ApplicationDeliverInput,
    ApplicationFormalCheckPassInput,
    ApplicationForwardInput,
    ApplicationReasonInput,
    ApplicationSpecialProcedureStartInput,
    ApplicationStepInput,
)
from schema.applications.parts import Document, TimelineEvent
from schema.applications.types import StaffApplication

S = TypeVar("S", bound=p.StepPayload)
CLERK, APPROVER = "CLERK", "APPROVER"


async def _step(info: strawberry.Info, payload: type[S], application_id: str, action: Action,
                data: dict[str, Any]) -> S:
    ctx = info.context
    viewer = require_roles(ctx.viewer, *access.VIEW_ROLES)
    found = await staff_application(ctx, application_id)
    if found is None:
        raise NotFound("办件不存在")
    row, side = found
    roles = access.rule_roles(viewer, row, side)
    if not roles:
        return refused(payload, Refusal("ROLE_NOT_ALLOWED", "您在此办件上没有办理权限"))
    # A clerk who is also an approver acts in the role the transition table names.
    role = next((r for r in roles for t in TRANSITIONS if t.source == row.status
                 and t.action is action and r in t.roles), roles[0])
    try:
        result = await act(str(row.id), action, Actor(viewer.account_id, role,
                                                      viewer.department_id),
                           data, now=now(ctx), table=clock.holiday_table())
    except (Refusal, Problems) as error:
        return refused(payload, error)
    if not result.replayed:
        await publish(ctx, result.application, action, side_of(action))
    documents = [Document.from_row(d) for d in result.documents]
    return payload(
        application=StaffApplication.from_row(result.application, side, roles),
        event=TimelineEvent.from_row(result.event, documents, True) if result.event else None,
        documents=documents)


def _doc(text: str, *roles: str) -> str:
    return describe(text, *roles)


@strawberry.type
class ApplicationStaffMutation:
    @strawberry.mutation(description=_doc("开始预审（受理审查）。", CLERK))
    async def application_pre_review_start(self, info: strawberry.Info, input: ApplicationStepInput
                                           ) -> p.ApplicationPreReviewStartPayload:
        return await _step(info, p.ApplicationPreReviewStartPayload, input.application_id,
                           Action.START_PRE_REVIEW, {"note": input.note})

    @strawberry.mutation(description=_doc(
        "受理，出具受理通知书。收到申请5个工作日后受理的，依法自收到之日起算。", CLERK))
    async def application_accept(self, info: strawberry.Info, input: ApplicationStepInput
                                 ) -> p.ApplicationAcceptPayload:
        return await _step(info, p.ApplicationAcceptPayload, input.application_id,
                           Action.ACCEPT, {"note": input.note})

    @strawberry.mutation(description=_doc("不予受理（须说明理由），出具不予受理通知书。", CLERK))
    async def application_reject(self, info: strawberry.Info, input: ApplicationReasonInput
                                 ) -> p.ApplicationRejectPayload:
        return await _step(info, p.ApplicationRejectPayload, input.application_id,
                           Action.REJECT_AT_INTAKE, {"reason": input.reason, "note": input.note})

    @strawberry.mutation(description=_doc(
        "一次性告知补正：列明全部需补正的材料，出具补正材料通知书；"
        "须在收到申请5个工作日内。", CLERK))
    async def application_correction_request(self, info: strawberry.Info,
                                             input: ApplicationCorrectionRequestInput
                                             ) -> p.ApplicationCorrectionRequestPayload:
        return await _step(info, p.ApplicationCorrectionRequestPayload, input.application_id,
                           Action.REQUEST_CORRECTION,
                           {"missing_items": list(input.missing_items), "reason": input.note})

    @strawberry.mutation(description=_doc("开始审查。", APPROVER))
    async def application_review_start(self, info: strawberry.Info, input: ApplicationStepInput
                                       ) -> p.ApplicationReviewStartPayload:
        return await _step(info, p.ApplicationReviewStartPayload, input.application_id,
                           Action.START_REVIEW, {"note": input.note})

    @strawberry.mutation(description=_doc(
        "启动特别程序（听证、核查、检验、专家评审），暂停计时并告知申请人。", APPROVER))
    async def application_special_procedure_start(
            self, info: strawberry.Info, input: ApplicationSpecialProcedureStartInput
    ) -> p.ApplicationSpecialProcedureStartPayload:
        return await _step(info, p.ApplicationSpecialProcedureStartPayload,
                           input.application_id, Action.START_SPECIAL_PROCEDURE,
                           {"reason": input.reason, "procedure_kind": input.kind.value})

    @strawberry.mutation(description=_doc("结束特别程序，恢复计时。", APPROVER))
    async def application_special_procedure_end(self, info: strawberry.Info,
                                                input: ApplicationStepInput
                                                ) -> p.ApplicationSpecialProcedureEndPayload:
        return await _step(info, p.ApplicationSpecialProcedureEndPayload, input.application_id,
                           Action.END_SPECIAL_PROCEDURE, {"note": input.note})

    @strawberry.mutation(description=_doc(
        "准予，出具决定书和证照；容缺材料未补齐时不能准予。", APPROVER))
    async def application_approve(self, info: strawberry.Info, input: ApplicationApproveInput
                                  ) -> p.ApplicationApprovePayload:
        return await _step(info, p.ApplicationApprovePayload, input.application_id,
                           Action.APPROVE, {"licence_valid_until": input.licence_valid_until,
                                            "note": input.note})

    @strawberry.mutation(description=_doc("不予准予（须说明理由），出具决定书。", APPROVER))
    async def application_deny(self, info: strawberry.Info, input: ApplicationReasonInput
                               ) -> p.ApplicationDenyPayload:
        return await _step(info, p.ApplicationDenyPayload, input.application_id, Action.DENY,
                           {"reason": input.reason, "note": input.note})

    @strawberry.mutation(description=_doc("挂起（须说明理由），暂停计时。", CLERK, APPROVER))
    async def application_suspend(self, info: strawberry.Info, input: ApplicationReasonInput
                                  ) -> p.ApplicationSuspendPayload:
        return await _step(info, p.ApplicationSuspendPayload, input.application_id,
                           Action.SUSPEND, {"reason": input.reason, "note": input.note})

    @strawberry.mutation(description=_doc("恢复办理，回到挂起前的状态。", CLERK, APPROVER))
    async def application_resume(self, info: strawberry.Info, input: ApplicationStepInput
                                 ) -> p.ApplicationResumePayload:
        return await _step(info, p.ApplicationResumePayload, input.application_id,
                           Action.RESUME, {"note": input.note})

    @strawberry.mutation(description=_doc(
        "送达结果：网上送达、邮寄（须快递单号）或窗口自取，出具送达回证。", CLERK))
    async def application_deliver(self, info: strawberry.Info, input: ApplicationDeliverInput
                                  ) -> p.ApplicationDeliverPayload:
        return await _step(info, p.ApplicationDeliverPayload, input.application_id,
                           Action.DELIVER, {"delivery_method": input.method.value,
                                            "tracking_number": input.tracking_number,
                                            "pick_up_location": input.pick_up_location})

    @strawberry.mutation(description=_doc(
        "异地收件窗口：形式审查并核验申请人身份。", "CLERK（收件窗口）"))
    async def application_formal_check_pass(self, info: strawberry.Info,
                                            input: ApplicationFormalCheckPassInput
                                            ) -> p.ApplicationFormalCheckPassPayload:
        return await _step(info, p.ApplicationFormalCheckPassPayload, input.application_id,
                           Action.FORMAL_CHECK_PASS,
                           {"identity_checked": input.identity_checked, "note": input.note})

    @strawberry.mutation(description=_doc(
        "异地收件窗口：向办理地转递材料，出具转递单。", "CLERK（收件窗口）"))
    async def application_forward(self, info: strawberry.Info, input: ApplicationForwardInput
                                  ) -> p.ApplicationForwardPayload:
        return await _step(info, p.ApplicationForwardPayload, input.application_id,
                           Action.FORWARD, {"tracking_number": input.tracking_number,
                                            "note": input.note})

    @strawberry.mutation(description=_doc(
        "办理地签收转递的材料，进入预审；受理审查期限自签收之日起算。", CLERK))
    async def application_forwarded_receive(self, info: strawberry.Info,
                                            input: ApplicationStepInput
                                            ) -> p.ApplicationForwardedReceivePayload:
        return await _step(info, p.ApplicationForwardedReceivePayload, input.application_id,
                           Action.RECEIVE_FORWARDED, {"note": input.note})
