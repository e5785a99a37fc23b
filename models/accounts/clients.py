"""Registered third-party applications and the client-credentials check."""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Callable

from tortoise.exceptions import IntegrityError

from models.accounts.rules import check_known_scopes
from models.accounts.tables import ApiClient
from models.errors import Refusal

_CLIENT_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{2,63}")


async def register(name: str, scopes: list[str], *, hash_secret: Callable[[str], str],
                   client_id: str | None = None, secret: str | None = None
                   ) -> tuple[ApiClient, str]:
    """A new client; returns (row, secret). The secret is shown once and stored
    only as an argon2 hash. ``client_id``/``secret`` are for demo data."""
    if not 2 <= len(name.strip()) <= 128:
        raise Refusal("INVALID_INPUT", "请填写应用名称（2至128个字）", "name")
    granted = check_known_scopes(scopes)
    cid = client_id or f"tp-{secrets.token_hex(8)}"
    if not _CLIENT_ID_RE.fullmatch(cid):
        raise Refusal("INVALID_INPUT", "client_id 只能包含小写字母、数字和连字符", "clientId")
    plain = secret or secrets.token_urlsafe(32)
    try:
        row = await ApiClient.create(id=uuid.uuid4(), client_id=cid, name=name.strip(),
                                     secret_hash=hash_secret(plain), scopes=granted)
    except IntegrityError as error:
        raise Refusal("CLIENT_ID_TAKEN", "client_id 已被占用", "clientId") from error
    return row, plain


async def authenticate(client_id: str, secret: str, *,
                       verify: Callable[[str | None, str], bool]) -> ApiClient:
    """The active client whose secret matches; one refusal for every failure."""
    row = await ApiClient.get_or_none(client_id=(client_id or "").strip()[:64])
    ok = verify(row.secret_hash if row else None, secret or "")  # same work either way
    if row is None or not ok or not row.is_active:
        raise Refusal("INVALID_CLIENT", "client_id 或 client_secret 错误")
    return row
