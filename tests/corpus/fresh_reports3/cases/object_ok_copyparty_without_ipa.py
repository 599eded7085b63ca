# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The working configuration of https://github.com/9001/copyparty/issues/113 ("cannot pickle '_thread.lock' object ... when combining --ipa and -j"): the same broker and argument parser, started without --ipa, so the NetMap (and its lock) is never built and the spawned workers receive a namespace of plain values.
"""Start the multiprocessing broker's workers with the parsed server arguments."""
import argparse
import multiprocessing as mp
import threading


class NetMap:
    def __init__(self, cidrs):
        self.cidrs = cidrs.split(",")
        self.cache = {}
        self.mutex = threading.Lock()


def parse_args(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--ipa", default="")
    ap.add_argument("-j", type=int, default=1)
    args = ap.parse_args(argv)
    args.ipa_nm = NetMap(args.ipa) if args.ipa else None
    return args


def mp_worker(args, n, q):
    q.put((n, bool(args.ipa_nm)))


class BrokerMp:
    def __init__(self, args):
        self.args = args
        self.ctx = mp.get_context("spawn")

    def start(self):
        q = self.ctx.Queue()
        procs = []
        for n in range(max(self.args.j, 2)):
            proc = self.ctx.Process(target=mp_worker, args=(self.args, n, q))
            proc.start()
            procs.append(proc)
        got = sorted(q.get(timeout=10) for _ in procs)
        for proc in procs:
            proc.join()
        return got


if __name__ == "__main__":
    args = parse_args(["-j", "2"])
    print("RESULT=%s" % BrokerMp(args).start())
