"""`fileUpload`: store a file once by content; other mutations refer to its hash."""

from __future__ import annotations

import strawberry
from strawberry.file_uploads import Upload

from auth.permissions import describe, require_authenticated
from models.errors import Refusal
from models.files import sniff
from resolvers.errors import user_error
from schema.files import FileError, FileErrorCode, FilePurpose, FileUploadPayload, StoredFile

ALLOWED = {
    FilePurpose.MATERIAL: sniff.DOCUMENTS,
    FilePurpose.EVIDENCE_PHOTO: sniff.IMAGES,
    FilePurpose.SIGNATURE: frozenset({sniff.PNG}),
    FilePurpose.IMPORT_CSV: frozenset({sniff.CSV}),
}


@strawberry.type
class FileMutation:
    @strawberry.mutation(description=describe(
        "上传一个文件（GraphQL multipart 请求，须带 GraphQL-Require-Preflight 头）。"
        "按内容去重，返回 sha256 供其他操作引用。", "已登录用户"))
    async def file_upload(self, info: strawberry.Info, file: Upload,
                          purpose: FilePurpose) -> FileUploadPayload:
        require_authenticated(info.context.viewer)
        data = await file.read()
        try:
            stored = await info.context.services["files"].put(
                data, declared_type=file.content_type, allowed=ALLOWED[purpose])
        except Refusal as refusal:
            return FileUploadPayload(errors=[user_error(refusal, FileError, FileErrorCode)])
        return FileUploadPayload(file=StoredFile(sha256=stored.sha256, size=stored.size,
                                                 content_type=stored.content_type))
