# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/getlogbook/logbook/issues/117 -- the fix for the Windows test failures: send_back moves to module level, so Process(target=send_back) pickles as a reference and the subscriber test passes under spawn
import logging
import multiprocessing
import sys
import unittest


class QueueHandler(logging.Handler):
    """Reduced MultiProcessingHandler: puts formatted records on a multiprocessing queue."""

    def __init__(self, queue):
        super().__init__()
        self.queue = queue

    def emit(self, record):
        self.queue.put(self.format(record))


class QueueSubscriber:
    def __init__(self, queue):
        self.queue = queue

    def recv(self, timeout=5):
        return self.queue.get(timeout=timeout)


def send_back(q, name):
    log = logging.getLogger(name)
    log.propagate = False
    log.addHandler(QueueHandler(q))
    log.warning("hello from %s", name)


class MultiProcessingHandlerTest(unittest.TestCase):
    def test_subscriber_group(self):
        queue = multiprocessing.Queue()

        procs = [multiprocessing.Process(target=send_back, args=(queue, f"p{i}")) for i in range(2)]
        for p in procs:
            p.start()
        sub = QueueSubscriber(queue)
        got = sorted(sub.recv() for _ in procs)
        for p in procs:
            p.join(5)
        self.assertEqual(got, ["hello from p0", "hello from p1"])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=0).result
    print(f"RESULT={result.wasSuccessful()}")
    sys.exit(0 if result.wasSuccessful() else 1)
