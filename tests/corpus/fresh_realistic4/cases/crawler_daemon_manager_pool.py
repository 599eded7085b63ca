# family: daemon
# hazard: daemon-children
# line: 20
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: a crawler whose CrawlManager Process is made daemonic (so it dies with the CLI) and whose run() opens a Pool to fetch pages.
import multiprocessing as mp


def fetch(url):
    return len(url)


class CrawlManager(mp.Process):
    def __init__(self, urls, results):
        super().__init__(daemon=True)
        self.urls = urls
        self.results = results

    def run(self):
        with mp.Pool(2) as pool:
            self.results.put(sum(pool.map(fetch, self.urls)))


if __name__ == "__main__":
    results = mp.Queue()
    manager = CrawlManager(["https://a.example/x", "https://b.example/yy"], results)
    manager.start()
    manager.join()
    print("RESULT=%s" % (results.get() if not results.empty() else "none"))
