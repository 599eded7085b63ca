"""Near misses from the fourth package sweep (docs/sweep.md, section 10). Each false positive is reduced to
a source string (or a small project) that must stay silent, next to the true case nearby that must still be
found; where the behaviour is in doubt, the reduction is run under fork, spawn and forkserver."""
from __future__ import annotations

import textwrap

import pytest
from helpers import codes, run_program, run_in_session

from test_semantic_crossmodule import findings, project


# --- MP413: a helper of another module that starts its pool only for some arguments -----------------------
# deeptools 4.0.0: `openBam(path)` (bamHandler.py) reaches `mapReduce(...)`'s Pool only through
# `if bam.is_cram and returnStats:`; returnStats defaults to False, and the Pool tasks call `openBam(args.bam)`.

MAPREDUCE = """
    import multiprocessing


    def map_reduce(func, tasks, processes=4):
        if len(tasks) > 1 and processes > 1:
            with multiprocessing.Pool(processes) as pool:
                return pool.map(func, tasks)
        return list(map(func, tasks))
"""

BAM = """
    from kit.mapreduce import map_reduce


    def _count(task):
        return len(task)


    def _stats(name, threads):
        return map_reduce(_count, [name, name], threads)


    def open_bam(name, return_stats=False, threads=1):
        handle = name.upper()
        if name and return_stats:
            return handle, _stats(name, threads)
        return handle
"""

WORKER = """
    import multiprocessing

    from kit.bam import open_bam


    def worker(name):
        return CALL


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(worker, ["a", "b"]))
        print(open_bam("c", return_stats=True, threads=2))
"""


def _bam_project(tmp_path, call):
    return project(tmp_path, {"kit/__init__.py": "", "kit/mapreduce.py": MAPREDUCE, "kit/bam.py": BAM,
                              "main.py": WORKER.replace("CALL", call)})


@pytest.mark.parametrize("call", ["open_bam(name)", "open_bam(name, False)", "open_bam(name, return_stats=0)",
                                  "open_bam(name, threads=4)"])
def test_a_helper_called_without_the_flag_that_leads_to_its_pool_starts_nothing(tmp_path, call):
    root = _bam_project(tmp_path, call)
    assert findings(root / "main.py", "MP413") == []


@pytest.mark.parametrize("call", ["open_bam(name, True, 2)", "open_bam(name, return_stats=True, threads=2)",
                                  "open_bam(name, *FLAGS)", "open_bam(name, return_stats=bool(name), threads=2)"])
def test_the_helper_called_with_the_flag_still_starts_its_pool_in_a_pool_worker(tmp_path, call):
    root = _bam_project(tmp_path, call.replace("*FLAGS", "*[True, 2]"))
    assert len(findings(root / "main.py", "MP413")) == 1


def test_the_flag_handed_on_by_a_helper_of_the_same_module(tmp_path):
    # `open_all(names, stats)` hands its own parameter to open_bam: the caller's value decides
    root = _bam_project(tmp_path, "open_all([name])")
    (root / "kit" / "bam.py").write_text((root / "kit" / "bam.py").read_text()
                                         + "\n\ndef open_all(names, stats=False):\n"
                                           "    return [open_bam(n, stats, 2) for n in names]\n")
    (root / "main.py").write_text((root / "main.py").read_text().replace("import open_bam", "import open_all, open_bam"))
    assert findings(root / "main.py", "MP413") == []
    (root / "main.py").write_text((root / "main.py").read_text().replace("open_all([name])", "open_all([name], True)"))
    assert len(findings(root / "main.py", "MP413")) == 1


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("call, fails", [("open_bam(name)", False), ("open_bam(name, True, 2)", True)])
def test_runtime_helper_with_and_without_the_flag(tmp_path, method, call, fails):
    root = _bam_project(tmp_path, call)
    out = run_program(root / "main.py", method, timeout=120, cwd=root)
    if fails:
        assert "daemonic processes are not allowed to have children" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "['A', 'B']" in out.stdout, out.stderr


SAME_MODULE = """
    import multiprocessing


    def count(task):
        return len(open_bam(task))


    def open_bam(name, return_stats=False, threads=1):
        if return_stats and threads > 1:
            with multiprocessing.Pool(threads) as pool:
                return name, pool.map(len, [name])
        return name


    def main():
        with multiprocessing.Pool(2) as pool:
            return pool.map(count, ["a", "bb"])


    if __name__ == "__main__":
        print(main())
"""


def test_a_task_calling_a_helper_of_its_own_module_without_the_flag():
    # deeptools bamHandler.countReadsInInterval: `bam = openBam(fname)` in a mapReduce task
    assert "MP413" not in codes(SAME_MODULE)
    assert "MP413" in codes(SAME_MODULE.replace("open_bam(task)", "open_bam(task, True, 2)"))


# --- MP302: a `Test*` class with an __init__ is no test class: pytest does not collect it ------------------
# deeptools 4.0.0 correctGCBias.py: `class Tester()` (with __init__) prepares globals for doctests that call
# the Pool's worker directly, in the same process; main() sets the same globals before its Pool (TRUE there).

TESTER = """
    import multiprocessing

    factor = None


    def work(x):
        return x * factor


    def main():
        global factor
        factor = 3
        with multiprocessing.Pool(2) as pool:
            return pool.map(work, [1, 2])


    class Tester(BASES):
        INIT
        def test_work(self):
            # arguments for the doctest of work(): `work(*Tester().test_work())`
            global factor
            factor = 2
            return (4,)


    if __name__ == "__main__":
        print(main())
"""
INIT = """        def __init__(self):
            self.root = "."
"""


def _tester(bases="", init=INIT):
    return TESTER.replace("(BASES)", f"({bases})" if bases else "").replace("        INIT\n", init)


def test_writes_in_a_test_named_helper_class_with_init_are_not_a_test_runners():
    from helpers import rows
    src = _tester()
    assert rows(src, "MP302") == [13]  # main()'s write only, not Tester.test_work's
    # pytest collects a Test* class without __init__, and unittest a TestCase subclass with one
    assert rows(_tester(init=""), "MP302") == [13, 22]
    assert rows(_tester("unittest.TestCase").replace("import multiprocessing", "import multiprocessing, unittest"),
                "MP302") == [13, 24]


def test_runtime_pytest_does_not_collect_a_test_class_with_init(tmp_path):
    import subprocess
    import sys
    path = tmp_path / "test_tester.py"
    path.write_text("class Tester:\n    def __init__(self):\n        pass\n\n    def test_one(self):\n"
                    "        raise SystemExit('collected')\n")
    out = run_in_session([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(path)],
                         text=True, cwd=tmp_path)
    assert "cannot collect test class 'Tester' because it has a __init__ constructor" in out.stdout, out.stdout
    assert out.returncode == 5, out.stdout  # pytest's "no tests collected"


# --- MP201: a decorator with optional arguments, applied bare, hands out its functools.wraps wrapper -------
# inspyred 1.0.3 `ec/utilities.memoize(func=None, maxlen=None)`: `if func is not None: ... @functools.wraps(func)
# def memo_target ...; return memo_target` / `else: def memoize_factory(func): ...; return memoize_factory`.
# tests/supplemental_tests.py applies it bare (`@memoize def f`) and sends f to Pool.apply_async.

MEMOIZE = """
    import functools


    def memoize(func=None, maxlen=None):
        if func is not None:
            cache = {}
            WRAPS
            def memo_target(n):
                if n not in cache:
                    cache[n] = func(n)
                return cache[n]
            return memo_target
        else:
            def memoize_factory(func):
                return memoize(func, maxlen=maxlen)
            return memoize_factory
"""

MEMO_MAIN = """
    import multiprocessing

    from kit.utilities import memoize


    @DECORATOR
    def square(n):
        return n * n


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.apply_async(square, (7,)).get())
"""


def _memo_project(tmp_path, decorator="memoize", wraps=True):
    utilities = MEMOIZE.replace("WRAPS", "@functools.wraps(func)" if wraps else "pass")
    return project(tmp_path, {"kit/__init__.py": "", "kit/utilities.py": utilities,
                              "main.py": MEMO_MAIN.replace("DECORATOR", decorator)})


@pytest.mark.parametrize("decorator", ["memoize", "memoize(maxlen=2)"])
def test_a_bare_decorator_with_optional_arguments_hands_out_its_wrapper(tmp_path, decorator):
    root = _memo_project(tmp_path, decorator)
    assert findings(root / "main.py", "MP201") == []


def test_the_same_decorator_without_functools_wraps_is_still_found(tmp_path):
    root = _memo_project(tmp_path, wraps=False)
    assert len(findings(root / "main.py", "MP201")) == 1


def test_same_module_decorator_variants():
    src = MEMOIZE + MEMO_MAIN.replace("from kit.utilities import memoize", "").replace("DECORATOR", "memoize")
    assert "MP201" not in codes(src.replace("WRAPS", "@functools.wraps(func)"))
    assert "MP201" in codes(src.replace("WRAPS", "pass"))
    # `if not func: return factory` first, then the wrapper: the same for a bare application
    early = """
        import functools
        import multiprocessing


        def memoize(func=None, maxlen=None):
            if not func:
                def factory(func):
                    return memoize(func, maxlen=maxlen)
                return factory
            @functools.wraps(func)
            def memo_target(n):
                return func(n)
            return memo_target


        @memoize
        def square(n):
            return n * n


        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                print(pool.apply_async(square, (7,)).get())
    """
    assert "MP201" not in codes(early)
    assert "MP201" in codes(early.replace("@functools.wraps(func)", "@staticmethod"))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("decorator", ["memoize", "memoize(maxlen=2)"])
def test_runtime_memoized_task(tmp_path, method, decorator):
    root = _memo_project(tmp_path, decorator)
    out = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert out.returncode == 0 and out.stdout.strip() == "49", out.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_memoized_task_without_wraps_fails(tmp_path, method):
    root = _memo_project(tmp_path, wraps=False)
    out = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert out.returncode != 0 and "memo_target" in out.stderr, out.stderr


# --- MP102: "install it if it is missing" at import: a child finds the module the parent installed -----------
# ultralytics/yolov5 utils/general.py: `try: import ultralytics / except (ImportError, AssertionError):
# os.system("pip install -U ultralytics"); import ultralytics`; utils/dataloaders.py imports it and makes a Pool.

INSTALL = """
    import multiprocessing
    import os

    try:
        import kit_missing_module
    except (ImportError, AssertionError):
        os.system(COMMAND)
        REIMPORT


    def work(x):
        return x + 1


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(work, [1, 2]))
"""


def _install(command='"pip install -U kit_missing_module"', reimport="import kit_missing_module"):
    return INSTALL.replace("COMMAND", command).replace("REIMPORT", reimport)


def test_installing_a_missing_module_at_import_is_not_rerun_by_children():
    assert "MP102" not in codes(_install())


def test_an_effect_for_a_missing_module_that_stays_missing_is_still_found():
    # no import after the effect: the process goes on without the module, and so does every spawned child,
    # which runs the handler again
    assert "MP102" in codes(_install(reimport="kit_missing_module = None"))
    assert "MP102" in codes(INSTALL.replace("except (ImportError, AssertionError):", "except ValueError:")
                            .replace("COMMAND", '"pip install x"').replace("REIMPORT", "import kit_missing_module"))


@pytest.mark.parametrize("reimport, found", [("import kit_missing_module", 0), ("kit_missing_module = None", 1)])
def test_the_same_in_an_imported_module(tmp_path, reimport, found):
    helper = _install(reimport=reimport).split("\n\n\n    def work")[0]
    root = project(tmp_path, {"kit/__init__.py": "", "kit/general.py": helper, "main.py": """
        import multiprocessing
        from kit.general import os


        def work(x):
            return x + 1


        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                print(pool.map(work, [1, 2]))
    """})
    assert len(findings(root / "main.py", "MP102")) == found


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_the_handler_runs_once(tmp_path, method):
    # the "install" creates the missing module on sys.path (the program's folder): spawned children import it
    # in the `try` and never run the handler, so the marker file gets one line whatever the start method
    program = _install(command="open('kit_missing_module.py', 'w').write('') or "
                               "open('installs.txt', 'a').write('installed\\n')",
                       reimport="import importlib; importlib.invalidate_caches(); import kit_missing_module")
    program = program.replace("os.system(", "(")
    path = tmp_path / "main.py"
    path.write_text(textwrap.dedent(program))
    out = run_program(path, method, timeout=120, cwd=tmp_path)
    assert out.returncode == 0 and "[2, 3]" in out.stdout, out.stderr
    assert (tmp_path / "installs.txt").read_text() == "installed\n"


# --- MP101: a helper that starts its pool only for more than one item, called with a one-item list --------
# news-please 1.6.16: `NewsPlease.from_url(url)` calls `from_urls([url], ...)`, whose ProcessPoolExecutor sits
# in the `else:` of `if len(urls) == 0: ... elif len(urls) == 1: ...`; examples/downloadfromurl.py calls
# from_url at import. (examples/downloadfromfile.py's from_file(path) passes a list read from a file: TRUE.)

NEWS = """
    import concurrent.futures as cf


    def extract(url):
        return url.upper()


    class News:
        @staticmethod
        def from_url(url):
            return News.from_urls([url])[url]

        @staticmethod
        def from_urls(urls):
            results = {}
            if len(urls) == 0:
                pass
            elif len(urls) == 1:
                results[urls[0]] = extract(urls[0])
            else:
                with cf.ProcessPoolExecutor() as pool:
                    for url, text in zip(urls, pool.map(extract, urls)):
                        results[url] = text
            return results

        @staticmethod
        def from_file(path):
            with open(path) as f:
                return News.from_urls([line.strip() for line in f])
"""

NEWS_MAIN = """
    from kit.news import News

    print(CALL)
"""


@pytest.mark.parametrize("call, found", [
    ('News.from_url("a")', 0), ('News.from_urls(["a"])', 0), ('News.from_urls(())', 0),
    ('News.from_urls(["a", "b"])', 1), ('News.from_file("urls.txt")', 1), ('News.from_urls(URLS)', 1),
])
def test_a_pool_only_for_more_than_one_item(tmp_path, call, found):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/news.py": NEWS,
                              "main.py": NEWS_MAIN.replace("CALL", call).replace("URLS", "open('u').read().split()")})
    assert len(findings(root / "main.py", "MP101")) == found


def test_length_tests_in_the_same_module():
    src = NEWS + """
    def first(urls):
        if len(urls) > 1:
            urls.append("x")
        return News.from_urls(urls)


    print(News.from_url("a"))
    """
    assert "MP101" not in codes(src)
    assert "MP101" not in codes(src.replace('print(News.from_url("a"))', 'print(News.from_urls(["a"]))'))
    assert "MP101" in codes(src.replace('print(News.from_url("a"))', 'print(News.from_urls(["a", "b"]))'))
    # a parameter changed in place before the test says nothing about the caller's length
    assert "MP101" in codes(src.replace('print(News.from_url("a"))', 'print(first(["a"]))'))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("call, fails", [('News.from_url("a")', False), ('News.from_urls(["a", "b"])', True)])
def test_runtime_one_item_starts_no_pool(tmp_path, method, call, fails):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/news.py": NEWS, "main.py": NEWS_MAIN.replace("CALL", call)})
    out = run_program(root / "main.py", method, timeout=120, cwd=root)
    if fails and method != "fork":
        assert out.returncode != 0 and "bootstrapping phase" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "A" in out.stdout, out.stderr


# --- MP102: basicConfig's filemode without a filename opens nothing -----------------------------------------
# MACS3 3.1.0 Utilities/Logger.py: `logging.basicConfig(level=20, format=..., stream=sys.stderr, filemode="w")`
# at import (imported by Signal/CallerExecution.py, which makes a ProcessPoolExecutor).

BASIC = """
    import logging
    import multiprocessing
    import sys

    logging.basicConfig(level=logging.INFO, ARGS filemode="w")


    def work(x):
        logging.info("work %d", x)
        return x + 1


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(work, [1, 2]))
"""


@pytest.mark.parametrize("args, found", [("stream=sys.stderr,", False), ("", False),
                                         ('filename="run.log",', True)])
def test_basicconfig_filemode_truncates_only_a_named_file(args, found):
    assert ("MP102" in codes(BASIC.replace("ARGS", args))) is found


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_basicconfig_stream_with_filemode_opens_no_file(tmp_path, method):
    path = tmp_path / "main.py"
    path.write_text(textwrap.dedent(BASIC.replace("ARGS", "stream=sys.stderr,")))
    out = run_program(path, method, timeout=120, cwd=tmp_path)
    assert out.returncode == 0 and "[2, 3]" in out.stdout, out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.py"]  # no log file made or truncated
