"""MP410's payload size when the count of the items a child sends is not written where it iterates: the child
builds `[... for i, line in enumerate(job.lines)]` of the job the Process was given, and `job.lines` is a list
comprehension over `range(per_shard)` in the parent's `make_jobs(n, per_shard=8000)` (pytorch/translate #285:
the binarizer joined its workers before draining the queue they filled). Every caller of the builder must
give the bound as a constant (or leave the default); otherwise the count stays unknown and nothing is said
from it. Proven by running the program under fork, spawn and forkserver: it hangs, or ends."""
import os
import subprocess
import sys

import pytest
from helpers import RUNNER_SITE, codes, rows, runtime_proofs_or_skip, run_in_session

BINARIZE = """
import multiprocessing
from dataclasses import dataclass


@dataclass
class Job:
    shard_id: int
    lines: list


def binarize(job, out):
    ids = [[hash(tok) % 32000 for tok in line.split()] for ITERATED]
    out.put((job.shard_id, ids))


def make_jobs(n, per_shard=8000):
    return [Job(s, ["tok%d %d word" % (s, i) for i in range(per_shard)BUILT]) for s in range(n)]


def run(jobs):
    out = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=binarize, args=(job, out)) for job in jobs]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return [out.get() for _ in procs]


if __name__ == "__main__":
    print("RESULT=%d" % len(run(MADE)))
"""

# (how the child iterates, the builder's filter, how the jobs are made) -> does the child fill the pipe first
CASES = {("i, line in enumerate(job.lines)", "", "make_jobs(2)"): True,
         ("line in job.lines", "", "make_jobs(2)"): True,
         ("line in job.lines", "", "make_jobs(2, 9000)"): True,
         ("line in job.lines", "", "make_jobs(2, per_shard=100)"): False,
         ("line in job.lines", "", "make_jobs(2, 100)"): False,
         ("i, line in enumerate(job.lines)", " if i < 10", "make_jobs(2)"): False}


def _program(iterated, built, made):
    return BINARIZE.replace("ITERATED", iterated).replace("BUILT", built).replace("MADE", made)


@pytest.mark.parametrize("iterated, built, made", sorted(CASES))
def test_the_length_of_a_list_the_parent_built(iterated, built, made):
    got = rows(_program(iterated, built, made), "MP410")
    assert got == ([27] if CASES[(iterated, built, made)] else [])


def test_a_bound_no_constant_gives_is_unknown():
    assert "MP410" not in codes(_program("line in job.lines", "", "make_jobs(2, int(input()))"))
    assert "MP410" not in codes(_program("line in job.lines", "", "make_jobs(2, *sizes)").replace(
        "if __name__", "sizes = [9000]\n\nif __name__"))


def _run(path, method, timeout):
    """(hung, output): a program that hangs is killed with every process it started."""
    runtime_proofs_or_skip()
    env = {**os.environ, "PYTHONPATH": str(RUNNER_SITE), "MP_DEFAULT_METHOD": method}
    try:
        proc = run_in_session([sys.executable, str(path)], timeout=timeout, env=env)
        out, err = proc.stdout, proc.stderr
        return False, (proc.returncode, out, err)
    except subprocess.TimeoutExpired:
        return True, None


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("iterated, built, made", sorted(CASES))
def test_runtime_payload_of_a_built_list(tmp_path, iterated, built, made, method):
    path = tmp_path / "binarize.py"
    path.write_text(_program(iterated, built, made))
    # (a run that must hang is taken for hung sooner; one that must end gets a minute)
    hung, output = _run(path, method, timeout=8 if CASES[(iterated, built, made)] else 60)
    assert hung is CASES[(iterated, built, made)], output
    if not hung:
        assert output[0] == 0 and "RESULT=2" in output[1], output
