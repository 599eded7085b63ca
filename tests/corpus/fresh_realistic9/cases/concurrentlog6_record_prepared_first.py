# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/wandaoe/concurrent_log/issues/6 -- the near miss: the handler prepares each record the way logging.handlers.QueueHandler.prepare does (message merged, args and exc_info cleared) before putting it on the writer's queue, so the session with its lock never reaches the feeder thread
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

    def prepare(self, record):
        record = logging.makeLogRecord(record.__dict__)
        record.msg = record.getMessage()
        record.args = None
        record.exc_info = None
        return record

    def emit(self, record):
        self.queue.put(self.prepare(record))


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
