"""google-genai-like error classes (google/genai/errors.py before commit e3d5712).

APIError takes (code, response_json, response=None) and passes only a formatted
message to Exception.__init__, so pickle rebuilds it as ClientError(message) --
one positional argument where two are required.
"""
from __future__ import annotations

from typing import Any, Optional


class APIError(Exception):
    code: int
    status: Optional[str] = None
    message: Optional[str] = None

    def __init__(self, code: int, response_json: Any, response: Any = None):
        if isinstance(response_json, list) and len(response_json) == 1:
            response_json = response_json[0]
        self.response = response
        self.details = response_json
        self.message = self._get(response_json, "message")
        self.status = self._get(response_json, "status")
        self.code = code if code else self._get(response_json, "code")
        super().__init__(f"{self.code} {self.status}. {self.details}")

    @staticmethod
    def _get(response_json: Any, key: str) -> Any:
        try:
            return response_json.get(key, response_json.get("error", {}).get(key))
        except AttributeError:
            return None

    @classmethod
    def raise_for_response(cls, status_code: int, body: dict) -> None:
        if status_code == 200:
            return
        error_class = ClientError if 400 <= status_code < 500 else ServerError
        raise error_class(status_code, body, response={"status": status_code})


class ClientError(APIError):
    """4xx errors."""


class ServerError(APIError):
    """5xx errors."""
