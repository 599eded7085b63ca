# family: poolctx
# hazard: pool-results-lost
# line: 24
# timeout: 8
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: dnsviz's probe command queued apply_async probes and collected the results later; when the pool is a `with Pool()` block, its __exit__ calls terminate() (CPython #74140) and the .get() calls after the block wait forever (https://github.com/dnsviz/dnsviz/pull/55)
import multiprocessing
import time


def probe(domain, rdtypes):
    time.sleep(0.3)
    return {"domain": domain, "answers": len(rdtypes)}


class Prober:
    def __init__(self, domains, threads=2):
        self.domains = domains
        self.threads = threads
        self.pending = {}

    def queue_probes(self, pool):
        for domain in self.domains:
            self.pending[domain] = pool.apply_async(probe, (domain, ["A", "AAAA", "NS"]))

    def collect(self):
        return {name: result.get() for name, result in self.pending.items()}


def main():
    prober = Prober(["example.com", "example.net", "example.org"])
    with multiprocessing.Pool(prober.threads) as pool:
        prober.queue_probes(pool)
    print("RESULT=%s" % sorted(prober.collect()))


if __name__ == "__main__":
    main()
