"""Fetch pages of a (simulated) feed; failures raise the package's errors from deep inside."""
from fvkit.errors import HTTPError, PicklableFetchError

STATUS = {"q=cats": 200, "q=dogs": 503, "q=owls": 200}


def _request(url, strict):
    status = STATUS.get(url.split("?", 1)[-1], 404)
    if status != 200:
        if strict:
            raise HTTPError(url, 3, status)
        raise PicklableFetchError(url, 3, status)
    return f"<feed {url}>"


def _page(url, strict):
    return _request(url, strict)


def fetch_page(url, strict=True):
    """Entry point used by pool tasks."""
    return len(_page(url, strict))
