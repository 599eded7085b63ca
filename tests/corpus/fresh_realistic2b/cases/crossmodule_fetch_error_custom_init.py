# family: crossmodule
# hazard: unpicklable-exception
# line: 28
# files: reportkit/__init__.py reportkit/errors.py
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: Shape of https://github.com/agronholm/pythonfutures/issues/30 ("raise a custom exception class that takes more than one argument to __init__ ... future.result() hangs"; in today's CPython the executor breaks instead). A feed checker raises reportkit.errors.FetchError(url, status) from its task; the class, defined in the helper package, passes one formatted message to Exception.__init__, so unpickling it in the parent fails ("missing 1 required positional argument: 'status'") and ProcessPoolExecutor reports BrokenProcessPool under every start method. The parent's `except FetchError` never runs.
"""Check that every configured feed answers, in parallel."""
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed

from reportkit.errors import FetchError

FEEDS = {
    "https://feeds.example.org/news": 200,
    "https://feeds.example.org/sport": 503,
    "https://feeds.example.org/weather": 200,
}


def fetch_status(url):
    # stands in for an HTTP HEAD request
    return FEEDS[url]


def check_feed(url):
    status = fetch_status(url)
    if status >= 400:
        raise FetchError(url, status)
    return url, status


def main():
    ok, failed = [], []
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = {pool.submit(check_feed, url): url for url in FEEDS}
        for fut in as_completed(futures):
            try:
                ok.append(fut.result()[0])
            except FetchError as exc:
                failed.append((exc.url, exc.status))
    print(f"RESULT=ok:{len(ok)} failed:{failed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
