"""MP411 when the AsyncResults are kept in a container (a dict, a list, an attribute of `self`) and nothing in the
`with Pool()` block reads them: Pool.__exit__ terminates the pending work (CPython #126743; fresh_realistic3
poolctx_cpython126743_apply_async_dict_not_fetched, run under fork, spawn and forkserver: wrong_result)."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = """
import multiprocessing


def export(name):
    return name


class Export:
    def __init__(self):
        self.pending = {}
        self.results = []

    def run(self, names):
        pending, results = {}, []
        with multiprocessing.Pool(2) as pool:
            for name in names:
                {store}
{after}
        return names


if __name__ == "__main__":
    print(Export().run(["a", "b"]))
"""
STORES = {
    "self dict": "self.pending[name] = pool.apply_async(export, (name,))",
    "self list": "self.results.append(pool.apply_async(export, (name,)))",
    "local dict": "pending[name] = pool.apply_async(export, (name,))",
    "local list": "results.append(pool.apply_async(export, (name,)))",
}
READS = {
    "self dict": "            for r in self.pending.values():\n                r.get()",
    "self list": "            print([r.get() for r in self.results])",
    "local dict": "            print({k: r.get() for k, r in pending.items()})",
    "local list": "            for r in results:\n                r.wait()",
}


def mp411(store: str, after: str = "") -> list:
    source = PROGRAM.replace("{store}", store).replace("{after}", after)
    return [f.start.row for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP411"]


@pytest.mark.parametrize("kind", sorted(STORES))
def test_results_kept_in_a_container_and_never_read(kind):
    assert mp411(STORES[kind]) == [18]


@pytest.mark.parametrize("kind", sorted(STORES))
def test_results_read_before_the_block_ends(kind):
    assert mp411(STORES[kind], READS[kind]) == []
