"""A pool class held by a value and called: the class attribute a subclass binds again, read through `self` in a
method of the base (bonobo PR #149: `ExecutorStrategy.executor_factory = ThreadPoolExecutor`,
`ProcessPoolExecutorStrategy.executor_factory = ProcessPoolExecutor`, the runner a closure defined in `execute()`).

Python looks `self.executor_factory` up on the class of the object the method is called on, so the value is the one
of each call site's receiver (also through `self.create_executor()` in another method: that method's receivers).
The class called makes a pool of the program's default start method whose tasks are pickled under every method;
a pool class the callers pass as an argument, or a dataclass-less instance keeps from its constructor, is called the
same way. A thread pool class makes nothing that pickles."""
import textwrap

from mpguard.linter.analyze import analyze

from helpers import assert_outcome, run_program


def _rows(src: str, code: str = "MP201") -> list:
    return sorted(f.start.row for f in analyze(textwrap.dedent(src), "case.py").findings if f.code == code)


def _row_of(src: str, text: str) -> int:
    return next(i for i, line in enumerate(textwrap.dedent(src).splitlines(), 1) if text in line)


SUBCLASS_THROUGH_METHOD = """
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


class Runner:
    pool_class = ThreadPoolExecutor

    def __init__(self, workers=2):
        self.workers = workers

    def make_pool(self):
        return self.pool_class(max_workers=self.workers)

    def run(self, items):
        offset = len(items)

        def shifted(x):
            return x + offset

        with self.make_pool() as pool:
            return [pool.submit(shifted, x).result() for x in items]


class ProcessRunner(Runner):
    pool_class = ProcessPoolExecutor


if __name__ == "__main__":
    print(ProcessRunner(2).run([1, 2, 3]))
    sys.exit(0)
"""


def test_a_subclass_pool_class_read_through_a_method_of_the_base():
    assert _rows(SUBCLASS_THROUGH_METHOD) == [_row_of(SUBCLASS_THROUGH_METHOD, "pool.submit(shifted")]


def test_the_base_class_thread_pool_is_silent():
    near_miss = SUBCLASS_THROUGH_METHOD.replace("print(ProcessRunner(2).run", "print(Runner(2).run")
    assert _rows(near_miss) == []


MULTIPROCESSING_POOL = """
import multiprocessing
import multiprocessing.pool


class Crawler:
    pool_type = multiprocessing.pool.ThreadPool

    def crawl(self, pages):
        with self.pool_type(2) as workers:
            return workers.map(lambda page: page.upper(), pages)


class ParallelCrawler(Crawler):
    pool_type = multiprocessing.Pool


def main():
    return ParallelCrawler().crawl(["a", "b"])


if __name__ == "__main__":
    main()
"""


def test_a_multiprocessing_pool_bound_in_a_subclass_read_directly():
    assert _rows(MULTIPROCESSING_POOL) == [_row_of(MULTIPROCESSING_POOL, "workers.map(")]


def test_every_receiver_a_thread_pool_stays_silent():
    near_miss = MULTIPROCESSING_POOL.replace("ParallelCrawler().crawl", "Crawler().crawl")
    assert _rows(near_miss) == []


def test_a_method_overriding_the_name_says_nothing():
    """A subclass that binds the name by a def (a property, a method) is not a value the walk knows: silent."""
    near_miss = MULTIPROCESSING_POOL.replace("    pool_type = multiprocessing.Pool\n",
                                             "    @property\n    def pool_type(self):\n"
                                             "        return multiprocessing.Pool\n")
    assert _rows(near_miss) == []


PASSED_CLASS = """
from concurrent.futures import ProcessPoolExecutor


def run_all(executor_cls, items):
    seen = set()

    def remember(item):
        seen.add(item)
        return item

    with executor_cls(max_workers=2) as ex:
        return list(ex.map(remember, items))


if __name__ == "__main__":
    run_all(ProcessPoolExecutor, [1, 2])
"""


def test_a_pool_class_the_caller_passes():
    assert _rows(PASSED_CLASS) == [_row_of(PASSED_CLASS, "ex.map(remember")]


def test_a_module_level_task_through_a_passed_class_is_silent():
    near_miss = PASSED_CLASS.replace("ex.map(remember, items)", "ex.map(str, items)")
    assert _rows(near_miss) == []


SAME_NAME_IN_BODY = """
from concurrent.futures import ThreadPoolExecutor


class Local:
    ProcessPoolExecutor = ThreadPoolExecutor
    factory = ProcessPoolExecutor

    def go(self):
        with self.factory() as ex:
            return ex.submit(lambda: 1).result()


if __name__ == "__main__":
    Local().go()
"""


def test_a_name_the_class_body_binds_is_not_read_as_the_module_name():
    assert _rows(SAME_NAME_IN_BODY) == []


def test_the_nested_runner_fails_only_through_the_process_subclass(tmp_path):
    """Runtime proof: the subclass's process pool pickles the closure by name and fails under every start method;
    the base class's thread pool runs it."""
    script = tmp_path / "runner.py"
    script.write_text(textwrap.dedent(SUBCLASS_THROUGH_METHOD))
    for method in ("fork", "spawn", "forkserver"):
        out = run_program(script, method, timeout=30)
        assert_outcome(out, True, ("Can't pickle local object", "Can't get local object"), "")
    fine = tmp_path / "threads.py"
    threads = SUBCLASS_THROUGH_METHOD.replace("print(ProcessRunner(2).run", "print(Runner(2).run")
    fine.write_text(textwrap.dedent(threads))
    assert_outcome(run_program(fine, "spawn", timeout=30), False, None, "[4, 5, 6]")


MADE_BELOW = """
from concurrent.futures import ProcessPoolExecutor


def main():
    ex = make_pool()
    return ex.submit(lambda: 1).result()


def make_pool():
    return ProcessPoolExecutor(2)


if __name__ == "__main__":
    main()
"""


def test_a_pool_a_function_defined_below_returns_gets_the_task_calls():
    """The walk meets `ex.submit(...)` before `make_pool`'s body: the call is replayed on the pool it returns."""
    assert _rows(MADE_BELOW) == [_row_of(MADE_BELOW, "ex.submit(lambda")]


def test_a_thread_pool_a_function_defined_below_returns_is_silent():
    near_miss = MADE_BELOW.replace("return ProcessPoolExecutor(2)", "return ThreadPoolExecutor(2)").replace(
        "import ProcessPoolExecutor", "import ThreadPoolExecutor")
    assert _rows(near_miss) == []
