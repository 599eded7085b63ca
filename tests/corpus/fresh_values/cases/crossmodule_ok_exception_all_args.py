# family: crossmodule
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix of https://github.com/giampaolo/psutil/pull/959 ("Allow exception pickling": call the base constructor with every argument): the task asks for the error class that passes all its arguments to Exception.__init__, raised three calls deep in another module.
"""Count the bytes of several search feeds in a process pool."""
import sys
from concurrent.futures import ProcessPoolExecutor

from fvkit.errors import PicklableFetchError
from fvkit.fetch import fetch_page

BASE = "https://export.example.org/api/query?"


def main(queries):
    urls = [BASE + q for q in queries]
    sizes = {}
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = {url: pool.submit(fetch_page, url, False) for url in urls}
        for url, fut in futures.items():
            try:
                sizes[url] = fut.result(timeout=20)
            except PicklableFetchError as exc:  # a failed page is reported, not fatal
                sizes[url] = f"failed: {exc}"
    for url, size in sizes.items():
        print(url, size)
    return 0


if __name__ == "__main__":
    sys.exit(main(["q=cats", "q=dogs", "q=owls"]))
