# family: guard
# hazard: none
# line: none
# files: l8kit/offline.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/nikhilkumarsingh/async-http-requests-tut/pull/3 -- the PR: the script's work moves into main() called under if __name__ == "__main__", so spawned workers import the module without starting another Pool (the session, which pickles, still goes to the workers)
"""Time 24 HTTP requests made from a multiprocessing pool."""
import time
from multiprocessing import Pool

import requests

from l8kit.offline import OfflineAdapter

URL = "https://httpbin.example.test/uuid"


def fetch(session, url):
    with session.get(url) as response:
        return response.json()["uuid"]


def main():
    start = time.perf_counter()
    with requests.Session() as session:
        session.mount("https://", OfflineAdapter())
        with Pool(2) as pool:
            uuids = pool.starmap(fetch, [(session, URL) for _ in range(24)])
    print("fetched %d uuids in %.2fs" % (len(uuids), time.perf_counter() - start))
    print("RESULT=%d" % len(uuids))


if __name__ == "__main__":
    main()
