# family: controlflow
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/TheDataLeek/black-arrow/issues/17, with the fix the documentation's "Joining processes that use queues" guideline gives: the crawler drains exactly as many results as pages were assigned, then joins the workers; the large items are flushed while the parent reads.
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
    collected = [results.get() for _ in range(args.pages)]
    for worker in workers:
        worker.join()
    print(len(collected), "pages,", sum(len(t) for _, _, t in collected), "chars")


if __name__ == "__main__":
    main()
