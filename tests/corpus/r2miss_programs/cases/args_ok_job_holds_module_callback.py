# family: args
# hazard: none
# line: none
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: r2miss near miss: the same jobs, with the callback defined at module level.
"""Resize images in a process pool; each job carries its post-processing callback."""
import sys
from concurrent.futures import ProcessPoolExecutor


class ResizeJob:
    def __init__(self, name, size, on_done):
        self.name = name
        self.size = size
        self.on_done = on_done


def run_job(job):
    width, height = job.size
    return job.on_done("%s@%dx%d" % (job.name, width // 2, height // 2))


def run_all(jobs):
    with ProcessPoolExecutor(max_workers=2) as executor:
        return list(executor.map(run_job, jobs))


def tag(result):
    return result.upper()


if __name__ == "__main__":
    jobs = [ResizeJob("cat.png", (640, 480), tag), ResizeJob("dog.png", (800, 600), tag)]
    print("RESULT=%s" % run_all(jobs))
    sys.exit(0)
