# family: crossmodule
# hazard: unpicklable-exception
# line: fvkit/errors.py:11 20
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: Shape of https://github.com/lukasschwab/arxiv.py/issues/191 ("ArxivError and subclasses are not picklable": HTTPError.__init__() missing 2 required positional arguments) and https://github.com/hgrecco/pint/issues/914: an exception class of another project module passes only its message to Exception.__init__, and is raised three calls deep in a process-pool task; the parent cannot rebuild it.
"""Count the bytes of several search feeds in a process pool."""
import sys
from concurrent.futures import ProcessPoolExecutor

from fvkit.errors import HTTPError
from fvkit.fetch import fetch_page

BASE = "https://export.example.org/api/query?"


def main(queries):
    urls = [BASE + q for q in queries]
    sizes = {}
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = {url: pool.submit(fetch_page, url) for url in urls}
        for url, fut in futures.items():
            try:
                sizes[url] = fut.result(timeout=20)
            except HTTPError as exc:  # a failed page is reported, not fatal
                sizes[url] = f"failed: {exc}"
    for url, size in sizes.items():
        print(url, size)
    return 0


if __name__ == "__main__":
    sys.exit(main(["q=cats", "q=dogs", "q=owls"]))
