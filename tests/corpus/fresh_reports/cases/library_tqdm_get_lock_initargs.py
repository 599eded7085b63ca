# family: library
# hazard: unpicklable-argument
# line: 33
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/megadose/OnionSearch/issues/5 ("TypeError: cannot pickle '_thread.RLock' object" from `with Pool(units, initializer=tqdm.set_lock, initargs=(tqdm.get_lock(),)) as p:` in onionsearch/core.py on macOS) and https://github.com/tqdm/tqdm/issues/920 (the same call in tqdm's parallel_bars example): tqdm's default write lock holds a threading.RLock, which Pool(initargs=...) must pickle under spawn and forkserver.
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


def main():
    units = 2
    max_pages = 3
    with multiprocessing.Pool(units, initializer=tqdm.set_lock, initargs=(tqdm.get_lock(),)) as p:
        results = p.map(partial(run_engine, max_pages), list(enumerate(ENGINES)))
    print("RESULT=%s" % sorted(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
