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

