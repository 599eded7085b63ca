"""A module-level Manager proxy (`shared = manager.dict()`) that workers store into is shared, not copied: the
parent sees the changes (observed under fork: `{1: 1, 2: 2}`), so MP301 (each process has its own copy) must not
be reported for it, while a plain dict is."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = textwrap.dedent("""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    manager = ctx.Manager()
    shared = MADE


    def work(x):
        shared[x] = x
        return x


    if __name__ == "__main__":
        with ctx.Pool(2) as pool:
            pool.map(work, [1, 2])
        print(dict(shared))
""")


@pytest.mark.parametrize("made, expected", [("manager.dict()", False), ("{}", True)])
def test_only_a_plain_container_is_a_copy(made, expected):
    codes = [f.code for f in analyze(PROGRAM.replace("MADE", made), "case.py").findings]
    assert ("MP301" in codes) is expected
