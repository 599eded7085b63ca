# family: tqdm
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: tqdm's thread_map (a ThreadPoolExecutor) at module level with a closure and a lambda that share a requests-style session object with a lock: nothing crosses a process boundary, so neither pickling nor the main guard matters. tqdm docs for tqdm.contrib.concurrent (https://tqdm.github.io/docs/contrib.concurrent/: thread_map is "Equivalent of list(map(fn, *iterables)) driven by concurrent.futures.ThreadPoolExecutor").
"""Check a list of URLs (simulated) with a thread pool and a progress bar."""
import threading
import time

from tqdm.contrib.concurrent import thread_map


class FakeSession:
    def __init__(self):
        self.lock = threading.Lock()
        self.calls = 0

    def head(self, url):
        with self.lock:
            self.calls += 1
        time.sleep(0.01)
        return 404 if url.endswith("/missing") else 200


session = FakeSession()
URLS = [f"https://example.invalid/{p}" for p in ("", "docs", "blog", "missing", "about", "docs/missing")]


def checker(session, retries=1):
    def check(url):
        for _ in range(retries + 1):
            status = session.head(url)
            if status == 200:
                break
        return url, status

    return check


statuses = thread_map(checker(session), URLS, max_workers=4, disable=True)
broken = list(filter(lambda pair: pair[1] != 200, statuses))
for url, status in broken:
    print(f"BROKEN {status} {url}")
print(f"{session.calls} requests made")
print("RESULT=" + str(len(broken)))
