# family: args
# hazard: unpicklable-queue-item
# line: 39
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/wandaoe/concurrent_log/issues/6 -- "TypeError: can't pickle _thread.RLock objects" raised in multiprocessing/queues.py _feed: the multiprocess-safe log handler puts whole LogRecords on a multiprocessing.Queue for its writer process, and a record whose args hold an object with a lock cannot be pickled by the queue's feeder thread (the record is silently lost)
import logging
import multiprocessing
import threading


class ScraperSession:
    """A crawler's HTTP session: it keeps a lock around its cookie jar."""

    def __init__(self, host):
        self.host = host
        self.cookies = {}
        self._lock = threading.RLock()

    def __repr__(self):
        return f"<ScraperSession {self.host}>"


def writer(queue, path_hint):
    written = []
    while True:
        record = queue.get(timeout=10)
        if record is None:
            break
        written.append(record.getMessage())
    print(f"{path_hint}: {len(written)} records")


class ConcurrentQueueHandler(logging.Handler):
    def __init__(self, queue):
        super().__init__()
        self.queue = queue

    def emit(self, record):
        self.queue.put(record)


def main():
    queue = multiprocessing.Queue()
    proc = multiprocessing.Process(target=writer, args=(queue, "crawl.log"))
    proc.start()
    log = logging.getLogger("crawler")
    log.setLevel(logging.INFO)
    log.addHandler(ConcurrentQueueHandler(queue))
    sessions = [ScraperSession(h) for h in ("a.example", "b.example")]
    for s in sessions:
        log.info("fetched index of %s", s.host)
        log.info("session state %s", s)
    queue.put(None)
    proc.join(timeout=10)


if __name__ == "__main__":
    main()
