"""A picklable HTTPStatusError, as proposed in encode/httpx PR #3207 (and #3108).

httpx.HTTPStatusError takes `request` and `response` as required keyword-only arguments; BaseException's
reduce only replays the positional args, so unpickling calls HTTPStatusError(message) and fails. This
subclass replays them through `__reduce__`.
"""
import httpx


def _rebuild(cls, message, request, response):
    return cls(message, request=request, response=response)


class UpstreamStatusError(httpx.HTTPStatusError):
    def __reduce__(self):
        return _rebuild, (type(self), str(self), self.request, self.response)

    @classmethod
    def wrap(cls, exc: httpx.HTTPStatusError) -> "UpstreamStatusError":
        return cls(str(exc), request=exc.request, response=exc.response)
