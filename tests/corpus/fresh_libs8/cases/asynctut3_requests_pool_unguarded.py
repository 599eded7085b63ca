# family: guard
# hazard: missing-main-guard
# line: 27 28
# files: l8kit/offline.py
# timeout: 10
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: https://github.com/nikhilkumarsingh/async-http-requests-tut/pull/3 -- "Solves freeze_support() error raised on windows": the tutorial's test_multiprocessing.py ran a Pool of requests at module level, so every spawned worker re-ran the script and tried to start its own Pool; this program is that script (the requests go to a local adapter instead of the network)
"""Time 24 HTTP requests made from a multiprocessing pool."""
import time
from multiprocessing import Pool

import requests

from l8kit.offline import OfflineAdapter

URL = "https://httpbin.example.test/uuid"


def fetch(session, url):
    with session.get(url) as response:
        return response.json()["uuid"]


start = time.perf_counter()
with requests.Session() as session:
    session.mount("https://", OfflineAdapter())
    with Pool(2) as pool:
        uuids = pool.starmap(fetch, [(session, URL) for _ in range(24)])
print("fetched %d uuids in %.2fs" % (len(uuids), time.perf_counter() - start))
print("RESULT=%d" % len(uuids))
