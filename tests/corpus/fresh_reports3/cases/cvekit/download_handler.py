"""Stand-in for cve-search's lib/DownloadHandler.py."""
import multiprocessing
import threading


class DownloadHandler:
    def __init__(self, feed_type):
        self.feed_type = feed_type
        self.queue = multiprocessing.JoinableQueue()
        self.progress_lock = threading.Lock()
        self.done = 0

    def _db_worker(self, collection, results):
        while True:
            item = self.queue.get()
            if item is None:
                self.queue.task_done()
                break
            results.put((collection, item["id"]))
            self.queue.task_done()

    def _process_queue_to_db(self, worker_size, collection):
        results = multiprocessing.Queue()
        workers = []
        for _ in range(worker_size):
            proc = multiprocessing.Process(target=self._db_worker, args=(collection, results))
            proc.start()
            workers.append(proc)
        return workers, results

    def process_downloads(self, docs, collection, worker_size=2):
        workers, results = self._process_queue_to_db(worker_size, collection=collection)
        for doc in docs:
            self.queue.put(doc)
        for _ in workers:
            self.queue.put(None)
        stored = [results.get(timeout=10) for _ in docs]
        for proc in workers:
            proc.join()
        return stored
