# family: callable
# hazard: unpicklable-callable
# line: 42
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/DataDog/dd-trace-py/pull/3342 ("AttributeError: Can't pickle local object 'test_tracer_usage_multiprocess.<locals>.target'" on macOS, Python 3.8+): a test defines the Process target inside the test function, so it works under fork and fails wherever the target is pickled.
"""A tracer's spans are written from the parent and from a child process."""
import multiprocessing
import sys


class Tracer:
    def __init__(self, service):
        self.service = service
        self.finished = []

    def trace(self, name):
        span = {"service": self.service, "name": name}
        self.finished.append(span)
        return span


class DummyWriter:
    def __init__(self):
        self.spans = []

    def write(self, spans):
        self.spans.extend(spans)


def test_tracer_usage_multiprocess():
    results = multiprocessing.Queue()
    tracer = Tracer("web")
    tracer.trace("parent.request")

    def target(q):
        child_tracer = Tracer("worker")
        child_tracer.trace("child.job")
        q.put([s["name"] for s in child_tracer.finished])

    workers = []
    for _ in range(2):
        p = multiprocessing.Process(target=target, args=(results,))
        p.start()
        workers.append(p)
    names = [results.get(timeout=10) for _ in workers]
    for p in workers:
        p.join()
    assert names == [["child.job"], ["child.job"]], names
    print("RESULT=%d" % len(names))


if __name__ == "__main__":
    test_tracer_usage_multiprocess()
    sys.exit(0)
