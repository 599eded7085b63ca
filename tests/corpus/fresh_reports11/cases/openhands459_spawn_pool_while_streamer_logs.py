# family: threads
# hazard: none
# line: none
# files: r11kit/evalkit.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/OpenHands/benchmarks/pull/459 -- the merged fix: the executor is built on multiprocessing.get_context("spawn"), so each worker starts a fresh interpreter with its own unlocked log lock while the parent streamer keeps running
import argparse
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed

from r11kit.evalkit import LogStreamer, process_instance, wait_until_streaming


class Evaluation:
    def __init__(self, instances, num_workers):
        self.instances = instances
        self.num_workers = num_workers
        self.streamer = LogStreamer()

    def _make_executor(self):
        return ProcessPoolExecutor(max_workers=self.num_workers,
                                   mp_context=multiprocessing.get_context("spawn"))

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
