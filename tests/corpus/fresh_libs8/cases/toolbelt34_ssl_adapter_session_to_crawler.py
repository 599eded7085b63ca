# family: args
# hazard: unpicklable-argument
# line: 32 34
# files: l8kit/tls_adapter_2014.py
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# note: https://github.com/requests/toolbelt/issues/34 -- "SSLAdapter crashes if used with multiprocessing": HTTPAdapter.__setstate__ calls init_poolmanager before the subclass's ssl_version exists (it is not in __attrs__), so unpickling a session with the adapter mounted fails with "'SSLAdapter' object has no attribute 'ssl_version'"; this program hands a session with the SSLAdapter mounted to crawler processes
"""Crawl a legacy TLS endpoint from several processes that share one configured session."""
import multiprocessing as mp
import ssl
import sys

import requests

from l8kit.tls_adapter_2014 import SSLAdapter


def make_session():
    session = requests.Session()
    session.mount("https://legacy.example.test", SSLAdapter(ssl.TLSVersion.TLSv1_2))
    session.headers["User-Agent"] = "crawler/0.3"
    return session


def crawl(session, shard, results):
    adapter = session.get_adapter("https://legacy.example.test/feed")
    results.put((shard, adapter.__class__.__name__, str(adapter.ssl_version)))


def main():
    session = make_session()
    results = mp.Queue()
    workers = [mp.Process(target=crawl, args=(session, shard, results)) for shard in range(2)]
    for worker in workers:
        worker.start()
    seen = []
    for _ in workers:
        try:
            seen.append(results.get(timeout=8))
        except Exception:
            break
    for worker in workers:
        worker.join(timeout=5)
    print("RESULT=%d" % len(seen))
    return 0 if len(seen) == len(workers) else 3


if __name__ == "__main__":
    sys.exit(main())
