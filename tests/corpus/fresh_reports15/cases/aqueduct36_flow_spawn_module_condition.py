# family: start_method
# hazard: none
# line: none
# files: r15kit/flow_step_fixed.py r15kit/handlers.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/avito-tech/aqueduct/pull/36 -- the fix in the same PR: the default handle_condition becomes a module-level function, so a step pickles by reference and the flow works with the spawn start method it now allows
import argparse
import multiprocessing
import sys

from r15kit.flow_step_fixed import FlowStep
from r15kit.handlers import AreaHandler, ResizeHandler, Task


def _worker_loop(step, in_queue, out_queue):
    step.handler.on_start()
    while True:
        task = in_queue.get()
        if task is None:
            out_queue.put(None)
            break
        if step.handle_condition(task):
            step.handler.handle(task)
        out_queue.put(task)


class Flow:
    def __init__(self, *steps, mp_start_method="spawn"):
        self._steps = steps
        self._mp_start_method = mp_start_method
        self._ctx = None
        self._queues = []
        self._procs = []

    def start(self):
        # CUDA runtime does not support fork, so the flow starts its workers with spawn
        self._ctx = multiprocessing.get_context(self._mp_start_method)
        self._queues = [self._ctx.Queue() for _ in range(len(self._steps) + 1)]
        for i, step in enumerate(self._steps):
            proc = self._ctx.Process(target=_worker_loop, args=(step, self._queues[i], self._queues[i + 1]))
            proc.daemon = True
            proc.start()
            self._procs.append(proc)

    def process(self, tasks):
        for task in tasks:
            self._queues[0].put(task)
        self._queues[0].put(None)
        done = []
        while True:
            task = self._queues[-1].get()
            if task is None:
                break
            done.append(task)
        for proc in self._procs:
            proc.join()
        return done


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--factor", type=float, default=0.5)
    args = parser.parse_args(argv)
    flow = Flow(FlowStep(ResizeHandler(args.factor)), FlowStep(AreaHandler()))
    flow.start()
    tasks = flow.process([Task(i, 10 * (i + 1), 20) for i in range(4)])
    total = sum(t.result for t in tasks)
    print(f"RESULT={total}")
    return 0 if total == 500 else 3


if __name__ == "__main__":
    sys.exit(main())
