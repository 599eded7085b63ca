# family: exceptions
# hazard: none
# line: none
# files: s18kit/searchclient.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/qdrant/vector-db-benchmark/issues/57 -- a working variant: the error the worker raises keeps only the status code and the decoded body (both passed to Exception.__init__), not the response object, so the pool can send it back and the benchmark counts the rejected queries
"""Search benchmark: run the query set against a collection in parallel and report latency."""
import multiprocessing
import sys
import time
from dataclasses import dataclass, field

from s18kit.searchclient import SearchClient


class UnexpectedResponse(Exception):
    def __init__(self, status_code, content):
        super().__init__(status_code, content)
        self.status_code = status_code
        self.content = content

    @property
    def status(self):
        return self.status_code


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
            raise UnexpectedResponse(response.status, response.body)
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
