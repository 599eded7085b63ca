# family: object
# hazard: unpicklable-argument
# line: 45 46
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/9001/copyparty/issues/113 ("TypeError: cannot pickle '_thread.lock' object on boot when combining --ipa and -j", CPython 3.12.7 on Linux): the server's broker starts its worker processes from a spawn context and passes them the parsed arguments; with --ipa the argument parser has replaced the CIDR string by a NetMap object that caches lookups under a threading.Lock. Reduced: the argument namespace is argparse's, the NetMap a small class.
"""Start the multiprocessing broker's workers with the parsed server arguments."""
import argparse
import multiprocessing as mp
import threading


class NetMap:
    def __init__(self, cidrs):
        self.cidrs = cidrs.split(",")
        self.cache = {}
        self.mutex = threading.Lock()

    def map(self, ip):
        with self.mutex:
            return self.cache.setdefault(ip, any(ip.startswith(c.split("/")[0][:5]) for c in self.cidrs))


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
    args = parse_args(["--ipa", "10.89.0.0/16", "-j", "2"])
    print("RESULT=%s" % BrokerMp(args).start())
