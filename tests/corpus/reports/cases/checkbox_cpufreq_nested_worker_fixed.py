# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Fixed near miss of https://github.com/canonical/checkbox/issues/2517 (cpufreq_test.py: the per-core worker that was nested in CpuFreqTest.spawn_core_test is moved to module level and the frequency table it closed over is passed as an argument, which is how such Python 3.14 "Can't pickle local object" reports are resolved). Same class, self attributes and call chain as the buggy case.
"""Stress each CPU core and record the frequency it reached (reduced cpufreq test, fixed)."""
import multiprocessing
import os
import sys


def run_worker(core, max_freq, queue):
    """Pin to the core, burn cycles, report the frequency reached."""
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {core % (os.cpu_count() or 1)})
        except OSError:
            pass
    acc = 0
    for n in range(20000):
        acc += n * n
    queue.put((core, max_freq, acc > 0))


class CpuFreqTest:
    """Drive one load process per core and collect scaling results."""

    def __init__(self, cores=2):
        self.cpu_count = cores
        self.startup_time = 0.01
        self.freq_table = {core: 1000 + 200 * core for core in range(cores)}
        self.result = {}
        self.workers = []

    def execute_test(self):
        print("## Scaling test: %d cores ##" % self.cpu_count)
        self.spawn_core_test()
        ok = all(v > 0 for v in self.result.values())
        print("RESULT=%s" % sorted(self.result.items()))
        return 0 if ok else 1

    def spawn_core_test(self):
        """Spawn a load process for every core and wait for them."""
        result_queue = multiprocessing.Queue()
        for core in range(self.cpu_count):
            worker = multiprocessing.Process(
                target=run_worker, args=(core, self.freq_table[core], result_queue))
            worker.start()
            self.workers.append(worker)

        for _ in range(self.cpu_count):
            core, freq, busy = result_queue.get(timeout=10)
            self.result[core] = freq if busy else 0
        for worker in self.workers:
            worker.join()


def main():
    cpu_freq_test = CpuFreqTest()
    return cpu_freq_test.execute_test()


if __name__ == "__main__":
    sys.exit(main())
