"""MP414's fix (OpenOccupancy #8, fresh_reports8 openoccupancy8_pool_closed_inside_loop): `pool.close()` indented
into the loop that submits on each turn moves to just after the loop. Near misses: a loop that may leave a turn
early, a close that is not the body's last statement. Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program
from mpguard.fixes.apply import fix_all
from mpguard.linter.analyze import analyze
from mpguard.text.findings import Applicability

SOURCE = '''import sys
from multiprocessing import Pool


def square(x):
    return x * x


if __name__ == "__main__":
    pool = Pool(2)
    results = []
    for n in range(4):
        results.append(pool.apply_async(square, (n,)))
        # done submitting
        pool.close()
    pool.join()
    got = [r.get() for r in results]
    print("RESULT=%s" % got)
    sys.exit(0 if got == [0, 1, 4, 9] else 3)
'''


def mp414(text):
    return [f for f in analyze(text, "case.py").findings if f.code == "MP414"]


def test_the_close_moves_after_the_loop():
    [finding] = mp414(SOURCE)
    assert finding.fix.applicability is Applicability.SAFE
    out = fix_all(SOURCE, lambda t: analyze(t, "case.py").findings, unsafe=False)[0]
    assert ("        results.append(pool.apply_async(square, (n,)))\n"
            "    # done submitting\n    pool.close()\n    pool.join()\n") in out
    assert mp414(out) == []


@pytest.mark.parametrize("change", [
    ("        # done submitting\n", "        if n > 5:\n            continue\n"),
    ("        pool.close()\n", "        pool.close()\n        print(n)\n"),
])
def test_no_fix_for_a_loop_that_may_skip_the_close_or_does_more_after_it(change):
    text = SOURCE.replace(*change)
    found = mp414(text)
    assert found and all(f.fix is None for f in found)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = tmp_path / "main.py"
    path.write_text(SOURCE)
    before = run_program(path, method, timeout=60)
    assert before.returncode != 0 and "Pool not running" in before.stderr
    path.write_text(fix_all(SOURCE, lambda t: analyze(t, "case.py").findings, unsafe=False)[0])
    after = run_program(path, method, timeout=60)
    assert after.returncode == 0 and "RESULT=[0, 1, 4, 9]" in after.stdout, after.stderr
