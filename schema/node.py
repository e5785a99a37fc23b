"""The Node interface and opaque global IDs."""

from __future__ import annotations

import base64
import binascii

import strawberry


@strawberry.interface(description="有全局唯一、不透明 ID 的对象。可通过 `node(id:)` 获取。")
class Node:
    id: strawberry.ID = strawberry.field(description="不透明的全局 ID；不要解析它。")


def to_global_id(type_name: str, key: object) -> strawberry.ID:
    raw = f"{type_name}:{key}".encode()
    return strawberry.ID(base64.urlsafe_b64encode(raw).decode().rstrip("="))


def from_global_id(global_id: str) -> tuple[str, str] | None:
    """Return (type name, key), or None for anything that is not one of ours."""
    if not isinstance(global_id, str) or not 0 < len(global_id) <= 200:
        return None
    padded = global_id + "=" * (-len(global_id) % 4)
    try:
        raw = base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        return None
    type_name, sep, key = raw.partition(":")
    if not sep or not type_name or not key:
        return None
    return type_name, key
