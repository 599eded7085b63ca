"""MP203 for the items of what another project module's function returns, mapped over a pool (pubmed_parser #19:
`pool.map(parse_article_info, read_medline_citations(data))`, a list of lxml elements). The function's module
judges what iterating its return value gives (`ModuleSummary.iterated`); a pool's map pickles each item."""
from __future__ import annotations

import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

KIT = """
    import threading


    def guards(n):
        return [threading.Lock() for _ in range(n)]


    def names(n):
        return [f"lock-{i}" for i in range(n)]


    def chosen(n, plain=False):
        if plain:
            return list(range(n))
        return [threading.Lock() for _ in range(n)]
"""

MAIN = """
    from multiprocessing import Pool

    from kit import locks


    def work(item):
        return str(item)


    if __name__ == "__main__":
        with Pool(2) as pool:
            ITEMS
            print(len(pool.map(work, items)))
"""


def _mp203(tmp_path, items: str) -> list:
    root = project(tmp_path, {"kit/__init__.py": "", "kit/locks.py": KIT, "main.py": MAIN.replace("ITEMS", items)})
    return findings(root / "main.py", "MP203")


def test_items_of_a_list_another_module_builds(tmp_path):
    found = _mp203(tmp_path, "items = locks.guards(2)")
    assert found and "locks.guards()" in found[0].message and "_thread.lock" in found[0].message


def test_items_that_pickle_are_silent(tmp_path):
    assert _mp203(tmp_path, "items = locks.names(2)") == []


def test_a_return_a_parameter_chooses_is_not_claimed(tmp_path):
    # (precision first: the items are judged only when every return gives refused ones, whatever the call)
    assert _mp203(tmp_path, "items = locks.chosen(2)") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_pool_map_over_another_modules_locks(tmp_path, method):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/locks.py": KIT,
                              "main.py": MAIN.replace("ITEMS", "items = locks.guards(2)")})
    assert_outcome(run_program(root / "main.py", method, timeout=30), True, "cannot pickle '_thread.lock'", "")


@pytest.mark.parametrize("pool", ["from multiprocessing.pool import ThreadPool as Pool",
                                  "from concurrent.futures import ThreadPoolExecutor as Pool"])
def test_a_thread_pool_pickles_nothing(tmp_path, pool):
    src = MAIN.replace("from multiprocessing import Pool", pool).replace("ITEMS", "items = locks.guards(2)")
    root = project(tmp_path, {"kit/__init__.py": "", "kit/locks.py": KIT, "main.py": src})
    assert findings(root / "main.py", "MP203") == []
