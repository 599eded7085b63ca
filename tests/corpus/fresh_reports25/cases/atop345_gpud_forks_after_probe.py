# family: threads
# hazard: fork-while-thread-holds-lock
# line: 25 37
# files: r28kit/gpustats.py
# timeout: 15
# expect: fork=deadlock spawn=ok forkserver=ok
# note: https://github.com/Atoptool/atop/pull/345 -- "atopgpud: fork before any thread action": since 3.12 atopgpud warns "This process is multi-threaded, use of fork() may lead to deadlocks in the child" because gpulock and the NVML sampling thread exist before it forks its daemon; here the sampler thread holds gpulock through a slow query when the daemon process is forked, and the daemon's first snapshot waits for a lock no thread of its own will ever release (deadlock under fork only)
"""atopgpud: probe the GPUs, then start the daemon that answers atop's requests."""
import argparse
import multiprocessing
import sys

from r28kit import gpustats


class GpuDaemon:
    def __init__(self, clients):
        self.clients = clients
        self.answers = multiprocessing.Queue()
        self.proc = None

    def daemonize(self):
        self.proc = multiprocessing.Process(target=gpustats.serve, args=(self.answers, self.clients),
                                            name="atopgpud")
        self.proc.start()

    def wait(self):
        replies = self.answers.get()
        self.proc.join()
        return replies


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", nargs="*", default=["atop-1", "atop-2"])
    args = parser.parse_args(argv)
    gpustats.probe(query_time=1.0)  # import pynvml, nvmlInit(), first sample: the lock and the thread exist now
    daemon = GpuDaemon(args.clients)
    daemon.daemonize()
    replies = daemon.wait()
    print(f"RESULT=replies={len(replies)}")
    return 0 if len(replies) == len(args.clients) else 3


if __name__ == "__main__":
    sys.exit(main())
