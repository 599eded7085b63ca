# family: flow
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 8
# note: https://github.com/RedisLabsModules/RLTest/pull/248 -- the fix: _join_workers_with_summary_drain runs a drainer thread that reads the summary queue while the coordinator joins the workers, and stops it with a sentinel once every worker has exited
import multiprocessing
import sys
import threading

_SUMMARY_DRAIN_STOP = "__summary_drain_stop__"


def run_jobs(worker_id, tests, summary):
    failures = []
    for name in tests:
        # a failing test's summary carries its whole captured output
        failures.append((name, f"{name} failed on worker {worker_id}\n" + "x" * 20000))
    summary.put({"worker": worker_id, "done": len(tests), "failures": failures})


def _join_workers_with_summary_drain(processes, summary):
    collected = []

    def _drain():
        while True:
            item = summary.get()
            if item == _SUMMARY_DRAIN_STOP:
                break
            collected.append(item)

    drainer = threading.Thread(target=_drain)
    drainer.start()
    try:
        for p in processes:
            p.join()
    finally:
        summary.put(_SUMMARY_DRAIN_STOP)
        drainer.join()
    return collected


class ParallelCoordinator:
    def __init__(self, tests, parallelism=2):
        self.tests = tests
        self.parallelism = parallelism

    def shards(self):
        return [self.tests[i::self.parallelism] for i in range(self.parallelism)]

    def execute(self):
        summary = multiprocessing.Queue()
        processes = []
        for worker_id, shard in enumerate(self.shards()):
            p = multiprocessing.Process(target=run_jobs, args=(worker_id, shard, summary))
            p.start()
            processes.append(p)
        return _join_workers_with_summary_drain(processes, summary)


def main():
    tests = [f"test_module_{i}" for i in range(16)]
    collected = ParallelCoordinator(tests).execute()
    done = sum(item["done"] for item in collected)
    failures = sum(len(item["failures"]) for item in collected)
    print(f"RESULT=done:{done} failures:{failures}")
    return 0 if done == len(tests) else 3


if __name__ == "__main__":
    sys.exit(main())
