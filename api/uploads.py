"""GraphQL multipart requests (file uploads), per the graphql-multipart-request spec."""

from __future__ import annotations

import json
from typing import Any

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from api.body import BodyTooLarge, read_limited
from api.executor import GraphQLRequest

# Browsers may send multipart forms cross-site without a preflight; requiring
# one of these headers makes every upload a preflighted (CORS-checked) request.
PREFLIGHT_HEADERS = ("graphql-require-preflight", "apollo-require-preflight",
                     "x-apollo-operation-name")


async def multipart_request(request: Request, settings) -> GraphQLRequest | tuple[int, str, str]:
    if not any(request.headers.get(h) for h in PREFLIGHT_HEADERS):
        return 400, "BAD_USER_INPUT", "文件上传请求须带 GraphQL-Require-Preflight 请求头"
    try:
        body = await read_limited(request, settings.max_upload_bytes)
    except BodyTooLarge:
        return 413, "PAYLOAD_TOO_LARGE", f"上传请求超过 {settings.max_upload_bytes} 字节上限"

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, replay).form(
            max_files=settings.max_upload_files, max_fields=10,
            max_part_size=settings.max_body_bytes)
    except MultiPartException as error:
        return 400, "BAD_USER_INPUT", f"multipart 请求格式不正确：{error.message}"
    try:
        result = _to_request(form, settings)
    except BaseException:
        await form.close()
        raise
    if isinstance(result, tuple):  # refused: nothing will read the files
        await form.close()
    return result


def _to_request(form, settings) -> GraphQLRequest | tuple[int, str, str]:
    try:
        operations = json.loads(str(form.get("operations") or ""))
        mapping = json.loads(str(form.get("map") or "{}"))
    except (ValueError, RecursionError):
        return 400, "BAD_USER_INPUT", "operations 或 map 不是合法的 JSON"
    if not isinstance(operations, dict) or not isinstance(mapping, dict):
        return 400, "BAD_USER_INPUT", "operations 必须是对象（不支持批量），map 必须是对象"
    for key, paths in mapping.items():
        upload = form.get(key)
        if not isinstance(upload, UploadFile) or not isinstance(paths, list):
            return 400, "BAD_USER_INPUT", f"map 中的文件 {key!s:.20} 缺失"
        if upload.size is not None and upload.size > settings.max_file_bytes:
            return 413, "PAYLOAD_TOO_LARGE", f"单个文件超过 {settings.max_file_bytes} 字节上限"
        for path in paths:
            if not isinstance(path, str) or not _place(operations, path.split("."), upload):
                return 400, "BAD_USER_INPUT", f"map 路径无效：{str(path)[:60]}"
    query = operations.get("query")
    variables = operations.get("variables")
    if not isinstance(query, str) or (variables is not None and not isinstance(variables, dict)):
        return 400, "BAD_USER_INPUT", "operations 中 query 必须是字符串、variables 必须是对象"
    name = operations.get("operationName")
    return GraphQLRequest(query, name if isinstance(name, str) else None, variables,
                          None, "POST", form=form)


def _place(target: Any, path: list[str], value: Any) -> bool:
    """Put ``value`` at ``path`` (e.g. variables.files.0) where a null stands."""
    for index, key in enumerate(path):
        last = index == len(path) - 1
        if isinstance(target, dict) and key in target:
            if last:
                if target[key] is not None:
                    return False
                target[key] = value
                return True
            target = target[key]
        elif isinstance(target, list) and key.isdigit() and int(key) < len(target):
            if last:
                if target[int(key)] is not None:
                    return False
                target[int(key)] = value
                return True
            target = target[int(key)]
        else:
            return False
    return False
