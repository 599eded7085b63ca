# family: flow
# hazard: none
# line: none
# files: rz8kit/solvers.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/revoltek/losoto/pull/173 -- the hazard-free variant: the worker acknowledges every input in a finally block and reports a failure through the output queue, so inQueue.join() in wait() returns and the manager raises the recorded error in the parent; here as a unittest suite like the library's own tests
import multiprocessing
import unittest

from rz8kit.solvers import fit_phase


class multiprocManager:
    class multiThread(multiprocessing.Process):
        def __init__(self, inQueue, outQueue, funct):
            multiprocessing.Process.__init__(self)
            self.inQueue = inQueue
            self.outQueue = outQueue
            self.funct = funct

        def run(self):
            while True:
                parms = self.inQueue.get()
                try:
                    if parms is None:
                        break
                    self.outQueue.put(("ok", self.funct(*parms)))
                except Exception as error:
                    self.outQueue.put(("error", repr(error)))
                finally:
                    self.inQueue.task_done()

    def __init__(self, procs, funct):
        self.inQueue = multiprocessing.JoinableQueue()
        self.outQueue = multiprocessing.Queue()
        self.procs = procs
        self.pending = 0
        self._threads = [self.multiThread(self.inQueue, self.outQueue, funct) for _ in range(procs)]
        for thread in self._threads:
            thread.start()

    def put(self, args):
        self.pending += 1
        self.inQueue.put(args)

    def wait(self):
        results = [self.outQueue.get(timeout=10) for _ in range(self.pending)]
        for _ in range(self.procs):
            self.inQueue.put(None)
        self.inQueue.join()
        for thread in self._threads:
            thread.join()
        errors = [detail for status, detail in results if status == "error"]
        if errors:
            raise RuntimeError("; ".join(errors))
        return [detail for status, detail in results]


class ManagerTest(unittest.TestCase):
    def test_all_directions_fit(self):
        mpm = multiprocManager(2, fit_phase)
        for name, values in {"CasA": [0.1, 0.3], "TauA": [0.9, 1.1]}.items():
            mpm.put([name, values, 2])
        self.assertEqual(sorted(d for d, _, _ in mpm.wait()), ["CasA", "TauA"])

    def test_short_direction_is_reported(self):
        mpm = multiprocManager(2, fit_phase)
        mpm.put(["CygA", [0.5], 2])
        mpm.put(["CasA", [0.1, 0.3], 2])
        with self.assertRaises(RuntimeError):
            mpm.wait()


if __name__ == "__main__":
    unittest.main()
