"""Sign-in mutations."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry

from auth.passwords import verify_password
from auth.viewer import Viewer as ViewerIdentity
from models.accounts import service
from models.errors import Refusal
from resolvers.errors import user_error
from schema.accounts import (
    AccountError,
    AccountErrorCode,
    AuthSignInInput,
    AuthSignInPayload,
    Viewer,
)


@strawberry.type
class AccountMutation:
    @strawberry.mutation(description="工作人员用户名密码登录。连续 5 次失败锁定 15 分钟。公开。")
    async def auth_sign_in(self, info: strawberry.Info, input: AuthSignInInput
                           ) -> AuthSignInPayload:
        ctx = info.context
        try:
            account = await service.staff_sign_in(
                input.username, input.password, now=datetime.now(UTC), verify=verify_password)
        except Refusal as refusal:
            return AuthSignInPayload(errors=[user_error(refusal, AccountError, AccountErrorCode)])
        identity = ViewerIdentity(
            kind=account.kind, account_id=str(account.id), roles=frozenset(account.roles),
            department_id=str(account.department_id) if account.department_id else None)
        token, _jti, expires_at = ctx.services["tokens"].issue_access(identity)
        return AuthSignInPayload(access_token=token, expires_at=expires_at,
                                 viewer=Viewer.from_row(account))
