# family: poolctx
# hazard: pool-results-lost
# line: 23
# timeout: 8
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: github.com/python/cpython/issues/79659 -- `with Pool() as p: result = p.apply_async(...)` followed by result.get() after the block: __exit__ terminates the pool and get() waits forever (ApplyResult.get() hangs if the pool is terminated).
import multiprocessing
import time


def probe_host(host, delay):
    time.sleep(delay)
    return host, len(host)


class Prober:
    def __init__(self, hosts, processes=2):
        self.hosts = hosts
        self.processes = processes

    def submit_all(self):
        with multiprocessing.Pool(self.processes) as pool:
            pending = [pool.apply_async(probe_host, (host, 0.5)) for host in self.hosts]
        return pending


def collect(pending):
    return dict(result.get() for result in pending)


if __name__ == "__main__":
    prober = Prober(["example.org", "python.org"])
    results = collect(prober.submit_all())
    print("RESULT=%s" % sorted(results.items()))
