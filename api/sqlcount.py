"""Counts SQL statements per request (for tests, the benchmark and X-SQL-Count)."""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Iterator
from contextlib import contextmanager

# Every active counter: a test's counting() around a request and the request's
# own counter both see each statement.
_counters: contextvars.ContextVar[tuple[list[int], ...]] = contextvars.ContextVar(
    "sql_counters", default=())
_inside: contextvars.ContextVar[bool] = contextvars.ContextVar("sql_inside", default=False)
_METHODS = ("execute_insert", "execute_query", "execute_query_dict", "execute_many",
            "execute_script")
_installed = False


def _wrap(method):
    @functools.wraps(method)
    async def counted(self, *args, **kwargs):
        if _inside.get():  # a wrapper calling its base class: one statement, not two
            return await method(self, *args, **kwargs)
        for counter in _counters.get():
            counter[0] += 1
        token = _inside.set(True)
        try:
            return await method(self, *args, **kwargs)
        finally:
            _inside.reset(token)

    counted.__sql_counted__ = True  # type: ignore[attr-defined]
    return counted


def install() -> None:
    """Wrap the execute methods of every tortoise client class, once."""
    global _installed
    if _installed:
        return
    from tortoise.backends.asyncpg import client as pg
    from tortoise.backends.sqlite import client as sqlite

    for module in (pg, sqlite):
        for value in vars(module).values():
            if not isinstance(value, type):
                continue
            for name in _METHODS:
                method = value.__dict__.get(name)
                if method is not None and not getattr(method, "__sql_counted__", False):
                    setattr(value, name, _wrap(method))
    _installed = True


@contextmanager
def counting() -> Iterator[list[int]]:
    """``with counting() as n: ...; n[0]`` is the statements run inside."""
    install()
    cell = [0]
    token = _counters.set((*_counters.get(), cell))
    try:
        yield cell
    finally:
        _counters.reset(token)
