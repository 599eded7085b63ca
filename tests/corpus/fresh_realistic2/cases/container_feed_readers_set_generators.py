# family: container
# hazard: unpicklable-argument
# line: 46
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/usc-isi-i2/pyrallel/issues/2 ("Current pyrallel modules only work in `fork` mode ... on MacOS `spawn` is the default"): a feed reader keeps its open feeds as generators in a list of dicts, pops one per worker and hands it to Process(args=...). Fork inherits the generator; spawn/forkserver must pickle it: "cannot pickle 'generator' object".
"""Tail several RSS-like feeds, one process per feed, and print new titles.

Usage: feed_tail.py [--limit N]
"""
import argparse
import multiprocessing

FEEDS = {
    "python": ["PEP 750 accepted", "3.14.1 released", "Sprint report"],
    "linux": ["6.18-rc1", "Scheduler rework merged"],
}


def entries(name, titles):
    for n, title in enumerate(titles, 1):
        yield f"[{name} #{n}] {title}"


def open_feeds():
    readers = []
    for name, titles in FEEDS.items():
        readers.append({"name": name, "stream": entries(name, titles)})
    return readers


def tail(name, stream, limit):
    for _, line in zip(range(limit), stream):
        print(line, flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=5)
    args = parser.parse_args()

    readers = open_feeds()
    procs = []
    while readers:
        reader = readers.pop()
        proc = multiprocessing.Process(target=tail, args=(reader["name"], reader["stream"], args.limit))
        proc.start()
        procs.append(proc)
    for proc in procs:
        proc.join()


if __name__ == "__main__":
    main()
