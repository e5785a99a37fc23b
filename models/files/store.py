"""Content-addressed file store: local directory by default, bytes named by sha256."""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.errors import Refusal
from models.files import sniff
from models.files.tables import StoredFile

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# A virus scanner plugs in here: it returns a reason when the content must be
# refused. The default accepts everything.
Scanner = Callable[[bytes], str | None]


@dataclass(frozen=True)
class Stored:
    sha256: str
    size: int
    content_type: str


class FileStore:
    def __init__(self, root: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 scanner: Scanner | None = None) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.scanner = scanner

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def check(self, data: bytes, *, declared_type: str | None, allowed: frozenset[str],
              field: str = "file") -> str:
        """The real content type, or a Refusal saying what is wrong."""
        if not data:
            raise Refusal("FILE_EMPTY", "文件为空", field=field)
        if len(data) > self.max_bytes:
            raise Refusal("FILE_TOO_LARGE",
                          f"文件超过 {self.max_bytes // (1024 * 1024)} MB 上限", field=field)
        content_type = sniff.sniff(data)
        if content_type is None or not sniff.matches(content_type, allowed):
            names = "、".join(sorted(allowed))
            raise Refusal("FILE_TYPE_NOT_ALLOWED", f"文件类型不被接受，允许：{names}", field=field)
        if declared_type and declared_type.split(";")[0].strip() not in (
                content_type, "application/octet-stream") and not (
                content_type == sniff.TEXT and declared_type.startswith("text/")):
            raise Refusal("FILE_TYPE_MISMATCH", "文件内容与声明的类型不符", field=field)
        if sniff.is_truncated(data, content_type):
            raise Refusal("FILE_TRUNCATED", "文件不完整（可能上传中断），请重新上传", field=field)
        if self.scanner is not None:
            reason = self.scanner(data)
            if reason:
                raise Refusal("FILE_INFECTED", f"文件未通过安全检查：{reason}", field=field)
        return content_type

    async def put(self, data: bytes, *, declared_type: str | None = None,
                  allowed: frozenset[str] = sniff.DOCUMENTS, field: str = "file") -> Stored:
        """Store once per content. The bytes are written to a temporary file and
        renamed into place, so a crash never leaves a half-written file under a hash."""
        content_type = self.check(data, declared_type=declared_type, allowed=allowed,
                                  field=field)
        digest = hashlib.sha256(data).hexdigest()
        path = self.path_for(digest)
        if not path.exists():
            await asyncio.to_thread(_write_atomically, path, data)
        await StoredFile.get_or_create(sha256=digest, defaults={
            "size": len(data), "content_type": content_type})
        return Stored(digest, len(data), content_type)

    async def read(self, sha256: str) -> bytes | None:
        path = self.path_for(sha256)
        if len(sha256) != 64 or not path.is_file():
            return None
        return await asyncio.to_thread(path.read_bytes)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
