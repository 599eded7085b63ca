"""Errors raised by the fetchers (the shape of arxiv.ArxivError / HTTPError)."""


class FetchError(Exception):
    """Base error: records the URL and the retry count."""

    def __init__(self, url, retry, message):
        self.url = url
        self.retry = retry
        self.message = message
        super().__init__(self.message)


class HTTPError(FetchError):
    def __init__(self, url, retry, status):
        self.status = status
        super().__init__(url, retry, f"Page request resulted in HTTP {status}")


class PicklableFetchError(Exception):
    """Passes every constructor argument to Exception, so pickle can rebuild it."""

    def __init__(self, url, retry, status):
        super().__init__(url, retry, status)
        self.url = url
        self.retry = retry
        self.status = status

    def __str__(self):
        return f"HTTP {self.status} for {self.url} after {self.retry} tries"
