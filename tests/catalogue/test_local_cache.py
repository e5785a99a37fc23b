"""The per-process cache of published catalogue data: what was read before an
announcement is never kept after it, and nothing is trusted without a hub."""

from __future__ import annotations

from resolvers.local_cache import LocalCache


class FakeHub:
    def __init__(self) -> None:
        self.connected, self.epoch, self.listeners = True, 1, []

    def listen(self, prefix, callback) -> None:
        self.listeners.append((prefix, callback))

    def announce(self, topic: str) -> None:
        for prefix, callback in self.listeners:
            if topic.startswith(prefix):
                callback(topic, {})


def _cache(**kwargs) -> tuple[LocalCache, FakeHub, list[float]]:
    hub, now = FakeHub(), [0.0]
    return LocalCache(hub, "public:catalogue", clock=lambda: now[0], **kwargs), hub, now


def test_kept_values_are_returned_until_the_topic_changes():
    cache, hub, _ = _cache()
    cache.put_many("doc", {"a": 1, "b": 2}, cache.token())
    assert cache.get_many("doc", ["a", "b", "c"]) == {"a": 1, "b": 2}
    assert cache.get_many("node", ["a"]) == {}  # kinds do not mix
    hub.announce("public:policies")  # another topic
    assert cache.get_many("doc", ["a"]) == {"a": 1}
    hub.announce("public:catalogue")
    assert cache.get_many("doc", ["a", "b"]) == {}


def test_what_was_read_before_an_announcement_is_not_kept():
    cache, hub, _ = _cache()
    token = cache.token()  # a request starts reading Redis / the database …
    hub.announce("public:catalogue")  # … a publish lands meanwhile …
    cache.put_many("doc", {"a": "old"}, token)  # … its (maybe old) answer is dropped
    assert cache.get_many("doc", ["a"]) == {}
    cache.put_many("doc", {"a": "new"}, cache.token())
    assert cache.get_many("doc", ["a"]) == {"a": "new"}


def test_nothing_is_kept_or_trusted_without_a_live_subscription():
    cache, hub, _ = _cache()
    cache.put_many("doc", {"a": 1}, cache.token())
    hub.connected = False
    assert cache.token() is None
    assert cache.get_many("doc", ["a"]) == {}
    cache.put_many("doc", {"b": 2}, cache.token())
    hub.connected, hub.epoch = True, 2  # re-subscribed: announcements may have been missed
    assert cache.get_many("doc", ["a", "b"]) == {}


def test_a_token_from_before_a_resubscription_keeps_nothing():
    cache, hub, _ = _cache()
    token = cache.token()
    hub.epoch = 2
    cache.put_many("doc", {"a": 1}, token)
    assert cache.get_many("doc", ["a"]) == {}


def test_entries_age_out_and_the_oldest_make_room():
    cache, _, now = _cache(max_entries=2, max_age=10)
    cache.put_many("doc", {"a": 1}, cache.token())
    now[0] = 5
    cache.put_many("doc", {"b": 2, "c": 3}, cache.token())
    assert len(cache) == 2 and cache.get_many("doc", ["a"]) == {}
    now[0] = 14.9
    assert cache.get_many("doc", ["b", "c"]) == {"b": 2, "c": 3}
    now[0] = 15
    assert cache.get_many("doc", ["b"]) == {}
