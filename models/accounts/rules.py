"""Account roles and the sign-in lockout rule (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from models.errors import Refusal


class Role(StrEnum):
    CITIZEN = "CITIZEN"  # 个人用户
    ENTERPRISE_USER = "ENTERPRISE_USER"  # 企业经办人
    CLERK = "CLERK"  # 窗口受理
    APPROVER = "APPROVER"  # 审批
    DEPT_ADMIN = "DEPT_ADMIN"  # 部门管理员
    INSPECTOR = "INSPECTOR"  # 执法人员
    LEGAL_REVIEWER = "LEGAL_REVIEWER"  # 法制审核
    AGENCY_HEAD = "AGENCY_HEAD"  # 负责人
    SUPERVISOR = "SUPERVISOR"  # 效能监督
    SYSTEM_ADMIN = "SYSTEM_ADMIN"  # 系统管理员


ROLE_LABELS = {
    Role.CITIZEN: "个人用户", Role.ENTERPRISE_USER: "企业经办人", Role.CLERK: "窗口受理人员",
    Role.APPROVER: "审批人员", Role.DEPT_ADMIN: "部门管理员", Role.INSPECTOR: "执法人员",
    Role.LEGAL_REVIEWER: "法制审核人员", Role.AGENCY_HEAD: "机关负责人",
    Role.SUPERVISOR: "效能监督人员", Role.SYSTEM_ADMIN: "系统管理员",
}
STAFF_ROLES = frozenset(ROLE_LABELS) - {Role.CITIZEN, Role.ENTERPRISE_USER}

MAX_FAILED_SIGN_INS = 5
LOCKOUT = timedelta(minutes=15)


def check_not_locked(locked_until: datetime | None, now: datetime) -> None:
    if locked_until is not None and locked_until > now:
        minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
        raise Refusal("ACCOUNT_LOCKED",
                      f"连续登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试")


def after_failure(failed_logins: int, now: datetime) -> tuple[int, datetime | None]:
    """(new failure count, locked until) after one more wrong password."""
    failed = failed_logins + 1
    if failed >= MAX_FAILED_SIGN_INS:
        return 0, now + LOCKOUT
    return failed, None


# --- Enterprise links ------------------------------------------------------


class LinkRole(StrEnum):
    LEGAL_REPRESENTATIVE = "LEGAL_REPRESENTATIVE"  # 法定代表人
    AGENT = "AGENT"  # 经办人（受委托代办）


LINK_ROLE_LABELS = {LinkRole.LEGAL_REPRESENTATIVE: "法定代表人", LinkRole.AGENT: "经办人"}


# --- Personal data -----------------------------------------------------------

# PiiCipher contexts: bound into every ciphertext and blind index.
PHONE_CONTEXT = "account.phone"
ID_NUMBER_CONTEXT = "account.id_number"
MAX_NAME_LENGTH = 32


def check_real_name(name: str, field: str = "name") -> str:
    """A person's name as on the ID card: 2–32 characters, no digits."""
    cleaned = " ".join((name or "").split())
    if not 2 <= len(cleaned) <= MAX_NAME_LENGTH or any(c.isdigit() for c in cleaned):
        raise Refusal("INVALID_NAME", "请填写与身份证一致的姓名（2至32个字）", field)
    return cleaned


# --- Handheld activation -----------------------------------------------------

ACTIVATION_CODE_TTL = timedelta(hours=72)
# An activation retried from the same device shortly after it succeeded gets
# tokens again (the first response may have been lost on a bad network).
ACTIVATION_RETRY_WINDOW = timedelta(minutes=10)
# No 0/O, 1/I/L: codes are read aloud and typed on a handheld.
ACTIVATION_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ACTIVATION_CODE_LENGTH = 12
MAX_DEVICE_ID_LENGTH = 128


def format_activation_code(raw: str) -> str:
    """'ABCDEFGHJKMN' → 'ABCD-EFGH-JKMN' (how it is shown)."""
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def normalise_activation_code(code: str) -> str:
    """What users type → what is hashed: upper case, no spaces or dashes."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def check_device_id(device_id: str, field: str = "deviceId") -> str:
    cleaned = (device_id or "").strip()
    if not 8 <= len(cleaned) <= MAX_DEVICE_ID_LENGTH or not cleaned.isprintable():
        raise Refusal("INVALID_DEVICE_ID", "设备标识无效（8至128个可见字符）", field)
    return cleaned


def activation_rate(issued: int, activated: int) -> float | None:
    """Activated / issued, or None when nothing was issued."""
    return round(activated / issued, 4) if issued else None


# --- Third-party clients -------------------------------------------------------

CLIENT_SCOPES = {
    "catalogue:read": "读取事项目录",
    "progress:read": "查询办件进度",
    "policies:read": "读取惠企政策",
    "ratings:read": "读取公开评价",
    "cases:payments": "推送行政处罚罚款缴款回执",  # the payment platform (cases domain)
}
CLIENT_TOKEN_TTL_SECONDS = 15 * 60


def check_scopes(requested: list[str] | None, allowed: list[str],
                 field: str = "scopes") -> list[str]:
    """The scopes a token gets: what was asked for (default: all registered),
    each of which must be registered for the client."""
    if requested is None:
        return sorted(set(allowed))
    unknown = sorted(set(requested) - set(allowed))
    if unknown:
        raise Refusal("INVALID_SCOPE", f"客户端未获授权的范围：{'、'.join(unknown)}", field)
    return sorted(set(requested))


def check_known_scopes(scopes: list[str], field: str = "scopes") -> list[str]:
    unknown = sorted(set(scopes) - set(CLIENT_SCOPES))
    if unknown or not scopes:
        raise Refusal("INVALID_SCOPE", f"未知的授权范围：{'、'.join(unknown) or '（空）'}", field)
    return sorted(set(scopes))


# --- Refresh tokens -----------------------------------------------------------

REFRESH_TTL = timedelta(days=14)
# A refresh token shown again this soon after its use, while its successor is
# still unused, is a client retrying after a lost response, not a copy.
REFRESH_RETRY_GRACE = timedelta(seconds=10)


def refresh_state(*, used: bool, revoked: bool, expired: bool, retry: bool = False) -> str:
    """What presenting a stored refresh token means: REUSED (revoke the family),
    RETRY (replace the unused successor), REVOKED, EXPIRED or VALID. Reuse wins
    over everything else: a used token shown again is the signal that it was
    copied, whatever else is true of it."""
    if used:
        return "RETRY" if retry and not revoked and not expired else "REUSED"
    if revoked:
        return "REVOKED"
    if expired:
        return "EXPIRED"
    return "VALID"
