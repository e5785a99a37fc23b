"""UserError: business-rule refusals returned in mutation payloads."""

from __future__ import annotations

import strawberry


@strawberry.interface(
    description="业务规则拒绝（在 mutation 的 payload 中返回，而不是顶层 errors）。"
    "每个领域有自己的实现类型，其 `code` 是该领域的枚举。"
)
class UserError:
    field: list[str] | None = strawberry.field(
        description="出错的输入字段路径，如 [\"input\", \"materials\", \"2\"]；"
        "与整个请求相关时为空。"
    )
    message: str = strawberry.field(description="可直接展示给用户的中文说明。")


def field_path(dotted: str | None) -> list[str] | None:
    """'materials[2].name' -> ['input', 'materials', '2', 'name']."""
    if not dotted:
        return None
    parts = ["input"]
    for piece in dotted.replace("]", "").split("."):
        parts.extend(p for p in piece.split("[") if p)
    return parts
