# family: start_method
# hazard: set-start-method-misuse
# line: 27
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: Shape of https://github.com/Breakend/experiment-impact-tracker/pull/70 ("Fix error thrown by multiprocessing set_start_method ... 'context has already been set'"; the PR adds force=True): the tracker sets the start method when it launches its monitor process, after the training script has already chosen one.
import multiprocessing
import os
import sys
import tempfile
import time


def _sample_and_log_power(log_dir, stop):
    with open(os.path.join(log_dir, "impact.log"), "a") as f:
        while not stop.is_set():
            f.write("power 42W\n")
            time.sleep(0.02)


class ImpactTracker(object):
    def __init__(self, logdir):
        self.logdir = logdir
        self.p = None
        self.stop = None

    def launch_impact_monitor(self):
        multiprocessing.set_start_method("fork")
        self.stop = multiprocessing.Event()
        self.p = multiprocessing.Process(target=_sample_and_log_power, args=(self.logdir, self.stop))
        self.p.start()

    def stop_monitor(self):
        self.stop.set()
        self.p.join()


def train(tracker):
    tracker.launch_impact_monitor()
    loss = sum(1.0 / (i + 1) for i in range(1000))
    tracker.stop_monitor()
    return loss


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    tracker = ImpactTracker(tempfile.mkdtemp())
    print("RESULT=%.3f" % train(tracker))
