# family: args
# hazard: unpicklable-argument
# line: 33
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: a web scraper whose FetchJob dataclass carries the open output file returned by r4kit.sinks.open_sink(), submitted to a ProcessPoolExecutor.
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import IO

from r4kit.sinks import open_sink


@dataclass
class FetchJob:
    url: str
    sink: IO


def fetch(job):
    body = f"<html>{job.url}</html>"
    job.sink.write(body + "\n")
    return len(body)


def plan_jobs(urls):
    sink = open_sink("scrape")
    return [FetchJob(url=u, sink=sink) for u in urls]


def main():
    jobs = plan_jobs(["https://a.example", "https://b.example"])
    with ProcessPoolExecutor(2) as ex:
        futures = [ex.submit(fetch, job) for job in jobs]
        sizes = [f.result() for f in futures]
    print("RESULT=%d" % sum(sizes))


if __name__ == "__main__":
    main()
