# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Fixed near miss of https://github.com/facebookresearch/spdl/pull/1590 (the merged fix guards the spawn: if the current process is a daemon, skip the monitor and return cleanly). Same Pipeline/monitor/pool structure as the buggy case; the Process(...) call is still reachable from a pool task but guarded by current_process().daemon.
"""Run nested data pipelines in pool workers, each with a stats monitor."""
import multiprocessing
import os
import sys


def _collect_stats(pgid, queue):
    queue.put({"pgid": pgid, "cpu": 0.0, "rss": 0})


class ProcessGroupStatsMonitor:
    def __init__(self, interval=0.1):
        self.interval = interval
        self._proc = None
        self._queue = None

    def run(self):
        if multiprocessing.current_process().daemon:
            # A daemon cannot spawn the monitor; the main-process monitor covers the group.
            return
        self._queue = multiprocessing.Queue()
        self._proc = multiprocessing.Process(
            target=_collect_stats, args=(os.getpgid(0), self._queue), daemon=True)
        self._proc.start()

    def stop(self):
        if self._proc is None:
            return None
        stats = self._queue.get(timeout=10)
        self._proc.join()
        return stats


class Pipeline:
    def __init__(self, source, stages):
        self.source = source
        self.stages = stages
        self.monitor = ProcessGroupStatsMonitor()

    def build(self):
        self.monitor.run()
        return self

    def run(self):
        out = []
        for item in self.source:
            for stage in self.stages:
                item = stage(item)
            out.append(item)
        self.monitor.stop()
        return out


def double(x):
    return 2 * x


def run_region(chunk):
    """Executed in a pool worker: a nested pipeline over one chunk."""
    return sum(Pipeline(chunk, [double]).build().run())


def main():
    chunks = [list(range(i, i + 3)) for i in range(0, 9, 3)]
    with multiprocessing.Pool(2) as pool:
        totals = pool.map(run_region, chunks)
    print("RESULT=%s" % totals)
    return 0 if totals == [6, 24, 42] else 3


if __name__ == "__main__":
    sys.exit(main())
