# family: poolctx
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the order settled in dnsviz #55: pool.close() right after the apply_async loop and the results fetched before the pool goes away (https://github.com/dnsviz/dnsviz/pull/55)
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
        pool.close()
        results = prober.collect()
        pool.join()
    print("RESULT=%s" % sorted(results))


if __name__ == "__main__":
    main()
