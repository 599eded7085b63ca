# family: results
# hazard: unpicklable-result
# line: 32 54
# files: s18kit/procinfo.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/gwct/referee/issues/6 -- "multiprocessing.pool.MaybeEncodingError: Error sending result: 'psutil.Process(pid=8172, name='referee.py', ...)'. Reason: 'TypeError("can't pickle thread.lock objects")'": referee's progress tracking maps `RC.getSubPID` over `pool.imap(..., range(num-procs))`, and each worker returns its psutil.Process handle, which holds a lock
"""Reference-quality scorer: score pileup chunks in a pool, tracking the workers' memory."""
import argparse
import multiprocessing
import sys
from dataclasses import dataclass, field

from s18kit import procinfo


@dataclass
class Globs:
    num_procs: int = 2
    quiet: bool = False
    chunks: list = field(default_factory=list)
    sub_pids: list = field(default_factory=list)


class RefCalc:
    """Per-site quality score helpers, mapped over the pool."""

    def __init__(self, mapq_cutoff):
        self.mapq_cutoff = mapq_cutoff

    def get_sub_pid(self, i):
        # each worker reports its own process handle for the memory tracker
        return procinfo.ProcessInfo()

    def score_chunk(self, chunk):
        return sum(q for q in chunk if q >= self.mapq_cutoff)


def parse_args(argv):
    p = argparse.ArgumentParser(description="reference genome quality scores")
    p.add_argument("-p", dest="procs", type=int, default=2)
    p.add_argument("--mapq", type=int, default=20)
    p.add_argument("--quiet", action="store_true")
    return p.parse_args(argv)


def build_globs(args):
    chunks = [[(i * 7 + j * 13) % 60 for j in range(20)] for i in range(6)]
    return Globs(num_procs=args.procs, quiet=args.quiet, chunks=chunks)


def referee(globs, calc):
    with multiprocessing.Pool(processes=globs.num_procs) as pool:
        if not globs.quiet:
            for result in pool.imap(calc.get_sub_pid, range(globs.num_procs)):
                globs.sub_pids.append(result)
            for line in procinfo.describe(globs.sub_pids):
                print("# worker", line)
        scores = pool.map(calc.score_chunk, globs.chunks)
    return sum(scores)


def main(argv):
    args = parse_args(argv)
    globs = build_globs(args)
    total = referee(globs, RefCalc(args.mapq))
    print("RESULT=%d" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
