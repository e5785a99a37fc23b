"""Batch loaders for accounts and enterprise links."""

from __future__ import annotations

from collections import defaultdict

from models.accounts.tables import Account, EnterpriseLink
from resolvers.batching import uuid_keys
from resolvers.context import loader


@loader("account")
def account_by_id(_ctx):
    """Accounts with their department (for region-scoped visibility checks)."""

    async def load(ids: list[str]) -> list[Account | None]:
        rows = {str(r.id): r for r in await Account.filter(id__in=uuid_keys(ids)).select_related(
            "department")}
        for row in rows.values():
            row.region_code = row.department.region_id if row.department else None
        return [rows.get(str(i)) for i in ids]

    return load


@loader("enterprise_links")
def enterprise_links_by_account(_ctx):
    async def load(account_ids: list[str]) -> list[list[EnterpriseLink]]:
        grouped: dict[str, list[EnterpriseLink]] = defaultdict(list)
        rows = await EnterpriseLink.filter(account_id__in=uuid_keys(account_ids)).select_related(
            "enterprise").order_by("created_at", "id")
        for row in rows:
            grouped[str(row.account_id)].append(row)
        return [grouped.get(str(a), []) for a in account_ids]

    return load
