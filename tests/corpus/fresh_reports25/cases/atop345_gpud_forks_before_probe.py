# family: threads
# hazard: none
# line: none
# files: r28kit/gpustats.py
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Atoptool/atop/pull/345 -- the PR's change, "let's fork as early as possible, before any thread action (gpulock & import pynvml)": the daemon process is started first, and only then does the parent probe the GPUs, so no thread holds gpulock when the fork happens
"""atopgpud: start the daemon that answers atop's requests, then probe the GPUs."""
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
    daemon = GpuDaemon(args.clients)
    daemon.daemonize()  # fork first: no thread and no held lock yet
    gpustats.probe(query_time=1.0)
    replies = daemon.wait()
    print(f"RESULT=replies={len(replies)}")
    return 0 if len(replies) == len(args.clients) else 3


if __name__ == "__main__":
    sys.exit(main())
