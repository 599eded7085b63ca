# family: threads
# hazard: fork-while-thread-holds-lock
# line: 32
# files: r27kit/usage.py
# timeout: 14
# expect: fork=deadlock spawn=ok forkserver=ok
# note: https://github.com/Parsl/parsl/issues/2343 -- "Threads and multiprocessing cannot be intermingled without deadlocks": "If one thread in a process holds a lock, while another thread forks a new process, then that new process will start with the lock held, and with nothing to ever unlock it"; here the usage tracker's flush thread holds its lock through a slow send while the executor forks its interchange process, which records an event through the same tracker
"""Start a workflow executor: usage tracking thread first, then the interchange process."""
import argparse
import multiprocessing
import sys

from r27kit import usage


def interchange(worker_ports, ready):
    """Runs in the interchange process: register, then report the ports to the executor."""
    usage.tracker().record("interchange_started")
    ready.put(sorted(worker_ports))


class HighThroughputExecutor:
    def __init__(self, label, worker_ports):
        self.label = label
        self.worker_ports = worker_ports
        self.ready = multiprocessing.Queue()
        self.interchange_proc = None

    def start(self):
        self.interchange_proc = multiprocessing.Process(target=interchange, args=(self.worker_ports, self.ready),
                                                        name=f"{self.label}-interchange")
        self.interchange_proc.start()
        ports = self.ready.get(timeout=60)
        self.interchange_proc.join()
        return ports


def load(config):
    usage.tracker().start()  # the DFK starts tracking before any executor
    executor = HighThroughputExecutor(config["label"], config["worker_ports"])
    return executor.start()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--label", default="htex_local")
    args = parser.parse_args(argv)
    ports = load({"label": args.label, "worker_ports": [54001, 54000]})
    print(f"RESULT=ports={ports[0]}-{ports[1]}")
    return 0 if ports == [54000, 54001] else 3


if __name__ == "__main__":
    sys.exit(main())
