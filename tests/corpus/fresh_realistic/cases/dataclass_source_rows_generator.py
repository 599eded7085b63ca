# family: dataclass
# hazard: unpicklable-argument
# line: 47 48 34
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/m-bain/whisperX/issues/193 ("[v3] TypeError: cannot pickle 'generator' object", raised from popen_spawn_posix on macOS while the same pipeline ran on Linux). A small ETL keeps each input as a dataclass Source whose `rows` field is a generator over a csv reader, nested in a LoadJob; the job goes to Process(args=...), which spawn/forkserver pickle.
"""Load CSV sources into the warehouse staging tables, one loader process per source."""
import csv
import io
import multiprocessing
from dataclasses import dataclass
from typing import Iterator

RAW = {
    "orders": "id,total\n1,10.5\n2,99.0\n3,5.25\n",
    "refunds": "id,total\n7,5.25\n",
}


@dataclass
class Source:
    name: str
    rows: Iterator[dict]


@dataclass
class LoadJob:
    source: Source
    table: str
    batch_size: int = 500


def open_source(name, text):
    reader = csv.DictReader(io.StringIO(text))
    return Source(name, (row for row in reader))


def load(job, out):
    count = sum(1 for _ in job.source.rows)
    out.put((job.table, count))


def main():
    jobs = [LoadJob(open_source(name, text), f"stg_{name}") for name, text in RAW.items()]
    out = multiprocessing.Queue()
    procs = []
    for job in jobs:
        proc = multiprocessing.Process(target=load, args=(job, out), name=job.source.name)
        proc.start()
        procs.append(proc)
    loaded = sorted(out.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join(5)
    print("RESULT=%s" % loaded)


if __name__ == "__main__":
    main()
