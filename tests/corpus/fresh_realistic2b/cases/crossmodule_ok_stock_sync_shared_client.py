# family: crossmodule
# hazard: none
# line: none
# files: reportkit/__init__.py reportkit/clients.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of https://github.com/chroma-core/chroma-cumber/issues/2: the service asks reportkit.clients.make_client(..., shared=True), which returns the SharedClient subclass whose __getstate__ drops the lock and __setstate__ makes a new one, so the syncer holding it crosses to every warehouse process under every start method.
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
        self.client = make_client(base_url, shared=True)
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
