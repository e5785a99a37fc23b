"""Identical subscriptions share one execution (graphql-transport-ws).

Subscriptions with the same document, operation name and variables, made by the
same identity (the viewer without its token id and expiry), would compute the
same result for every event: they form a group that runs one subscription
stream, with the context of whoever started it, and every member receives the
serialized result under its own operation id. A thousand screens of one
department's queue cost one execution per event plus a thousand writes.

Members join and leave independently (``complete``, disconnect); the stream
stops when its last member leaves. Errors before execution (validation,
permission at subscribe time) reach every member exactly as they would alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass, field, replace
from typing import Any

import orjson
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
    _OperationStreamClosed,
)
from strawberry.types.execution import ExecutionResult, PreExecutionError
from strawberry.utils.aio import aclosing

from api.errors import format_error

log = logging.getLogger("gateway.ws")

Key = tuple[str, str, bytes, Any]


@dataclass(eq=False)
class Member:
    handler: BaseGraphQLTransportWSHandler
    operation: Operation
    done: asyncio.Future


@dataclass(eq=False)
class Group:
    key: Key
    request_id: str = ""  # of the connection that started the stream
    members: dict[int, Member] = field(default_factory=dict)
    task: asyncio.Task | None = None


class Broadcast:
    def __init__(self) -> None:
        self._groups: dict[Key, Group] = {}

    @property
    def group_count(self) -> int:
        return len(self._groups)

    @property
    def member_count(self) -> int:
        return sum(len(g.members) for g in self._groups.values())

    @staticmethod
    def key(operation: Operation, context: Any) -> Key | None:
        viewer = getattr(context, "viewer", None)
        if viewer is None:
            return None
        try:
            variables = orjson.dumps(operation.variables or {}, option=orjson.OPT_SORT_KEYS)
        except TypeError:
            return None
        identity = replace(viewer, token_id=None, expires_at=None)
        return (operation.query, operation.operation_name or "", variables, identity)

    async def join(self, key: Key, handler: BaseGraphQLTransportWSHandler,
                   operation: Operation) -> None:
        """Until the group's stream ends (then the caller sends ``complete``);
        cancelled when this member leaves."""
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = Group(key, getattr(handler.context, "request_id", ""))
        member = Member(handler, operation, asyncio.get_running_loop().create_future())
        group.members[id(operation)] = member
        if group.task is None:
            group.task = asyncio.create_task(self._run(group, handler, operation))
        try:
            await member.done
        finally:
            group.members.pop(id(operation), None)
            if not group.members:
                self._groups.pop(key, None)
                if group.task is not None and not group.task.done():
                    group.task.cancel()

    async def _run(self, group: Group, handler: BaseGraphQLTransportWSHandler,
                   first: Operation) -> None:
        try:
            stream = await handler.schema.stream(
                first.query, variable_values=first.variables, context_value=handler.context,
                root_value=handler.root_value, operation_name=first.operation_name)
            async with aclosing(stream):
                is_first = True
                async for result in stream:
                    if is_first and isinstance(result, PreExecutionError):
                        await self._each(group, lambda m, r=result: m.handler.
                                         _handle_pre_execution_error(m.operation, r), end=True)
                        return
                    if not isinstance(result, ExecutionResult):
                        await self._each(group, lambda m: m.handler.
                                         _reject_incremental_delivery(m.operation), end=True)
                        return
                    is_first = False
                    await self._send(group, result)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.exception("shared subscription stream failed")
            for member in list(group.members.values()):
                if not member.done.done():
                    member.done.set_exception(error)
            return
        finally:
            if self._groups.get(group.key) is group:
                self._groups.pop(group.key, None)  # late joiners start a new stream
        for member in list(group.members.values()):
            if not member.done.done():
                member.done.set_result(None)

    async def _send(self, group: Group, result: ExecutionResult) -> None:
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:  # with a code and request id, as over HTTP
            payload["errors"] = [format_error(error, group.request_id, "INTERNAL_SERVER_ERROR")
                                 for error in result.errors]
        if result.extensions:
            payload["extensions"] = result.extensions
        body = json.dumps(payload)
        for member in list(group.members.values()):
            if member.operation.completed or member.done.done():
                continue
            text = f'{{"id": {json.dumps(member.operation.id)}, "type": "next", "payload": {body}}}'
            try:
                await member.handler.websocket.ws.send_text(text)
            except Exception as error:  # noqa: BLE001 - its socket is gone: only it leaves
                member.done.set_exception(error)

    async def _each(self, group: Group, action, *, end: bool) -> None:
        for member in list(group.members.values()):
            try:
                await action(member)
            except Exception as error:  # noqa: BLE001 - handed to that member alone
                member.done.set_exception(error)
            else:
                if end and not member.done.done():
                    member.done.set_exception(_OperationStreamClosed())


class SharedStreamHandler(BaseGraphQLTransportWSHandler):
    """strawberry's graphql-transport-ws handler, running subscriptions through the
    view's Broadcast, with errors shaped as over HTTP (``extensions.code``)."""

    async def _handle_pre_execution_error(self, operation: Operation, result: Any) -> None:
        if result.errors and self._get_pre_execution_close_reason(result.errors[0]):
            await super()._handle_pre_execution_error(operation, result)  # closes: 4400
            return
        rid = getattr(self.context, "request_id", "")
        await operation.send_operation_message({"id": operation.id, "type": "error",
                                                "payload": [
            format_error(error, rid, "GRAPHQL_VALIDATION_FAILED") for error in result.errors]})

    async def run_operation(self, operation: Operation) -> None:
        broadcast: Broadcast | None = getattr(self.view, "broadcast", None)
        key = broadcast.key(operation, self.context) if broadcast is not None else None
        if key is None:
            await super().run_operation(operation)
            return
        try:
            await broadcast.join(key, self, operation)
        except _OperationStreamClosed:
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning("subscription ended by an error", exc_info=True)
            with contextlib.suppress(Exception):
                await operation.send_operation_message({"id": operation.id, "type": "complete"})
            self.operations.pop(operation.id, None)
            return
        await operation.send_operation_message({"id": operation.id, "type": "complete"})
