"""MP410's payload through a generator function of the module: `[line for line in shard_lines(shard)]` holds as many
items as `shard_lines` yields, each `yield` once per turn of the loops around it, their lengths read with the
parameters bound to what the call passes or leaves to its defaults (rules/payload_lengths.generator_length;
fresh_realistic2b controlflow_shard_stats_join_before_drain without its filter: with `if pattern in line` the
comprehension keeps an unknown part, and stays unsized). Near misses stay silent: a call that asks for few items, a
yield under an `if`, a generator that may stop early, one that hands over another iterable, the drain before the
join. Proven under fork, spawn and forkserver (the hazard hangs: run with a timeout; the near miss exits)."""
import os
import subprocess
import sys
import textwrap

import pytest
from helpers import RUNNER_SITE, found, run_program, runtime_proofs_or_skip, run_in_session

SHARDS = """
    import multiprocessing


    def shard_lines(shard, count=4000):
        for i in range(count):
            yield f"shard={shard} seq={i} payload={'x' * 40}"


    def scan(shard, out):
        lines = [line for line in shard_lines(shard)]
        out.put((shard, lines))


    if __name__ == "__main__":
        out = multiprocessing.Queue()
        scanners = [multiprocessing.Process(target=scan, args=(s, out)) for s in range(2)]
        for proc in scanners:
            proc.start()
        for proc in scanners:
            proc.join()
        print("RESULT=%d" % sum(len(out.get()[1]) for _ in scanners))
"""

NESTED = """
    import multiprocessing


    def cells(rows, cols):
        for r in range(rows):
            for c in range(cols):
                yield (r, c, "cell")


    def render(q):
        q.put(list(cells(200, 100)))


    if __name__ == "__main__":
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=render, args=(q,))
        p.start()
        p.join()
        print(len(q.get()))
"""


def test_a_comprehension_over_a_generator_with_a_default_count():
    assert [f.start.row for f in found(SHARDS, "MP410")] == [21]


def test_nested_loops_and_a_list_of_the_generator():
    # list(gen) keeps the generator's items: 20,000 tuples
    assert [f.start.row for f in found(NESTED, "MP410")] == [19]


@pytest.mark.parametrize("program", [
    SHARDS.replace("shard_lines(shard)]", "shard_lines(shard, 10)]"),
    SHARDS.replace("        for i in range(count):\n", "        for i in range(count):\n            if i % 1000:\n"
                   "                continue\n").replace("            yield", "            yield"),
    SHARDS.replace("            yield f", "            if i == 0:\n                yield f").replace(
        "payload={'x' * 40}\"", "payload={'x' * 40}\""),
    SHARDS.replace("        for i in range(count):\n", "        if shard > 5:\n            return\n"
                   "        for i in range(count):\n"),
    SHARDS.replace("        for i in range(count):\n            yield f\"shard={shard} seq={i} payload={'x' * 40}\"",
                   "        yield from other_lines(shard)"),
    SHARDS.replace("        for proc in scanners:\n            proc.join()\n        print(\"RESULT=%d\" % sum("
                   "len(out.get()[1]) for _ in scanners))",
                   "        print(\"RESULT=%d\" % sum(len(out.get()[1]) for _ in scanners))\n"
                   "        for proc in scanners:\n            proc.join()"),
    NESTED.replace("cells(200, 100)", "cells(2, 10)"),
    NESTED.replace('yield (r, c, "cell")', "yield c"),
], ids=["few-items", "continue", "yield-under-if", "may-return", "yield-from", "drained-first", "small-grid",
        "small-items"])
def test_near_misses_stay_silent(program):
    assert found(program, "MP410") == []


def _hangs(path, method, timeout=10) -> bool:
    """Does the program hang? A hung one is killed with every process it started (its own session)."""
    runtime_proofs_or_skip()
    env = {**os.environ, "PYTHONPATH": str(RUNNER_SITE), "MP_DEFAULT_METHOD": method}
    try:
        run_in_session([sys.executable, str(path)], timeout=timeout, env=env)
        return False
    except subprocess.TimeoutExpired:
        return True


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_the_join_waits_for_the_generator_items(tmp_path, method):
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(SHARDS))
    assert _hangs(path, method), "the join returned"
    drained = SHARDS.replace("        for proc in scanners:\n            proc.join()\n        print(\"RESULT=%d\" % sum("
                             "len(out.get()[1]) for _ in scanners))",
                             "        print(\"RESULT=%d\" % sum(len(out.get()[1]) for _ in scanners))\n"
                             "        for proc in scanners:\n            proc.join()")
    path.write_text(textwrap.dedent(drained))
    result = run_program(path, method)
    assert result.returncode == 0 and "RESULT=8000" in result.stdout, result.stderr
