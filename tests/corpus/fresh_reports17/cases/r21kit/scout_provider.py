"""An LLM-provider SDK error shaped like anthropic/openai APIStatusError: the
response and body are keyword-only, and only the message reaches Exception.args,
so pickle rebuilds it as APIStatusError(message) and fails."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Response:
    status_code: int
    request_id: str


class APIError(Exception):
    def __init__(self, message: str, *, body: object | None) -> None:
        super().__init__(message)
        self.message = message
        self.body = body


class APIStatusError(APIError):
    def __init__(self, message: str, *, response: Response, body: object | None) -> None:
        super().__init__(message, body=body)
        self.response = response
        self.status_code = response.status_code
        self.request_id = response.request_id


class OverloadedError(APIStatusError):
    pass


class FakeModel:
    """Scores a transcript; the provider answers 529 for the transcripts it cannot take."""

    def __init__(self, name: str, overloaded: set[str]) -> None:
        self.name = name
        self.overloaded = overloaded

    def generate(self, transcript_id: str, text: str) -> float:
        if transcript_id in self.overloaded:
            raise OverloadedError("overloaded", response=Response(529, f"req_{transcript_id}"), body=None)
        return round(len(text.split()) / 10.0, 2)
