"""Token mutations: refresh, enterprise switch, sign-out, client credentials."""

from __future__ import annotations

import strawberry

from auth.passwords import verify_password
from auth.permissions import describe, require_authenticated, require_kind
from auth.viewer import Viewer as Identity
from models.accounts import clients
from models.accounts.audit import EventKind
from models.accounts.rules import CLIENT_TOKEN_TTL_SECONDS, check_scopes
from models.errors import Refusal
from resolvers.accounts.common import device_of, record, refused, session_payload
from schema.accounts_auth import (
    AuthClientCredentialsGrantInput,
    AuthClientCredentialsGrantPayload,
    AuthEnterpriseSwitchInput,
    AuthEnterpriseSwitchPayload,
    AuthSignOutInput,
    AuthSignOutPayload,
    AuthTokenRefreshInput,
    AuthTokenRefreshPayload,
)
from schema.node import from_global_id


def _enterprise_key(global_id: str | None) -> str | None:
    decoded = from_global_id(global_id) if global_id else None
    if global_id and (decoded is None or decoded[0] != "Enterprise"):
        raise Refusal("ENTERPRISE_NOT_LINKED", "您无权代表该企业办理业务", "enterpriseId")
    return decoded[1] if decoded else None


@strawberry.type
class TokenMutation:
    @strawberry.mutation(description=describe(
        "用刷新令牌换取新的访问令牌和刷新令牌；旧刷新令牌随即作废，再次出示将注销整个登录。"
        "执法终端须带 X-Device-Id。"))
    async def auth_token_refresh(self, info: strawberry.Info, input: AuthTokenRefreshInput
                                 ) -> AuthTokenRefreshPayload:
        ctx = info.context
        rotation = await ctx.services["sessions"].rotate(input.refresh_token,
                                                         device_id=device_of(ctx))
        if rotation.refusal is not None:
            if rotation.reused:
                await record(ctx, EventKind.TOKEN_REUSE, family=str(rotation.family_id),
                             account_id=rotation.account.id if rotation.account else None)
            return refused(AuthTokenRefreshPayload, rotation.refusal)
        return session_payload(AuthTokenRefreshPayload, rotation)

    @strawberry.mutation(description=describe(
        "切换本次登录代表的企业（enterpriseId 为空则回到个人身份），返回新的令牌。", "个人用户"))
    async def auth_enterprise_switch(self, info: strawberry.Info,
                                     input: AuthEnterpriseSwitchInput
                                     ) -> AuthEnterpriseSwitchPayload:
        ctx = info.context
        viewer = require_kind(ctx.viewer, "CITIZEN")
        try:
            enterprise = _enterprise_key(input.enterprise_id)
            rotation = await ctx.services["sessions"].rotate(
                input.refresh_token, device_id=device_of(ctx), enterprise_id=enterprise,
                account_id=viewer.account_id)
        except Refusal as refusal:
            return refused(AuthEnterpriseSwitchPayload, refusal)
        if rotation.refusal is not None:
            return refused(AuthEnterpriseSwitchPayload, rotation.refusal)
        await record(ctx, EventKind.ENTERPRISE_SWITCH, account_id=viewer.account_id,
                     enterprise=enterprise)
        return session_payload(AuthEnterpriseSwitchPayload, rotation)

    @strawberry.mutation(description=describe(
        "退出登录：注销当前访问令牌及其刷新令牌族。", "已登录"))
    async def auth_sign_out(self, info: strawberry.Info, input: AuthSignOutInput
                            ) -> AuthSignOutPayload:
        ctx = info.context
        viewer = require_authenticated(ctx.viewer)
        sessions = ctx.services["sessions"]
        if viewer.account_id:
            await sessions.sign_out(viewer, input.refresh_token)
        else:  # a client token has no refresh family
            await sessions.revoke_access([(viewer.token_id, viewer.expires_at or 0)])
        await record(ctx, EventKind.SIGN_OUT, account_id=viewer.account_id)
        return AuthSignOutPayload(signed_out=True)

    @strawberry.mutation(description=describe(
        "第三方应用以 client_id + client_secret 换取访问令牌（kind CLIENT，带授权范围）。"))
    async def auth_client_credentials_grant(
        self, info: strawberry.Info, input: AuthClientCredentialsGrantInput
    ) -> AuthClientCredentialsGrantPayload:
        ctx = info.context
        try:
            client = await clients.authenticate(input.client_id, input.client_secret,
                                                verify=verify_password)
            scopes = check_scopes(input.scopes, client.scopes)
        except Refusal as refusal:
            await record(ctx, EventKind.CLIENT_AUTH_FAILED, client_id=input.client_id[:64],
                         reason=refusal.code)
            return refused(AuthClientCredentialsGrantPayload, refusal)
        identity = Identity(kind="CLIENT", client_id=client.client_id, scopes=frozenset(scopes))
        token, _jti, expires_at = ctx.services["tokens"].issue_access(
            identity, ttl=CLIENT_TOKEN_TTL_SECONDS)
        await record(ctx, EventKind.CLIENT_TOKEN, client_id=client.client_id)
        return AuthClientCredentialsGrantPayload(access_token=token, expires_at=expires_at,
                                                 scopes=scopes)
