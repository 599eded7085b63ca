# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the crawler's CrawlManager left non-daemonic; the CLI joins it explicitly.
import multiprocessing as mp


def fetch(url):
    return len(url)


class CrawlManager(mp.Process):
    def __init__(self, urls, results):
        super().__init__(daemon=False)
        self.urls = urls
        self.results = results

    def run(self):
        with mp.Pool(2) as pool:
            self.results.put(sum(pool.map(fetch, self.urls)))


if __name__ == "__main__":
    results = mp.Queue()
    manager = CrawlManager(["https://a.example/x", "https://b.example/yy"], results)
    manager.start()
    total = results.get()
    manager.join()
    print("RESULT=%s" % total)
