# family: callable
# hazard: unpicklable-target
# line: 43
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/getlogbook/logbook/issues/117 -- test_subscriber_group / test_multi_processing_handler raise "PicklingError: Can't pickle <function send_back ...>" on Windows: the test defines send_back inside the test function and starts Process(target=send_back, args=(queue,)), which spawn must pickle
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


class MultiProcessingHandlerTest(unittest.TestCase):
    def test_subscriber_group(self):
        queue = multiprocessing.Queue()

        def send_back(q, name):
            log = logging.getLogger(name)
            log.propagate = False
            log.addHandler(QueueHandler(q))
            log.warning("hello from %s", name)

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
