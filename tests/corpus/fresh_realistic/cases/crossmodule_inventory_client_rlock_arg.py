# family: crossmodule
# hazard: unpicklable-argument
# line: 28 29
# files: shopkit/__init__.py shopkit/clients.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/mailpile/moggie/issues/14 ("cannot pickle '_thread.RLock' object": "having a threading.RLock in a multiprocessing object causes things to explode ... I'm on Ubuntu and I am not seeing this issue"; four classes kept RLocks). The inventory client is built by shopkit.clients.make_inventory_client(), which gives it a TTLCache holding an RLock (an attribute of an attribute), and the script passes the client in Process(args=...); spawn/forkserver fail.
"""Check stock levels for the low-stock report, one process per warehouse batch."""
import multiprocessing

from shopkit.clients import make_inventory_client

BATCHES = [["MUG-RED", "MUG-BLUE"], ["SHIRT-M", "SHIRT-L"], ["CAP-BLK"]]


def check_stock(client, skus, out):
    out.put([(sku, client.stock(sku)) for sku in skus])


def low_stock(levels, threshold=20):
    return sorted(sku for sku, level in levels if level < threshold)


def main():
    client = make_inventory_client(ttl=60.0)
    out = multiprocessing.Queue()
    procs = []
    for batch in BATCHES:
        proc = multiprocessing.Process(target=check_stock, args=(client, batch, out))
        proc.start()
        procs.append(proc)
    levels = []
    for _ in procs:
        levels.extend(out.get(timeout=10))
    for proc in procs:
        proc.join(5)
    print("RESULT=%s" % low_stock(levels))


if __name__ == "__main__":
    main()
