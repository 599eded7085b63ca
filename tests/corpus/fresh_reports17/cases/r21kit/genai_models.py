"""A generate_content call shaped like google-genai's Models.generate_content,
answered by a local stand-in of the API so that no network is needed."""
from __future__ import annotations

import io
from dataclasses import dataclass

from .genai_errors import APIError


@dataclass
class Part:
    mime_type: str
    data: bytes


def _fake_api(parts: list[Part]) -> tuple[int, dict]:
    for part in parts:
        if part.mime_type == "application/pdf" and not part.data:
            return 400, {"error": {"code": 400, "message": "The document has no pages.",
                                   "status": "INVALID_ARGUMENT"}}
    words = sum(len(p.data.split()) for p in parts)
    return 200, {"text": f"summary of {words} words"}


class Models:
    def __init__(self, model: str) -> None:
        self.model = model

    def generate_content(self, contents: list[Part]) -> str:
        status, body = _fake_api(contents)
        APIError.raise_for_response(status, body)
        return body["text"]


def attachment_from_buffer(buffer: io.BytesIO) -> Part:
    # the reporter's buffer had been seek()'d to its end: read() returns b""
    return Part("application/pdf", buffer.read())
