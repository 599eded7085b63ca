"""MP401 through wrappers and retry loops (bittensor #935, fresh_reports14 bittensor935_register_retry_sets_spawn):
`create_pow()` calls `solve_for_difficulty_fast()`, which calls `set_start_method('spawn')` without force; the CLI
calls create_pow() on each turn of its retry loop, and the second turn raises `RuntimeError: context has already
been set` under every start method. "Always sets the start method" (`ModuleSummary.setting`) is carried up through
functions that always call such a function (of the same module or of another one), and a call inside a loop that
can turn again counts as a second call. Near misses: force=True, a call under a test, in a try that catches
RuntimeError, a loop that leaves right after the call, a loop over one item. Proven under fork, spawn and
forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

ENGINE = """
    import multiprocessing


    def square(x):
        return x * x


    def crunch(numbers):
        multiprocessing.set_start_method("spawn")
        with multiprocessing.Pool(2) as pool:
            return sum(pool.map(square, numbers))


    def crunch_forced(numbers):
        multiprocessing.set_start_method("spawn", force=True)
        with multiprocessing.Pool(2) as pool:
            return {"total": sum(pool.map(square, numbers))}


    def crunch_if_unset(numbers):
        if multiprocessing.get_start_method(allow_none=True) is None:
            multiprocessing.set_start_method("spawn")
        with multiprocessing.Pool(2) as pool:
            return {"total": sum(pool.map(square, numbers))}


    def batch(numbers):
        total = crunch(numbers)
        return {"total": total, "count": len(numbers)}


    def batch_maybe(numbers, fast=False):
        if fast:
            return {"total": crunch(numbers)}
        return {"total": sum(x * x for x in numbers)}
"""

# A wrapper of a wrapper, in a third module.
JOBS = """
    from kit.engine import batch


    def run_job(numbers):
        report = batch(numbers)
        return report["total"]
"""

RETRY = """
    from kit.engine import HELPER


    def main():
        rounds = 0
        best = None
        while rounds < 3 and best is None:
            rounds += 1
            report = HELPER([rounds, 2])
            if report["total"] > 6:
                best = report
        print("RESULT=%s" % best["total"])


    if __name__ == "__main__":
        main()
"""

TWICE = """
    from kit.jobs import run_job


    def main():
        first = run_job([1, 2])
        second = run_job([3, 4])
        print("RESULT=%s" % (first + second))


    if __name__ == "__main__":
        main()
"""

ONCE_LOOP = """
    from kit.engine import batch


    def main():
        for rounds in range(3):
            report = batch([rounds, 2])
            break
        print("RESULT=%s" % report["total"])


    if __name__ == "__main__":
        main()
"""


def kit(tmp_path, main: str, engine: str = ENGINE) -> list:
    root = project(tmp_path, {"kit/__init__.py": "", "kit/engine.py": engine, "kit/jobs.py": JOBS,
                              "main.py": main})
    return findings(root / "main.py", "MP401")


def test_a_wrapper_called_in_a_retry_loop(tmp_path):
    [finding] = kit(tmp_path, RETRY.replace("HELPER", "batch"))
    assert "kit.engine.batch() sets the start method" in finding.message
    assert "the loop on line 8 turns" in finding.message
    assert finding.related_file.path.endswith("engine.py") and finding.related_file.line == 10


def test_a_wrapper_of_a_wrapper_in_another_module_called_twice(tmp_path):
    [finding] = kit(tmp_path, TWICE)
    assert "kit.jobs.run_job() sets the start method" in finding.message
    assert finding.related_file.path.endswith("jobs.py") and finding.related_file.line == 6


@pytest.mark.parametrize("helper", ["crunch_forced", "crunch_if_unset", "batch_maybe"])
def test_wrappers_that_do_not_always_set_it(tmp_path, helper):
    assert kit(tmp_path, RETRY.replace("HELPER", helper)) == []


def test_a_forced_call_under_the_wrapper(tmp_path):
    engine = ENGINE.replace('def crunch(numbers):\n        multiprocessing.set_start_method("spawn")',
                            'def crunch(numbers):\n        multiprocessing.set_start_method("spawn", force=True)')
    assert engine != ENGINE
    assert kit(tmp_path, TWICE, engine) == []


def test_loops_that_run_it_once(tmp_path):
    assert kit(tmp_path / "a", ONCE_LOOP) == []
    one_item = ONCE_LOOP.replace("for rounds in range(3):", "for rounds in [1]:").replace("            break\n", "")
    assert "break" not in one_item
    assert kit(tmp_path / "b", one_item) == []
    assert len(kit(tmp_path / "c", one_item.replace("for rounds in [1]:", "for rounds in [1, 2]:"))) == 1


def test_a_wrapper_called_under_a_try_is_not_always(tmp_path):
    jobs_guarded = """
        from kit.engine import batch


        def run_job(numbers):
            try:
                report = batch(numbers)
            except RuntimeError:
                report = {"total": 0}
            return report["total"]
    """
    root = project(tmp_path, {"kit/__init__.py": "", "kit/engine.py": ENGINE, "kit/jobs.py": jobs_guarded,
                              "main.py": TWICE})
    assert findings(root / "main.py", "MP401") == []


SAME_MODULE = """
    import multiprocessing


    def square(x):
        return x * x


    def solve(numbers):
        multiprocessing.set_start_method("spawn")
        with multiprocessing.Pool(2) as pool:
            return pool.map(square, numbers)


    def attempt(numbers):
        return sum(solve(numbers))


    def main():
        tries = 0
        total = 0
        while tries < 2:
            tries += 1
            total += attempt([tries])
        print("RESULT=%s" % total)


    if __name__ == "__main__":
        main()
"""


def test_same_module_wrapper_in_a_loop():
    [finding] = found(SAME_MODULE, "MP401")
    assert finding.start.row == 10 and "attempt() is called in the loop on line 24" in finding.message


def test_same_module_loop_that_breaks():
    text = SAME_MODULE.replace("total += attempt([tries])", "total += attempt([tries])\n            break")
    assert found(text, "MP401") == []


def test_direct_call_in_a_loop():
    text = """
        import multiprocessing as mp


        def main(methods):
            for method in methods:
                mp.set_start_method(method)
                print(method)
    """
    [finding] = found(text, "MP401")
    assert "the loop on line 6 turns" in finding.message
    assert found(text.replace("for method in methods", "for method in ['spawn']"), "MP401") == []
    assert found(text.replace("mp.set_start_method(method)", "mp.set_start_method(method, force=True)"),
                 "MP401") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    cases = {"retry.py": (RETRY.replace("HELPER", "batch"), True),
             "twice.py": (TWICE, True),
             "same.py": (SAME_MODULE, True),
             "forced.py": (RETRY.replace("HELPER", "crunch_forced"), False),
             "unset.py": (RETRY.replace("HELPER", "crunch_if_unset"), False),
             "once.py": (ONCE_LOOP, False)}
    files = {"kit/__init__.py": "", "kit/engine.py": ENGINE, "kit/jobs.py": JOBS}
    files.update({name: text for name, (text, _fails) in cases.items()})
    root = project(tmp_path, files)
    for name, (_text, fails) in cases.items():
        out = run_program(root / name, method, timeout=60, cwd=root)
        if fails:
            assert out.returncode != 0 and "context has already been set" in out.stderr, (name, out.stderr)
        else:
            assert out.returncode == 0 and "RESULT=" in out.stdout, (name, out.stderr)
