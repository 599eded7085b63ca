# family: results
# hazard: unpicklable-exception
# line: 27
# timeout: 8
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# note: https://github.com/python/cpython/issues/103061 ("multiprocessing.Pool hangs on certain custom Exceptions": __init__ takes other arguments than it passes to Exception.__init__); here a mirror checker raises FetchError(url, status) from a helper called by the pool task
import multiprocessing
import sys

MIRRORS = {
    "https://mirror-a.example/pkg": 200,
    "https://mirror-b.example/pkg": 503,
    "https://mirror-c.example/pkg": 200,
}


class FetchError(Exception):
    def __init__(self, url, status):
        self.url = url
        self.status = status
        super().__init__("%s answered HTTP %d" % (url, status))


def fetch(url):
    status = MIRRORS[url]
    if status >= 400:
        raise FetchError(url, status)
    return status


def check_mirror(url):
    return url, fetch(url)


def main():
    with multiprocessing.Pool(2) as pool:
        try:
            results = pool.map(check_mirror, sorted(MIRRORS))
        except FetchError as exc:
            print("RESULT=failed %s" % exc.url)
            return
    print("RESULT=%d ok" % len(results))


if __name__ == "__main__":
    main()
