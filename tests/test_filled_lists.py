"""MP410's payload size of a list the child fills with appends before one put (fresh_reports12 rltest248: each worker
appends `(name, log + "x" * 20000)` per test of its shard, then puts one dict holding the list; the coordinator joins
the workers before it reads the queue). The list is weighed as the puts of its loop would be: a loop of known length
times the item's size, a loop whose length is not known as a collection of unknown length (as puts in such a loop
count already). Near misses: a small list, appends that may not run, a list handed to a helper (which may empty it),
a list bound inside the loop, a queue drained before the join. Proven under fork, spawn and forkserver: the hazards
hang, the near misses end."""
import os
import subprocess
import sys

import pytest
from helpers import RUNNER_SITE, rows, runtime_proofs_or_skip, run_in_session

REPORTS = """
import multiprocessing


def collect(batch_no, names, outbox):
    lines = []
    for LOOP:
        lines.append(str(label) + ": " + "." * CHUNK)
    outbox.put({"batch": batch_no, "count": len(lines), "lines": lines})


def gather_reports(batches):
    outbox = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=collect, args=(n, names, outbox)) for n, names in enumerate(batches)]
    for w in workers:
        w.start()
    DRAIN
    for w in workers:
        w.join()
    READ
    return got


if __name__ == "__main__":
    batches = [["alpha", "beta", "gamma", "delta"], ["epsilon", "zeta", "eta", "theta"]]
    got = gather_reports(batches)
    print("RESULT=%d" % sum(item["count"] for item in got))
"""

READ = "got = [outbox.get() for _ in workers]"

# (the loop, the item's length, drained before the join) -> hangs
CASES = {
    ("label in names", 30000, False): True,  # the shard's length is not known here: as puts in that loop
    ("label in range(6)", 15000, False): True,  # six items of 15 000 characters
    ("label in range(3)", 1000, False): False,  # 3 000 characters: the pipe holds them
    ("label in names", 30000, True): False,  # read before the join
}


def _program(loop, chunk, drained):
    text = REPORTS.replace("LOOP", loop).replace("CHUNK", str(chunk))
    if drained:
        return text.replace("DRAIN", READ).replace("READ", "")
    return text.replace("DRAIN", "").replace("    READ\n", "    " + READ + "\n")


def _filled_rows(loop, chunk, drained):
    text = _program(loop, chunk, drained)
    join = next(i for i, line in enumerate(text.splitlines(), 1) if line.strip() == "w.join()")
    return rows(text, "MP410"), join


@pytest.mark.parametrize("loop, chunk, drained", sorted(CASES))
def test_a_filled_list_weighed_against_the_pipe(loop, chunk, drained):
    got, join = _filled_rows(loop, chunk, drained)
    assert got == ([join] if CASES[(loop, chunk, drained)] else [])


def test_a_list_of_a_known_loop_sent_alone():
    src = """
    import multiprocessing


    def dump(q):
        rows = list()
        for i in range(8):
            rows.append("row-%d " % i + "#" * 20000)
        q.put(rows)


    def main():
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=dump, args=(q,))
        p.start()
        p.join()
        return q.get()


    if __name__ == "__main__":
        main()
    """
    assert rows(src, "MP410") == [16]
    assert rows(src.replace("range(8)", "range(2)"), "MP410") == []  # 40 000 characters: fits


SHRUNK = """
import multiprocessing


def tidy(rows):
    rows.clear()


def dump(items, q):
    rows = []
    for item in items:
        BODY
    AFTER
    q.put(rows)


def main():
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=dump, args=(["a"] * 100, q))
    p.start()
    p.join()
    return q.get()


if __name__ == "__main__":
    main()
"""


@pytest.mark.parametrize("body, after", [
    ("rows.append(item + '.' * 5000)", ""),  # the baseline: found
    ("if item.startswith('#'):\n            rows.append(item + '.' * 5000)", ""),  # may not run
    ("rows.append(item + '.' * 5000)", "tidy(rows)"),  # a helper may empty it
    ("rows.append(item + '.' * 5000)", "rows.clear()"),
    ("rows.append(item + '.' * 5000)", "rows = rows[:1]"),  # bound twice
])
def test_appends_that_may_not_stay_are_not_counted(body, after):
    got = rows(SHRUNK.replace("BODY", body).replace("AFTER", after), "MP410")
    assert got == ([21] if (body, after) == ("rows.append(item + '.' * 5000)", "") else [])


def test_a_list_bound_in_the_loop_is_not_sized():
    src = SHRUNK.replace("    rows = []\n    for item in items:\n        BODY",
                         "    for item in items:\n        rows = []\n        rows.append(item + '.' * 5000)")
    assert rows(src.replace("AFTER", ""), "MP410") == []


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
@pytest.mark.parametrize("loop, chunk, drained", sorted(CASES))
def test_runtime_filled_list(tmp_path, loop, chunk, drained, method):
    path = tmp_path / "reports.py"
    path.write_text(_program(loop, chunk, drained))
    # (a run that must hang is taken for hung sooner; one that must end gets a minute)
    hung, output = _run(path, method, timeout=8 if CASES[(loop, chunk, drained)] else 60)
    assert hung is CASES[(loop, chunk, drained)], output
    if not hung:
        expected = 8 if loop == "label in names" else 2 * (6 if "6" in loop else 3)
        assert output[0] == 0 and f"RESULT={expected}" in output[1], output
