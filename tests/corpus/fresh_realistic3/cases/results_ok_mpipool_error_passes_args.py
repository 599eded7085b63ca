# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/adrn/mpipool/pull/6 ("Passing non-optional arguments to the Exception baseclass"); FetchError passes url and status to Exception.__init__ and formats its message in __str__
import multiprocessing
import sys

MIRRORS = {
    "https://mirror-a.example/pkg": 200,
    "https://mirror-b.example/pkg": 503,
    "https://mirror-c.example/pkg": 200,
}


class FetchError(Exception):
    def __init__(self, url, status):
        super().__init__(url, status)
        self.url = url
        self.status = status

    def __str__(self):
        return "%s answered HTTP %d" % (self.url, self.status)


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
            if exc.status != 503:
                sys.exit(3)
            return
    print("RESULT=%d ok" % len(results))
    sys.exit(3)


if __name__ == "__main__":
    main()
