# family: poolctx
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/python/cpython/issues/79659 -- the working variant: the async results are collected inside the `with Pool()` block, before __exit__ terminates the workers.
import multiprocessing
import time


def probe_host(host, delay):
    time.sleep(delay)
    return host, len(host)


def collect(pending):
    return dict(result.get() for result in pending)


class Prober:
    def __init__(self, hosts, processes=2):
        self.hosts = hosts
        self.processes = processes

    def probe_all(self):
        with multiprocessing.Pool(self.processes) as pool:
            pending = [pool.apply_async(probe_host, (host, 0.5)) for host in self.hosts]
            return collect(pending)


if __name__ == "__main__":
    prober = Prober(["example.org", "python.org"])
    results = prober.probe_all()
    print("RESULT=%s" % sorted(results.items()))
