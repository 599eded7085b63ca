# family: calls
# hazard: unpicklable-callable
# line: 34
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: A task runner looks its steps up with getattr(self, "step_" + name) and uses the bound method as the Process target; the runner holds a threading.Lock for its progress counter, so spawn/forkserver cannot pickle it. Modelled on https://github.com/gpustack/gpustack/pull/5232 (Process(target=worker.start) pickled a Worker whose member held a lock).
"""Run named build steps, each in its own process.

Usage: calls_getattr_target_lock.py [STEP ...]
"""
import argparse
import multiprocessing
import threading


class BuildRunner:
    def __init__(self, project):
        self.project = project
        self._progress_lock = threading.Lock()
        self.completed = 0

    def step_lint(self, out):
        out.put(f"{self.project}: lint ok")

    def step_test(self, out):
        out.put(f"{self.project}: 12 tests passed")

    def step_package(self, out):
        out.put(f"{self.project}: wheel built")

    def run(self, names, out):
        procs = []
        for name in names:
            target = getattr(self, "step_" + name)
            proc = multiprocessing.Process(target=target, args=(out,), name=name)
            proc.start()
            procs.append(proc)
        for proc in procs:
            proc.join()
            with self._progress_lock:
                self.completed += 1
        return procs


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("steps", nargs="*", default=["lint", "test", "package"])
    args = parser.parse_args(argv)
    out = multiprocessing.Queue()
    runner = BuildRunner("demo")
    runner.run(args.steps, out)
    print(sorted(out.get(timeout=10) for _ in args.steps))


if __name__ == "__main__":
    main()
