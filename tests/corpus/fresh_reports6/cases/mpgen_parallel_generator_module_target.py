# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/multiprocessing-generator/multiprocessing_generator/issues/9 -- the portable variant: the producer is a module-level function and the items are materialised into a list before they are handed to the Process.
import multiprocessing
import queue as queue_module


def produce(items, queue):
    for item in items:
        queue.put(item)
    queue.put(None)


class ParallelGenerator:
    def __init__(self, orig_gen, max_lookahead=16, get_timeout=10):
        self.queue = multiprocessing.Queue(max_lookahead)
        self.get_timeout = get_timeout
        self.items = list(orig_gen)
        self.process = None

    def __enter__(self):
        self.process = multiprocessing.Process(target=produce, args=(self.items, self.queue))
        self.process.start()
        return self

    def __exit__(self, *exc):
        if self.process is not None:
            self.process.join(5)
        return False

    def __iter__(self):
        while True:
            try:
                item = self.queue.get(timeout=self.get_timeout)
            except queue_module.Empty:
                return
            if item is None:
                return
            yield item


if __name__ == "__main__":
    with ParallelGenerator(x * x for x in range(5)) as gen:
        values = list(gen)
    print("RESULT=%s" % values)
