# family: threads
# hazard: fork-while-lock-held
# line: 22 29
# files: r11kit/evalkit.py
# expect: fork=deadlock spawn=ok forkserver=ok
# timeout: 8
# note: https://github.com/OpenHands/benchmarks/pull/459 -- evaluation jobs hung with every worker in futex_wait: the parent runs WebSocket/log-streamer threads and ProcessPoolExecutor forks (the Linux default) while one of them holds a lock, which the forked worker then waits on forever; the PR switches the executor to get_context("spawn")
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed

from r11kit.evalkit import LogStreamer, process_instance, wait_until_streaming


class Evaluation:
    def __init__(self, instances, num_workers):
        self.instances = instances
        self.num_workers = num_workers
        self.streamer = LogStreamer()

    def _make_executor(self):
        return ProcessPoolExecutor(max_workers=self.num_workers)

    def run(self):
        self.streamer.start()
        wait_until_streaming()
        results = {}
        with self._make_executor() as pool:
            futures = [pool.submit(process_instance, i) for i in self.instances]
            for fut in as_completed(futures):
                iid, line = fut.result()
                results[iid] = line
        return results


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--num-workers", type=int, default=2)
    parser.add_argument("--instances", type=int, default=4)
    args = parser.parse_args(argv)
    results = Evaluation(list(range(args.instances)), args.num_workers).run()
    print("RESULT=", len(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
