# family: globals
# hazard: child-mutates-global
# line: 26
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/Ericsson/codechecker/issues/2996 (shared data structures handed to map_async workers must be manager proxies, even deep copies are not enough); here a link checker records visited URLs in a module-level set from the pool workers and reports its size afterwards
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
    for link in links:
        if is_internal(link):
            SEEN_URLS.add(link)
    return len(links)


class LinkChecker:
    def __init__(self, start_pages, workers=2):
        self.start_pages = start_pages
        self.workers = workers

    def run(self):
        with multiprocessing.Pool(self.workers) as pool:
            counts = pool.map(visit, self.start_pages)
        return sum(counts), len(SEEN_URLS)


def main():
    checker = LinkChecker(["/", "/docs", "/blog"])
    total, unique = checker.run()
    print("RESULT=%d links, %d unique internal" % (total, unique))
    if unique != 5:
        sys.exit(3)


if __name__ == "__main__":
    main()
