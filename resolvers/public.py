"""Root query fields whose answer to an anonymous visitor is public and the same
for everyone, each under the topic whose changes make it stale.

The HTTP layer keeps whole responses to anonymous GET queries made only of these
fields (api.response_cache); a resolver that changes public data announces it
with ``public_data_changed`` so every process forgets what it kept."""

from __future__ import annotations

from typing import Any

TOPIC_PREFIX = "public:"
PUBLIC_FIELDS: dict[str, str] = {}


def public_fields(topic: str, *names: str) -> None:
    """Declare root query fields (GraphQL names) as public under ``topic``."""
    for name in names:
        PUBLIC_FIELDS[name] = topic


async def public_data_changed(ctx: Any, topic: str) -> None:
    await ctx.services["events"].announce(TOPIC_PREFIX + topic, {"topic": topic})


public_fields("regions", "region", "regions", "departments")
public_fields("catalogue", "matters", "matter", "searchMatters", "lifeEvents", "lifeEvent",
              "matterThemes")
public_fields("policies", "policies", "policyVocabulary")
