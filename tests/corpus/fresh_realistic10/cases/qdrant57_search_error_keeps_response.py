# family: exceptions
# hazard: unpicklable-exception
# line: 41 55
# files: s18kit/searchclient.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/qdrant/vector-db-benchmark/issues/57 -- "multiprocessing.pool.MaybeEncodingError: Error sending result: '<multiprocessing.pool.ExceptionWithTraceback object at 0x...>'. Reason: 'TypeError("cannot pickle '_thread.RLock' object")'" from `pool.imap_unordered(search_one, iterable=tqdm.tqdm(queries))` in engine/base_client/search.py: a search that the server rejects raises the client's error, which keeps the HTTP response (and through it the pooled connection with its lock), and the worker cannot send that exception back
"""Search benchmark: run the query set against a collection in parallel and report latency."""
import multiprocessing
import sys
import time
from dataclasses import dataclass, field

from s18kit.searchclient import SearchClient


class UnexpectedResponse(Exception):
    def __init__(self, response):
        super().__init__("Unexpected Response: %d %s" % (response.status, response.body))
        self.response = response

    @property
    def status(self):
        return self.response.status


class BaseSearcher:
    client = None
    search_params = {}

    @classmethod
    def init_client(cls, host, collection, search_params):
        cls.client = SearchClient(host, collection).connect()
        cls.search_params = search_params

    @classmethod
    def search_one(cls, query):
        query_id, vector = query
        start = time.perf_counter()
        response = cls.client.search(query_id, vector, **cls.search_params)
        if not response.ok:
            raise UnexpectedResponse(response)
        return query_id, len(response.body["result"]), time.perf_counter() - start


@dataclass
class SearchStats:
    ok: int = 0
    failed: list = field(default_factory=list)


def search_all(host, collection, queries, parallel=2, top=3):
    stats = SearchStats()
    with multiprocessing.Pool(parallel, initializer=BaseSearcher.init_client,
                              initargs=(host, collection, {"top": top})) as pool:
        results = pool.imap_unordered(BaseSearcher.search_one, queries)
        while True:
            try:
                query_id, n, _latency = next(results)
            except StopIteration:
                break
            except UnexpectedResponse as exc:
                stats.failed.append(exc.status)
                continue
            stats.ok += n
    return stats


def main():
    queries = [(i, [i * 0.1, 1 - i * 0.1]) for i in range(12)]
    stats = search_all("localhost:6333", "bench", queries)
    print("failed:", sorted(stats.failed))
    print("RESULT=%d/%d" % (stats.ok, len(stats.failed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
