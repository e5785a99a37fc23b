"""Automatic persisted queries (Apollo APQ) and the trusted-documents registry."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def sha256_hex(query: str) -> str:
    return hashlib.sha256(query.encode("utf-8")).hexdigest()


def load_trusted_documents(path: str) -> dict[str, str]:
    """A JSON object {sha256 hex: document}; every hash is checked on load."""
    manifest = json.loads(Path(path).read_text(encoding="utf-8"))
    documents = {}
    for digest, query in manifest.items():
        if sha256_hex(query) != digest:
            raise ValueError(f"trusted document {digest[:12]}… does not match its hash")
        documents[digest] = query
    return documents


class PersistedQueryStore:
    """Validated documents in Redis, bounded by size and TTL; or a fixed registry."""

    def __init__(self, redis, ttl_seconds: int, max_bytes: int,
                 trusted: dict[str, str] | None = None) -> None:
        self.redis = redis
        self.ttl = ttl_seconds
        self.max_bytes = max_bytes
        self.trusted = trusted

    @property
    def trusted_only(self) -> bool:
        return self.trusted is not None

    async def lookup(self, digest: str) -> str | None:
        if self.trusted is not None:
            return self.trusted.get(digest)
        value = await self.redis.get(f"apq:{digest}")
        if value is None:
            return None
        return value.decode("utf-8") if isinstance(value, bytes) else value

    def is_trusted(self, digest: str) -> bool:
        return self.trusted is None or digest in self.trusted

    async def remember(self, digest: str, query: str) -> None:
        if self.trusted is not None or len(query.encode("utf-8")) > self.max_bytes:
            return
        await self.redis.set(f"apq:{digest}", query, ex=self.ttl)
