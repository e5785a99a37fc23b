"""Citizen accounts: found or created by phone or by a verified identity;
real-name details; the enterprises a person acts for."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.accounts.rules import (
    ID_NUMBER_CONTEXT,
    PHONE_CONTEXT,
    LinkRole,
    Role,
    check_real_name,
)
from models.accounts.tables import Account, Enterprise, EnterpriseLink
from models.errors import Refusal
from models.identity.pii import PiiCipher
from models.identity.rules import validate_credit_code, validate_mobile, validate_resident_id


@dataclass(frozen=True)
class VerifiedIdentity:
    """What an identity provider vouches for (already validated)."""

    id_number: str
    name: str
    phone: str | None = None
    enterprises: list[tuple[str, str, LinkRole]] = field(default_factory=list)


def phone_index(pii: PiiCipher, phone: str) -> str:
    return pii.blind_index(phone, context=PHONE_CONTEXT)


def id_number_index(pii: PiiCipher, id_number: str) -> str:
    return pii.blind_index(id_number, context=ID_NUMBER_CONTEXT)


def _usable(account: Account) -> Account:
    if account.kind != "CITIZEN":
        # staff sign in with their username; a phone on a staff record is not a login
        raise Refusal("NOT_A_CITIZEN_ACCOUNT", "该手机号不能用于个人用户登录", "phone")
    if not account.is_active:
        raise Refusal("ACCOUNT_DISABLED", "账户已停用，请联系管理员")
    return account


async def citizen_for_phone(pii: PiiCipher, phone: str) -> tuple[Account, bool]:
    """The citizen with this (normalised) phone, created on first sign-in.
    Returns (account, created)."""
    index = phone_index(pii, phone)
    existing = await Account.get_or_none(phone_index=index)
    if existing is not None:
        return _usable(existing), False
    try:
        account = await Account.create(
            id=uuid.uuid4(), kind="CITIZEN", display_name=f"用户{phone[-4:]}",
            roles=[Role.CITIZEN.value], phone_enc=pii.encrypt(phone, context=PHONE_CONTEXT),
            phone_index=index)
    except IntegrityError:  # the same phone signed in twice at once: use the winner
        return _usable(await Account.get(phone_index=index)), False
    return account, True


async def citizen_for_identity(pii: PiiCipher, who: VerifiedIdentity) -> tuple[Account, bool]:
    """Map a provider-verified identity to an account: by ID number, else a
    phone-only account of the same phone gains the identity, else a new one.
    The provider's enterprise links replace the ones it gave before."""
    id_index = id_number_index(pii, who.id_number)
    p_index = phone_index(pii, who.phone) if who.phone else None
    async with in_transaction():
        account = await Account.filter(id_number_index=id_index).select_for_update().first()
        created = False
        if account is None and p_index:
            account = await Account.filter(phone_index=p_index, id_number_index__isnull=True,
                                           kind="CITIZEN").select_for_update().first()
        if account is None:
            account = Account(id=uuid.uuid4(), kind="CITIZEN", roles=[Role.CITIZEN.value])
            created = True
        if not created:
            _usable(account)
        account.display_name = who.name
        account.id_number_enc = pii.encrypt(who.id_number, context=ID_NUMBER_CONTEXT)
        account.id_number_index = id_index
        account.real_name_verified = True
        if p_index and account.phone_index is None and not await Account.exists(
                phone_index=p_index):
            account.phone_enc = pii.encrypt(who.phone or "", context=PHONE_CONTEXT)
            account.phone_index = p_index
        await account.save()
        await _sync_provider_links(account, who.enterprises)
    return account, created


async def _sync_provider_links(account: Account,
                               enterprises: list[tuple[str, str, LinkRole]]) -> None:
    keep: set[uuid.UUID] = set()
    for credit_code, name, role in enterprises:
        enterprise = await _enterprise(credit_code, name)
        link = await _link(enterprise, account, role, "IDP")
        keep.add(link.id)
    await EnterpriseLink.filter(account_id=account.id, source="IDP").exclude(
        id__in=list(keep)).delete()


async def _enterprise(credit_code: str, name: str) -> Enterprise:
    enterprise = await Enterprise.get_or_none(credit_code=credit_code)
    if enterprise is not None:
        return enterprise
    try:
        # a savepoint when nested: losing a race leaves the outer transaction usable
        async with in_transaction():
            return await Enterprise.create(id=uuid.uuid4(), credit_code=credit_code,
                                           name=name.strip()[:128])
    except IntegrityError:
        return await Enterprise.get(credit_code=credit_code)


async def _link(enterprise: Enterprise, account: Account, role: LinkRole,
                source: str) -> EnterpriseLink:
    link = await EnterpriseLink.get_or_none(enterprise_id=enterprise.id, account_id=account.id)
    if link is None:
        try:
            async with in_transaction():
                return await EnterpriseLink.create(
                    id=uuid.uuid4(), enterprise=enterprise, account=account, role=role.value,
                    source=source)
        except IntegrityError:
            link = await EnterpriseLink.get(enterprise_id=enterprise.id, account_id=account.id)
    if link.role != role.value:
        link.role = role.value
        await link.save(update_fields=["role"])
    return link


async def complete_real_name(pii: PiiCipher, account_id: str, name: str, id_number: str,
                             *, today: date) -> Account:
    """A citizen types their name and ID number (validated, not yet verified)."""
    clean_name = check_real_name(name, "name")
    number = validate_resident_id(id_number, today=today, field="idNumber")
    index = id_number_index(pii, number)
    async with in_transaction():
        account = await Account.filter(id=account_id).select_for_update().get()
        _usable(account)
        if account.real_name_verified:
            raise Refusal("REAL_NAME_ALREADY_VERIFIED", "已通过实名认证，姓名和身份证号不可修改")
        if await Account.filter(id_number_index=index).exclude(id=account.id).exists():
            raise Refusal("ID_NUMBER_TAKEN", "该身份证号已绑定其他账户", "idNumber")
        account.display_name = clean_name
        account.id_number_enc = pii.encrypt(number, context=ID_NUMBER_CONTEXT)
        account.id_number_index = index
        try:
            await account.save(update_fields=["display_name", "id_number_enc",
                                               "id_number_index"])
        except IntegrityError as error:
            raise Refusal("ID_NUMBER_TAKEN", "该身份证号已绑定其他账户", "idNumber") from error
    return account


async def link_enterprise(pii: PiiCipher, *, credit_code: str, enterprise_name: str,
                          phone: str, role: LinkRole) -> EnterpriseLink:
    """Staff record that the person with ``phone`` acts for an enterprise
    (after checking papers at the window). Repeating it changes nothing."""
    code = validate_credit_code(credit_code, "creditCode")
    if not 2 <= len(enterprise_name.strip()) <= 128:
        raise Refusal("INVALID_INPUT", "请填写企业名称", "enterpriseName")
    number = validate_mobile(phone, "phone")
    account = await Account.get_or_none(phone_index=phone_index(pii, number), kind="CITIZEN")
    if account is None:
        raise Refusal("ACCOUNT_NOT_FOUND", "该手机号尚未注册个人账户，请先用手机号登录一次",
                      "phone")
    enterprise = await _enterprise(code, enterprise_name)
    link = await _link(enterprise, account, role, "STAFF")
    link.enterprise = enterprise
    return link


async def enterprise_link(account_id: str, enterprise_id: str) -> EnterpriseLink | None:
    """The person's link to the enterprise, with the enterprise loaded."""
    try:
        uuid.UUID(str(enterprise_id))
    except ValueError:
        return None
    return await EnterpriseLink.get_or_none(
        account_id=account_id, enterprise_id=enterprise_id).select_related("enterprise")
