# family: args
# hazard: unpicklable-argument
# line: 42
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/argonne-lcf/dlio_benchmark/pull/130 (reader processes under spawn/forkserver do not have the parent's open dlio.log; the fix reopens it in the child); here a Job dataclass carries the open log file into Process(args=...)
import multiprocessing
import os
import sys
import tempfile
from dataclasses import dataclass, field
from typing import TextIO


@dataclass
class Job:
    name: str
    files: list
    log: TextIO
    options: dict = field(default_factory=dict)


def read_files(job, out_dir):
    total = 0
    for name in job.files:
        total += len(name)
        job.log.write("%s read %s\n" % (job.name, name))
    job.log.flush()
    with open(os.path.join(out_dir, job.name + ".done"), "w") as fh:
        fh.write(str(total))


def make_jobs(log, n=2):
    files = ["img_%03d.npz" % i for i in range(6)]
    return [Job(name="reader%d" % i, files=files[i::n], log=log) for i in range(n)]


def main():
    out_dir = tempfile.gettempdir()
    log = open(os.path.join(out_dir, "dlio.log"), "a")
    readers = []
    for job in make_jobs(log):
        proc = multiprocessing.Process(target=read_files, args=(job, out_dir))
        proc.start()
        readers.append(proc)
    for proc in readers:
        proc.join()
    done = [n for n in os.listdir(out_dir) if n.endswith(".done")]
    print("RESULT=%d" % len(done))
    if len(done) != 2:
        sys.exit(3)


if __name__ == "__main__":
    main()
