# family: controlflow
# hazard: queue-join-deadlock
# line: 38
# timeout: 12
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: Shape of https://github.com/TheDataLeek/black-arrow/issues/17 ("final `.join()` hangs in certain conditions ... related to the number of matches": a parallel search tool whose workers put results on a Queue that main() only reads after joining): a link crawler's workers put each page's whole extracted text (tens of KB) on a results Queue; main() joins every worker in a loop first and drains the queue afterwards. A child cannot exit until its buffered data is flushed to the pipe, so join() never returns under any start method.
"""Crawl a set of (simulated) pages with worker processes and collect their text.

Usage: crawl_text.py [--workers N] [--pages N]
"""
import argparse
import multiprocessing


def fake_page(n):
    return f"<p>page {n}</p>" * 4000


def crawl(worker_id, pages, results):
    for n in pages:
        html = fake_page(n)
        text = html.replace("<p>", "").replace("</p>", " ")
        results.put((worker_id, n, text))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pages", type=int, default=6)
    args = parser.parse_args()

    results = multiprocessing.Queue()
    shards = [list(range(args.pages))[i::args.workers] for i in range(args.workers)]
    workers = [multiprocessing.Process(target=crawl, args=(i, shard, results)) for i, shard in enumerate(shards)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    collected = [results.get() for _ in range(args.pages)]
    print(len(collected), "pages,", sum(len(t) for _, _, t in collected), "chars")


if __name__ == "__main__":
    main()
