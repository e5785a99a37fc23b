"""How an inspection record uploaded from an offline 掌上执法 device is classified.

The device creates each record with its own ``client_id`` (a UUID), so a
retried upload can be recognised. It sends the ``content_hash`` it computed
and the server version its edit was based on (``base_version``; None for a
record the server has never confirmed). Server versions start at 1.

| server has            | incoming                          | outcome   | reason               |
|-----------------------|-----------------------------------|-----------|----------------------|
| –                     | bad UUID / payload / hash         | INVALID   | BAD_CLIENT_ID, …     |
| nothing               | base None                         | ACCEPTED  | (stored as version 1)|
| nothing               | base given                        | INVALID   | UNKNOWN_BASE_VERSION |
| (hash, v)             | same hash                         | DUPLICATE | (already stored: v)  |
| (hash, v)             | other hash, base = v              | ACCEPTED  | (stored as v + 1)    |
| (hash, v)             | other hash, base None or < v      | CONFLICT  | STALE_BASE           |
| (hash, v)             | other hash, base > v              | INVALID   | BASE_VERSION_AHEAD   |

Same content is checked first so that a retry whose acknowledgement was lost
is answered as a duplicate, never as a conflict.

``content_hash`` is SHA-256 (lowercase hex) of the RFC 8785 (JCS) form of the
payload, so a device in any language can use a JCS library. To keep that form
identical across languages the payload may hold only objects with string
keys, arrays, strings, booleans, null and integers within ±(2**53 − 1);
non-integer numbers travel as decimal strings ("12.5").
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

MAX_SAFE_INTEGER = 2**53 - 1  # beyond this JavaScript and JCS lose integer precision


class SyncOutcome(StrEnum):
    """离线记录同步结果."""

    ACCEPTED = "ACCEPTED"
    DUPLICATE = "DUPLICATE"
    CONFLICT = "CONFLICT"
    INVALID = "INVALID"


@dataclass(frozen=True)
class IncomingRecord:
    """设备上传的检查记录."""

    client_id: str
    content_hash: str
    base_version: int | None
    payload: Mapping[str, object]


class ServerRecord(NamedTuple):
    """What the server holds for a client id: its content hash and version."""

    content_hash: str
    version: int


@dataclass(frozen=True)
class SyncDecision:
    """The outcome, a reason code and Chinese message when not plainly accepted,
    and the version the record has (or will have) on the server."""

    outcome: SyncOutcome
    version: int | None = None
    reason: str | None = None
    message_zh: str | None = None


def _canonical(value: object) -> str:
    if value is None or isinstance(value, bool | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise ValueError("integer outside ±(2**53 − 1); send it as a string")
        return str(value)
    if isinstance(value, float):
        raise ValueError("non-integer numbers must be sent as decimal strings")
    if isinstance(value, Mapping):
        if not all(isinstance(k, str) for k in value):
            raise ValueError("object keys must be strings")
        # JCS orders keys by their UTF-16 code units, not by code points.
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(f"{_canonical(k)}:{_canonical(value[k])}" for k in keys) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_canonical(v) for v in value) + "]"
    raise ValueError(f"{type(value).__name__} is not allowed in a synced record")


def content_hash(payload: Mapping[str, object]) -> str:
    """SHA-256 hex of the payload's JCS form; ValueError if it holds disallowed values."""
    if not isinstance(payload, Mapping):
        raise ValueError("a record payload must be a JSON object")
    # encode() raises for lone surrogates, which JSON text cannot carry.
    return hashlib.sha256(_canonical(payload).encode("utf-8")).hexdigest()


def _invalid(reason: str, message_zh: str) -> SyncDecision:
    return SyncDecision(SyncOutcome.INVALID, reason=reason, message_zh=message_zh)


def _valid_uuid(text: object) -> bool:
    try:
        return isinstance(text, str) and str(uuid.UUID(text)) == text.lower()
    except ValueError:
        return False


def classify(
    incoming: IncomingRecord, server: ServerRecord | tuple[str, int] | None
) -> SyncDecision:
    """Classify one uploaded record against the server's copy (see the table above)."""
    if not _valid_uuid(incoming.client_id):
        return _invalid("BAD_CLIENT_ID", "记录标识不是有效的UUID")
    base = incoming.base_version
    if base is not None and (isinstance(base, bool) or not isinstance(base, int) or base < 1):
        return _invalid("BAD_BASE_VERSION", "记录的基准版本号无效")
    try:
        computed = content_hash(incoming.payload)
    except ValueError:
        return _invalid("BAD_PAYLOAD", "记录内容格式不符合同步要求")
    if not isinstance(incoming.content_hash, str) or incoming.content_hash.lower() != computed:
        return _invalid("HASH_MISMATCH", "记录内容校验值不一致，可能在传输中损坏")

    if server is None:
        if base is not None:
            return _invalid("UNKNOWN_BASE_VERSION", "服务器上没有该记录，不能在其基础上修改")
        return SyncDecision(SyncOutcome.ACCEPTED, version=1)
    stored = ServerRecord(*server)
    if stored.content_hash.lower() == computed:
        return SyncDecision(SyncOutcome.DUPLICATE, version=stored.version)
    if base == stored.version:
        return SyncDecision(SyncOutcome.ACCEPTED, version=stored.version + 1)
    if base is None or base < stored.version:
        return SyncDecision(
            SyncOutcome.CONFLICT,
            version=stored.version,
            reason="STALE_BASE",
            message_zh="该记录已在其他地方被修改，请核对后再提交",
        )
    return _invalid("BASE_VERSION_AHEAD", "记录的基准版本号高于服务器版本")
