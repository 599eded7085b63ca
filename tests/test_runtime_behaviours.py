"""Behaviours the shared oracle lacks, proven by running them: each program is run with fork and
spawn as the interpreter's *default* start method (fixtures/runner/sitecustomize.py), and mpguard
must flag exactly the methods under which it misbehaves."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import run_program, run_in_session

from mpguard.linter.analyze import analyze
from mpguard.semantic import errors

RUNNER = Path(__file__).parent / "fixtures" / "runner"

PROGRAMS = {
    # A global assigned only under the guard: a spawned child has no such name.
    "guard_only_global": ("""
        from multiprocessing import Pool

        def work(x):
            return x * factor

        if __name__ == "__main__":
            factor = 3
            with Pool(2) as pool:
                print(pool.map(work, range(3)))
    """, "MP302", {"spawn"}, "NameError: name 'factor' is not defined"),
    # The instance behind a bound-method task holds its own Pool: pickling it fails everywhere.
    "task_object_holds_its_pool": ("""
        import multiprocessing

        class Runner:
            def __init__(self):
                self.pool = multiprocessing.Pool(2)

            def work(self, x):
                return x

            def run(self):
                try:
                    return self.pool.map(self.work, [1, 2])
                finally:
                    self.pool.terminate()

        if __name__ == "__main__":
            print(Runner().run())
    """, "MP201", {"fork", "spawn"}, "pool objects cannot be passed between processes or pickled"),
    # A module-level Value replaced by the pool initializer: the documented way, fine everywhere.
    "initializer_replaces_module_value": ("""
        import multiprocessing

        counter = multiprocessing.Value("i", 0)

        def init(c):
            global counter
            counter = c

        def bump(_):
            with counter.get_lock():
                counter.value += 1

        if __name__ == "__main__":
            c = multiprocessing.Value("i", 0)
            with multiprocessing.Pool(2, initializer=init, initargs=(c,)) as pool:
                pool.map(bump, range(10))
            print(c.value)
            assert c.value == 10
    """, None, set(), ""),
    # The parent keeps INFO records in a file; a spawned child's root logger is unconfigured (WARNING,
    # no handler), so its INFO record is dropped (exit 3 when the file lacks it).
    "child_info_record_lost": ("""
        import logging, multiprocessing, os, sys, tempfile

        log = logging.getLogger("etl")

        def work(x):
            log.info("row %s loaded", x)
            return x

        if __name__ == "__main__":
            path = os.path.join(tempfile.mkdtemp(), "etl.log")
            logging.basicConfig(filename=path, level=logging.INFO)
            with multiprocessing.Pool(1) as pool:
                pool.map(work, [7])
            logging.shutdown()
            sys.exit(0 if "row 7 loaded" in open(path).read() else 3)
    """, "MP302", {"spawn"}, ""),
    # Near miss (fresh_realistic object_ok_loader_keeps_logger): the child's DEBUG record is below the
    # parent's WARNING level, so the parent would drop it too: nothing differs between the methods.
    "child_debug_record_below_the_parent_level": ("""
        import logging, multiprocessing, os, sys, tempfile

        log = logging.getLogger("etl")

        def work(x):
            log.debug("row %s loaded", x)
            return x

        if __name__ == "__main__":
            path = os.path.join(tempfile.mkdtemp(), "etl.log")
            logging.basicConfig(filename=path, level=logging.WARNING)
            with multiprocessing.Pool(1) as pool:
                pool.map(work, [7])
            logging.shutdown()
            sys.exit(0 if open(path).read() == "" else 3)
    """, None, set(), ""),
    # threading.local() is refused by pickle: a spawned child never gets its arguments.
    "thread_local_in_process_args": ("""
        import multiprocessing, threading

        def work(state):
            pass

        if __name__ == "__main__":
            p = multiprocessing.Process(target=work, args=(threading.local(),))
            p.start()
            p.join()
    """, "MP203", {"spawn"}, "cannot pickle '_thread._local' object"),
    # A connection's execute() makes a Cursor, which the worker cannot send back.
    "cursor_returned_by_a_task": ("""
        import sqlite3
        from concurrent.futures import ProcessPoolExecutor

        def query(path):
            conn = sqlite3.connect(path)
            return conn.execute("select 1")

        if __name__ == "__main__":
            with ProcessPoolExecutor(1) as ex:
                print(ex.submit(query, ":memory:").result())
    """, "MP207", {"fork", "spawn"}, "cannot pickle 'sqlite3.Cursor' object"),
    # make_dataclass("Row") in a function: pickle looks for types.Row (3.11) / __main__.Row (3.12+).
    "make_dataclass_class_in_a_function": ("""
        import multiprocessing
        from dataclasses import make_dataclass

        def work(row):
            return row.x

        def main():
            Row = make_dataclass("Row", [("x", int)])
            with multiprocessing.Pool(1) as pool:
                print(pool.map(work, [Row(1)]))

        if __name__ == "__main__":
            main()
    """, "MP203", {"fork", "spawn"}, "Can't pickle <class '"),
    # A defaultdict is pickled with its default factory: a lambda there fails every pool task.
    "defaultdict_lambda_factory_in_a_task": ("""
        import multiprocessing
        from collections import defaultdict

        def work(counts):
            return counts["a"]

        if __name__ == "__main__":
            with multiprocessing.Pool(1) as pool:
                print(pool.map(work, [defaultdict(lambda: 0)]))
    """, "MP201", {"fork", "spawn"}, "<lambda>"),
    # The tasks a generator function yields are pickled one by one: a lambda in one fails the map.
    "generator_function_yields_a_lambda_task": ("""
        import multiprocessing

        def make_jobs(names):
            for name in names:
                yield (lambda t: t.upper(), name)

        def run(job):
            fn, name = job
            return fn(name)

        if __name__ == "__main__":
            with multiprocessing.Pool(1) as pool:
                print(pool.map(run, list(make_jobs(["a", "b"]))))
    """, "MP201", {"fork", "spawn"}, "<lambda>"),
    # A generator function as a pool task: every result is a generator, which the worker cannot send back.
    "generator_function_task": ("""
        import multiprocessing

        def sentences(doc):
            for part in doc.split("."):
                yield part

        if __name__ == "__main__":
            with multiprocessing.Pool(1) as pool:
                print(pool.map(sentences, ["a. b"]))
    """, "MP207", {"fork", "spawn"}, "cannot pickle 'generator' object"),
    # A fluent builder: `add` returns self, so the chained `.add(lambda ...)` stores the lambda in the
    # pipeline's steps, each mapped on the pool (the lambda fails under every start method).
    "builder_chain_stores_a_lambda": ("""
        import multiprocessing as mp

        class Pipeline:
            def __init__(self):
                self.steps = []

            def add(self, fn):
                self.steps.append(fn)
                return self

            def run(self, items):
                with mp.Pool(2) as pool:
                    for step in self.steps:
                        items = pool.map(step, items)
                return items

        if __name__ == "__main__":
            print(Pipeline().add(str.upper).add(lambda s: s + "!").run(["a", "b"]))
    """, "MP201", {"fork", "spawn"}, "<lambda>"),
    # A lambda appended to the list a function returned: the list holds it when it is mapped.
    "lambda_appended_to_a_returned_list": ("""
        import multiprocessing as mp
        from functools import partial

        def scale(factor, x):
            return factor * x

        def make_tasks(factors):
            return [partial(scale, f) for f in factors]

        def apply(task):
            return task(3)

        if __name__ == "__main__":
            tasks = make_tasks([1, 2])
            tasks.append(lambda x: x)
            with mp.Pool(2) as pool:
                print(pool.map(apply, tasks))
    """, "MP201", {"fork", "spawn"}, "<lambda>"),
    # The object behind a bound-method executor task keeps a multiprocessing Lock: pickled for the task
    # queue, outside the spawning of a child, the Lock refuses under every start method.
    "bound_method_task_object_holds_a_lock": ("""
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        class Model:
            def __init__(self):
                self.weights = [1, 2, 3]
                self.lock = mp.Lock()

            def predict(self, x):
                return sum(w * x for w in self.weights)

        if __name__ == "__main__":
            model = Model()
            with ProcessPoolExecutor(2) as ex:
                print(list(ex.map(model.predict, range(3))))
    """, "MP204", {"fork", "spawn"}, "Lock objects should only be shared between processes through inheritance"),
}


def run(path: Path, method: str) -> subprocess.CompletedProcess:
    """The program under `method` as the default start method; a run that hangs is run once more (helpers.run_program)."""
    return run_program(path, method, timeout=60, cwd=path.parent)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_flagged_exactly_where_it_misbehaves(tmp_path, name):
    source, code, failing, error = PROGRAMS[name]
    source = textwrap.dedent(source)
    path = tmp_path / f"{name}.py"
    path.write_text(source)
    observed = set()
    for method in ("fork", "spawn"):
        proc = run(path, method)
        if proc.returncode != 0:
            observed.add(method)
            assert error in proc.stderr, proc.stderr[-2000:]
    assert observed == failing
    flagged = set()
    for finding in analyze(source).findings:
        if code is not None and finding.code == code:
            flagged |= finding.start_methods
        elif code is None:
            flagged |= finding.start_methods
    assert flagged & {"fork", "spawn"} == failing


def test_a_notebook_function_is_found_by_forked_children_only(tmp_path):
    """A notebook kernel's __main__ has no file, like `python -c`: a spawned child cannot import it, so
    a function defined there is not found (the shared oracle runs files only). mpguard, told the code
    is a notebook cell, flags exactly the methods under which it fails."""
    source = textwrap.dedent("""
        from concurrent.futures import ProcessPoolExecutor

        def work(x):
            return x * 2

        with ProcessPoolExecutor(1) as ex:
            print(ex.submit(work, 21).result())
    """)
    env_for = lambda method: {**os.environ, "PYTHONPATH": str(RUNNER), "MPGUARD_DEFAULT_METHOD": method}
    observed = set()
    for method in ("fork", "spawn"):
        proc = run_in_session([sys.executable, "-c", source], text=True, timeout=60,
                              env=env_for(method), cwd=tmp_path)
        if proc.returncode != 0:
            observed.add(method)
            # this interpreter's words (3.12+: "(<class '_frozen_importlib.BuiltinImporter'>)"; 3.14: "has no attribute")
            assert errors.render(errors.text("notebook_attr", name="work"), errors.running_version()) in proc.stderr
            assert "BrokenProcessPool" in proc.stderr
        else:
            assert proc.stdout.strip() == "42"
    assert observed == {"spawn"}
    flagged = set()
    for finding in analyze(source, "notebook.ipynb").findings:
        assert finding.code == "MP209", finding
        flagged |= finding.start_methods
    assert flagged & {"fork", "spawn"} == {"spawn"}


def test_a_package_main_run_with_dash_m_is_not_re_imported_by_its_children(tmp_path):
    """`python -m pkg`: multiprocessing does not re-run a package's __main__.py in spawned children.
    A pool started at its top level works (no bootstrap error, so no MP101), but a function it
    defines is not found (MP209), while one imported from the package is."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "helpers.py").write_text("def square(x):\n    return x * x\n")
    main = textwrap.dedent("""
        from concurrent.futures import ProcessPoolExecutor
        from pkg.helpers import square


        def local(x):
            return x + 1


        with ProcessPoolExecutor(1) as ex:
            print("helpers", list(ex.map(square, [1, 2])))
            print("local", list(ex.map(local, [1, 2])))
    """)
    (package / "__main__.py").write_text(main)
    env_for = lambda method: {**os.environ, "PYTHONPATH": str(RUNNER), "MPGUARD_DEFAULT_METHOD": method}
    observed = set()
    for method in ("fork", "spawn"):
        proc = run_in_session([sys.executable, "-m", "pkg"], text=True, timeout=60,
                              env=env_for(method), cwd=tmp_path)
        assert "helpers [1, 4]" in proc.stdout and "bootstrapping" not in proc.stderr
        if proc.returncode != 0:
            observed.add(method)
            assert errors.render(errors.text("notebook_attr", name="local"), errors.running_version()) in proc.stderr
    assert observed == {"spawn"}
    findings = analyze(main, str(package / "__main__.py")).findings
    assert [f.code for f in findings] == ["MP209"] and findings[0].start.row == 12
    assert set(findings[0].start_methods) & {"fork", "spawn"} == {"spawn"}
    assert "MP101" in {f.code for f in analyze(main, str(tmp_path / "script.py")).findings}


@pytest.mark.parametrize("factory", ["open_store", "open_plain"])
def test_a_bound_method_of_what_another_modules_factory_returns(tmp_path, factory):
    """`open_store().fetch` as an executor task pickles the Store the factory of another module built:
    its sqlite3 connection fails under every start method; a factory's plain object is fine."""
    from test_semantic_crossmodule_calls import FACTORY_TASK, STORE
    from mpguard.linter.files import analyze_path
    from mpguard.linter.settings import Settings
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "store.py").write_text(textwrap.dedent(STORE))
    path = tmp_path / "main.py"
    path.write_text(textwrap.dedent(FACTORY_TASK.format(factory=factory)))
    observed = set()
    for method in ("fork", "spawn"):
        proc = run(path, method)
        if proc.returncode != 0:
            observed.add(method)
            assert "cannot pickle 'sqlite3.Connection' object" in proc.stderr, proc.stderr[-2000:]
    flagged = set()
    for finding in analyze_path(path, Settings(), project_root=tmp_path).findings:
        flagged |= finding.start_methods
    assert observed == ({"fork", "spawn"} if factory == "open_store" else set())
    assert flagged & {"fork", "spawn"} == observed


@pytest.mark.parametrize("task", ["lambda x: x + offset", "shift"])
def test_a_method_of_another_modules_class_maps_what_it_is_given(tmp_path, task):
    """`Executor(2).map(task, xs)` where the method of another module maps `task` on its Pool: a lambda
    fails under every start method, a module function is fine."""
    from test_semantic_crossmodule_calls import METHOD_TASK, PAR
    from mpguard.linter.files import analyze_path
    from mpguard.linter.settings import Settings
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "__init__.py").write_text("")
    (tmp_path / "tools" / "par.py").write_text(textwrap.dedent(PAR))
    path = tmp_path / "main.py"
    path.write_text(textwrap.dedent(METHOD_TASK.format(task=task)))
    observed = set()
    for method in ("fork", "spawn"):
        proc = run(path, method)
        if proc.returncode != 0:
            observed.add(method)
            assert "<lambda>" in proc.stderr, proc.stderr[-2000:]
    flagged = set()
    for finding in analyze_path(path, Settings(), project_root=tmp_path).findings:
        flagged |= finding.start_methods
    assert observed == ({"fork", "spawn"} if task.startswith("lambda") else set())
    assert flagged & {"fork", "spawn"} == observed


@pytest.mark.parametrize("prefix", ["collect_", "collect_logs"])
def test_a_task_taken_by_name_from_a_listing_of_a_modules_functions(tmp_path, prefix):
    """`getattr(collect, name)` for each name `inspect.getmembers(collect, isfunction)` lists under a
    prefix (crmsh's report): every listed function runs, and one that raises an exception the parent
    cannot rebuild breaks the executor under every start method; a prefix that leaves it out is fine."""
    from mpguard.linter.files import analyze_path
    from mpguard.linter.settings import Settings
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "collect.py").write_text(textwrap.dedent("""
        class Failure(ValueError):
            def __init__(self, cmd, host):
                super().__init__("failed: {} on {}".format(cmd, host))

        def collect_logs():
            return "logs"

        def collect_verify():
            raise Failure("crm_verify", "node1")
    """))
    path = tmp_path / "main.py"
    path.write_text(textwrap.dedent(f"""
        from concurrent.futures import ProcessPoolExecutor
        from inspect import getmembers, isfunction
        from kit import collect

        def names():
            return [name for name, _ in getmembers(collect, isfunction) if name.startswith("{prefix}")]

        if __name__ == "__main__":
            with ProcessPoolExecutor(2) as ex:
                futures = [ex.submit(getattr(collect, name)) for name in names()]
                print([f.result() for f in futures])
    """))
    observed = set()
    for method in ("fork", "spawn", "forkserver"):
        proc = run(path, method)
        if proc.returncode != 0:
            observed.add(method)
            assert "BrokenProcessPool" in proc.stderr or "missing 1 required positional argument" in proc.stderr, \
                proc.stderr[-2000:]
        else:
            assert "['logs']" in proc.stdout
    flagged = set()
    for finding in analyze_path(path, Settings(), project_root=tmp_path).findings:
        flagged |= finding.start_methods
    assert observed == ({"fork", "spawn", "forkserver"} if prefix == "collect_" else set())
    assert flagged == observed
