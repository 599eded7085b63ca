# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the scraper's FetchJob carrying r4kit.sinks.sink_path() and each worker opening the file itself.
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from r4kit.sinks import sink_path


@dataclass
class FetchJob:
    url: str
    sink: str


def fetch(job):
    body = f"<html>{job.url}</html>"
    with open(job.sink, "a") as fh:
        fh.write(body + "\n")
    return len(body)


def plan_jobs(urls):
    sink = sink_path("scrape")
    return [FetchJob(url=u, sink=sink) for u in urls]


def main():
    jobs = plan_jobs(["https://a.example", "https://b.example"])
    with ProcessPoolExecutor(2) as ex:
        futures = [ex.submit(fetch, job) for job in jobs]
        sizes = [f.result() for f in futures]
    print("RESULT=%d" % sum(sizes))


if __name__ == "__main__":
    main()
