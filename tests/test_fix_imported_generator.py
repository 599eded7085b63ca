"""MP203's generator fix for a generator made by a function of another project module (`batch_generator(...)`
of a helper package, sent in a Process's args or inside pool tasks): the call in the checked module becomes
`list(...)`, when the helper's generator function can be listed (no `while True`, no itertools.count). The
shapes of keras-retinanet #996 (fresh_realistic7 retinanet_enqueuer_generator_arg) and DeepDeblur #5
(fresh_realistic5 ingest_batches_generator_arg). Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program
from mpguard.fixes.apply import apply_edits, parses
from test_semantic_crossmodule import findings, project

TASKS = """
    def batch_generator(items, batch_size):
        for start in range(0, len(items), batch_size):
            yield items[start:start + batch_size]


    def endless(items):
        while True:
            for item in items:
                yield item


    def counted(items):
        import itertools
        for n in itertools.count():
            yield n, items
"""

MAIN = """
    import multiprocessing as mp
    import sys

    from kit.tasks import batch_generator, endless, counted


    def produce(gen, out):
        out.put(sum(len(batch) for batch in gen))


    def make():
        return MAKER(["a", "b", "c", "d", "e"], 2)


    def main():
        out = mp.Queue()
        p = mp.Process(target=produce, args=(make(), out))
        p.start()
        total = out.get(timeout=30)
        p.join()
        print("RESULT=%s" % total)
        return 0 if total == 5 else 3


    if __name__ == "__main__":
        sys.exit(main())
"""

POOL = """
    import multiprocessing as mp
    import sys

    from kit import tasks


    def count(name, batches):
        return name, sum(len(b) for b in batches)


    def plan(groups):
        for name, items in sorted(groups.items()):
            yield name, tasks.batch_generator(items, 2)


    def main():
        jobs = list(plan({"x": [1, 2, 3], "y": [4]}))
        with mp.Pool(2) as pool:
            counts = pool.starmap(count, jobs)
        print("RESULT=%s" % counts)
        return 0 if counts == [("x", 3), ("y", 1)] else 3


    if __name__ == "__main__":
        sys.exit(main())
"""


def root_with(tmp_path, main):
    return project(tmp_path, {"kit/__init__.py": "", "kit/tasks.py": TASKS, "main.py": main})


def fixed(root):
    [finding] = findings(root / "main.py", "MP203")
    if finding.fix is None:
        return None
    out = apply_edits((root / "main.py").read_text(), finding.fix.edits)
    assert parses(out)
    return out


def test_the_call_in_this_module_is_listed(tmp_path):
    root = root_with(tmp_path, MAIN.replace("MAKER", "batch_generator"))
    out = fixed(root)
    assert '    return list(batch_generator(["a", "b", "c", "d", "e"], 2))\n' in out
    (root / "main.py").write_text(out)
    assert findings(root / "main.py", "MP203") == []


def test_a_call_inside_pool_tasks_is_listed(tmp_path):
    root = root_with(tmp_path, POOL)
    out = fixed(root)
    assert "        yield name, list(tasks.batch_generator(items, 2))\n" in out


@pytest.mark.parametrize("maker", ["endless", "counted"])
def test_no_fix_for_a_generator_that_may_never_end(tmp_path, maker):
    assert fixed(root_with(tmp_path, MAIN.replace("MAKER", maker))) is None


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("main", [MAIN.replace("MAKER", "batch_generator"), POOL], ids=["process", "pool"])
def test_runtime(tmp_path, method, main):
    root = root_with(tmp_path, main)
    before = run_program(root / "main.py", method, timeout=120, cwd=root)
    inherited = main is not POOL and method == "fork"  # a forked Process gets its args without pickle
    assert (before.returncode == 0) if inherited else (before.returncode != 0 and "generator" in before.stderr)
    (root / "main.py").write_text(fixed(root))
    after = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert after.returncode == 0 and "RESULT=" in after.stdout, after.stderr
