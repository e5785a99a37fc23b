"""SMS one-time codes: limits and the code itself (pure; Redis does the storing)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta, timezone

CODE_LENGTH = 6
CODE_TTL_SECONDS = 5 * 60
MAX_ATTEMPTS = 5  # wrong codes before the code is burned
RESEND_COOLDOWN_SECONDS = 60
DAILY_SEND_CAP = 10  # codes per phone number per (China) calendar day
CHINA = timezone(timedelta(hours=8))


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_LENGTH))


def day_key(now: float) -> str:
    """The calendar day the daily cap counts in: Beijing time, not UTC."""
    return datetime.fromtimestamp(now, UTC).astimezone(CHINA).strftime("%Y%m%d")


def message(code: str) -> str:
    minutes = CODE_TTL_SECONDS // 60
    return f"【政务服务】您的验证码为 {code}，{minutes} 分钟内有效。请勿告诉他人。"


def normalise_code(code: str) -> str | None:
    """Six ASCII digits, else None (never compared, so not counted as an attempt)."""
    cleaned = (code or "").strip()
    if len(cleaned) != CODE_LENGTH or not all("0" <= c <= "9" for c in cleaned):
        return None
    return cleaned
