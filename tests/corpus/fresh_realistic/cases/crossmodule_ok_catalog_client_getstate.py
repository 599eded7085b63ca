# family: crossmodule
# hazard: none
# line: none
# files: shopkit/__init__.py shopkit/catalog.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the fix direction of https://github.com/mailpile/moggie/issues/14 ("you could work around this by moving the creation of the RLock out of the constructor") done with __getstate__/__setstate__: shopkit.catalog.CatalogClient holds a threading.Lock but drops it when pickled and makes a new one when unpickled, so a functools.partial carrying the client is a valid Pool task under every start method.
"""Print catalogue titles for a list of SKUs, looked up in a worker pool."""
import functools
import multiprocessing

from shopkit.catalog import CatalogClient

SKUS = ["MUG-RED", "SHIRT-M", "CAP-BLK", "MUG-BLUE"]


def describe(client, sku):
    return sku, client.title(sku)


def lookup_titles(skus, region="eu", processes=2):
    client = CatalogClient(region)
    task = functools.partial(describe, client)
    with multiprocessing.Pool(processes) as pool:
        return dict(pool.map(task, skus))


def main():
    titles = lookup_titles(SKUS)
    for sku in SKUS:
        print(f"{sku:<10} {titles[sku]}")
    print("RESULT=%s" % sorted(titles))


if __name__ == "__main__":
    main()
