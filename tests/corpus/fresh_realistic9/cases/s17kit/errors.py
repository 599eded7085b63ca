"""API client errors, in the shape of a CRM client's error module."""


class ApiError(Exception):
    """Built from the failed call's result and request; the message is derived."""

    def __init__(self, result, request):
        self.result = result
        self.request = request
        super().__init__(f"{request['method']} {request['url']} -> {result['status']}")


class NotFound(ApiError):
    pass


class ReducibleApiError(Exception):
    """Same fields, plus __reduce__ so pickle rebuilds it with both arguments."""

    def __init__(self, result, request):
        self.result = result
        self.request = request
        super().__init__(f"{request['method']} {request['url']} -> {result['status']}")

    def __reduce__(self):
        return (self.__class__, (self.result, self.request))


class ReducibleNotFound(ReducibleApiError):
    pass


def fake_call(method, url, errors):
    request = {"method": method, "url": url}
    status = 404 if url.endswith("/missing") else 200
    if status == 404:
        raise errors(dict(status=status), request)
    return {"status": status, "url": url}
