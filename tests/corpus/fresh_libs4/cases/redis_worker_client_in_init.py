# family: callable
# hazard: unpicklable-callable
# line: 27
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: redis-py #1029 (https://github.com/redis/redis-py/issues/1029): a Worker(Process) creates its redis.Redis in __init__; starting it pickles the Process object with the client (a threading lock) under spawn and forkserver, while fork copies it.
import multiprocessing

import redis


class Worker(multiprocessing.Process):
    _db = None

    def __init__(self, host, port, results):
        super().__init__()
        self._db = redis.Redis(host=host, port=port, db=0)
        self.results = results

    def run(self):
        kwargs = self._db.connection_pool.connection_kwargs
        self.results.put(f"{kwargs['host']}:{kwargs['port']}")


if __name__ == "__main__":
    results = multiprocessing.Queue()
    worker = Worker("1.2.3.4", 1234, results)
    worker.start()
    print("RESULT=" + results.get(timeout=10))
    worker.join()
