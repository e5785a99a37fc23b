"""Formatting of top-level GraphQL errors: a code, a request id, nothing leaked."""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError

from auth.errors import GatewayError

log = logging.getLogger("gateway.errors")

INTERNAL_MESSAGE = "服务器内部错误，请稍后再试"


def error_dict(
    message: str, code: str, request_id: str, **extensions: Any
) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code, "requestId": request_id,
                                               **extensions}}


def format_error(error: GraphQLError, request_id: str, default_code: str) -> dict[str, Any]:
    """Turn an execution or validation error into its public shape.

    Anything that is not a GatewayError or a GraphQL error is unexpected: it is
    logged with the request id and shown as INTERNAL_SERVER_ERROR, so that no
    stack detail, SQL or personal data reaches a client.
    """
    original = error.original_error
    extensions: dict[str, Any] = {}
    if isinstance(original, GatewayError):
        message, code = original.message, original.code
        extensions.update(original.extensions)
    elif original is None or isinstance(original, GraphQLError):
        message = error.message
        extra = dict(error.extensions or {})
        code = str(extra.pop("code", default_code))
        extensions.update(extra)
    else:
        log.error(
            "unexpected error in resolver",
            exc_info=original,
            extra={"request_id": request_id, "path": error.path},
        )
        message, code = INTERNAL_MESSAGE, "INTERNAL_SERVER_ERROR"
    formatted: dict[str, Any] = {"message": message}
    if error.locations:
        formatted["locations"] = [{"line": loc.line, "column": loc.column}
                                  for loc in error.locations]
    if error.path:
        formatted["path"] = error.path
    formatted["extensions"] = {"code": code, "requestId": request_id, **extensions}
    return formatted
