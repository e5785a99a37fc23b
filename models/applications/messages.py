"""站内信: the in-app message centre (unread counts, marking read)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from models.applications.tables import Message


def _uuids(ids: Sequence[str]) -> list[str]:
    valid = []
    for ident in ids:
        try:
            valid.append(str(uuid.UUID(str(ident))))
        except ValueError:
            continue
    return valid


async def unread_count(recipient_id: str) -> int:
    return await Message.filter(recipient_id=recipient_id, read_at__isnull=True).count()


async def mark_read(recipient_id: str, ids: Sequence[str] | None, now: datetime) -> int:
    """Mark the recipient's messages read (all of them when ``ids`` is None); marking
    one already read changes nothing, so a retry is harmless."""
    qs = Message.filter(recipient_id=recipient_id, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(id__in=_uuids(ids))
    return await qs.update(read_at=now)
