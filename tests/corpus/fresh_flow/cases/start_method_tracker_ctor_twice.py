# family: start_method
# hazard: set-start-method-twice
# line: 27
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: Modelled on https://github.com/Breakend/experiment-impact-tracker/pull/70 (the compute tracker calls set_start_method when it launches its monitor, and a second tracker in the same program raises 'context has already been set'; fixed with force=True). Two trackers, one per experiment phase.
"""Track energy use of two experiment phases with a monitor process each."""
import multiprocessing
import sys
import time


def monitor(interval, samples, out):
    readings = []
    for i in range(samples):
        readings.append(0.5 + 0.01 * i)
        time.sleep(interval)
    out.put(sum(readings))


class ImpactTracker:
    def __init__(self, logdir):
        self.logdir = logdir
        self.queue = None
        self.proc = None

    def launch_impact_monitor(self):
        multiprocessing.set_start_method("fork")
        self.queue = multiprocessing.Queue()
        self.proc = multiprocessing.Process(target=monitor, args=(0.01, 5, self.queue))
        self.proc.start()

    def stop(self):
        energy = self.queue.get()
        self.proc.join()
        return energy


def run_phase(name):
    tracker = ImpactTracker("logs/" + name)
    tracker.launch_impact_monitor()
    work = sum(i * i for i in range(10000))
    return work, tracker.stop()


def main():
    total = 0.0
    for phase in ("train", "eval"):
        _, energy = run_phase(phase)
        total += energy
    print("RESULT=%.2f" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
