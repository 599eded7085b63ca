# family: globals
# hazard: module-queue-not-shared
# line: 18 19 63 64
# files: r24kit/collatz.py
# timeout: 10
# expect: fork=ok spawn=deadlock forkserver=deadlock
# note: https://github.com/CodeMouse92/DeadSimplePython/issues/6 -- Ch17/collatz_producer_consumer.py hangs on Windows (never completes, has to be stopped with Ctrl-C): in_queue and exit_event are created at module level, so every spawned ProcessPoolExecutor worker re-imports the script and gets its own queue ("each method has a different address for in_queue"); the producer fills a queue no consumer reads and the consumers wait forever on empty ones
import argparse
import itertools
import multiprocessing
import queue
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from r24kit.collatz import Tally, collatz

in_queue = multiprocessing.Queue(100)
exit_event = multiprocessing.Event()


def collatz_consumer(target):
    count = 0
    while True:
        if not in_queue.empty():
            try:
                n = in_queue.get(timeout=1)
            except queue.Empty:
                return count
            if collatz(n) == target:
                count += 1
        elif exit_event.is_set():
            return count
        else:
            time.sleep(0.005)


def range_producer(bound):
    for n in range(2, bound):
        if exit_event.is_set():
            return
        try:
            in_queue.put(n, timeout=1)
        except queue.Full:
            exit_event.set()
            return
    while True:
        time.sleep(0.05)
        if in_queue.empty():
            exit_event.set()
            return


class LengthCounter:
    def __init__(self, target, bound, consumers=2):
        self.target = target
        self.bound = bound
        self.consumers = consumers

    def run(self):
        tally = Tally(self.target)
        with ProcessPoolExecutor(max_workers=self.consumers + 1) as executor:
            executor.submit(range_producer, self.bound)
            results = executor.map(collatz_consumer, itertools.repeat(self.target, self.consumers))
            for count in results:
                tally.add(count)
        return tally.total


def main(argv):
    parser = argparse.ArgumentParser(description="Collatz Sequence Counter")
    parser.add_argument("--target", type=int, default=20)
    parser.add_argument("--bound", type=int, default=2000)
    args = parser.parse_args(argv)
    print(f"Searching in range 1-{args.bound}...")
    count = LengthCounter(args.target, args.bound).run()
    print(f"RESULT={count}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
