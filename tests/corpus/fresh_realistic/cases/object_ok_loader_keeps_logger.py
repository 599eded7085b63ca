# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss to https://github.com/loosolab/UROPA/issues/14 ("raise pickle.PicklingError('logger cannot be pickled')", solved by moving off Python 3.6): since Python 3.7 a logging.Logger pickles by name (Logger.__reduce__ returns getLogger, name), so a loader object keeping `self.log = logging.getLogger(...)` can be a bound-method Pool task under every start method, even after basicConfig attached handlers to the root logger.
"""Load partner feeds in a worker pool; every loader logs through the module logger."""
import logging
import multiprocessing
import sys


class FeedLoader:
    def __init__(self, partner, min_price=0.0):
        self.partner = partner
        self.min_price = min_price
        self.log = logging.getLogger(f"feeds.{partner}")

    def load(self, feed):
        items = [line.split(";") for line in feed.strip().splitlines()]
        kept = [name for name, price in items if float(price) >= self.min_price]
        self.log.debug("kept %d of %d items", len(kept), len(items))
        return self.partner, kept


def configure_logging(debug=False):
    level = logging.DEBUG if debug else logging.WARNING
    logging.basicConfig(stream=sys.stderr, level=level,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")


def main():
    configure_logging()
    loader = FeedLoader("acme", min_price=5.0)
    feeds = ["mug;8.0\nsticker;1.5\n", "shirt;20.0\ncap;12.5\n", "pin;0.5\n"]
    with multiprocessing.Pool(2) as pool:
        loaded = pool.map(loader.load, feeds)
    kept = [name for _, names in loaded for name in names]
    print("RESULT=%s" % kept)


if __name__ == "__main__":
    main()
