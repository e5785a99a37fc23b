"""The `viewer` query: who am I."""

from __future__ import annotations

import strawberry

from models.accounts.tables import Account
from schema.accounts import Viewer


@strawberry.type
class AccountQuery:
    @strawberry.field(description="当前登录的账户；未登录时为 null。")
    async def viewer(self, info: strawberry.Info) -> Viewer | None:
        identity = info.context.viewer
        if not identity.account_id:
            return None
        row = await Account.get_or_none(id=identity.account_id)
        return Viewer.from_row(row) if row else None
