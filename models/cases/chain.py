"""Tamper-evident record of a case (全过程记录, Art. 47): a SHA-256 hash chain of events,
and a Merkle root over all cases' chain heads for periodic anchoring.

Each event's hash is ``sha256(prev_hash + canonical_json(payload))``; the first
event chains from ``GENESIS``. Editing, reordering or deleting an event breaks
every later hash. Deleting events at the *end* leaves a shorter chain that still
verifies, so the head is compared with the last anchored one (``expected_head``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

GENESIS = "0" * 64
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class ChainVerification:
    """Result of ``verify_chain``: ``head`` is the last hash that verified
    (``GENESIS`` when none did)."""

    ok: bool
    first_bad_index: int | None
    head: str


def _check_json(obj: object, path: str) -> None:
    # Strict on purpose: anything json.dumps would coerce (int keys → "1", floats
    # printed differently by other languages) would let two payloads share a hash
    # or a verifier elsewhere disagree.
    if obj is None or isinstance(obj, (str, bool, int)):
        return
    if isinstance(obj, float):
        raise TypeError(f"{path}: floats are not canonical; use int fen or a string")
    if isinstance(obj, Mapping):
        for key, value in obj.items():
            if not isinstance(key, str):
                raise TypeError(f"{path}: keys must be str, got {key!r}")
            _check_json(value, f"{path}.{key}")
        return
    if isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            _check_json(value, f"{path}[{i}]")
        return
    raise TypeError(f"{path}: {type(obj).__name__} is not JSON; convert it with jsonable()")


def canonical_json(obj: object) -> bytes:
    """UTF-8 JSON with sorted keys, no whitespace and non-ASCII kept as is."""
    _check_json(obj, "$")
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def jsonable(obj: Any) -> Any:
    """Dataclasses, enums, dates and sets as plain JSON values, for event payloads."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return jsonable(obj.value)
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if isinstance(obj, Mapping):
        return {str(key): jsonable(value) for key, value in obj.items()}
    if isinstance(obj, (set, frozenset)):
        return sorted(jsonable(value) for value in obj)
    if isinstance(obj, (list, tuple)):
        return [jsonable(value) for value in obj]
    return obj


def _check_hash(value: str, name: str) -> None:
    if len(value) != 64 or not set(value) <= _HEX:
        raise ValueError(f"{name} must be 64 lowercase hex characters")


def event_hash(prev_hash: str, payload: Mapping[str, Any]) -> str:
    """SHA-256 hex of the previous hash (as ASCII) followed by the canonical payload."""
    _check_hash(prev_hash, "prev_hash")
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_json(payload)).hexdigest()


def verify_chain(
    events: Sequence[tuple[Mapping[str, Any], str]], *, expected_head: str | None = None
) -> ChainVerification:
    """Recompute the chain from ``GENESIS``; report the first event whose stored hash
    does not match. With ``expected_head`` (the last anchored head), a chain that is
    intact but ends elsewhere — truncated — fails at index ``len(events)``."""
    prev = GENESIS
    for i, (payload, stored) in enumerate(events):
        if event_hash(prev, payload) != stored:
            return ChainVerification(False, i, prev)
        prev = stored
    if expected_head is not None and expected_head != prev:
        return ChainVerification(False, len(events), prev)
    return ChainVerification(True, None, prev)


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _mth(leaves: Sequence[bytes]) -> bytes:
    # RFC 6962 Merkle tree hash: leaf and node hashes are domain-separated, and an odd
    # node is never duplicated, so no two different lists of heads share a root.
    if len(leaves) == 1:
        return _sha(b"\x00" + leaves[0])
    split = 1 << ((len(leaves) - 1).bit_length() - 1)
    return _sha(b"\x01" + _mth(leaves[:split]) + _mth(leaves[split:]))


def merkle_root(hashes: Sequence[str]) -> str:
    """RFC 6962 root over chain heads, in the caller's order (sort by case id so the
    anchor is reproducible); the empty list has the hash of the empty string."""
    if not hashes:
        return hashlib.sha256(b"").hexdigest()
    for i, value in enumerate(hashes):
        _check_hash(value, f"hashes[{i}]")
    return _mth([bytes.fromhex(value) for value in hashes]).hex()
