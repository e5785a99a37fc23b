"""Account services: staff sign-in with lockout."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tortoise.transactions import in_transaction

from models.accounts import rules
from models.accounts.tables import Account
from models.errors import Refusal


def _bad_credentials() -> Refusal:
    return Refusal("INVALID_CREDENTIALS", "用户名或密码错误", field="password")


async def staff_sign_in(
    username: str, password: str, *, now: datetime,
    verify: Callable[[str | None, str], bool],
) -> Account:
    """Check a staff password; count failures and lock after too many.

    The failure count is committed before the refusal is raised, so a wrong
    password is never rolled back out of the lockout arithmetic."""
    refusal: Refusal | None = None
    async with in_transaction():
        account = await Account.filter(
            username=username.strip(), kind="STAFF").select_for_update().first()
        if account is None:
            verify(None, password)  # same work as a real check: no username oracle
            refusal = _bad_credentials()
        elif account.locked_until is not None and account.locked_until > now:
            rules.check_not_locked(account.locked_until, now)
        elif not account.is_active:
            refusal = Refusal("ACCOUNT_DISABLED", "账户已停用，请联系管理员")
        elif not verify(account.password_hash, password):
            account.failed_logins, account.locked_until = rules.after_failure(
                account.failed_logins, now)
            await account.save(update_fields=["failed_logins", "locked_until"])
            refusal = (Refusal("ACCOUNT_LOCKED", "连续登录失败次数过多，账户已锁定 15 分钟")
                       if account.locked_until else _bad_credentials())
        elif account.failed_logins or account.locked_until:
            account.failed_logins, account.locked_until = 0, None
            await account.save(update_fields=["failed_logins", "locked_until"])
    if refusal is not None:
        raise refusal
    assert account is not None
    return account


async def staff_account_id(username: str) -> object | None:
    """For the audit log of a failed sign-in: the account, if the name is one."""
    return await Account.filter(username=(username or "").strip()[:64], kind="STAFF"
                                ).first().values_list("id", flat=True)
