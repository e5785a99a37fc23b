"""The per-request context: viewer, services and DataLoaders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader

from auth.viewer import ANONYMOUS, Viewer

LoadFn = Callable[[list[Any]], Awaitable[list[Any]]]

# Batch functions registered by each domain's loaders.py under a name.
LOADERS: dict[str, Callable[[Context], LoadFn]] = {}


def loader(name: str) -> Callable[[Callable[[Context], LoadFn]], Callable[[Context], LoadFn]]:
    """Register a batch-function factory: ``ctx.loaders["name"].load(key)``."""

    def register(factory: Callable[[Context], LoadFn]) -> Callable[[Context], LoadFn]:
        LOADERS[name] = factory
        return factory

    return register


class Loaders:
    """DataLoaders created lazily, one per name, for the life of one request."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._made: dict[str, DataLoader] = {}

    def __getitem__(self, name: str) -> DataLoader:
        made = self._made.get(name)
        if made is None:
            made = DataLoader(load_fn=LOADERS[name](self._ctx))
            self._made[name] = made
        return made


@dataclass
class Context:
    settings: Any
    redis: Any
    request_id: str = ""
    viewer: Viewer = ANONYMOUS
    client_ip: str = ""
    request: Any = None
    response_headers: dict[str, str] = field(default_factory=dict)
    services: dict[str, Any] = field(default_factory=dict)
    connection_params: dict[str, Any] | None = None  # WebSocket connection_init payload
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self)
