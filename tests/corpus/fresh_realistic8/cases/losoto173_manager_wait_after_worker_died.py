# family: flow
# hazard: queue-join-deadlock
# line: 47
# timeout: 6
# files: rz8kit/solvers.py
# expect: fork=error:ValueError+hang spawn=error:ValueError+hang forkserver=error:ValueError+hang
# note: https://github.com/revoltek/losoto/pull/173 -- multiprocManager's wait() joins the JoinableQueue of inputs; when a worker process dies because the called function raised, its task_done() never comes and inQueue.join() blocks forever; reduced to the manager class with a Process subclass worker and a fitter that rejects a short direction
import multiprocessing
import sys

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
                if parms is None:
                    self.inQueue.task_done()
                    break
                self.outQueue.put(self.funct(*parms))
                self.inQueue.task_done()

    def __init__(self, procs, funct):
        self.inQueue = multiprocessing.JoinableQueue()
        self.outQueue = multiprocessing.Queue()
        self.procs = procs
        self._threads = []
        for _ in range(procs):
            thread = self.multiThread(self.inQueue, self.outQueue, funct)
            self._threads.append(thread)
            thread.start()

    def put(self, args):
        self.inQueue.put(args)

    def wait(self):
        for _ in range(self.procs):
            self.inQueue.put(None)
        self.inQueue.join()
        results = []
        while not self.outQueue.empty():
            results.append(self.outQueue.get())
        return results


def main():
    directions = {"CasA": [0.1, 0.2, 0.4, 0.3], "CygA": [0.5], "TauA": [0.9, 1.1, 1.0]}
    mpm = multiprocManager(2, fit_phase)
    for name, values in directions.items():
        mpm.put([name, values, 2])
    for direction, mean, spread in sorted(mpm.wait()):
        print(direction, mean, spread)
    return 0


if __name__ == "__main__":
    sys.exit(main())
