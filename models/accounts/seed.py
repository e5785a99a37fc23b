"""Demo accounts: one staff account for every role, citizens and enterprise
users, a third-party client and handheld activation codes (development only)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from models.accounts import clients, devices
from models.accounts.rules import ID_NUMBER_CONTEXT, PHONE_CONTEXT, LinkRole, Role
from models.accounts.tables import Account, Enterprise, EnterpriseLink
from models.identity.pii import PiiCipher
from models.identity.rules import credit_code_check_char, resident_id_check_char
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


# --- Citizens, enterprises, a third-party client, activation codes -------------
# (development data only; every value is documented in the README)

# name, first 17 ID digits (check char computed), phone, real-name verified?
DEMO_CITIZENS = [
    ("张伟", "33010619900307123", "13900000001", True),
    ("李娜", "33010619851112204", "13900000002", True),
    ("王强", "33021219920521403", "13900000003", True),
    ("陈静", "33020319880815602", "13900000004", True),
    (None, None, "13900000005", False),  # signed in by SMS, real name not yet given
]
# name, first 17 credit-code chars (check char computed), [(phone, role)]
DEMO_ENTERPRISES = [
    ("杭州西湖示例科技有限公司", "91330106MA2H00017",
     [("13900000002", LinkRole.LEGAL_REPRESENTATIVE), ("13900000003", LinkRole.AGENT)]),
    ("宁波鄞州示例餐饮有限公司", "92330212MA2K00025",
     [("13900000004", LinkRole.LEGAL_REPRESENTATIVE), ("13900000003", LinkRole.AGENT)]),
]
DEMO_CLIENT_ID = "demo-portal"
DEMO_CLIENT_SECRET = "Demo-Portal-Secret-2026"  # noqa: S105 - documented development data
DEMO_CLIENT_SCOPES = ["catalogue:read", "progress:read"]
DEMO_ACTIVATION_CODES = {"inspector.xihu.1": "XIHU-DEMO-0001",
                         "inspector.xihu.2": "XIHU-DEMO-0002"}


def demo_id_number(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


def demo_credit_code(first17: str) -> str:
    return first17 + credit_code_check_char(first17)


async def seed_people(pii: PiiCipher, hash_secret: Callable[[str], str]) -> str:
    by_phone: dict[str, Account] = {}
    for name, first17, phone, verified in DEMO_CITIZENS:
        id_number = demo_id_number(first17) if first17 else None
        by_phone[phone] = await Account.create(
            id=uuid.uuid5(_NAMESPACE, f"citizen:{phone}"), kind="CITIZEN",
            display_name=name or f"用户{phone[-4:]}", roles=[Role.CITIZEN.value],
            phone_enc=pii.encrypt(phone, context=PHONE_CONTEXT),
            phone_index=pii.blind_index(phone, context=PHONE_CONTEXT),
            id_number_enc=pii.encrypt(id_number, context=ID_NUMBER_CONTEXT) if id_number else None,
            id_number_index=(pii.blind_index(id_number, context=ID_NUMBER_CONTEXT)
                             if id_number else None),
            real_name_verified=verified)
    for name, first17, links in DEMO_ENTERPRISES:
        enterprise = await Enterprise.create(
            id=uuid.uuid5(_NAMESPACE, f"enterprise:{first17}"),
            credit_code=demo_credit_code(first17), name=name)
        for phone, role in links:
            await EnterpriseLink.create(id=uuid.uuid4(), enterprise=enterprise,
                                        account=by_phone[phone], role=role.value, source="SEED")
    await clients.register("示例第三方门户", DEMO_CLIENT_SCOPES, hash_secret=hash_secret,
                           client_id=DEMO_CLIENT_ID, secret=DEMO_CLIENT_SECRET)
    now = datetime.now(UTC)
    for username, code in DEMO_ACTIVATION_CODES.items():
        account = await Account.get(username=username)
        await devices.issue_code(account, issued_by=str(account_id("admin.xihu")), now=now,
                                 code=code, ttl=timedelta(days=365))
    return (f"{len(DEMO_CITIZENS)} citizens, {len(DEMO_ENTERPRISES)} enterprises, "
            f"1 third-party client, {len(DEMO_ACTIVATION_CODES)} activation codes")
