"""Top-level GraphQL errors for request, auth, limit and system faults."""

from __future__ import annotations


class GatewayError(Exception):
    """An error that goes into the top-level `errors` list with `extensions.code`."""

    code = "INTERNAL_SERVER_ERROR"
    default_message = "服务器内部错误"

    def __init__(self, message: str | None = None, **extensions: object) -> None:
        super().__init__(message or self.default_message)
        self.message = message or self.default_message
        self.extensions = extensions


class Unauthenticated(GatewayError):
    code = "UNAUTHENTICATED"
    default_message = "请先登录"


class Forbidden(GatewayError):
    code = "FORBIDDEN"
    default_message = "无权执行此操作"


class NotFound(GatewayError):
    code = "NOT_FOUND"
    default_message = "对象不存在"


class BadUserInput(GatewayError):
    code = "BAD_USER_INPUT"
    default_message = "请求参数有误"


class RateLimited(GatewayError):
    code = "RATE_LIMITED"
    default_message = "请求过于频繁，请稍后再试"


class CostLimitExceeded(GatewayError):
    code = "COST_LIMIT_EXCEEDED"
    default_message = "查询代价超过上限，请减少分页大小或嵌套层级"
