"""`consultationSubmit`: who is sending (signed in, or a phone verified by SMS) and the draft."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry

from auth.errors import Forbidden
from auth.permissions import describe
from models.accounts import citizens
from models.accounts.tables import Account
from models.consultations import submission
from models.consultations.drafts import Draft
from models.consultations.rules import Kind
from models.consultations.seed import QUERY_CODE_CONTEXT
from models.consultations.service import Change
from models.consultations.tables import Consultation as Row
from models.errors import Refusal
from models.identity.rules import validate_mobile
from resolvers.consultations.access import decode
from resolvers.consultations.events import publish
from resolvers.context import Context
from resolvers.errors import user_error
from schema.consultations import Consultation, ConsultationError, ConsultationErrorCode
from schema.consultations_inputs import ConsultationSubmitInput, ConsultationSubmitPayload


def draft_of(input: ConsultationSubmitInput) -> Draft:
    matter = decode(input.matter_id, "Matter") if input.matter_id else None
    if input.matter_id and matter is None:
        raise Refusal("MATTER_NOT_FOUND", "事项不存在", "matterId")
    department = decode(input.department_id, "Department") if input.department_id else None
    if input.department_id and department is None:
        raise Refusal("DEPARTMENT_NOT_FOUND", "部门不存在", "departmentId")
    return Draft(client_key=input.client_key, kind=Kind(input.kind.value), content=input.content,
                 title=input.title, region_code=input.region_code, matter_id=matter,
                 department_id=department, application_ref=input.application_ref,
                 attachments=tuple(input.attachments))


async def sender_of(ctx: Context, input: ConsultationSubmitInput) -> submission.Sender:
    """A citizen session, else a phone proven by an SMS code. A retry of an
    anonymous submission is recognised by phone and client key before the
    (already used) code is checked again."""
    viewer = ctx.viewer
    if viewer.is_citizen and viewer.account_id:
        return submission.Sender(viewer.account_id, viewer.acting_enterprise_id)
    if viewer.is_authenticated:
        raise Forbidden("诉求由个人或企业用户提交")
    if not input.phone or not input.sms_code:
        raise Refusal("PHONE_VERIFICATION_REQUIRED", "未登录时请填写手机号和短信验证码", "phone")
    pii = ctx.services["pii"]
    phone = validate_mobile(input.phone, "phone")
    known = await Account.get_or_none(phone_index=citizens.phone_index(pii, phone))
    if known is not None and await Row.exists(sender_account_id=known.id,
                                              client_key=input.client_key):
        return submission.Sender(str(known.id), anonymous=True)
    await ctx.services["otp"].verify(phone, input.sms_code)
    account, _created = await citizens.citizen_for_phone(pii, phone)
    return submission.Sender(str(account.id), anonymous=True)


@strawberry.type
class ConsultationSubmitMutation:
    @strawberry.mutation(description=describe(
        "提交诉求（咨询、投诉、建议、求助）。能按办事指南或常见问题回答的咨询立即自动答复，"
        "其余按事项的实施部门或路由规则交办，无法确定部门的由督办人员分派。"
        "未登录用户须验证手机号。", "个人用户、企业用户、已验证手机号的访客"))
    async def consultation_submit(self, info: strawberry.Info, input: ConsultationSubmitInput
                                  ) -> ConsultationSubmitPayload:
        ctx = info.context
        pii = ctx.services["pii"]
        try:
            sender = await sender_of(ctx, input)
            result = await submission.submit(
                sender, draft_of(input), now=datetime.now(UTC),
                encrypt=lambda code: pii.encrypt(code, context=QUERY_CODE_CONTEXT),
                decrypt=lambda enc: pii.decrypt(enc, context=QUERY_CODE_CONTEXT))
        except Refusal as refusal:
            return ConsultationSubmitPayload(
                errors=[user_error(refusal, ConsultationError, ConsultationErrorCode)])
        if result.created:
            await publish(ctx, Change(result.row))
        return ConsultationSubmitPayload(consultation=Consultation.from_row(result.row),
                                         query_code=result.query_code)
