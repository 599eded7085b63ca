# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix of https://github.com/DataDog/dd-trace-py/pull/3342 ("use non-local task functions in multiprocessing tests"): the child's task is a module-level function, so the Process pickles it by name under spawn and forkserver.
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


def _child_job(q):
    child_tracer = Tracer("worker")
    child_tracer.trace("child.job")
    q.put([s["name"] for s in child_tracer.finished])


def test_tracer_usage_multiprocess():
    results = multiprocessing.Queue()
    tracer = Tracer("web")
    tracer.trace("parent.request")

    workers = []
    for _ in range(2):
        p = multiprocessing.Process(target=_child_job, args=(results,))
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
