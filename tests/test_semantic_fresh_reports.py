"""The general causes the fresh_reports corpus found missing (tests/corpus/fresh_reports/SUMMARY.md,
"What is missed, by general cause"), each on its smallest program, with a hazard-free near miss."""
from helpers import check, codes, methods, rows

ALL = {"fork", "spawn", "forkserver"}

SEGMENTS = """
    import multiprocessing, threading

    class Segment:
        def __init__(self, name):
            self.name = name
            self._lock = {lock}

    class Dataset:
        def __init__(self):
            self.segments = []

        def add_segment(self, name):
            s = Segment(name)
            self.segments.append(s)
            return s

    def work(s):
        return s.name

    if __name__ == "__main__":
        d = Dataset()
        {fill}
        with multiprocessing.Pool(2) as pool:
            pool.map(work, {iterable})
"""


def segments(lock="threading.Lock()", fill='d.segments.append(Segment("a"))', iterable="d.segments"):
    return SEGMENTS.format(lock=lock, fill=fill, iterable=iterable)


# ---- 1. containers filled through an object's attribute -------------------------------------

def test_items_appended_to_an_attribute_from_outside_reach_the_pool():
    src = segments()
    assert rows(src, "MP203") == [25]
    assert methods(src, "MP203") == ALL  # pickled to reach the pool's workers under every method


def test_items_appended_by_a_method_reach_the_pool():
    src = segments(fill='d.add_segment("a")')
    assert rows(src, "MP203") == [25]
    assert methods(src, "MP203") == ALL


def test_the_object_holding_the_filled_list_is_refused_too():
    assert rows(segments(iterable="[d]"), "MP203") == [25]


def test_picklable_items_in_an_attribute_are_silent():
    assert "MP203" not in codes(segments(lock="None"))
    assert "MP203" not in codes(segments(lock="None", fill='d.add_segment("a")'))


def test_an_attribute_also_stored_as_something_else_is_not_guessed():
    src = segments().replace("            self.segments = []",
                             "            self.segments = []\n\n        def reset(self):\n            self.segments = ()")
    assert "MP203" not in codes(src)


def test_another_attribute_filled_with_locks_does_not_leak():
    src = segments(lock="None", fill='d.other.append(threading.Lock())').replace(
        "            self.segments = []", "            self.segments = []\n            self.other = []")
    assert "MP203" not in codes(src)


# ---- 2. an exception rebuilt from a value derived from its parameter ---------------------------

EXCEPTION = """
    import multiprocessing

    class Record:
        def __init__(self, key):
            self.key = key

    class ValidationError(Exception):
        def __init__(self, record):
            {init}
            self.record = record

    def validate(key):
        if key == "b":
            raise ValidationError({made})
        return key

    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(validate, ["a", "b"]))
"""


def exception(init="super().__init__(record.key)", made="Record(key)"):
    return EXCEPTION.format(init=init, made=made)


def test_an_exception_passing_an_attribute_of_its_parameter_to_its_base():
    src = exception()
    assert rows(src, "MP208") == [15]
    assert methods(src, "MP208") == ALL
    assert "record.key" in next(f for f in check(src) if f.code == "MP208").message


def test_an_exception_passing_its_parameter_itself_is_silent():
    assert "MP208" not in codes(exception(init="super().__init__(record)"))


def test_an_attribute_every_str_or_number_has_is_silent():
    # `n.real` of an int is an int that has `.real` too: the rebuild works
    assert "MP208" not in codes(exception(init="super().__init__(record.real)", made="3"))


def test_a_derived_value_that_may_have_the_attribute_itself_is_silent():
    # Record(Record(key)).key is a Record: the rebuild reads its .key and works
    assert "MP208" not in codes(exception(made="Record(Record(key))"))


def test_a_parameter_rebound_before_the_base_call_is_silent():
    assert "MP208" not in codes(exception(init="record = lookup(record)\n            super().__init__(record.key)"))


def test_args_set_again_is_silent():
    assert "MP208" not in codes(exception(init="super().__init__(record.key)\n            self.args = (record,)"))


# ---- 3. a large queue item produced by a call -------------------------------------------------

QUEUE = """
    import multiprocessing

    def load_rows(n):
        return [{{"id": i, "payload": ("row-%d-" % i) * 20}} for i in range(n)]

    def child({params}):
        queue.put({item})

    if __name__ == "__main__":
        queue = multiprocessing.Queue()
        p = multiprocessing.Process(target=child, args=({args}))
        p.start()
        {first}
        {second}
"""


def queue_program(item="load_rows(5000)", params="queue", args="queue,", drain_first=False):
    first, second = ("queue.get()", "p.join()") if drain_first else ("p.join()", "queue.get()")
    return QUEUE.format(item=item, params=params, args=args, first=first, second=second)


def test_a_large_result_returned_by_a_helper_is_put_before_the_join():
    src = queue_program()
    assert rows(src, "MP410") == [14]
    assert methods(src, "MP410") == ALL


def test_a_large_result_of_a_function_handed_in_as_an_argument():
    src = queue_program(item="fn(5000)", params="fn, queue", args="load_rows, queue")
    assert rows(src, "MP410") == [14]


def test_a_small_result_of_the_same_helper_is_silent():
    assert "MP410" not in codes(queue_program(item="load_rows(3)"))
    assert "MP410" not in codes(queue_program(item="fn(3)", params="fn, queue", args="load_rows, queue"))


def test_draining_before_the_join_is_silent():
    assert "MP410" not in codes(queue_program(drain_first=True))


def test_a_helper_whose_size_is_not_known_is_silent():
    src = queue_program().replace('[{"id": i, "payload": ("row-%d-" % i) * 20} for i in range(n)]', "compute(n)")
    assert "MP410" not in codes(src)


# ---- 5. tqdm.get_lock(): a lock pickle refuses (catalog: tqdm.std.TqdmDefaultWriteLock) ---------

TQDM = """
    import multiprocessing
    from tqdm import tqdm

    def work(x):
        return x

    if __name__ == "__main__":
        with multiprocessing.Pool(2, initializer=tqdm.set_lock, initargs=({lock},)) as pool:
            pool.map(work, range(3))
"""


def test_tqdm_get_lock_in_initargs_is_refused_under_spawn_and_forkserver():
    src = TQDM.format(lock="tqdm.get_lock()")
    assert rows(src, "MP203") == [9]
    assert methods(src, "MP203") == {"spawn", "forkserver"}  # fork copies the initargs, pickles nothing


def test_a_multiprocessing_rlock_in_initargs_is_silent():
    assert "MP203" not in codes(TQDM.format(lock="multiprocessing.RLock()"))


def test_get_lock_after_set_lock_returns_what_was_set_and_is_silent():
    # tqdm's own example (examples/parallel_bars.py, after tqdm #920): tqdm.set_lock(RLock()) first, so
    # get_lock() returns the multiprocessing RLock, which crosses while the workers are spawned (run here)
    src = TQDM.format(lock="tqdm.get_lock()").replace(
        "    if __name__", "    tqdm.set_lock(multiprocessing.RLock())\n\n    if __name__")
    assert "set_lock(multiprocessing.RLock())" in src
    assert "MP203" not in codes(src)


# ---- 6. file-system iterators from the standard library (catalog, per Python version) -----------

import types  # noqa: E402

import pytest  # noqa: E402

from mpguard.semantic import pickle_catalog  # noqa: E402

ITERATOR = """
    import multiprocessing, os
    from pathlib import Path

    class D:
        def __init__(self, root):
            self.items = {items}

    def work(d):
        return 1

    if __name__ == "__main__":
        p = multiprocessing.Process(target=work, args=(D("."),))
        p.start()
        p.join()
"""


@pytest.fixture
def python_version(monkeypatch):
    """Judge with the catalog's row of another Python version (the catalog picks the running one)."""
    def use(major, minor):
        monkeypatch.setattr(pickle_catalog, "sys", types.SimpleNamespace(version_info=(major, minor, 0)))
        for cached in (pickle_catalog._types, pickle_catalog.refused_by_factory):
            cached.cache_clear()
    yield use
    monkeypatch.undo()
    for cached in (pickle_catalog._types, pickle_catalog.refused_by_factory):
        cached.cache_clear()


@pytest.mark.parametrize("items", ["Path(root).iterdir()", "Path(root).glob('*.png')", "Path(root).rglob('*')",
                                   "os.walk(root)", "os.scandir(root)"])
def test_a_file_system_iterator_kept_on_an_object_is_refused(items, python_version):
    python_version(3, 12)
    src = ITERATOR.format(items=items)
    assert rows(src, "MP203") == [13]
    assert methods(src, "MP203") == {"spawn", "forkserver"}


def _target(src, minor):
    """The MP203 findings when the project targets Python 3.`minor` alone (`--python-version`)."""
    from textwrap import dedent
    from mpguard.linter.analyze import analyze
    from mpguard.linter.settings import Settings
    from mpguard.semantic.platforms import TargetSet
    settings = Settings(targets=TargetSet(min_version=(3, minor), max_version=(3, minor)))
    return [f for f in analyze(dedent(src), "t.py", settings=settings).findings if f.code == "MP203"]


@pytest.mark.parametrize("running", [(3, 11), (3, 13), (3, 14)])
def test_path_iterdir_pickles_on_3_13_only(python_version, running):
    """Whatever Python runs mpguard, the targeted versions decide: a map over a list of names on 3.13
    (observed: the corpus program runs clean on 3.13.0), a generator before and after."""
    python_version(*running)
    src = ITERATOR.format(items="Path(root).iterdir()")
    [finding] = [f for f in check(src) if f.code == "MP203"]
    assert finding.python_versions == {(3, 9), (3, 10), (3, 11), (3, 12), (3, 14)}
    assert "except on Python 3.13" in finding.message
    assert _target(src, 13) == []
    assert [f.start.row for f in _target(src, 12)] == [f.start.row for f in _target(src, 14)] == [13]
    # glob is a map over a generator on 3.13: refused everywhere, on no version in particular
    [glob] = [f for f in check(ITERATOR.format(items="Path(root).glob('*')")) if f.code == "MP203"]
    assert glob.python_versions is None and _target(ITERATOR.format(items="Path(root).glob('*')"), 13)


def test_a_version_bound_refusal_names_only_the_environments_of_its_versions():
    """The JSON's platforms and error rows leave out the versions where the object pickles."""
    from mpguard.cli.output import platforms_of
    from mpguard.rules import registry
    from mpguard.rules.docs import error_rows
    from mpguard.semantic.platforms import TargetSet
    [finding] = [f for f in check(ITERATOR.format(items="Path(root).iterdir()")) if f.code == "MP203"]
    assert platforms_of(finding, TargetSet()) == ["windows", "macos", "linux>=3.14"]
    assert platforms_of(finding, TargetSet(min_version=(3, 13), max_version=(3, 13))) == []
    pythons = {row["python"] for row in error_rows(registry.get("MP203"), finding, TargetSet())}
    assert "3.13" not in pythons and {"3.12", "3.14"} <= pythons
    from mpguard.rules.docs import outcome_rows
    hover = {(row["key"], row["python"]): row["fails"] for row in outcome_rows(registry.get("MP203"), finding)}
    assert hover[("windows", "3.13")] is False and hover[("windows", "3.9–3.12")] and hover[("windows", "3.14")]


def test_an_object_refused_from_a_version_on_names_it():
    """urllib's opener keeps an SSLContext from 3.12 on (pickle_catalog.json measured it)."""
    src = ITERATOR.format(items="__import__('urllib.request').request.build_opener()")
    src = src.replace("import multiprocessing, os", "import multiprocessing, os, urllib.request").replace(
        "__import__('urllib.request').request.build_opener()", "urllib.request.build_opener()")
    [finding] = [f for f in check(src) if f.code == "MP203"]
    assert "on Python 3.12 and newer" in finding.message and "SSLContext" in finding.message
    assert _target(src, 11) == [] and _target(src, 12)


@pytest.mark.parametrize("items", ["list(Path(root).iterdir())", "sorted(os.listdir(root))", "Path(root)",
                                   "iter([1, 2])", "map(str, [1, 2])"])
def test_lists_paths_and_picklable_iterators_are_silent(items):
    assert "MP203" not in codes(ITERATOR.format(items=items))


def test_a_pool_iterating_over_a_file_system_iterator_is_silent():
    src = """
        import multiprocessing
        from pathlib import Path

        def work(p):
            return p.name

        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                pool.map(work, Path(".").iterdir())
    """
    assert "MP203" not in codes(src)


def test_a_kept_file_system_generator_is_fixed_by_a_list_where_it_is_made():
    """YOLOP#131's own fix: `list(self.mask_root.iterdir())` (the corpus program then runs clean under
    every method: scripts/verify_fixes.py)."""
    [finding] = [f for f in check(ITERATOR.format(items="Path(root).iterdir()")) if f.code == "MP203"]
    assert finding.fix is not None and finding.fix.applicability.value == "unsafe"
    [edit] = finding.fix.edits
    assert edit.content == "list(Path(root).iterdir())" and edit.start.row == 7
