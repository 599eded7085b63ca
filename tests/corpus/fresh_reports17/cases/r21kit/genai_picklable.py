"""The work-round from googleapis/python-genai #1144: a subclass of APIError that
pickles its state and rebuilds itself without calling __init__ (what commit e3d5712
then put into APIError itself)."""
from __future__ import annotations

from typing import Any

from .genai_errors import APIError


class PicklableAPIError(APIError):
    def __reduce__(self):
        state = self.__dict__.copy()
        return (self._rebuild, (state,))

    @staticmethod
    def _rebuild(state: dict[str, Any]) -> "PicklableAPIError":
        obj = PicklableAPIError.__new__(PicklableAPIError)
        obj.__dict__.update(state)
        Exception.__init__(obj, f"{obj.code} {obj.status}. {obj.details}")
        return obj

    @classmethod
    def wrap(cls, err: APIError) -> "PicklableAPIError":
        return cls(err.code, err.details, response=err.response)
