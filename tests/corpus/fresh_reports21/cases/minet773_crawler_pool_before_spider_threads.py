# family: threads
# hazard: none
# line: none
# files: r24kit/http_pool.py r24kit/scraping.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/medialab/minet/issues/773 -- the fix the issue asks for: the crawler instantiates its process pool before the thread executor, so the workers are forked while no spider thread exists and the pool manager's lock is free
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
        self.process_pool = Pool(self.processes)
        self.executor = ThreadPoolExecutor(max_workers=self.threads)
        self.spider_futures = [
            self.executor.submit(spider_job, url, self.stop_event) for url in self.start_urls
        ]

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
