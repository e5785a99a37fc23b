"""Handheld (掌上执法) activation: an admin issues a code, the device activates once."""

from __future__ import annotations

import strawberry

from auth.errors import NotFound
from auth.permissions import ADMINS, describe, require_roles, scope_for_staff
from models.accounts import devices
from models.accounts.audit import EventKind
from models.errors import Refusal
from resolvers.accounts.common import now, record, refused, session_payload
from schema.accounts_admin import DeviceActivationCodeIssueInput, DeviceActivationCodeIssuePayload
from schema.accounts_auth import DeviceActivateInput, DeviceActivatePayload
from schema.node import from_global_id


@strawberry.type
class HandheldMutation:
    @strawberry.mutation(description=describe(
        "为本部门执法人员发放执法终端激活码（72 小时有效，只能使用一次；之前未用的激活码作废）。",
        *ADMINS))
    async def device_activation_code_issue(
        self, info: strawberry.Info, input: DeviceActivationCodeIssueInput
    ) -> DeviceActivationCodeIssuePayload:
        ctx = info.context
        viewer = require_roles(ctx.viewer, *ADMINS)
        decoded = from_global_id(input.account_id)
        account = (await devices.staff_account(decoded[1])
                   if decoded and decoded[0] == "Account" else None)
        region = account.department.region_id if account and account.department else None
        if account is None or not scope_for_staff(viewer).allows(account.department_id, region):
            raise NotFound("账户不存在")  # out of scope looks exactly like missing
        try:
            code, row = await devices.issue_code(account, issued_by=viewer.account_id, now=now())
        except Refusal as refusal:
            return refused(DeviceActivationCodeIssuePayload, refusal)
        await record(ctx, EventKind.DEVICE_CODE_ISSUED, account_id=viewer.account_id,
                     inspector=str(account.id))
        return DeviceActivationCodeIssuePayload(code=code, expires_at=row.expires_at)

    @strawberry.mutation(description=describe(
        "执法终端用激活码激活并绑定设备，返回绑定该设备的令牌。同一设备短时间内重试得到同样结果。"))
    async def device_activate(self, info: strawberry.Info, input: DeviceActivateInput
                              ) -> DeviceActivatePayload:
        ctx = info.context
        sessions = ctx.services["sessions"]
        try:
            account, previous = await devices.activate(input.code, input.device_id, now=now())
            if previous:
                await sessions.unbind_device(str(account.id), previous)
            session = await sessions.start(account, device_id=account.device_id)
        except Refusal as refusal:
            await record(ctx, EventKind.DEVICE_ACTIVATION_FAILED, reason=refusal.code)
            return refused(DeviceActivatePayload, refusal)
        await record(ctx, EventKind.DEVICE_ACTIVATED, account_id=account.id,
                     replaced=previous is not None)
        return session_payload(DeviceActivatePayload, session)
