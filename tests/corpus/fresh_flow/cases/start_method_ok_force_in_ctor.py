# family: start_method
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the fix of https://github.com/Breakend/experiment-impact-tracker/pull/70: the constructor that runs once per tracker passes force=True, so the second tracker does not raise; the monitor only gets plain arguments, so the forced method changes nothing else.
"""Track two experiment phases, each with a monitor process."""
import multiprocessing
import sys


def monitor(samples, out):
    out.put(sum(0.5 + 0.01 * i for i in range(samples)))


class ImpactTracker:
    def __init__(self, logdir, method="spawn"):
        multiprocessing.set_start_method(method, force=True)
        self.logdir = logdir
        self.queue = multiprocessing.Queue()
        self.proc = multiprocessing.Process(target=monitor, args=(5, self.queue))

    def __enter__(self):
        self.proc.start()
        return self

    def __exit__(self, *exc):
        self.energy = self.queue.get()
        self.proc.join()
        return False


def main():
    total = 0.0
    for phase in ("train", "eval"):
        with ImpactTracker("logs/" + phase) as tracker:
            sum(i * i for i in range(10000))
        total += tracker.energy
    print("RESULT=%.2f" % total)
    return 0 if abs(total - 2 * sum(0.5 + 0.01 * i for i in range(5))) < 1e-9 else 3


if __name__ == "__main__":
    sys.exit(main())
