"""MP410 (a child joined before the parent reads what it put) says nothing unless what the child puts surely fills
the pipe: every item counts as the least pickle writes for its kind (rules/pickled_items; measured against the
running interpreter in tests/test_pickle_floors.py), never as a guessed 64 bytes. A list of 2,000 small ints is
about 6 KB pickled and fits the 64 KiB pipe; 100,000 characters do not. Proven by running the programs under
fork, spawn and forkserver: the near misses end, the hazards hang (killed with every process they started)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers import RUNNER_SITE, rows, runtime_proofs_or_skip, run_in_session

PROGRAM = """
import multiprocessing


def produce(out):
    BODY


if __name__ == "__main__":
    out = multiprocessing.Queue()
    child = multiprocessing.Process(target=produce, args=(out,))
    child.start()
    child.join()
    print("RESULT=%d" % len(out.get()))
"""
JOIN_ROW = 13

# what the child puts -> does it fill the pipe before the parent reads
NEAR_MISSES = {
    "out.put([x for x in range(2000)])",
    "out.put([n * 7 for n in range(2000)])",
    "out.put(list(range(10000)))",
    'out.put([f"{i}" for i in range(3000)])',
    'out.put(["x" * 100 for i in range(1000)])',
    'out.put({"row-%d" % 1 for i in range(5000)})',
    'out.put(["ab" for _ in range(20000)])',
    "out.put([None] * 20000)",
    'out.put(["x" * 1000] * 100)',
    "out.put([None for _ in range(20000)])",
    'big = "y" * 40000\n    out.put((big, big))',
    "for i in range(3000):\n        out.put(i)",
    "rows = []\n    for i in range(3000):\n        rows.append(i)\n    out.put(rows)",
    'rows = []\n    for i in range(3000):\n        rows.append("done")\n    out.put(rows)',
}
HAZARDS = {
    'out.put("z" * 100_000)',
    "out.put(bytes(100_000))",
    'out.put(["row %05d " % i + "x" * 60 for i in range(2000)])',
    'out.put(["%030d" % i for i in range(3000)])',
    "out.put([float(i) for i in range(8000)])",
    'out.put([("cell", "v" * 5000) for i in range(20)])',
    'rows = []\n    for i in range(3000):\n        rows.append("line %d " % i + "-" * 40)\n    out.put(rows)',
}


def _program(body: str) -> str:
    return PROGRAM.replace("BODY", body)


@pytest.mark.parametrize("body", sorted(NEAR_MISSES))
def test_a_payload_that_fits_the_pipe_is_silent(body):
    assert rows(_program(body), "MP410") == []


@pytest.mark.parametrize("body", sorted(HAZARDS))
def test_a_payload_larger_than_the_pipe_is_found(body):
    assert rows(_program(body), "MP410") == [JOIN_ROW + body.count("\n")]


def test_other_names_and_shapes():
    # the same model where the queue, the target and the items are spelled otherwise, the payload named first
    source = """
    import multiprocessing as mp

    def dump(sink, tag):
        lines = ITEMS
        sink.put({"tag": tag, "lines": lines})

    def main():
        sink = mp.Queue()
        worker = mp.Process(target=dump, args=(sink, "t"))
        worker.start()
        worker.join()
        return sink.get()
    """
    assert rows(source.replace("ITEMS", "[k for k in range(5000)]"), "MP410") == []
    assert rows(source.replace("ITEMS", "[(k, None, 1.5) for k in range(2000)]"), "MP410") == []
    assert rows(source.replace("ITEMS", '[repr(k) + "|" * 30 for k in range(3000)]'), "MP410") == [12]
    assert rows(source.replace("ITEMS", "[(k, 2.5, 1.5) for k in range(3000)]"), "MP410") == [12]


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


RUNS = {"out.put([x for x in range(2000)])": False,
        'rows = []\n    for i in range(3000):\n        rows.append(i)\n    out.put(rows)': False,
        'out.put(["x" * 100 for i in range(1000)])': False,
        'out.put(["row %05d " % i + "x" * 60 for i in range(2000)])': True,
        "out.put(bytes(100_000))": True}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("body", sorted(RUNS))
def test_runtime_what_fits_ends_and_what_does_not_hangs(tmp_path, body, method):
    path = tmp_path / "produce.py"
    path.write_text(_program(body))
    # (a run that must hang is taken for hung sooner; one that must end gets a minute)
    hung, output = _run(path, method, timeout=8 if RUNS[body] else 60)
    assert hung is RUNS[body], output
    assert hung is bool(rows(_program(body), "MP410"))
    if not hung:
        assert output[0] == 0 and "RESULT=" in output[1], output
