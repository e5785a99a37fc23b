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
