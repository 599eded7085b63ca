"""Near misses from the second sweep (docs/sweep.md, section 6): tutorial, science and application
repositories. Each false positive is reduced to a source string that must stay silent, next to the
true case that must still be found."""
from pathlib import Path

from helpers import codes, methods, rows

from mpguard.linter.analyze import analyze
from mpguard.resolve.project import ProjectResolver
from mpguard.linter.summaries import SUMMARIZER

SPAWNISH = {"spawn", "forkserver"}


# --- MP303: the child reads its own parameter, not the module-level Lock of the same name --------------

def test_lock_handed_to_the_child_as_an_argument_is_not_the_global():
    # aaronjmaxwell/Carbon-Blue python/multiprocessing/mp_lock.py: `def locked_with(lock, stream)`
    src = """
        import multiprocessing as mp
        def locked_with(lock, n):
            with lock:
                print(n)
        lock = mp.Lock()
        if __name__ == "__main__":
            w = mp.Process(target=locked_with, args=(lock, 1))
            w.start()
            w.join()
    """
    assert "MP303" not in codes(src)


def test_child_reading_the_module_level_lock_is_still_found():
    src = """
        import multiprocessing as mp
        def locked_with(n):
            with lock:
                print(n)
        lock = mp.Lock()
        if __name__ == "__main__":
            w = mp.Process(target=locked_with, args=(1,))
            w.start()
            w.join()
    """
    assert rows(src, "MP303") == [4]
    assert methods(src, "MP303") == SPAWNISH


# --- MP202: a function redefined under the main guard that the module also defines at import --------

def test_guard_redefinition_of_a_module_level_function_is_found_by_name():
    # JeanBilheux/python_101 .../test_light_normalization.py: `def load_data` at the top and again under
    # the guard; a spawned child re-imports the module and finds the top-level one (run: no error).
    src = """
        from concurrent.futures import ProcessPoolExecutor
        import multiprocessing
        def load_data(x):
            return x * 2
        if __name__ == "__main__":
            e = ProcessPoolExecutor(2)
            def load_data(x):
                return x * 2
            print(list(e.map(load_data, [1, 2])))
            with multiprocessing.Pool(2) as pool:
                print(pool.map(load_data, [1, 2]))
    """
    assert "MP202" not in codes(src)


def test_function_defined_only_under_the_guard_is_still_found():
    src = """
        import multiprocessing
        if __name__ == "__main__":
            def load_data(x):
                return x * 2
            with multiprocessing.Pool(2) as pool:
                print(pool.map(load_data, [1, 2]))
    """
    assert rows(src, "MP202") == [7]


def test_a_definition_in_the_guards_else_branch_does_not_count_as_the_guarded_one():
    # the `else:` of the main guard runs in the re-imported child: a name it binds is found there
    src = """
        import multiprocessing
        if __name__ == "__main__":
            def work(x):
                return x
            with multiprocessing.Pool(2) as pool:
                print(pool.map(work, [1, 2]))
        else:
            def work(x):
                return x
    """
    assert "MP202" not in codes(src)


# --- MP207: `Cls.classmethod(...)` returns what the method returns, not a new `Cls` -----------------

def test_classmethod_called_on_the_class_is_not_an_instance_of_it():
    # ebarillot/Python2 Cassandra/multiprocessing_cassandra_driver.py: the class holds a Pool in `self.pool`
    src = """
        from multiprocessing import Pool
        class QueryManager:
            def __init__(self, n):
                self.pool = Pool(processes=n)
            def get_results(self, params):
                return self.pool.map(_multiprocess_get, params)
            @classmethod
            def _results_from_concurrent(cls, params):
                return [params, cls.__name__]
        def _multiprocess_get(params):
            return QueryManager._results_from_concurrent(params)
        if __name__ == "__main__":
            print(QueryManager(2).get_results([1, 2]))
    """
    assert "MP207" not in codes(src)


def test_task_returning_a_new_instance_that_holds_a_pool_is_still_found():
    src = """
        from multiprocessing import Pool
        class QueryManager:
            def __init__(self, n):
                self.pool = Pool(processes=n)
        def _multiprocess_get(params):
            return QueryManager(1)
        if __name__ == "__main__":
            with Pool(2) as pool:
                print(pool.map(_multiprocess_get, [1, 2]))
    """
    assert rows(src, "MP207") == [7]


# --- MP201 across modules: a helper that maps with pathos (dill) accepts lambdas ----------------------

HELPER_PATHOS = """
from pathos.multiprocessing import ProcessPool

def parallel_map(f, X, n):
    pool = ProcessPool(n)
    return pool.map(f, X)
"""

HELPER_STDLIB = """
from multiprocessing import Pool

def parallel_map(f, X, n):
    with Pool(n) as pool:
        return pool.map(f, X)
"""

SCRIPT = """
from pm import parallel_map

def main():
    print(parallel_map(lambda x: x * 2, [1, 2, 3], 2))

if __name__ == "__main__":
    main()
"""


def _script_findings(tmp_path: Path, helper: str):
    (tmp_path / "pm.py").write_text(helper)
    script = tmp_path / "use.py"
    script.write_text(SCRIPT)
    resolver = ProjectResolver([tmp_path], summarizer=SUMMARIZER)
    return analyze(SCRIPT, path=str(script), resolver=resolver).findings


def test_lambda_forwarded_to_a_pathos_helper_is_fine(tmp_path):
    # gustavoem/SigNetMS parallel_map.py + its callers: pathos sends tasks with dill
    assert "MP201" not in {f.code for f in _script_findings(tmp_path, HELPER_PATHOS)}


def test_lambda_forwarded_to_a_multiprocessing_helper_is_still_found(tmp_path):
    found = [f for f in _script_findings(tmp_path, HELPER_STDLIB) if f.code == "MP201"]
    # at the call, and at the import of pm, where the lambda crosses into the child (report_at_origin)
    assert [f.start.row for f in found] == [2, 5]


# --- MP302: a name that is a closure variable of an enclosing function, not the module global ---------

def test_enclosing_functions_parameter_is_not_the_guard_only_global():
    # hyunjun/practice python/practice-downloader/downloader.py: `for item in items:` under the guard, and
    # `def factory(cls, item): def get(key): return item[key]` in the child
    src = """
        import multiprocessing
        class Downloader:
            @classmethod
            def factory(cls, item):
                def get(key):
                    return item[key] if key in item else None
                return get("url")
        def download(item):
            print(Downloader.factory(item))
        if __name__ == '__main__':
            for item in [{"url": "a"}]:
                job = multiprocessing.Process(target=download, args=(item,))
                job.start()
                job.join()
    """
    assert "MP302" not in codes(src)


def test_child_reading_the_guard_only_global_is_still_found():
    src = """
        import multiprocessing
        def download(n):
            print(item, n)
        if __name__ == '__main__':
            for item in [{"url": "a"}]:
                job = multiprocessing.Process(target=download, args=(1,))
                job.start()
                job.join()
    """
    assert rows(src, "MP302") == [6]
    assert methods(src, "MP302") == SPAWNISH


# --- MP302: `with Pool() as p, tqdm() as pbar:` rebinds pbar after the workers were forked -------------

WITH_BAR = """
    from multiprocessing import Pool
    from tqdm import tqdm
    pbar = tqdm(total=10)
    def go(x):
        pbar.update(1)
    if __name__ == '__main__':
        {first} as {a}, {second} as {b}:
            print(list(p.imap_unordered(go, range(10))))
"""


def test_name_bound_after_the_pool_in_one_with_is_lost_under_every_method():
    # pbies/bitcoin-tools generators/gen-pvks2wifs-addrs-vd-mt-sha-once-twice.py; run under fork, spawn and
    # forkserver, the workers all see the import-time value (forked before the with binds the new one)
    src = WITH_BAR.format(first="with Pool(processes=2)", a="p", second="tqdm(total=10)", b="pbar")
    assert methods(src, "MP302") == {"fork", "spawn", "forkserver"}


def test_name_bound_before_the_pool_in_one_with_is_lost_only_when_spawned():
    src = WITH_BAR.format(first="with tqdm(total=10)", a="pbar", second="Pool(processes=2)", b="p")
    assert methods(src, "MP302") == SPAWNISH


# --- MP302 logging: the child adds its own handler (the logging cookbook's QueueHandler worker) -------

LOGGING = """
    import logging, logging.handlers
    from multiprocessing import Process, Queue
    def worker_process(q):
        {setup}
        logging.getLogger("foo").info("message")
    if __name__ == '__main__':
        q = Queue()
        wp = Process(target=worker_process, args=(q,))
        wp.start()
        logging.basicConfig(level=logging.INFO)
        wp.join()
"""


def test_child_that_adds_a_queue_handler_configures_its_own_logging():
    src = LOGGING.format(setup="logging.getLogger().addHandler(logging.handlers.QueueHandler(q))")
    assert "MP302" not in codes(src)


def test_child_that_logs_without_any_handler_is_still_found():
    src = LOGGING.format(setup="pass")
    assert rows(src, "MP302") == [11]


# --- MP102: a file opened for append at import with nothing written there ---------------------------

APPEND = """
    import multiprocessing
    {opening}
    def work(n):
        out.write(f"{{n}}\\n")
        return n
    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(work, range(4)))
"""


def test_opening_for_append_at_import_without_writing_is_harmless():
    # pbies/bitcoin-tools convert-brainwallets/bws2wifs-addrs-vb-mt-read-sha.py: `outfile = open('output.txt','a')`
    assert "MP102" not in codes(APPEND.format(opening='out = open("results.txt", "a")'))


def test_appending_at_import_is_still_found():
    # run: under spawn each worker's re-import appends the line again
    src = APPEND.format(opening='out = open("results.txt", "a")\n    out.write("started\\n")')
    assert rows(src, "MP102") == [3]
    assert methods(src, "MP102") == SPAWNISH


def test_appending_in_a_with_block_at_import_is_still_found():
    src = APPEND.format(opening='with open("log.txt", "a") as out:\n        print("started", file=out)')
    assert rows(src, "MP102") == [3]


def test_truncating_at_import_without_writing_is_still_found():
    assert rows(APPEND.format(opening='out = open("results.txt", "w")'), "MP102") == [3]


# --- code after a statement that never completes never runs ------------------------------------------

SNIPPETS = """
    from concurrent.futures import ThreadPoolExecutor
    from multiprocessing.pool import Pool
    def go(arg):
        print(arg)
    ex = ThreadPoolExecutor(max_workers=4)
    {stop}
    pool = Pool(4)
    pool.map(go, range(16))
"""


def test_snippets_pasted_after_an_endless_loop_never_run():
    # pbies/bitcoin-tools mt/mt.py: `while True: ex.submit(go)` (no break), then more snippets
    src = SNIPPETS.format(stop="while True:\n        ex.submit(go)")
    assert codes(src) & {"MP101", "MP423"} == set()


def test_after_sys_exit_nothing_runs_either():
    src = SNIPPETS.format(stop="import sys\n    sys.exit(0)")
    assert "MP101" not in codes(src)


def test_a_loop_that_breaks_out_lets_the_rest_run():
    src = SNIPPETS.format(stop="while True:\n        ex.submit(go)\n        break")
    assert rows(src, "MP101") == [10]
    assert "MP423" in codes(src)


def test_a_break_of_a_nested_loop_does_not_end_the_outer_one():
    src = SNIPPETS.format(stop="while True:\n        for i in range(3):\n            break")
    assert "MP101" not in codes(src)
