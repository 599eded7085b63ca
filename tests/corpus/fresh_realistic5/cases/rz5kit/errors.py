"""Exceptions raised by the crawler programs."""


class FetchError(Exception):
    def __init__(self, url, status):
        super().__init__(f"{url} returned {status}")
        self.url = url
        self.status = status


class FetchFailed(Exception):
    def __init__(self, url, status):
        super().__init__(url, status)
        self.url = url
        self.status = status

    def __str__(self):
        return f"{self.url} returned {self.status}"
