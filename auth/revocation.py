"""Is an access token revoked? Redis holds the answer; each process remembers it.

Revoking writes ``revoked:<jti>`` (or ``unbound:<account>:<device>`` for a
replaced handheld) to Redis with a TTL, then announces the key on the event hub.
A process asks Redis about a token once and remembers "not revoked" for as long
as its hub subscription has been unbroken since it asked, so a token in steady
use costs no Redis round trip; an announced revocation is remembered locally
until the token would have expired anyway. While the subscription is down every
check asks Redis (announcements could be missed), and any break clears what was
remembered. The window in which another worker still accepts a just-revoked
token is the pub/sub delivery time (about a millisecond on one host)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

TOPIC = "auth:revoked"
MAX_REMEMBERED = 200_000


def revoked_key(jti: str) -> str:
    return f"revoked:{jti}"


def unbound_key(account_id: str, device_id: str) -> str:
    """Set when a handheld is replaced: its live access tokens stop working."""
    return f"unbound:{account_id}:{device_id}"


class RevocationList:
    def __init__(self, redis, hub, *, clock: Callable[[], float] = time.time) -> None:
        self.redis = redis
        self.hub = hub
        self.clock = clock
        self._revoked: dict[str, float] = {}  # key -> until (Unix seconds)
        self._clear: dict[str, tuple[int, float]] = {}  # key -> (hub epoch, until)
        hub.listen(TOPIC, self._announced)

    async def revoke(self, key: str, seconds: int) -> None:
        """Revoke for ``seconds``: in Redis first, then announced to every process."""
        if seconds <= 0:
            return
        await self.redis.set(key, 1, ex=seconds)
        await self.hub.announce(TOPIC, {"key": key, "until": self.clock() + seconds})

    async def any_revoked(self, keys: Sequence[str], until: float) -> bool:
        """True when any of ``keys`` is revoked; ``until`` is when the token expires
        (how long a "not revoked" answer may be remembered)."""
        now = self.clock()
        if any(self._revoked.get(key, 0.0) > now for key in keys):
            return True
        epoch = self.hub.epoch
        if self.hub.connected and all(self._is_clear(key, epoch, now) for key in keys):
            return False
        revoked = bool(await self.redis.exists(*keys))
        if revoked:
            return True
        # remembered only if no announcement could have been missed meanwhile
        if self.hub.connected and self.hub.epoch == epoch and until > now:
            if len(self._clear) >= MAX_REMEMBERED:
                self._prune(now)
            for key in keys:
                self._clear[key] = (epoch, until)
        return False

    def _is_clear(self, key: str, epoch: int, now: float) -> bool:
        entry = self._clear.get(key)
        return entry is not None and entry[0] == epoch and entry[1] > now

    def _announced(self, _topic: str, event: dict[str, Any]) -> None:
        key, until = event.get("key"), event.get("until")
        if isinstance(key, str) and isinstance(until, (int, float)):
            self._remember_revoked(key, float(until))

    def _remember_revoked(self, key: str, until: float) -> None:
        self._clear.pop(key, None)
        if len(self._revoked) >= MAX_REMEMBERED:
            self._prune(self.clock())
        self._revoked[key] = max(until, self._revoked.get(key, 0.0))

    def _prune(self, now: float) -> None:
        self._clear = {k: v for k, v in self._clear.items() if v[1] > now}
        if len(self._clear) >= MAX_REMEMBERED:
            self._clear.clear()  # cheaper to ask Redis again than to grow without bound
        # revocations are never dropped early: Redis would still answer for them
        self._revoked = {k: v for k, v in self._revoked.items() if v > now}
