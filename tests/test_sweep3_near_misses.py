"""Near misses from the third package sweep (docs/sweep.md, section 7). Each false positive is reduced to
a source string (or notebook) that must stay silent, next to the true case nearby that must still be
found. The reductions were run under fork, spawn and forkserver (docs/sweep.md, section 7.2)."""
from __future__ import annotations

import json

from helpers import codes, found, methods, rows

from mpguard.cli import main
from mpguard.text.ipython import as_python
from mpguard.text.notebook import read_notebook

EVERY = {"fork", "forkserver", "spawn"}


# --- MP203: `with contextmanager_function() as x` binds what the generator yields, not a generator ----

def test_value_bound_by_a_contextmanager_is_not_a_generator():
    # optuna tests/storages_tests/journal_tests/test_combination_with_grpc.py: `with
    # grpc_journal_file_context() as study` (an @contextmanager that yields a Study), study submitted
    # to a ProcessPoolExecutor. Run: [3, 3, 3] under fork, spawn and forkserver.
    src = """
        from concurrent.futures import ProcessPoolExecutor
        from contextlib import contextmanager
        class Study:
            def __init__(self, n):
                self.n = n
        @contextmanager
        def study_context():
            study = Study(3)
            yield study
        def pop(study):
            return study.n
        def main():
            with study_context() as study:
                with ProcessPoolExecutor(2) as pool:
                    return [pool.submit(pop, study).result() for _ in range(3)]
        if __name__ == "__main__":
            print(main())
    """
    assert "MP203" not in codes(src)


def test_method_contextmanager_is_not_a_generator_either():
    src = """
        import contextlib
        from concurrent.futures import ProcessPoolExecutor
        class Store:
            @contextlib.contextmanager
            def session(self):
                yield 3
        def work(n):
            return n
        def main(store):
            with store.session() as n, ProcessPoolExecutor(2) as pool:
                return pool.submit(work, n).result()
        if __name__ == "__main__":
            print(main(Store()))
    """
    assert "MP203" not in codes(src)


def test_a_generator_submitted_to_a_process_pool_is_still_found():
    src = """
        from concurrent.futures import ProcessPoolExecutor
        def study_items():
            yield 3
        def pop(items):
            return list(items)
        def main():
            items = study_items()
            with ProcessPoolExecutor(2) as pool:
                return pool.submit(pop, items).result()
        if __name__ == "__main__":
            print(main())
    """
    assert rows(src, "MP203") == [10]
    assert methods(src, "MP203") == EVERY


# --- MP201: a helper called with a process pool by one caller and a thread pool by another -------------

HELPER = """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
    class Study:
        def pop(self):
            return 3
    def pop_in_child(study):
        return study.pop()
    def verify(pool, study, wrapper):
        futures = [pool.submit(wrapper, study) for _ in range(3)]
        return sorted(f.result() for f in as_completed(futures))
    def test_process_safe():
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context()) as pool:
            return verify(pool, Study(), {process_task})
    def test_thread_safe():
        with {second_pool} as pool:
            return verify(pool, Study(), lambda study: study.pop())
    if __name__ == "__main__":
        print(test_process_safe(), test_thread_safe())
"""


def test_lambda_given_with_a_thread_pool_is_not_sent_to_the_process_pool_of_another_caller():
    # optuna test_combination_with_grpc.py: `_verify_racing_condition(pool, study, wrapper)` called with
    # a ProcessPoolExecutor and a module-level function, and by another test with a ThreadPoolExecutor
    # and a lambda. Run: [3, 3, 3] [3, 3, 3] under fork, spawn and forkserver.
    src = HELPER.format(process_task="pop_in_child", second_pool="ThreadPoolExecutor(2)")
    assert "MP201" not in codes(src)


def test_lambda_given_with_a_process_pool_is_still_found_and_named_where_it_is_given():
    src = HELPER.format(process_task="pop_in_child", second_pool="ProcessPoolExecutor(2)")
    [finding] = found(src, "MP201")
    assert finding.start.row == 10
    assert "(parameter `wrapper`, given on line 17)" in finding.message
    assert methods(src, "MP201") == EVERY
    src = HELPER.format(process_task="lambda study: study.pop()", second_pool="ThreadPoolExecutor(2)")
    [finding] = found(src, "MP201")
    assert "(parameter `wrapper`, given on line 14)" in finding.message

