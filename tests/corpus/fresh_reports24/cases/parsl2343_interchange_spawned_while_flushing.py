# family: threads
# hazard: none
# line: none
# files: r27kit/usage.py
# timeout: 14
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Parsl/parsl/pull/3816 (part of issue #3723, for issue #2343) -- "Prior to this PR, the usage tracking process was launched using the fork multiprocessing context, which interacts badly with threads": the process is launched from multiprocessing.get_context("spawn"), so it starts with fresh module state and no inherited lock, and the workflow script keeps its __main__ guard as the PR requires
"""Start a workflow executor: usage tracking thread first, then the interchange process (spawned)."""
import argparse
import multiprocessing
import sys

from r27kit import usage

SPAWN = multiprocessing.get_context("spawn")


def interchange(worker_ports, ready):
    """Runs in the interchange process: register, then report the ports to the executor."""
    usage.tracker().record("interchange_started")
    ready.put(sorted(worker_ports))


class HighThroughputExecutor:
    def __init__(self, label, worker_ports):
        self.label = label
        self.worker_ports = worker_ports
        self.ready = SPAWN.Queue()
        self.interchange_proc = None

    def start(self):
        self.interchange_proc = SPAWN.Process(target=interchange, args=(self.worker_ports, self.ready),
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
