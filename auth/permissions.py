"""Authorization helpers: who may call an operation, declared next to it.

Resolvers call ``require(...)`` first thing; the same requirement text goes into
the field's description (``describe(...)``) so the schema shows it."""

from __future__ import annotations

from auth.errors import Forbidden, Unauthenticated
from auth.viewer import Viewer


def require_authenticated(viewer: Viewer) -> Viewer:
    if not viewer.is_authenticated:
        raise Unauthenticated()
    return viewer


def require_roles(viewer: Viewer, *roles: str) -> Viewer:
    """Staff with at least one of ``roles``; UNAUTHENTICATED before FORBIDDEN."""
    require_authenticated(viewer)
    if not viewer.has_role(*roles):
        raise Forbidden()
    return viewer


def require_kind(viewer: Viewer, *kinds: str) -> Viewer:
    require_authenticated(viewer)
    if viewer.kind not in kinds:
        raise Forbidden()
    return viewer


def require_scope(viewer: Viewer, scope: str) -> Viewer:
    """Third-party clients need the scope; people are not limited by scopes."""
    require_authenticated(viewer)
    if viewer.kind == "CLIENT" and scope not in viewer.scopes:
        raise Forbidden(f"此客户端没有 {scope} 权限")
    return viewer


def describe(text: str, *roles: str) -> str:
    """A field description that ends with who may use it."""
    who = "、".join(roles) if roles else "公开"
    return f"{text}\n\n权限：{who}"
