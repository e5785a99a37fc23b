"""Sending SMS: the interface, and the development sender that only logs."""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from typing import Protocol

from models.identity.rules import mask_phone

log = logging.getLogger("gateway.sms")
_CODE_RE = re.compile(r"(?<![0-9])([0-9]{6})(?![0-9])")


class SmsSender(Protocol):
    async def send(self, phone: str, text: str) -> None:
        """Deliver ``text`` to the 11-digit mainland mobile ``phone``."""


class LogSmsSender:
    """Development sender: logs that a message went out (phone masked, text
    never, since it carries the code). With ``keep_outbox`` (dev and test only,
    never prod) it also keeps the last messages per phone in memory, which is
    how tests and the dev-only outbox route read codes."""

    MAX_PHONES = 1000
    MAX_PER_PHONE = 5

    def __init__(self, keep_outbox: bool) -> None:
        self.keep_outbox = keep_outbox
        self.outbox: OrderedDict[str, list[str]] = OrderedDict()

    async def send(self, phone: str, text: str) -> None:
        log.info("sms code sent", extra={"phone": mask_phone(phone)})
        if not self.keep_outbox:
            return
        messages = self.outbox.pop(phone, [])
        self.outbox[phone] = [*messages, text][-self.MAX_PER_PHONE:]
        while len(self.outbox) > self.MAX_PHONES:
            self.outbox.popitem(last=False)

    def last_code(self, phone: str) -> str | None:
        """The code in the last message to ``phone`` (dev/test only)."""
        messages = self.outbox.get(phone) or []
        match = _CODE_RE.search(messages[-1]) if messages else None
        return match.group(1) if match else None
