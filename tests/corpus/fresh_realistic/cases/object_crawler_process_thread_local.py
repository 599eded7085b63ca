# family: object
# hazard: unpicklable-argument
# line: 36 18
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/funilrys/PyFunceble/issues/301 (worker processes started with `worker.start()` whose state holds a database session: "Can't pickle <class 'sqlalchemy.orm.session.Session'>" on Windows). The crawler is a multiprocessing.Process subclass whose __init__ keeps a threading.local() as a per-thread session cache; start() pickles the Process object under spawn/forkserver and fails with "cannot pickle '_thread._local' object".
"""Crawl a few sites, one crawler process per site."""
import multiprocessing
import threading
import urllib.parse


class Crawler(multiprocessing.Process):
    def __init__(self, start_url, results, max_pages=3):
        super().__init__(name=f"crawler-{urllib.parse.urlsplit(start_url).netloc}")
        self.start_url = start_url
        self.results = results
        self.max_pages = max_pages
        self._local = threading.local()

    def session(self):
        if not hasattr(self._local, "session"):
            self._local.session = {"cookies": {}, "visited": []}
        return self._local.session

    def run(self):
        session = self.session()
        for i in range(self.max_pages):
            session["visited"].append(urllib.parse.urljoin(self.start_url, f"/page/{i}"))
        self.results.put((self.name, len(session["visited"])))


def crawl(sites):
    results = multiprocessing.Queue()
    crawlers = [Crawler(url, results) for url in sites]
    for crawler in crawlers:
        crawler.start()
    counts = sorted(results.get(timeout=10) for _ in crawlers)
    for crawler in crawlers:
        crawler.join(5)
    return counts


if __name__ == "__main__":
    print("RESULT=%s" % crawl(["https://a.example.invalid/", "https://b.example.invalid/"]))
