"""Whole responses to public, anonymous GET queries, kept in each process.

A response is kept when the request is a GET without credentials, the operation
is a query whose root fields are all declared public (``resolvers.public``), and
it executed without errors. It is kept — without budget figures or request id —
under (document or hash, operation name, variables, media type) for at most
``max_age`` seconds, and forgotten early when the hub announces that its topic
changed or when the hub's subscription breaks (an announcement could have been
missed). The reply says ``Cache-Control: public, max-age=…`` with an ETag, so
the app and any shared cache in front may keep it too; ``If-None-Match`` gets a
304. A hit is not charged to a rate budget: like a CDN's, it costs next to
nothing."""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import FieldNode, OperationDefinitionNode, OperationType

from api import metrics
from resolvers.public import PUBLIC_FIELDS, TOPIC_PREFIX

Key = tuple[str, str, bytes, str]


@dataclass(frozen=True)
class Entry:
    body: bytes
    etag: str
    topics: frozenset[str]
    stored_at: float
    epoch: int


def public_topics(operation: OperationDefinitionNode) -> frozenset[str] | None:
    """The topics of a query made only of public root fields, else None."""
    if operation.operation != OperationType.QUERY:
        return None
    topics = set()
    for selection in operation.selection_set.selections:
        if not isinstance(selection, FieldNode):
            return None  # a fragment at the root: not worth resolving here
        name = selection.name.value
        if name == "__typename":
            continue
        topic = PUBLIC_FIELDS.get(name)
        if topic is None:
            return None
        topics.add(topic)
    return frozenset(topics) if topics else None


class ResponseCache:
    def __init__(self, hub, *, max_age: int = 60, max_entries: int = 2000,
                 max_body_bytes: int = 256 * 1024, max_total_bytes: int = 32 * 1024 * 1024,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.hub = hub
        self.max_age = max_age
        self.max_entries = max_entries
        self.max_body_bytes = max_body_bytes
        self.max_total_bytes = max_total_bytes
        self.clock = clock
        self._entries: OrderedDict[Key, Entry] = OrderedDict()
        self._bytes = 0
        hub.listen(TOPIC_PREFIX, self._changed)

    @staticmethod
    def key(query: str | None, digest: str | None, operation_name: str | None,
            variables: dict[str, Any] | None, media: str) -> Key | None:
        try:
            encoded = orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS)
        except TypeError:
            return None
        return (query if query is not None else f"sha256:{digest}", operation_name or "",
                encoded, media)

    def get(self, key: Key) -> Entry | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if (not self.hub.connected or entry.epoch != self.hub.epoch
                or self.clock() - entry.stored_at >= self.max_age):
            self._drop(key)
            return None
        metrics.RESPONSE_CACHE.labels("hit").inc()
        return entry

    def put(self, key: Key, body: bytes, topics: frozenset[str]) -> Entry:
        entry = Entry(body, f'"{hashlib.sha256(body).hexdigest()[:32]}"', topics,
                      self.clock(), self.hub.epoch)
        if self.hub.connected and len(body) <= self.max_body_bytes:
            self._drop(key)
            self._entries[key] = entry
            self._bytes += len(body)
            while (len(self._entries) > self.max_entries
                   or self._bytes > self.max_total_bytes):
                self._drop(next(iter(self._entries)))  # the least recently stored
            metrics.RESPONSE_CACHE.labels("store").inc()
        return entry

    def _drop(self, key: Key) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= len(entry.body)

    def age(self, entry: Entry) -> int:
        return int(self.clock() - entry.stored_at)

    def headers(self, entry: Entry) -> dict[str, str]:
        remaining = max(0, self.max_age - self.age(entry))
        return {"Cache-Control": f"public, max-age={remaining}", "ETag": entry.etag,
                "Vary": "Accept, Authorization", "Age": str(self.age(entry))}

    def __len__(self) -> int:
        return len(self._entries)

    def _changed(self, topic: str, _event: dict[str, Any]) -> None:
        changed = topic.removeprefix(TOPIC_PREFIX)
        for key in [k for k, e in self._entries.items() if changed in e.topics]:
            self._drop(key)
