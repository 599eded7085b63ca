# family: object
# hazard: unpicklable-callable
# line: 38
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: A multiprocessing.Process subclass creates a threading.Lock in __init__ to guard its counters; start() pickles the whole Process object under spawn/forkserver. Modelled on https://github.com/aboul3la/Sublist3r/pull/242 (engine Process subclass with a lock member: "TypeError: cannot pickle '_thread.lock' object").
"""Enumerate candidate subdomains in worker processes."""
import multiprocessing
import threading


class Enumerator(multiprocessing.Process):
    def __init__(self, domain, words, results):
        super().__init__(name=f"enum-{domain}")
        self.domain = domain
        self.words = words
        self.results = results
        self.lock = threading.Lock()
        self.found = 0

    def check(self, candidate):
        return len(candidate) % 2 == 0

    def run(self):
        for word in self.words:
            candidate = f"{word}.{self.domain}"
            if self.check(candidate):
                with self.lock:
                    self.found += 1
                self.results.put(candidate)
        self.results.put(None)


def main():
    results = multiprocessing.Queue()
    workers = [Enumerator("example.org", ["www", "mail", "dev"], results),
               Enumerator("example.net", ["api", "docs"], results)]
    for worker in workers:
        worker.start()
    found, finished = [], 0
    while finished < len(workers):
        item = results.get(timeout=10)
        if item is None:
            finished += 1
        else:
            found.append(item)
    for worker in workers:
        worker.join()
    print(sorted(found))


if __name__ == "__main__":
    main()
