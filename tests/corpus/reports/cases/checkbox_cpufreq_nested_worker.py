# family: callable
# hazard: unpicklable-callable
# line: 50
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Reduced from https://github.com/canonical/checkbox/issues/2517 (cpufreq_test.py: CpuFreqTest.spawn_core_test defines a nested worker function and starts one multiprocessing.Process per CPU core with it as target; on Python 3.14 (forkserver default) it fails with "Can't pickle local object <function CpuFreqTest.spawn_core_test.<locals>..."). Kept: the class, self attributes, per-core loop, result queue, execute_test -> spawn_core_test call chain; the cpu load is a short arithmetic loop and sysfs reads are replaced by a dict.
"""Stress each CPU core and record the frequency it reached (reduced cpufreq test)."""
import multiprocessing
import os
import sys


class CpuFreqTest:
    """Drive one load process per core and collect scaling results."""

    def __init__(self, cores=2):
        self.cpu_count = cores
        self.startup_time = 0.01
        self.freq_table = {core: 1000 + 200 * core for core in range(cores)}
        self.result = {}
        self.workers = []

    def _read_max_freq(self, core):
        return self.freq_table[core]

    def execute_test(self):
        print("## Scaling test: %d cores ##" % self.cpu_count)
        self.spawn_core_test()
        ok = all(v > 0 for v in self.result.values())
        print("RESULT=%s" % sorted(self.result.items()))
        return 0 if ok else 1

    def spawn_core_test(self):
        """Spawn a load process for every core and wait for them."""
        result_queue = multiprocessing.Queue()
        max_freq = dict(self.freq_table)

        def run_worker(core, queue):
            # pin to the core and burn cycles, then report the frequency
            if hasattr(os, "sched_setaffinity"):
                try:
                    os.sched_setaffinity(0, {core % (os.cpu_count() or 1)})
                except OSError:
                    pass
            acc = 0
            for n in range(20000):
                acc += n * n
            queue.put((core, max_freq[core], acc > 0))

        for core in range(self.cpu_count):
            worker = multiprocessing.Process(target=run_worker, args=(core, result_queue))
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
