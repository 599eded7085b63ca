"""MP410 when the read is the value a `return` gives (cpython #73983, fresh_reports15
cpython73983_log_indexer_join_before_drain: `for proc in self.workers: proc.join()` then `return self.collect()`):
the value is bound to a fresh name, the join follows, and the function returns the name
(fixes/lifecycle.join_after_return_edits), in the same function (SAFE) and through a helper that reads
(fixes/drain_calls, UNSAFE). Before, a join moved after the `return` would never have run: no fix then. Near miss:
a drain that reads before the join is silent. Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import found, run_program
from mpguard.fixes.apply import apply_edits, parses
from mpguard.text.findings import Applicability

SRC = 'import multiprocessing\nimport sys\n\n\ndef produce(n, queue):\n    for i in range(n):\n        queue.put("x" * 100000)\n    queue.put(None)\n\n\nclass Job:\n    def __init__(self, parts):\n        self.parts = parts\n        self.queue = multiprocessing.Queue()\n        self.procs = []\n\n    def begin(self):\n        for n in self.parts:\n            proc = multiprocessing.Process(target=produce, args=(n, self.queue))\n            proc.start()\n            self.procs.append(proc)\n\n    def drain(self):\n        done, size = 0, 0\n        while done < len(self.parts):\n            item = self.queue.get()\n            if item is None:\n                done += 1\n            else:\n                size += len(item)\n        return size\n\n    def run(self):\n        self.begin()\n        for proc in self.procs:\n            proc.join()\n        return self.drain()\n\n\ndef main():\n    size = Job([3, 4]).run()\n    print("RESULT=%d" % size)\n    return 0 if size == 700000 else 3\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'

INLINE = SRC.replace("        return self.drain()\n", "        return [self.queue.get() for _ in range(sum(self.parts) + 2)]\n") \
    .replace("    size = Job([3, 4]).run()\n", "    size = sum(len(x) for x in Job([3, 4]).run() if x)\n")


def fixed(src):
    [finding] = found(src, "MP410")
    assert finding.fix is not None
    out = apply_edits(src, finding.fix.edits)
    assert parses(out)
    return finding.fix, out


def test_through_a_helper_the_value_is_bound_then_returned():
    fix, out = fixed(SRC)
    assert fix.applicability is Applicability.UNSAFE
    assert ("        self.begin()\n        result = self.drain()\n        for proc in self.procs:\n"
            "            proc.join()\n        return result\n") in out
    assert found(out, "MP410") == []


def test_in_the_same_function():
    fix, out = fixed(INLINE)
    assert fix.applicability is Applicability.SAFE
    assert "        result = [self.queue.get() for _ in range(sum(self.parts) + 2)]\n" in out
    assert out.index("result = [self.queue.get()") < out.index("proc.join()") < out.index("return result")
    assert found(out, "MP410") == []


def test_reading_first_is_silent():
    src = SRC.replace("        for proc in self.procs:\n            proc.join()\n        return self.drain()\n",
                      "        size = self.drain()\n        for proc in self.procs:\n            proc.join()\n"
                      "        return size\n")
    assert found(src, "MP410") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for name, src in (("helper.py", SRC), ("inline.py", INLINE)):
        path = tmp_path / name
        path.write_text(fixed(src)[1])
        out = run_program(path, method, timeout=120, cwd=tmp_path)
        assert out.returncode == 0 and "RESULT=700000" in out.stdout, out.stderr
