# family: object
# hazard: unpicklable-argument
# line: 17 56
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/aboul3la/Sublist3r/pull/242 (issue #236, "TypeError: cannot pickle '_thread.lock' object"): enumeratorBaseThreaded inherits from multiprocessing.Process and from an enumerator base whose __init__ stores a threading.Lock; every engine subclass is started as a process, so spawn pickles the lock.
"""Enumerate subdomains with one process per search engine."""
import multiprocessing
import threading


class EnumeratorBase:
    def __init__(self, base_url, engine_name, domain, subdomains=None):
        self.base_url = base_url
        self.engine_name = engine_name
        self.domain = domain
        self.subdomains = list(subdomains or [])
        self.lock = threading.Lock()

    def extract(self, page):
        with self.lock:
            return [w + "." + self.domain for w in page.split() if w.isalpha()]

    def enumerate(self):
        pages = ["www mail " + self.engine_name, "api dev 42"]
        found = []
        for page in pages:
            found.extend(self.extract(page))
        return found


class EnumeratorThreaded(multiprocessing.Process, EnumeratorBase):
    def __init__(self, base_url, engine_name, domain, subdomains=None, q=None):
        subdomains = subdomains or []
        EnumeratorBase.__init__(self, base_url, engine_name, domain, subdomains)
        multiprocessing.Process.__init__(self)
        self.q = q

    def run(self):
        self.q.put((self.engine_name, self.enumerate()))


class GoogleEnum(EnumeratorThreaded):
    def __init__(self, domain, subdomains=None, q=None):
        super().__init__("https://google.example/search?q={query}", "google", domain, subdomains, q=q)


class BingEnum(EnumeratorThreaded):
    def __init__(self, domain, subdomains=None, q=None):
        super().__init__("https://bing.example/search?q={query}", "bing", domain, subdomains, q=q)


def main(domain):
    results = multiprocessing.Queue()
    engines = [engine(domain, q=results) for engine in (GoogleEnum, BingEnum)]
    for enum in engines:
        enum.start()
    found = {}
    for _ in engines:
        name, subs = results.get(timeout=10)
        found[name] = subs
    for enum in engines:
        enum.join()
    print(sorted(found))


if __name__ == "__main__":
    main("example.com")
