# family: library
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The usage tqdm documents for this (https://github.com/tqdm/tqdm/pull/329, "For Windows, here is the canonical example usage": `Pool(len(L), initializer=init_child, initargs=(write_lock,))` with a multiprocessing Lock), applied to the OnionSearch shape of https://github.com/megadose/OnionSearch/issues/5: the lock handed to the workers is a multiprocessing RLock, which Pool(initargs=...) may pass.
"""Scrape several search engines in parallel, one progress bar per engine."""
import multiprocessing
import sys
from functools import partial

from tqdm import tqdm

ENGINES = ["ahmia", "darksearchio", "onionland", "notevil"]


def scrape(engine, max_pages, position):
    found = []
    with tqdm(total=max_pages, desc=engine, position=position, leave=False, disable=True) as bar:
        for page in range(max_pages):
            found.append("%s/page%d" % (engine, page))
            bar.update(1)
    return engine, len(found)


def run_engine(max_pages, job):
    position, engine = job
    return scrape(engine, max_pages, position)


def init_child(write_lock):
    tqdm.set_lock(write_lock)


def main():
    units = 2
    max_pages = 3
    write_lock = multiprocessing.RLock()
    with multiprocessing.Pool(units, initializer=init_child, initargs=(write_lock,)) as p:
        results = p.map(partial(run_engine, max_pages), list(enumerate(ENGINES)))
    print("RESULT=%s" % sorted(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
