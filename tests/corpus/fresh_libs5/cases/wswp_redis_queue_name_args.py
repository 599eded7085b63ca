# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/kjam/wswp/issues/12 -- the commenter's fix ("RedisCache() is the only thing that isn't a string or int, so when I removed it everything else was able to pickle"): the crawler processes get the queue name and build their RedisQueue (and its client) themselves.
import multiprocessing

from redis import StrictRedis


class RedisQueue:
    def __init__(self, client=None, db=0, queue_name="wswp"):
        self.client = client or StrictRedis(host="localhost", port=6379, db=db)
        self.name = "queue:%s" % queue_name
        self.seen_set = "seen:%s" % queue_name


def threaded_crawler(start_url, queue_name, max_threads=5):
    queue = RedisQueue(queue_name=queue_name)
    print("crawling %s with %d threads on %s" % (start_url, max_threads, queue.name))


def mp_threaded_crawler(start_url, num_procs=2):
    processes = []
    for _ in range(num_procs):
        proc = multiprocessing.Process(target=threaded_crawler, args=(start_url, "wswp"))
        proc.start()
        processes.append(proc)
    for proc in processes:
        proc.join()
    return [proc.exitcode for proc in processes]


if __name__ == "__main__":
    print("RESULT=%s" % mp_threaded_crawler("http://example.webscraping.com"))
