# family: args
# hazard: target-in-main-block
# line: 26 30 33
# timeout: 20
# expect: fork=ok spawn=attribute_error_mp_main forkserver=attribute_error_mp_main
# note: r2miss model: a job object keeps a callback defined under the main guard and is submitted to a process pool executor; a spawned worker unpickles the job by re-importing the script, where the callback does not exist.
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


if __name__ == "__main__":
    def tag(result):
        return result.upper()

    jobs = [ResizeJob("cat.png", (640, 480), tag), ResizeJob("dog.png", (800, 600), tag)]
    print("RESULT=%s" % run_all(jobs))
    sys.exit(0)
