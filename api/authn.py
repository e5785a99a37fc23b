"""Authenticates a request: a Bearer access token becomes a Viewer."""

from __future__ import annotations

from auth.errors import Unauthenticated
from auth.tokens import TokenService, viewer_from_claims
from auth.viewer import ANONYMOUS, Viewer


class Authenticator:
    def __init__(self, tokens: TokenService, redis) -> None:
        self.tokens = tokens
        self.redis = redis

    async def viewer_for(self, authorization: str | None, device_id: str | None = None
                         ) -> Viewer:
        """ANONYMOUS without a header; Unauthenticated for a bad one (never a
        silent downgrade to anonymous, which would hide a client's bug)."""
        if not authorization:
            return ANONYMOUS
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("Authorization 头格式应为 Bearer <token>", reason="BAD_SCHEME")
        claims = self.tokens.decode_access(token.strip())
        viewer = viewer_from_claims(claims)
        if await self.redis.exists(f"revoked:{viewer.token_id}"):
            raise Unauthenticated("令牌已注销，请重新登录", reason="TOKEN_REVOKED")
        if viewer.device_id and viewer.device_id != device_id:
            # a handheld token is bound to the device it was issued to
            raise Unauthenticated("令牌与设备不匹配", reason="DEVICE_MISMATCH")
        return viewer
