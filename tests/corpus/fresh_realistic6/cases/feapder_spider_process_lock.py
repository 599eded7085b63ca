# family: callable
# hazard: unpicklable-callable
# line: 65
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# timeout: 20
# note: https://github.com/Boris-code/feapder/issues/148 -- switching a crawler from AirSpider to Spider fails with cannot pickle '_thread.lock' object: the Spider is started as a separate process while its item buffer keeps a threading lock created in __init__
"""Crawl a small fake site with a Spider that runs in its own process."""
import multiprocessing
import threading
from collections import deque

SITE = {"/": ["/a", "/b"], "/a": ["/c"], "/b": ["/c", "/d"], "/c": [], "/d": []}


class ItemBuffer:
    """Batches parsed items and flushes them to the pipeline under a lock."""

    def __init__(self, flush_size=2):
        self._lock = threading.Lock()
        self._items = []
        self.flush_size = flush_size
        self.flushed = []

    def put_item(self, item):
        with self._lock:
            self._items.append(item)
            if len(self._items) >= self.flush_size:
                self.flushed.extend(self._items)
                self._items.clear()

    def close(self):
        with self._lock:
            self.flushed.extend(self._items)
            self._items.clear()


class Spider(multiprocessing.Process):
    def __init__(self, redis_key, result_q, start_urls=("/",)):
        super().__init__(name=f"Spider-{redis_key}")
        self.redis_key = redis_key
        self.result_q = result_q
        self.start_urls = list(start_urls)
        self._item_buffer = ItemBuffer()

    def parse(self, url):
        for link in SITE.get(url, []):
            yield link

    def run(self):
        seen, todo = set(), deque(self.start_urls)
        while todo:
            url = todo.popleft()
            if url in seen:
                continue
            seen.add(url)
            self._item_buffer.put_item({"url": url})
            todo.extend(self.parse(url))
        self._item_buffer.close()
        self.result_q.put(sorted(item["url"] for item in self._item_buffer.flushed))


def main():
    result_q = multiprocessing.Queue()
    spider = Spider(redis_key="feapder:demo", result_q=result_q)
    spider.start()  # ANCHOR
    urls = result_q.get(timeout=10)
    spider.join()
    print("RESULT=" + ",".join(urls))
    return 0 if urls == ["/", "/a", "/b", "/c", "/d"] else 3


if __name__ == "__main__":
    raise SystemExit(main())
