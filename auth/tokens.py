"""Access tokens: short-lived EdDSA JWTs with `kid`, checked strictly."""

from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

import jwt

from auth.errors import Unauthenticated
from auth.keys import KeyRing
from auth.viewer import Viewer

ACCESS_TTL_SECONDS = 15 * 60
VERIFIED_CACHE_SIZE = 10_000
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub", "jti"]


class TokenService:
    def __init__(self, ring: KeyRing, issuer: str, audience: str,
                 clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.ring = ring
        self.issuer = issuer
        self.audience = audience
        # Tokens already verified by this process, until they expire: a signature
        # check per request would be most of a small query's cost.
        self._verified: OrderedDict[str, Mapping[str, Any]] = OrderedDict()

    def issue_access(self, viewer: Viewer, *, now: float | None = None,
                     ttl: int = ACCESS_TTL_SECONDS) -> tuple[str, str, int]:
        """Returns (token, jti, expires_at)."""
        issued = int(now if now is not None else time.time())
        jti = uuid.uuid4().hex
        claims: dict[str, Any] = {
            "iss": self.issuer, "aud": self.audience, "iat": issued, "exp": issued + ttl,
            "jti": jti, "sub": viewer.account_id or viewer.client_id, "kind": viewer.kind,
            "roles": sorted(viewer.roles),
        }
        if viewer.department_id:
            claims["dept"] = viewer.department_id
        if viewer.region_code:
            claims["region"] = viewer.region_code
        if viewer.device_id:
            claims["dev"] = viewer.device_id
        if viewer.client_id:
            claims["cid"] = viewer.client_id
            claims["scope"] = " ".join(sorted(viewer.scopes))
        if viewer.enterprise_ids:
            claims["ent"] = sorted(viewer.enterprise_ids)
        if viewer.acting_enterprise_id:
            claims["act"] = viewer.acting_enterprise_id
            claims["erole"] = viewer.enterprise_role
        key = self.ring.current
        token = jwt.encode(claims, key.private, algorithm="EdDSA", headers={"kid": key.kid})
        return token, jti, issued + ttl

    def decode_access(self, token: str) -> Mapping[str, Any]:
        """Verify signature, algorithm, issuer, audience and lifetime, or refuse."""
        claims = self._verified.get(token)
        if claims is None:
            claims = self._verify(token)
            self._verified[token] = claims
            if len(self._verified) > VERIFIED_CACHE_SIZE:
                self._verified.popitem(last=False)
        if claims["exp"] <= self.clock():
            self._verified.pop(token, None)
            raise Unauthenticated("登录已过期，请重新登录", reason="TOKEN_EXPIRED")
        return claims

    def _verify(self, token: str) -> Mapping[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
            key = self.ring.by_kid.get(str(header.get("kid")))
            if key is None:
                raise Unauthenticated("令牌无效：未知的签名密钥", reason="UNKNOWN_KEY")
            return jwt.decode(
                token, key.public, algorithms=["EdDSA"], audience=self.audience,
                issuer=self.issuer, options={"require": REQUIRED_CLAIMS},
            )
        except jwt.ExpiredSignatureError as error:
            raise Unauthenticated("登录已过期，请重新登录", reason="TOKEN_EXPIRED") from error
        except jwt.PyJWTError as error:
            raise Unauthenticated("令牌无效", reason="TOKEN_INVALID") from error


def viewer_from_claims(claims: Mapping[str, Any]) -> Viewer:
    kind = str(claims.get("kind", "ANONYMOUS"))
    client_id = claims.get("cid")
    return Viewer(
        kind=kind,
        account_id=None if client_id else str(claims["sub"]),
        roles=frozenset(claims.get("roles") or ()),
        department_id=claims.get("dept"),
        region_code=claims.get("region"),
        client_id=client_id,
        scopes=frozenset(str(claims.get("scope") or "").split()),
        device_id=claims.get("dev"),
        token_id=str(claims["jti"]),
        enterprise_ids=frozenset(claims.get("ent") or ()),
        acting_enterprise_id=claims.get("act"),
        enterprise_role=claims.get("erole"),
        expires_at=int(claims["exp"]),
    )
