"""Demo accounts: one staff account for every role (development data only)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from models.accounts.rules import Role
from models.accounts.tables import Account
from models.regions.seed import department_id

DEMO_PASSWORD = "Demo@2026"  # noqa: S105 - documented development data

# username, display name, roles, region, department kind, extra fields
DEMO_STAFF = [
    ("clerk.xihu", "王受理", [Role.CLERK], "330106", "market", {}),
    ("approver.xihu", "李审批", [Role.APPROVER], "330106", "market", {}),
    ("admin.xihu", "赵管理", [Role.DEPT_ADMIN], "330106", "market", {}),
    ("inspector.xihu.1", "陈执法", [Role.INSPECTOR], "330106", "market",
     {"badge_number": "33010620001", "enforcement_fields": ["食品安全", "市场秩序"]}),
    ("inspector.xihu.2", "周执法", [Role.INSPECTOR], "330106", "market",
     {"badge_number": "33010620002", "enforcement_fields": ["食品安全", "特种设备"]}),
    ("legal.xihu", "吴法审", [Role.LEGAL_REVIEWER], "330106", "market",
     {"legal_qualified": True}),
    ("head.xihu", "郑局长", [Role.AGENCY_HEAD], "330106", "market", {}),
    ("supervisor.hz", "孙监督", [Role.SUPERVISOR], "330100", "market", {}),
    ("sysadmin", "系统管理员", [Role.SYSTEM_ADMIN], "330000", "market", {}),
    ("clerk.yinzhou", "钱受理", [Role.CLERK], "330212", "hrss", {}),
]

_NAMESPACE = uuid.UUID("0b7d0c8e-93a1-4d6c-8f51-6c2e7a4d9b10")


def account_id(username: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"account:{username}")


async def seed_staff(hash_password: Callable[[str], str]) -> int:
    password_hash = hash_password(DEMO_PASSWORD)
    await Account.bulk_create([
        Account(id=account_id(username), kind="STAFF", username=username, display_name=name,
                password_hash=password_hash, roles=[r.value for r in roles],
                department_id=department_id(region, kind), **extra)
        for username, name, roles, region, kind, extra in DEMO_STAFF
    ])
    return len(DEMO_STAFF)
