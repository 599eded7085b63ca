# family: callable
# hazard: unpicklable-callable
# line: 24
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: github.com/multiprocessing-generator/multiprocessing_generator/issues/9 -- ParallelGenerator.__init__ defines a nested `wrapped` producer and __enter__ starts a Process with it ("Can't pickle local object 'ParallelGenerator.__init__.<locals>.wrapped'" on Windows).
import multiprocessing
import queue as queue_module


class ParallelGenerator:
    def __init__(self, orig_gen, max_lookahead=16, get_timeout=10):
        self.queue = multiprocessing.Queue(max_lookahead)
        self.get_timeout = get_timeout

        def wrapped():
            for item in orig_gen:
                self.queue.put(item)
            self.queue.put(StopIteration)

        self.wrapped = wrapped
        self.process = None

    def __enter__(self):
        self.process = multiprocessing.Process(target=self.wrapped)
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
            if item is StopIteration:
                return
            yield item


if __name__ == "__main__":
    with ParallelGenerator(x * x for x in range(5)) as gen:
        values = list(gen)
    print("RESULT=%s" % values)
