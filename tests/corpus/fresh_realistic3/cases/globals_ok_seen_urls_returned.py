# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Ericsson/codechecker/issues/2996 (near miss: each worker returns the URLs it saw and the parent merges them into the module-level set)
import multiprocessing
import sys
from urllib.parse import urljoin, urlparse

SEEN_URLS = set()
SITE = {
    "/": ["/docs", "/blog", "https://other.org/x"],
    "/docs": ["/docs/install", "/"],
    "/blog": ["/blog/2024", "/docs"],
}


def is_internal(url, base="https://example.org"):
    return urlparse(urljoin(base, url)).netloc == "example.org"


def visit(path):
    links = SITE.get(path, [])
    found = set()
    for link in links:
        if is_internal(link):
            found.add(link)
    return len(links), found


class LinkChecker:
    def __init__(self, start_pages, workers=2):
        self.start_pages = start_pages
        self.workers = workers

    def run(self):
        with multiprocessing.Pool(self.workers) as pool:
            results = pool.map(visit, self.start_pages)
        for _, found in results:
            SEEN_URLS.update(found)
        return sum(count for count, _ in results), len(SEEN_URLS)


def main():
    checker = LinkChecker(["/", "/docs", "/blog"])
    total, unique = checker.run()
    print("RESULT=%d links, %d unique internal" % (total, unique))
    if unique != 5:
        sys.exit(3)


if __name__ == "__main__":
    main()
