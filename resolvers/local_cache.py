"""Values kept in this process until the event hub announces that their topic
changed (or its subscription breaks), for at most ``max_age`` seconds.

A reader takes a ``token`` before it reads the shared store (Redis, the
database) and hands it back with what it read: if an announcement arrived in
between, what it read may be old and is not kept. Used for published catalogue
data, which changes only when a version is published or retired."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any


class LocalCache:
    def __init__(self, hub, topic: str, *, max_entries: int = 20_000,
                 max_age: float = 3600.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.hub = hub
        self.max_entries = max_entries
        self.max_age = max_age
        self.clock = clock
        self._entries: OrderedDict[tuple[str, Hashable], tuple[float, Any]] = OrderedDict()
        self._changes = 0
        self._epoch_seen = -1  # the subscription the entries were kept under
        hub.listen(topic, self._changed)

    def token(self) -> tuple[int, int] | None:
        """None while the hub is not subscribed: nothing may be kept then."""
        return (self.hub.epoch, self._changes) if self.hub.connected else None

    def get_many(self, kind: str, keys: Iterable[Hashable]) -> dict[Hashable, Any]:
        token = self.token()
        if token is None or token[0] != self._epoch_seen:
            self.clear()
            return {}
        now = self.clock()
        found = {}
        for key in keys:
            entry = self._entries.get((kind, key))
            if entry is not None and now - entry[0] < self.max_age:
                found[key] = entry[1]
        return found

    def put_many(self, kind: str, values: Mapping[Hashable, Any],
                 token: tuple[int, int] | None) -> None:
        if token is None or token != self.token():
            return
        if token[0] != self._epoch_seen:
            self.clear()
            self._epoch_seen = token[0]
        now = self.clock()
        for key, value in values.items():
            self._entries[(kind, key)] = (now, value)
            self._entries.move_to_end((kind, key))
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def _changed(self, _topic: str, _event: dict[str, Any]) -> None:
        self._changes += 1
        self.clear()
