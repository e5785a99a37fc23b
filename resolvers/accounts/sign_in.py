"""Sign-in mutations: staff password, SMS code, host-platform ticket."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from auth.passwords import verify_password
from auth.permissions import describe
from models.accounts import citizens, service
from models.accounts.audit import EventKind
from models.accounts.otp_rules import CHINA, CODE_TTL_SECONDS
from models.accounts.rules import check_device_id
from models.errors import Refusal
from resolvers.accounts.common import masked, now, phone_of, record, refused, session_payload
from schema.accounts_auth import (
    AuthSignInInput,
    AuthSignInPayload,
    AuthSmsCodeSendInput,
    AuthSmsCodeSendPayload,
    AuthSmsSignInInput,
    AuthSmsSignInPayload,
    AuthTicketSignInInput,
    AuthTicketSignInPayload,
)


def _today() -> date:
    return datetime.now(CHINA).date()


@strawberry.type
class SignInMutation:
    @strawberry.mutation(description=describe(
        "工作人员用户名密码登录。连续 5 次失败锁定 15 分钟。执法终端登录时带上已激活的 deviceId，"
        "令牌将绑定该设备。"))
    async def auth_sign_in(self, info: strawberry.Info, input: AuthSignInInput
                           ) -> AuthSignInPayload:
        ctx = info.context
        try:
            account = await service.staff_sign_in(
                input.username, input.password, now=now(), verify=verify_password)
            device = None if input.device_id is None else check_device_id(input.device_id)
            if device is not None and account.device_id != device:
                raise Refusal("DEVICE_NOT_BOUND",
                              "该设备尚未激活，请使用部门管理员发放的激活码激活", "deviceId")
            session = await ctx.services["sessions"].start(account, device_id=device)
        except Refusal as refusal:
            kind = (EventKind.ACCOUNT_LOCKED if refusal.code == "ACCOUNT_LOCKED"
                    else EventKind.SIGN_IN_FAILED)
            await record(ctx, kind, account_id=await service.staff_account_id(input.username),
                         method="PASSWORD", reason=refusal.code)
            return refused(AuthSignInPayload, refusal)
        await record(ctx, EventKind.SIGN_IN, account_id=account.id, method="PASSWORD",
                     device=device is not None)
        return session_payload(AuthSignInPayload, session)

    @strawberry.mutation(description=describe(
        "发送短信验证码（5 分钟有效；60 秒内不能重发；每个号码每天有上限）。"))
    async def auth_sms_code_send(self, info: strawberry.Info, input: AuthSmsCodeSendInput
                                 ) -> AuthSmsCodeSendPayload:
        ctx = info.context
        try:
            phone = phone_of(input.phone)
            cooldown = await ctx.services["otp"].send(phone)
        except Refusal as refusal:
            if refusal.code != "INVALID_PHONE":
                await record(ctx, EventKind.SMS_CODE_REFUSED, phone=masked(input.phone),
                             reason=refusal.code)
            return refused(AuthSmsCodeSendPayload, refusal)
        await record(ctx, EventKind.SMS_CODE_SENT, phone=masked(phone))
        return AuthSmsCodeSendPayload(cooldown_seconds=cooldown,
                                      expires_in_seconds=CODE_TTL_SECONDS)

    @strawberry.mutation(description=describe(
        "手机号 + 短信验证码登录；首次登录自动注册个人账户。验证码错误 5 次即作废。"))
    async def auth_sms_sign_in(self, info: strawberry.Info, input: AuthSmsSignInInput
                               ) -> AuthSmsSignInPayload:
        ctx = info.context
        try:
            phone = phone_of(input.phone)
            await ctx.services["otp"].verify(phone, input.code)
            account, created = await citizens.citizen_for_phone(ctx.services["pii"], phone)
            session = await ctx.services["sessions"].start(account)
        except Refusal as refusal:
            kind = (EventKind.SMS_CODE_EXHAUSTED if refusal.code == "SMS_CODE_ATTEMPTS_EXCEEDED"
                    else EventKind.SIGN_IN_FAILED)
            await record(ctx, kind, method="SMS", phone=masked(input.phone), reason=refusal.code)
            return refused(AuthSmsSignInPayload, refusal)
        await record(ctx, EventKind.SIGN_IN, account_id=account.id, method="SMS", created=created)
        return session_payload(AuthSmsSignInPayload, session, account_created=created)

    @strawberry.mutation(description=describe(
        "宿主平台（浙里办）票据登录：网关向统一身份认证换取实名身份并对应到账户。票据一次有效。"))
    async def auth_ticket_sign_in(self, info: strawberry.Info, input: AuthTicketSignInInput
                                  ) -> AuthTicketSignInPayload:
        ctx = info.context
        try:
            who = await ctx.services["idp"].exchange(input.ticket, today=_today())
            account, created = await citizens.citizen_for_identity(ctx.services["pii"], who)
            session = await ctx.services["sessions"].start(account)
        except Refusal as refusal:
            await record(ctx, EventKind.TICKET_REFUSED, method="TICKET", reason=refusal.code)
            return refused(AuthTicketSignInPayload, refusal)
        await record(ctx, EventKind.SIGN_IN, account_id=account.id, method="TICKET",
                     created=created)
        return session_payload(AuthTicketSignInPayload, session, account_created=created)
