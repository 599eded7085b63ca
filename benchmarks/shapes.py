"""Modules of pathological shape, each once quadratic somewhere in `mpguard check` (issue 19).

    python benchmarks/shapes.py lambdas 2003 > lambdas.py     # one shape, n units, on stdout

Every shape grows with `n` one line (or one small group of lines) at a time, so the work of checking
it must grow linearly with `n`. tests/test_scaling.py counts that work at three sizes;
benchmarks/run.py times `mpguard check` on the big ones against their analysis alone.
"""
from __future__ import annotations

import argparse
import sys


def lambdas(n: int) -> str:
    """One `__main__` block of `n` lines: a pool, then `pool.map(lambda ...)` lines, each an MP201
    with a fix that lifts the lambda to a function above the guard. The issue's file: n = 1,003 or
    2,003 lines in the block."""
    calls = "".join(f"    r{i} = pool.map(lambda x: x + {i}, range(3))\n" for i in range(n - 1))
    return ("import multiprocessing\n\n\nif __name__ == \"__main__\":\n"
            "    pool = multiprocessing.Pool(2)\n" + calls)


def assignments(n: int) -> str:
    """A pool created at import time (MP101, whose fix moves everything after it under a new guard),
    then `n` plain assignments: 80,000 took 87 s, 200,000 did not finish in 300 s."""
    body = "".join(f"value_{i} = {i}\n" for i in range(n))
    return "import multiprocessing\n\npool = multiprocessing.Pool(2)\n" + body


def globals_(n: int) -> str:
    """`n` mutable module globals, a child that changes each of them and a parent that reads each one:
    n MP301 findings, about 3n lines (the issue's file: 24k lines)."""
    defined = "".join(f"G{i} = []\n" for i in range(n))
    changed = "".join(f"    G{i}.append(1)\n" for i in range(n))
    read = "".join(f"    print(G{i})\n" for i in range(n))
    return ("import multiprocessing\n\n" + defined + "\n\ndef work():\n" + changed
            + "\n\nif __name__ == \"__main__\":\n"
            "    p = multiprocessing.Process(target=work)\n    p.start()\n    p.join()\n" + read)


SHAPES = {"lambdas": lambdas, "assignments": assignments, "globals": globals_}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shape", choices=sorted(SHAPES))
    parser.add_argument("n", type=int)
    args = parser.parse_args(argv)
    sys.stdout.write(SHAPES[args.shape](args.n))


if __name__ == "__main__":
    main()
