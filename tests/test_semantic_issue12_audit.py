"""Issue 12, audited bullet by bullet (docs/issue12-audit.md): the points no other test proved, each
with its near miss. Every hazardous shape here was run under fork, spawn and forkserver (3.11-3.13)."""
import textwrap

import pytest

from helpers import codes, found, methods, rows

ALL = {"fork", "spawn", "forkserver"}
SPAWNISH = {"spawn", "forkserver"}

# ---------------------------------------------------------------- join(timeout), then the exit
# NVIDIA multi-storage-client#178: the parent gives up waiting and returns; the child still holds
# rows for the queue's pipe, and multiprocessing's exit handler joins it forever (killed at 12 s
# under all three methods; the near misses below exit 0).
EXPORT = """
    import multiprocessing
    import sys

    def exporter(rows, out):
        for i in range(rows):
            out.put(("row", i, "x" * 20))
        out.put(("done", rows, ""))

    def run_export(rows):
        out = multiprocessing.Queue()
        proc = multiprocessing.Process(target=exporter, args=(rows, out)DAEMON)
        proc.start()
        proc.join(timeout=1.0)
        if proc.is_alive():
            ENDreturn None
        return out

    def main():
        out = run_export(ROWS)
        print("timeout" if out is None else "finished")

    if __name__ == "__main__":
        sys.exit(main())
"""


def export(daemon="", end="", rows="40000"):
    return EXPORT.replace("DAEMON", daemon).replace("END", end).replace("ROWS", rows)


def no_hang_reported(src):
    """Silent, and for the right reason: the source parses and the hazard it differs from is found."""
    return "MP001" not in codes(src) and found(src, "MP410") == []


def test_join_with_a_timeout_then_the_exit_with_the_queue_unread_hangs():
    [finding] = found(export(), "MP410")
    assert finding.start.row == 14 and finding.start_methods == ALL
    assert "hangs at exit" in finding.message


def test_a_daemonic_child_is_terminated_at_exit_not_joined():
    assert no_hang_reported(export(daemon=", daemon=True"))


def test_a_child_terminated_after_the_join_gave_up_is_fine():
    assert no_hang_reported(export(end="proc.terminate()\n            "))


def test_a_child_given_a_small_known_number_of_rows_finishes_in_time():
    assert no_hang_reported(export(rows="10"))


def test_a_queue_handed_to_a_function_of_another_module_may_be_read_there():
    src = export().replace("out = run_export(40000)", "out = run_export(40000)\n        consume(out)") \
        .replace("import sys", "import sys\n    from elsewhere import consume")
    assert "consume(out)" in src and no_hang_reported(src)


def test_os_exit_skips_the_exit_handler():
    src = export().replace("sys.exit(main())", "main()\n        os._exit(0)").replace("import sys", "import os, sys")
    assert no_hang_reported(src)


JOINS = """
    import multiprocessing

    def writer(q):
        for i in range(100000):
            q.put("x" * 20)
        q.put(None)

    if __name__ == "__main__":
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=writer, args=(q,))
        p.start()
        WAITS
"""


def test_a_join_with_a_timeout_before_the_drain_is_not_a_deadlock():
    # join(0.5) returns, the loop drains, the last join finds the child done: RESULT 100000 under all three
    src = JOINS.replace("WAITS", "p.join(timeout=0.5)\n        while q.get() is not None:\n            pass\n"
                                 "        p.join()")
    assert found(src, "MP410") == []


def test_join_with_a_timeout_then_join_before_the_drain_is_reported_at_the_first_join():
    # ifcpipeline#24 (reports/ifcpipeline_join_before_drain): the wait starts at the join(timeout)
    src = JOINS.replace("WAITS", "p.join(5)\n        if p.is_alive():\n            p.join()\n        q.get()")
    [finding] = found(src, "MP410")
    assert finding.start.row == 13 and "line 15" in finding.message


def test_join_with_a_timeout_polled_in_a_while_loop_waits_for_good():
    src = JOINS.replace("WAITS", "while p.is_alive():\n            p.join(1)\n        q.get()")
    assert rows(src, "MP410") == [14]


# ---------------------------------------------------------------- values
def test_a_local_alias_of_a_parameter_is_followed():
    src = """
        from multiprocessing import Pool
        def square(x): return x * x
        def run(func, items):
            f = func
            with Pool(2) as pool:
                return pool.map(f, items)
        if __name__ == "__main__":
            run(FUNC, [1, 2])
    """
    # at the map, and a copy at the call that gives the lambda (rules/pickle_reports.with_origin_copy)
    assert rows(src.replace("FUNC", "lambda x: x * 2"), "MP201") == [7, 9]
    assert methods(src.replace("FUNC", "lambda x: x * 2"), "MP201") == ALL
    assert "MP201" not in codes(src.replace("FUNC", "square"))


def test_dict_views_give_their_values_and_items():
    src = """
        from multiprocessing import Pool
        def work(x): return x
        if __name__ == "__main__":
            d = {"a": VALUE, "b": 2}
            with Pool(2) as pool:
                print(pool.map(work, d.VIEW()))
    """
    for view in ("values", "items"):
        assert rows(src.replace("VALUE", "lambda: 1").replace("VIEW", view), "MP201") == [7], view
        assert "MP201" not in codes(src.replace("VALUE", "1").replace("VIEW", view)), view
    # keys are the strings: the lambdas stay in the parent
    assert "MP201" not in codes(src.replace("VALUE", "lambda: 1").replace("VIEW", "keys"))


def test_a_task_that_returns_re_finditer_names_the_iterator_pickle_refuses():
    # MaybeEncodingError: '[<callable_iterator ...>]'. Reason: TypeError("cannot pickle '_sre.SRE_Scanner' object")
    src = """
        import re
        from multiprocessing import Pool
        def task(text):
            return RESULT
        if __name__ == "__main__":
            with Pool(2) as pool:
                print(pool.map(task, ["a1b22"]))
    """
    [finding] = found(src.replace("RESULT", 're.finditer(r"\\d+", text)'), "MP207")
    assert finding.start.row == 5 and finding.start_methods == ALL
    assert "callable_iterator" in finding.message and "SRE_Scanner" in finding.message
    assert "re.Match" not in finding.message
    assert "MP207" not in codes(src.replace("RESULT", '[m.group() for m in re.finditer(r"\\d+", text)]'))
    assert "re.Match" in found(src.replace("RESULT", 're.search(r"\\d+", text)'), "MP207")[0].message


def test_a_global_assigned_through_global_in_a_function_before_dispatch():
    src = """
        import multiprocessing
        CONFIG = None
        def setup():
            global CONFIG
            CONFIG = {"scale": 3}
        def work(x):
            return x * CONFIG["scale"]
        if __name__ == "__main__":
            setup()
            with multiprocessing.Pool(2) as pool:
                print(pool.map(work, [1, 2]))
    """
    assert rows(src, "MP302") == [6]
    assert methods(src, "MP302") == SPAWNISH
    passed = src.replace('x * CONFIG["scale"]', 'x * 3')
    assert "MP302" not in codes(passed)


# ---------------------------------------------------------------- start methods
def test_set_start_method_in_a_constructor_that_runs_twice():
    src = """
        import multiprocessing
        def monitor(): pass
        class Tracker:
            def __init__(self):
                multiprocessing.set_start_method("fork"FORCE)
                self.proc = multiprocessing.Process(target=monitor)
                self.proc.start()
        def main():
            for phase in ("train", "eval"):
                Tracker().proc.join()
        if __name__ == "__main__":
            main()
    """
    [finding] = found(src.replace("FORCE", ""), "MP401")
    assert finding.start.row == 6 and finding.start_methods == ALL and "Tracker()" in finding.message
    assert found(src.replace("FORCE", ", force=True"), "MP401") == []


def test_an_explicit_spawn_makes_fork_platforms_lose_the_state_too():
    # lncrawl#2774: set_start_method("spawn") in main(), then a global filled in: wrong under fork as well
    src = """
        import multiprocessing
        SOURCE = None
        def download(n):
            return SOURCE and n
        def main():
            global SOURCE
            multiprocessing.set_start_method(METHOD)
            SOURCE = "https://example"
            with multiprocessing.Pool(2) as pool:
                return pool.map(download, [1, 2])
        if __name__ == "__main__":
            main()
    """
    assert rows(src.replace("METHOD", '"spawn"'), "MP302") == [9]
    assert methods(src.replace("METHOD", '"spawn"'), "MP302") == ALL
    assert "MP302" not in codes(src.replace("METHOD", '"fork"'))


# ---------------------------------------------------------------- the rest of "What to build": values
# Each shape hands a lambda (or a lock) to a pool task's arguments: pickled under every start method.
POOL = """
    import functools, threading
    from multiprocessing import Pool
    from typing import NamedTuple
    def work(x): return x
    def plain(x): return x
    BODY
    if __name__ == "__main__":
        with Pool(2) as pool:
            pool.apply_async(work, (SENT,)).get()
"""


def pool_rows(body, sent, bad="lambda x: x", good="plain"):
    """(the rows of the findings, as offsets from the submitting row: [0] is "at the submit"), and the
    codes the near miss (`good` in place of `bad`) gets."""
    src = textwrap.dedent(POOL.replace("BODY", body).replace("SENT", sent))
    submit = next(i for i, line in enumerate(src.splitlines(), 1) if "apply_async" in line)
    hazard = src.replace("BAD", bad)
    near = src.replace("BAD", good)
    return [r - submit for r in rows(hazard, "MP201") + rows(hazard, "MP203")], codes(near) & {"MP201", "MP203"}


def test_may_values_across_branches_loops_and_reassignment():
    body = """
    import sys
    def choose():
        f = plain
        if sys.argv[1:]:
            f = BAD
        for _ in range(3):
            g = f
        return g
    """
    assert pool_rows(body, "choose()") == ([0], set())
    # reassigned after the bad value: only the last value reaches the child
    body = "def choose():\n        f = BAD\n        f = plain\n        return f\n    "
    assert pool_rows(body, "choose()") == ([], set())


def test_containers_comprehensions_extend_update_setdefault():
    for body, sent in (("ITEMS = [f for f in (plain, BAD)]", "ITEMS[0]"),
                       ("ITEMS = []\n    ITEMS.extend([plain, BAD])", "ITEMS[-1]"),
                       ("TABLE = {}\n    TABLE.update(a=BAD)", "TABLE['a']"),
                       ("TABLE = {}\n    TABLE.setdefault('a', BAD)", "TABLE['a']"),
                       ("TABLE = {'a': BAD}", "TABLE.get('a')"),
                       ("TABLE = {'a': BAD}", "[v for k, v in TABLE.items()]")):
        assert pool_rows(body, sent) == ([0], set()), body


def test_fields_set_by_a_later_method_and_attributes_of_attributes():
    body = """
    class Inner:
        def __init__(self):
            self.fn = plain
    class Outer:
        def __init__(self):
            self.inner = Inner()
        def configure(self):
            self.inner.fn = BAD
    def build():
        o = Outer()
        o.configure()
        return o
    """
    assert pool_rows(body, "build()") == ([0], set())
    # set from outside on one object: that object carries it, another of the class does not
    body = """
    class Job:
        def __init__(self):
            self.fn = plain
    def build():
        job, other = Job(), Job()
        other.fn = lambda x: x
        job.fn = BAD
        return job
    """
    assert pool_rows(body, "build()") == ([0], set())


def test_class_attributes_named_tuples_slots_properties():
    bodies = {
        "class C:\n        fn = BAD\n    ": "C.fn",
        "class P(NamedTuple):\n        fn: object\n    ": "P(BAD)",
        "class S:\n        __slots__ = ('fn',)\n        def __init__(self):\n            self.fn = BAD\n    ": "S()",
        "class R:\n        def __init__(self):\n            self._fn = BAD\n        @property\n"
        "        def fn(self):\n            return self._fn\n    ": "R().fn",
    }
    for body, sent in bodies.items():
        found_rows, near = pool_rows(body, sent)
        assert found_rows and near == set(), (body, found_rows, near)


def test_a_partial_carries_its_arguments_and_a_bound_method_its_object():
    assert pool_rows("", "functools.partial(work, BAD)")[0]
    assert pool_rows("", "functools.partial(work, BAD)")[1] == set()
    body = "class H:\n        def __init__(self):\n            self.lock = BAD\n        def run(self): pass\n    "
    found_rows, near = pool_rows(body, "H().run", bad="threading.Lock()", good="1")
    assert found_rows and near == set()


def test_getstate_decides_what_an_instance_sends():
    body = """
    class Job:
        def __init__(self):
            self.lock = threading.Lock()
        GETSTATE
    """
    sent = "Job()"
    hazard = POOL.replace("BODY", body.replace("GETSTATE", "")).replace("SENT", sent)
    fixed = POOL.replace("BODY", body.replace("GETSTATE", "def __getstate__(self):\n            return {}")) \
        .replace("SENT", sent)
    assert "MP203" in codes(hazard)
    assert "MP203" not in codes(fixed)


def test_iteration_binds_the_element_union():
    body = "FUNCS = [plain, BAD]\n    def pick():\n        for f in FUNCS:\n            return f\n    "
    assert pool_rows(body, "pick()") == ([0], set())


# ---------------------------------------------------------------- calls
GETATTR_TARGET = """
    import multiprocessing
    class Job:
        def __init__(self):
            self.cb = CB
        def step_go(self): pass
        def launch(self, name):
            p = multiprocessing.Process(target=getattr(self, NAME))
            p.start()
            p.join()
    if __name__ == "__main__":
        Job().launch("go")
"""


def test_getattr_on_self_with_a_known_name_as_a_process_target():
    for name in ('"step_go"', '"step_" + name'):
        src = GETATTR_TARGET.replace("NAME", name)
        assert codes(src.replace("CB", "lambda: 1")) & {"MP201", "MP203"}, name
        assert rows(src.replace("CB", "lambda: 1"), "MP201") == [8], name
        assert methods(src.replace("CB", "lambda: 1"), "MP201") == SPAWNISH
        assert codes(src.replace("CB", "1")) & {"MP201", "MP203"} == set()


def test_getattr_on_self_with_a_name_the_caller_passes():
    src = GETATTR_TARGET.replace("NAME", "name").replace('launch("go")', 'launch(PASSED)')
    hazard = src.replace("CB", "lambda: 1")
    assert rows(hazard.replace("PASSED", '"step_go"'), "MP201") == [8]
    assert methods(hazard.replace("PASSED", '"step_go"'), "MP201") == SPAWNISH
    assert codes(src.replace("CB", "1").replace("PASSED", '"step_go"')) & {"MP201", "MP203"} == set()
    # `cb` is not a method: getattr gives the attribute itself, not a bound method; unknown: silent
    assert codes(hazard.replace("PASSED", '"cb"')) & {"MP203"} == set()
    assert codes(hazard.replace("PASSED", "input()")) & {"MP201", "MP203"} == set()


def test_an_open_connection_returned_by_a_pool_task():
    src = """
        import sqlite3
        from multiprocessing import Pool
        def task(path):
            conn = sqlite3.connect(path)
            return RESULT
        if __name__ == "__main__":
            with Pool(2) as pool:
                print(pool.map(task, [":memory:"]))
    """
    assert rows(src.replace("RESULT", "conn"), "MP207") == [6]
    assert "MP207" not in codes(src.replace("RESULT", "conn.execute('select 1').fetchall()"))


def test_an_exception_raised_three_calls_deep_in_a_task():
    src = """
        from multiprocessing import Pool
        class FetchError(Exception):
            def __init__(self, url, status):
                super().__init__(f"{url}: {status}")
        def level3(url):
            raise FetchError(url, 404)
        def level2(url):
            return level3(url)
        def level1(url):
            return level2(url)
        if __name__ == "__main__":
            with Pool(2) as pool:
                pool.map(level1, ["u"])
    """
    assert rows(src, "MP208") == [7]
    fixed = src.replace('super().__init__(f"{url}: {status}")', "super().__init__(url, status)")
    assert "MP208" not in codes(fixed)


def test_joins_in_one_loop_and_gets_in_the_next():
    src = """
        import multiprocessing
        def writer(q):
            q.put("x" * 100000)
        if __name__ == "__main__":
            q = multiprocessing.Queue()
            procs = [multiprocessing.Process(target=writer, args=(q,)) for _ in range(4)]
            for p in procs:
                p.start()
            FIRST
            SECOND
    """
    join, get = "for p in procs:\n                p.join()", "for p in procs:\n                q.get()"
    assert rows(src.replace("FIRST", join).replace("SECOND", get), "MP410") == [11]
    assert "MP410" not in codes(src.replace("FIRST", get).replace("SECOND", join))


# ---------------------------------------------------------------- conditions
def test_a_context_chosen_from_get_start_method_or_a_parameter_whose_caller_passes_fork():
    # a lambda target is never pickled under fork; the context decides
    src = """
        import multiprocessing
        def run(method):
            ctx = multiprocessing.get_context(CHOICE)
            p = ctx.Process(target=lambda: None)
            p.start()
            p.join()
        if __name__ == "__main__":
            run(PASSED)
    """
    assert "MP201" not in codes(src.replace("CHOICE", "method").replace("PASSED", '"fork"'))
    assert "MP201" not in codes(src.replace("CHOICE", '"fork" if multiprocessing.get_start_method() == "forkserver"'
                                                      ' else method').replace("PASSED", '"fork"'))
    # the same code given "spawn" by its caller breaks everywhere
    spawn = src.replace("CHOICE", "method").replace("PASSED", '"spawn"')
    assert rows(spawn, "MP201") == [5] and methods(spawn, "MP201") == ALL


def test_a_seeded_parent_whose_children_get_explicit_seeds_is_fine():
    src = """
        import random
        from multiprocessing import Pool
        def work(seed):
            rng = random.Random(seed)
            return rng.random()
        if __name__ == "__main__":
            random.seed(64)
            with Pool(2) as pool:
                print(pool.map(work, [random.randrange(10**9) for _ in range(4)]))
    """
    assert codes(src) & {"MP301", "MP302", "MP305", "MP306"} == set()


def test_an_exception_raised_in_another_module_by_a_task(tmp_path):
    # a Pool whose task raises it hangs (3.12: the result never arrives); the near miss rebuilds
    from mpguard.linter.files import analyze_path
    from mpguard.linter.settings import Settings
    errs = """
        class FetchError(Exception):
            def __init__(self, url, status):
                super().__init__(ARGS)
        def fetch(url):
            raise FetchError(url, 404)
    """
    main = """
        from multiprocessing import Pool
        from errs import fetch
        if __name__ == "__main__":
            with Pool(2) as pool:
                print(pool.map(fetch, ["u"]))
    """
    # (row 3: the import of errs, where the raise is: the finding at the value's origin, tests/test_value_origins.py)
    for args, expected in (('f"{url}: {status}"', [3, 6]), ("url, status", [])):
        root = tmp_path / str(len(expected))  # a project of its own (summaries are kept per run)
        root.mkdir()
        (root / "errs.py").write_text(textwrap.dedent(errs.replace("ARGS", args)))
        (root / "main.py").write_text(textwrap.dedent(main))
        result = analyze_path(root / "main.py", Settings(), project_root=root)
        assert [f.start.row for f in result.findings if f.code == "MP208"] == expected, args


def test_a_queue_a_nested_function_or_another_function_may_read_says_nothing():
    nested = export().replace("        proc.join(timeout=1.0)",
                              "        reader = threading.Thread(target=lambda: drain(out))\n"
                              "        reader.start()\n        proc.join(timeout=1.0)") \
        .replace("import sys", "import sys, threading\n    from elsewhere import drain")
    assert no_hang_reported(nested)
    module_level = export().replace("        out = multiprocessing.Queue()\n", "") \
        .replace("def run_export(rows):", "OUT = multiprocessing.Queue()\n\n    def run_export(rows):\n        out = OUT") \
        .replace("def main():", "def report():\n        drain(OUT)\n\n    def main():") \
        .replace("import sys", "import sys\n    from elsewhere import drain")
    assert no_hang_reported(module_level)


# ---- join(timeout) followed by giving up on the child (Prefect PR 5213; fresh_reports) -------------
GIVES_UP = """
    import multiprocessing

    def writer(q):
        q.put(["row-%d" % i for i in range(50000)])

    def run():
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=writer, args=(q,))
        p.start()
        p.join(3)
        AFTER
        return q.get()

    if __name__ == "__main__":
        run()
"""


def test_a_join_with_a_timeout_after_which_the_child_is_killed_is_reported():
    src = GIVES_UP.replace("AFTER", "if p.is_alive():\n            p.terminate()\n"
                                    "            raise TimeoutError('timed out')")
    assert rows(src, "MP410") == [11]


def test_a_raise_in_a_function_only_defined_after_the_join_is_not_giving_up():
    # the nested function is never called: after join(3) the parent drains and the child exits
    src = GIVES_UP.replace("AFTER", "def fail():\n            raise TimeoutError('timed out')")
    assert found(src, "MP410") == []


BUILDER = """
    import multiprocessing as mp

    def shout(s):
        return s + "!"

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

    def make_pipeline():
        return Pipeline()

    if __name__ == "__main__":
        {build}
        print(p.run(["a", "b"]))
"""


@pytest.mark.parametrize("build", ['p = Pipeline().add(str.upper).add(lambda s: s + "!")',
                                   'p = Pipeline().add(str.upper)\n        p.add(lambda s: s + "!")',
                                   'p = make_pipeline()\n        p.add(lambda s: s + "!")'])
def test_a_method_called_on_what_a_call_returns_is_a_call_site_of_that_method(build):
    """A fluent builder (`add` returns self) or a factory's object: the lambda given to `add` is in
    `self.steps`, mapped on the pool (PicklingError under every start method)."""
    src = BUILDER.replace("{build}", build)
    assert rows(src, "MP201") == [18]
    assert methods(src, "MP201") == {"fork", "spawn", "forkserver"}


@pytest.mark.parametrize("build", ['p = Pipeline().add(str.upper).add(shout)',
                                   'p = make_pipeline()\n        p.add(shout)'])
def test_a_builder_given_module_functions_is_fine(build):
    assert codes(BUILDER.replace("{build}", build)) == set()


TASK_LIST = """
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
        tasks.append({extra})
        with mp.Pool(2) as pool:
            print(pool.map(apply, tasks))
"""


def test_an_item_added_to_the_list_a_function_returns_is_pickled_with_it():
    """`tasks = make_tasks(...); tasks.append(lambda x: x)`: the list the function built holds the lambda
    too (PicklingError under every start method: tests/test_runtime_behaviours.py runs it)."""
    src = TASK_LIST.replace("{extra}", "lambda x: x")
    assert rows(src, "MP201") == [18]
    assert methods(src, "MP201") == {"fork", "spawn", "forkserver"}
    assert codes(TASK_LIST.replace("{extra}", "partial(scale, 3)")) == set()


HELD_LOCK = """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    class Model:
        def __init__(self):
            self.weights = [1, 2, 3]
            self.lock = {lock}

        def predict(self, x):
            return sum(w * x for w in self.weights)

    def score(m, x):
        return m.predict(x)

    if __name__ == "__main__":
        model = Model()
        p = mp.Process(target=model.predict, args=(2,))
        p.start()
        p.join()
        with ProcessPoolExecutor(2) as ex:
            print(list(ex.map({task})))
"""


@pytest.mark.parametrize("task, row", [("model.predict, range(3)", 22), ("score, [model], [1]", 22)])
def test_a_lock_held_by_the_object_of_a_pool_task_is_refused(task, row):
    """A pool task (or its argument) pickles the object outside the spawning of a child: its
    multiprocessing Lock raises under every start method. The Process target holding it is fine."""
    src = HELD_LOCK.replace("{lock}", "mp.Lock()").replace("{task}", task)
    assert rows(src, "MP204") == [row]
    assert methods(src, "MP204") == {"fork", "spawn", "forkserver"}
    assert codes(src) == {"MP204"}


def test_an_object_without_a_lock_or_with_its_own_getstate_is_fine():
    assert codes(HELD_LOCK.replace("{lock}", "None").replace("{task}", "model.predict, range(3)")) == set()
    src = HELD_LOCK.replace("{lock}", "mp.Lock()").replace("{task}", "model.predict, range(3)").replace(
        "    def predict", "    def __getstate__(self):\n            return {'weights': self.weights}\n\n        def predict")
    assert codes(src) == set()


def test_a_lambda_a_method_stores_in_self_is_named_by_its_qualified_name():
    """pickle says `Can't pickle local object 'Scorer.__init__.<locals>.<lambda>'` (3.11-3.13), not the
    module-level lambda's attribute lookup (observed running this program under fork and spawn on 3.11)."""
    src = textwrap.dedent("""
        import multiprocessing as mp

        class Scorer:
            def __init__(self):
                self.fn = lambda x: x + 1

            def score(self, x):
                return self.fn(x)

        if __name__ == "__main__":
            s = Scorer()
            with mp.Pool(2) as pool:
                print(pool.map(s.score, range(3)))
    """)
    [finding] = found(src, "MP201")
    assert "Scorer.__init__.<locals>.<lambda>" in finding.message
