"""A local TCP proxy that plays a bad mobile connection in front of the gateway.

Every HTTP/1.1 request passes through unchanged except the first few whose
body contains ``match``; each of those gets the next fault of ``plan``:

- ``drop``: the connection is closed before the request is forwarded (it never
  reaches the server);
- ``cut``: the request is forwarded and processed, but the connection is cut
  before the answer reaches the device (the device cannot tell it was stored).

Run it on its own in front of any server:

    python -m mock_clients.flaky_proxy --server http://127.0.0.1:8000 --port 8100 \\
        --match inspectionRecordsSync --plan drop,cut
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from urllib.parse import urlsplit

HEAD_LIMIT = 64 * 1024


class FlakyProxy:
    def __init__(self, upstream: str, *, match: bytes, plan: list[str]) -> None:
        parts = urlsplit(upstream)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.match, self.plan = match, list(plan)
        self.faults: list[str] = []  # what was done, in order
        self.server: asyncio.Server | None = None
        self.url = ""

    async def __aenter__(self) -> FlakyProxy:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()

    async def _read_request(self, reader: asyncio.StreamReader) -> bytes:
        head = await reader.readuntil(b"\r\n\r\n")
        if len(head) > HEAD_LIMIT:
            raise ValueError("request head too large")
        length = 0
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        return head + (await reader.readexactly(length) if length else b"")

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await self._read_request(reader)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
                ConnectionError):
            writer.close()
            return
        fault = self.plan.pop(0) if self.plan and self.match in request else "pass"
        self.faults.append(fault)
        if fault == "drop":
            writer.transport.abort()  # reset: the request is lost
            return
        up_reader, up_writer = await asyncio.open_connection(self.host, self.port)
        up_writer.write(request)
        await up_writer.drain()
        if fault == "cut":
            await up_reader.read(1)  # the server has answered, so it has done the work
            writer.transport.abort()
            up_writer.close()
            return
        await asyncio.gather(self._pipe(up_reader, writer), self._pipe(reader, up_writer))

    @staticmethod
    async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while chunk := await source.read(65536):
                sink.write(chunk)
                await sink.drain()
        except ConnectionError:
            pass
        finally:
            with contextlib.suppress(ConnectionError, RuntimeError):
                sink.close()


async def _main(args: argparse.Namespace) -> None:
    proxy = FlakyProxy(args.server, match=args.match.encode(), plan=args.plan.split(","))
    proxy.server = await asyncio.start_server(proxy._serve, "127.0.0.1", args.port)
    print(f"flaky proxy on http://127.0.0.1:{args.port} → {args.server}", flush=True)
    async with proxy.server:
        await proxy.server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m mock_clients.flaky_proxy")
    parser.add_argument("--server", default="http://127.0.0.1:8000")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--match", default="inspectionRecordsSync")
    parser.add_argument("--plan", default="drop,cut")
    asyncio.run(_main(parser.parse_args()))
