"""File uploads: the stored file a later mutation refers to by its hash."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.errors import UserError


@strawberry.enum(description="文件上传的业务错误码")
class FileErrorCode(Enum):
    FILE_EMPTY = "FILE_EMPTY"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    FILE_TYPE_NOT_ALLOWED = "FILE_TYPE_NOT_ALLOWED"
    FILE_TYPE_MISMATCH = "FILE_TYPE_MISMATCH"
    FILE_TRUNCATED = "FILE_TRUNCATED"
    FILE_INFECTED = "FILE_INFECTED"
    INVALID_INPUT = "INVALID_INPUT"


@strawberry.type(description="文件上传错误")
class FileError(UserError):
    code: FileErrorCode


@strawberry.enum(description="上传文件的用途，决定接受哪些类型")
class FilePurpose(Enum):
    MATERIAL = "MATERIAL"  # 申请材料：PDF、PNG、JPEG
    EVIDENCE_PHOTO = "EVIDENCE_PHOTO"  # 证据照片：PNG、JPEG
    SIGNATURE = "SIGNATURE"  # 签名：PNG
    IMPORT_CSV = "IMPORT_CSV"  # 导入文件：CSV（UTF-8）


@strawberry.type(description="已存储的文件（按内容 SHA-256 寻址；相同内容只存一份）")
class StoredFile:
    sha256: str
    size: int
    content_type: str


@strawberry.type
class FileUploadPayload:
    file: StoredFile | None = None
    errors: list[FileError] = strawberry.field(default_factory=list)
