# family: threads
# hazard: fork-with-held-lock
# line: 32 36 53
# files: r24kit/http_pool.py r24kit/scraping.py
# timeout: 8
# expect: fork=deadlock spawn=ok forkserver=ok
# note: https://github.com/medialab/minet/issues/773 -- "Crawler should instantiate process pool before executor" ("urllib3 can be messy with multiprocessing"): the crawler starts its spider threads, which keep the shared urllib3 pool manager's lock busy, and only then creates the process pool used for scraping; the forked workers inherit that lock held by a thread they do not have and hang on their first request
import argparse
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import Pool

from r24kit.scraping import fetch, scrape, spider_job


class Crawler:
    def __init__(self, start_urls, threads=2, processes=2):
        self.start_urls = list(start_urls)
        self.threads = threads
        self.processes = processes
        self.stop_event = threading.Event()
        self.executor = None
        self.process_pool = None
        self.spider_futures = []

    def start(self):
        self.executor = ThreadPoolExecutor(max_workers=self.threads)
        self.spider_futures = [
            self.executor.submit(spider_job, url, self.stop_event) for url in self.start_urls
        ]
        self.process_pool = Pool(self.processes)

    def scrape_all(self, urls):
        pages = [(url, fetch(url)) for url in urls]
        return dict(self.process_pool.map(scrape, pages))

    def stop(self):
        self.stop_event.set()
        fetched = sum(f.result() for f in self.spider_futures)
        self.executor.shutdown(wait=True)
        self.process_pool.close()
        self.process_pool.join()
        return fetched


def main(argv):
    parser = argparse.ArgumentParser(prog="minet crawl")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    crawler = Crawler(["https://a.example/news", "https://b.example/blog"], args.threads, args.processes)
    crawler.start()
    links = crawler.scrape_all(["https://c.example/p1", "https://c.example/p2", "https://c.example/p3"])
    fetched = crawler.stop()
    print(f"spiders fetched {fetched} pages")
    print(f"RESULT={sum(links.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
