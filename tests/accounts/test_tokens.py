"""Access and refresh tokens: rotation, reuse detection, sign-out, refusals, key rotation."""

from __future__ import annotations

import time

import jwt
import pytest

from auth.keys import KeyRing
from auth.tokens import TokenService
from auth.viewer import Viewer
from models.accounts.tables import SecurityEvent
from tests.accounts.support import REFRESH, SIGN_OUT, VIEWER, sms_sign_in
from tests.helpers import gql, post, staff_token


async def _refresh(client, token: str, **kw) -> dict:
    return (await gql(client, REFRESH, {"input": {"refreshToken": token}}, **kw)
            )["authTokenRefresh"]


async def _viewer_status(client, token: str) -> tuple[int, dict]:
    response = await post(client, VIEWER, token=token)
    return response.status_code, response.json()


async def test_refresh_rotates_and_the_new_pair_works(client, app):
    session = await sms_sign_in(client, app)
    fresh = await _refresh(client, session["refreshToken"])
    assert fresh["errors"] == []
    assert fresh["refreshToken"] != session["refreshToken"]
    assert fresh["accessToken"] != session["accessToken"]
    assert fresh["viewer"]["id"] == session["viewer"]["id"]
    again = await _refresh(client, fresh["refreshToken"])
    assert again["errors"] == []


async def test_reusing_a_refresh_token_revokes_the_whole_family(client, app):
    session = await sms_sign_in(client, app)
    fresh = await _refresh(client, session["refreshToken"])
    latest = await _refresh(client, fresh["refreshToken"])  # the holder carries on
    reused = await _refresh(client, session["refreshToken"])  # a copy shows up again
    assert [e["code"] for e in reused["errors"]] == ["REFRESH_TOKEN_REUSED"]
    assert reused["accessToken"] is None
    # the legitimate holder's newer tokens die with the family
    later = await _refresh(client, latest["refreshToken"])
    assert later["errors"][0]["code"] == "INVALID_REFRESH_TOKEN"
    status, body = await _viewer_status(client, latest["accessToken"])
    assert status == 401 and body["errors"][0]["message"] == "令牌已注销，请重新登录"
    assert await SecurityEvent.filter(kind="TOKEN_REUSE").exists()


async def test_reuse_after_the_retry_grace_revokes_the_family(client, app, monkeypatch):
    session = await sms_sign_in(client, app)
    fresh = await _refresh(client, session["refreshToken"])
    sessions = app.state.services["sessions"]
    monkeypatch.setattr(sessions, "clock", lambda: time.time() + 11)
    reused = await _refresh(client, session["refreshToken"])
    assert reused["errors"][0]["code"] == "REFRESH_TOKEN_REUSED"
    assert (await _refresh(client, fresh["refreshToken"]))["errors"][0]["code"] == (
        "INVALID_REFRESH_TOKEN")


async def test_a_retry_after_a_lost_response_gets_a_new_pair_and_kills_the_lost_one(client,
                                                                                   app):
    session = await sms_sign_in(client, app)
    lost = await _refresh(client, session["refreshToken"])  # the phone never saw this
    retry = await _refresh(client, session["refreshToken"])
    assert retry["errors"] == [] and retry["refreshToken"] != lost["refreshToken"]
    assert (await _refresh(client, retry["refreshToken"]))["errors"] == []
    assert (await _refresh(client, lost["refreshToken"]))["errors"][0]["code"] == (
        "INVALID_REFRESH_TOKEN")
    assert (await _viewer_status(client, lost["accessToken"]))[0] == 401


async def test_an_unknown_refresh_token_is_refused(client):
    refused = await _refresh(client, "not-a-real-refresh-token")
    assert refused["errors"][0] == {"code": "INVALID_REFRESH_TOKEN",
                                    "field": ["input", "refreshToken"],
                                    "message": "登录状态已失效，请重新登录"}


async def test_an_expired_refresh_token_is_refused(client, app, monkeypatch):
    session = await sms_sign_in(client, app)
    sessions = app.state.services["sessions"]
    monkeypatch.setattr(sessions, "clock", lambda: time.time() + 15 * 24 * 3600)
    refused = await _refresh(client, session["refreshToken"])
    assert refused["errors"][0]["code"] == "INVALID_REFRESH_TOKEN"


async def test_sign_out_revokes_the_access_token_and_the_refresh_family(client, app):
    session = await sms_sign_in(client, app)
    out = await gql(client, SIGN_OUT, {"input": {"refreshToken": session["refreshToken"]}},
                    token=session["accessToken"])
    assert out["authSignOut"] == {"signedOut": True, "errors": []}
    status, body = await _viewer_status(client, session["accessToken"])
    assert status == 401 and body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert body["errors"][0]["extensions"]["reason"] == "TOKEN_REVOKED"  # not "expired"
    refused = await _refresh(client, session["refreshToken"])
    assert refused["errors"][0]["code"] == "INVALID_REFRESH_TOKEN"


async def test_sign_out_on_one_worker_is_refused_at_once_by_another(client, app, make_app):
    """Another worker (here without a hub subscription, so it asks Redis each time)
    refuses the token as soon as the sign-out returns."""
    session = await sms_sign_in(client, app)
    async with make_app() as other:  # another worker: its own revocation list and hub
        assert (await _viewer_status(other, session["accessToken"]))[0] == 200
        await gql(client, SIGN_OUT, {"input": {}}, token=session["accessToken"])
        status, body = await _viewer_status(other, session["accessToken"])
        assert status == 401 and body["errors"][0]["extensions"]["reason"] == "TOKEN_REVOKED"


async def test_sign_out_without_the_refresh_token_still_ends_the_family(client, app):
    session = await sms_sign_in(client, app)
    await gql(client, SIGN_OUT, {"input": {}}, token=session["accessToken"])
    refused = await _refresh(client, session["refreshToken"])
    assert refused["errors"][0]["code"] == "INVALID_REFRESH_TOKEN"


async def test_sign_out_needs_a_signed_in_caller(client):
    response = await post(client, SIGN_OUT, {"input": {}})
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def _forged(app, **changes) -> str:
    """A token for a staff viewer, built with the app's own key unless told otherwise."""
    tokens: TokenService = app.state.services["tokens"]
    viewer = Viewer(kind="STAFF", account_id="00000000-0000-0000-0000-000000000001",
                    roles=frozenset({"CLERK"}))
    ring = changes.pop("ring", tokens.ring)
    service = TokenService(ring, changes.pop("issuer", tokens.issuer),
                           changes.pop("audience", tokens.audience))
    return service.issue_access(viewer, **changes)[0]


def _bad_tokens(app, good: str) -> dict[str, str]:
    claims = jwt.decode(good, options={"verify_signature": False})
    header = jwt.get_unverified_header(good)
    head, body, sig = good.split(".")
    other_key = KeyRing(["a-completely-different-signing-secret"]).current
    public_pem = app.state.keyring.current.public.public_bytes(
        *_pem_format()).decode()
    return {
        "expired": _forged(app, now=time.time() - 3600),
        "tampered": f"{head}.{body[:-2]}AA.{sig}",
        "alg none": jwt.encode(claims, None, algorithm="none", headers={"kid": header["kid"]}),
        "wrong audience": _forged(app, audience="some-other-api"),
        "wrong issuer": _forged(app, issuer="someone-else"),
        "wrong key, unknown kid": _forged(app, ring=KeyRing(["another-secret-entirely-xx"])),
        "wrong key, our kid": jwt.encode(claims, other_key.private, algorithm="EdDSA",
                                         headers={"kid": header["kid"]}),
        "HS256 with the public key": _hs256(claims, public_pem, header["kid"]),
        "no jti": _without(app, claims, "jti", header["kid"]),
        "garbage": "not.a.token",
    }


def _pem_format():
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return Encoding.PEM, PublicFormat.SubjectPublicKeyInfo


def _hs256(claims: dict, secret: str, kid: str) -> str:
    import base64
    import hashlib
    import hmac
    import json

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    # built by hand: pyjwt itself refuses to use a PEM key as an HMAC secret
    signing_input = (b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}).encode()) + "."
                     + b64(json.dumps(claims).encode()))
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


def _without(app, claims: dict, name: str, kid: str) -> str:
    stripped = {k: v for k, v in claims.items() if k != name}
    return jwt.encode(stripped, app.state.keyring.current.private, algorithm="EdDSA",
                      headers={"kid": kid})


async def test_every_kind_of_bad_access_token_is_unauthenticated(client, app):
    good = await staff_token(client, "clerk.xihu")
    assert (await _viewer_status(client, good))[0] == 200
    for label, bad in _bad_tokens(app, good).items():
        status, body = await _viewer_status(client, bad)
        assert status == 401, label
        assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"], label


async def test_rotated_keys_keep_old_tokens_valid_and_sign_with_the_new_one(make_app, client,
                                                                            database):
    old_token = await staff_token(client, "approver.xihu")
    old_kid = jwt.get_unverified_header(old_token)["kid"]
    rotated = f"a-new-signing-secret-for-2027-rotation,{database.secret_key}"
    async with make_app(secret_key=rotated) as other:
        assert (await _viewer_status(other, old_token))[0] == 200
        kids = [k["kid"] for k in (await other.get("/.well-known/jwks.json")).json()["keys"]]
        assert len(kids) == 2 and kids[1] == old_kid
        new_token = await staff_token(other, "approver.xihu")
        assert jwt.get_unverified_header(new_token)["kid"] == kids[0] != old_kid
    # the old app does not know the new key yet
    assert (await _viewer_status(client, new_token))[0] == 401


@pytest.mark.parametrize("header", ["Basic abc", "Bearer", "Bearer  "])
async def test_a_malformed_authorization_header_is_unauthenticated(client, header):
    response = await client.post("/graphql", json={"query": VIEWER},
                                 headers={"Authorization": header})
    assert response.status_code == 401


def test_a_verified_token_is_refused_once_it_expires_even_from_the_cache():
    import time

    import pytest

    from auth.errors import Unauthenticated
    from auth.keys import KeyRing
    from auth.tokens import TokenService
    from auth.viewer import Viewer

    real = time.time()
    now = [real]
    service = TokenService(KeyRing(["a-test-secret"]), "iss", "aud", clock=lambda: now[0])
    token, _jti, expires = service.issue_access(Viewer(kind="STAFF", account_id="a"),
                                                now=real, ttl=60)
    assert service.decode_access(token)["sub"] == "a"  # verified, now cached
    now[0] = expires  # the injected clock reaches the expiry
    with pytest.raises(Unauthenticated) as refused:
        service.decode_access(token)
    assert refused.value.extensions["reason"] == "TOKEN_EXPIRED"
