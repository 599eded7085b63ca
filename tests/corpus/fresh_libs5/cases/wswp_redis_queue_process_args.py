# family: args
# hazard: unpicklable-argument
# line: 29
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/kjam/wswp/issues/12 -- threaded_crawler_with_queue.py: `mp_threaded_crawler` starts one Process per core with a RedisQueue (holding a redis client) in its args; "Can't Pickle _Thread.lock objects" at proc.start() on Windows, fine on Linux with fork.
import multiprocessing

from redis import StrictRedis


class RedisQueue:
    def __init__(self, client=None, db=0, queue_name="wswp"):
        self.client = client or StrictRedis(host="localhost", port=6379, db=db)
        self.name = "queue:%s" % queue_name
        self.seen_set = "seen:%s" % queue_name

    def __len__(self):
        return 0


def threaded_crawler(start_url, queue, max_threads=5):
    print("crawling %s with %d threads on %s" % (start_url, max_threads, queue.name))


def mp_threaded_crawler(start_url, num_procs=2):
    queue = RedisQueue()
    processes = []
    for _ in range(num_procs):
        proc = multiprocessing.Process(target=threaded_crawler, args=(start_url, queue))
        proc.start()
        processes.append(proc)
    for proc in processes:
        proc.join()
    return [proc.exitcode for proc in processes]


if __name__ == "__main__":
    print("RESULT=%s" % mp_threaded_crawler("http://example.webscraping.com"))
