# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: redis-py #1029 (https://github.com/redis/redis-py/issues/1029): "When defined inside the run() method, it works fine"; the Worker keeps host and port and creates redis.Redis in run(), in the child.
import multiprocessing

import redis


class Worker(multiprocessing.Process):
    _db = None

    def __init__(self, host, port, results):
        super().__init__()
        self.host, self.port = host, port
        self.results = results

    def run(self):
        self._db = redis.Redis(host=self.host, port=self.port, db=0)
        kwargs = self._db.connection_pool.connection_kwargs
        self.results.put(f"{kwargs['host']}:{kwargs['port']}")


if __name__ == "__main__":
    results = multiprocessing.Queue()
    worker = Worker("1.2.3.4", 1234, results)
    worker.start()
    print("RESULT=" + results.get(timeout=10))
    worker.join()
