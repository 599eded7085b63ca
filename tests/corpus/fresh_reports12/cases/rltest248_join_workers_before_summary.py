# family: flow
# hazard: join-before-drain
# line: 35
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# timeout: 8
# note: https://github.com/RedisLabsModules/RLTest/pull/248 -- "Fix parallel-coordinator hang when summary pipe saturates": the parallel workers put their test summaries on a multiprocessing Queue and the coordinator joined every worker before reading it, so once the summaries outgrew the pipe buffer the workers never exited; reduced to the coordinator's execute()
import multiprocessing
import sys


def run_jobs(worker_id, tests, summary):
    failures = []
    for name in tests:
        # a failing test's summary carries its whole captured output
        failures.append((name, f"{name} failed on worker {worker_id}\n" + "x" * 20000))
    summary.put({"worker": worker_id, "done": len(tests), "failures": failures})


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
        for p in processes:
            p.join()
        collected = [summary.get() for _ in processes]
        return collected


def main():
    tests = [f"test_module_{i}" for i in range(16)]
    collected = ParallelCoordinator(tests).execute()
    done = sum(item["done"] for item in collected)
    failures = sum(len(item["failures"]) for item in collected)
    print(f"RESULT=done:{done} failures:{failures}")
    return 0 if done == len(tests) else 3


if __name__ == "__main__":
    sys.exit(main())
