"""Handling mutations: assign, transfer, reply, evaluate, close (the state machine's moves)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry

from auth.errors import NotFound
from auth.permissions import describe, require_authenticated
from models.consultations import service
from models.consultations.rules import Action
from models.errors import Refusal
from resolvers.consultations.access import DISPATCHERS, HANDLERS, decode
from resolvers.consultations.admin import ConsultationAdminMutation
from resolvers.consultations.events import publish
from resolvers.consultations.submit import ConsultationSubmitMutation
from resolvers.errors import user_error
from schema.consultations import (
    Consultation,
    ConsultationError,
    ConsultationErrorCode,
    actor_of,
)
from schema.consultations_inputs import (
    ConsultationAssignInput,
    ConsultationCloseInput,
    ConsultationEvaluateInput,
    ConsultationPayload,
    ConsultationReplyInput,
    ConsultationTransferInput,
)


def refused(refusal: Refusal) -> ConsultationPayload:
    return ConsultationPayload(errors=[user_error(refusal, ConsultationError,
                                                  ConsultationErrorCode)])


def _department(global_id: str) -> str:
    key = decode(global_id, "Department")
    if key is None:
        raise Refusal("DEPARTMENT_NOT_FOUND", "部门不存在", "departmentId")
    return key


async def _act(info: strawberry.Info, global_id: str, action: Action,
               payload: dict[str, Any]) -> ConsultationPayload:
    viewer = require_authenticated(info.context.viewer)
    key = decode(global_id, "Consultation")
    if key is None:
        raise NotFound("诉求不存在")
    try:
        change = await service.act(key, actor_of(viewer), action, payload,
                                   now=datetime.now(UTC))
    except service.NotVisible as missing:
        raise NotFound("诉求不存在") from missing
    except Refusal as refusal:
        return refused(refusal)
    if change.changed:
        await publish(info.context, change)
    return ConsultationPayload(consultation=Consultation.from_row(change.row))


@strawberry.type
class ConsultationMutation(ConsultationSubmitMutation, ConsultationAdminMutation):
    @strawberry.mutation(description=describe(
        "把待分派的诉求交办给部门。", *DISPATCHERS))
    async def consultation_assign(self, info: strawberry.Info, input: ConsultationAssignInput
                                  ) -> ConsultationPayload:
        try:
            department = _department(input.department_id)
        except Refusal as refusal:
            return refused(refusal)
        return await _act(info, input.id, Action.ASSIGN,
                          {"department": department, "reason": input.note})

    @strawberry.mutation(description=describe(
        "转办给其他部门（须说明理由），转办记录在时间线上；转出后原部门不再看到该诉求。",
        *HANDLERS, *DISPATCHERS))
    async def consultation_transfer(self, info: strawberry.Info,
                                    input: ConsultationTransferInput) -> ConsultationPayload:
        try:
            department = _department(input.department_id)
        except Refusal as refusal:
            return refused(refusal)
        return await _act(info, input.id, Action.TRANSFER,
                          {"department": department, "reason": input.reason})

    @strawberry.mutation(description=describe("答复诉求。", "承办部门的 CLERK、DEPT_ADMIN"))
    async def consultation_reply(self, info: strawberry.Info, input: ConsultationReplyInput
                                 ) -> ConsultationPayload:
        return await _act(info, input.id, Action.REPLY, {"reply": input.reply})

    @strawberry.mutation(description=describe(
        "诉求人评价答复（1–5，与好差评同一口径）。满意则办结；首次差评（1–2）转回部门重办，"
        "重办后的评价直接办结。重复提交同一评价返回同一结果。", "诉求人"))
    async def consultation_evaluate(self, info: strawberry.Info,
                                    input: ConsultationEvaluateInput) -> ConsultationPayload:
        return await _act(info, input.id, Action.EVALUATE,
                          {"rating": input.rating, "comment": input.comment})

    @strawberry.mutation(description=describe(
        "办结已答复的诉求：诉求人可随时办结（不评价）；承办部门和督办人员在答复后 5 个工作日"
        "诉求人仍未评价时办结。", "诉求人", *HANDLERS, *DISPATCHERS))
    async def consultation_close(self, info: strawberry.Info, input: ConsultationCloseInput
                                 ) -> ConsultationPayload:
        return await _act(info, input.id, Action.CLOSE, {})
