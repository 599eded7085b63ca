# family: crossmodule
# hazard: unpicklable-argument
# line: 36 37
# files: reportkit/__init__.py reportkit/clients.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/chroma-core/chroma-cumber/issues/2 ("TypeError: cannot pickle '_thread.RLock' object" from a client object handed to a worker). A stock-sync service builds its API client with reportkit.clients.make_client() (another module; the client keeps a threading.Lock for token refresh) and stores it as `self.client`; `self.syncer = StockSync(self.client)` is passed to each warehouse's Process in the args tuple. Fork inherits; spawn/forkserver pickle syncer -> client -> lock.
"""Sync stock levels of each warehouse in its own process."""
import multiprocessing
import sys

from reportkit.clients import make_client


class StockSync:
    def __init__(self, client):
        self.client = client

    def levels(self, skus):
        return {sku: self.client.stock(sku) for sku in skus}


def sync_warehouse(syncer, name, skus, results):
    results.put((name, sum(syncer.levels(skus).values())))


class SyncService:
    def __init__(self, base_url, warehouses):
        self.client = make_client(base_url)
        self.syncer = StockSync(self.client)
        self.warehouses = warehouses

    def run(self):
        results = multiprocessing.Queue()
        procs = []
        for name, skus in self.warehouses.items():
            proc = multiprocessing.Process(target=sync_warehouse,
                                           args=(self.syncer, name, skus, results))
            proc.start()
            procs.append(proc)
        totals = dict(results.get(timeout=10) for _ in procs)
        for proc in procs:
            proc.join()
        return totals


def main():
    service = SyncService("https://api.example.org/v2",
                          {"berlin": ["A1", "B2"], "lyon": ["C3"], "porto": ["A1", "D4", "E5"]})
    print(f"RESULT={sorted(service.run().items())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
