# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/argonne-lcf/dlio_benchmark/pull/130 (the fix: the child reopens dlio.log itself; the Job dataclass carries the log path, not the open file)
import multiprocessing
import os
import sys
import tempfile
from dataclasses import dataclass, field


@dataclass
class Job:
    name: str
    files: list
    log_path: str
    options: dict = field(default_factory=dict)


def read_files(job, out_dir):
    total = 0
    with open(job.log_path, "a") as log:
        for name in job.files:
            total += len(name)
            log.write("%s read %s\n" % (job.name, name))
    with open(os.path.join(out_dir, job.name + ".done"), "w") as fh:
        fh.write(str(total))


def make_jobs(log_path, n=2):
    files = ["img_%03d.npz" % i for i in range(6)]
    return [Job(name="reader%d" % i, files=files[i::n], log_path=log_path) for i in range(n)]


def main():
    out_dir = tempfile.gettempdir()
    log_path = os.path.join(out_dir, "dlio.log")
    with open(log_path, "a") as log:
        log.write("start\n")
    readers = []
    for job in make_jobs(log_path):
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
