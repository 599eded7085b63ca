# family: callable
# hazard: unpicklable-callable
# line: 28 l8kit/futures_session.py:31
# files: l8kit/futures_session.py l8kit/offline.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/ross/requests-futures/pull/31 -- FuturesSession gained ProcessPoolExecutor support by sending partial(Session.request, self) to the pool, and the PR warns that a background_callback "MUST be a top-level (or otherwise importable) object"; this program fetches a paginated API with a FuturesSession on a process pool and parses each page in a lambda background_callback
"""Fetch every page of an inventory API in parallel worker processes."""
import json
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed

from l8kit.futures_session import FuturesSession
from l8kit.offline import OfflineAdapter

API = "https://inventory.example.test/api/v2/items"


class InventoryClient:
    def __init__(self, session, page_size=50):
        self.session = session
        self.page_size = page_size

    def page_urls(self, pages):
        return ["%s?page=%d&per_page=%d" % (API, n, self.page_size) for n in range(1, pages + 1)]

    def fetch_all(self, pages):
        futures = [
            self.session.get(url, background_callback=lambda sess, resp: resp.headers.update(
                {"X-Item-Count": str(len(json.loads(resp.content)))}))
            for url in self.page_urls(pages)
        ]
        return [f.result() for f in as_completed(futures)]


def main():
    session = FuturesSession(executor=ProcessPoolExecutor(max_workers=2))
    session.mount("https://", OfflineAdapter())
    try:
        responses = InventoryClient(session).fetch_all(pages=4)
    finally:
        session.close()
    counted = sum(1 for r in responses if "X-Item-Count" in r.headers)
    print("RESULT=%d" % counted)
    return 0 if counted == 4 else 3


if __name__ == "__main__":
    sys.exit(main())
