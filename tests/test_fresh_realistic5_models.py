"""General models found missing by fresh_realistic5's blind programs, each with a hazard-free near miss and proven by
running it under fork, spawn and forkserver:

- a call to another project module's generator function gives a generator (whatever the function returns), which
  pickle refuses inside a task's arguments (DeepDeblur #5: `yield table, kio.iter_lines(path)`); drained into a
  list first, or iterated by the parent (`pool.map(f, kio.iter_lines(path))`), nothing crosses but its items;
- a dict's item stored under a constant key (`options["log"] = open(...)`) is passed by `**options` as that keyword
  (the pythonz2h pickling guide: options forwarded through `**kwargs` to `submit`);
- a class attribute a test's setUpClass sets and a pool task reads (through a classmethod's `cls`) is lost to
  spawned workers also when the parent runs the same task function itself in another test (agentbeck 23144);
- `get_context(method)` where `method` is a constant the program computes (an environment variable's default,
  `os.environ.get("PRICING_START_METHOD", "spawn")`): that context, whatever the default start method."""
import pytest
from helpers import assert_outcome, codes, found, run_program

from test_semantic_crossmodule import findings, project

LINES = """
    from contextlib import contextmanager


    def iter_lines(path):
        with open(path) as fh:
            for line in fh:
                yield line.rstrip("\\n")


    @contextmanager
    def opened(path):
        yield path
"""

INGEST = """
    import multiprocessing
    import sys

    from kit import io as kio


    def count(table, lines):
        return table, len(list(lines))


    def plan(paths):
        for path in paths:
            yield path, PASSED


    def main(path):
        with open(path, "w") as fh:
            fh.write("a\\nb\\n")
        with multiprocessing.Pool(2) as pool:
            counted = pool.starmap(count, list(plan([path])))
            each = pool.map(len, kio.iter_lines(path))
        print("RESULT=%s %s" % (counted, each))
        return 0


    if __name__ == "__main__":
        sys.exit(main("lines.txt"))
"""

# what each task carries -> is it refused (a generator made by another module's function)
PASSED = {"kio.iter_lines(path)": True, "list(kio.iter_lines(path))": False, "tuple(kio.iter_lines(path))": False,
          "path": False}


def _ingest(tmp_path, passed):
    return project(tmp_path, {"kit/__init__.py": "", "kit/io.py": LINES,
                              "main.py": INGEST.replace("PASSED", passed)})


@pytest.mark.parametrize("passed", sorted(PASSED))
def test_a_generator_of_another_modules_function_in_task_arguments(tmp_path, passed):
    got = findings(_ingest(tmp_path, passed) / "main.py", "MP203")
    assert [f.start.row for f in got] == ([21] if PASSED[passed] else [])
    assert all("a generator" in f.message for f in got)


def test_a_context_manager_generator_is_not_a_generator(tmp_path):
    assert findings(_ingest(tmp_path, "kio.opened(path)") / "main.py", "MP203") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("passed", sorted(PASSED))
def test_runtime_generator_of_another_module(tmp_path, passed, method):
    root = _ingest(tmp_path, passed)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, PASSED[passed], "cannot pickle 'generator' object", "RESULT=")


OPTIONS = """
import sys
from concurrent.futures import ProcessPoolExecutor


def thumb(image, max_side=256, log=None):
    return image * max_side


def fan_out(fn, items, **options):
    with ProcessPoolExecutor(max_workers=2) as ex:
        futures = [ex.submit(fn, item, **options) for item in items]
        return [f.result() for f in futures]


def build_options(verbose):
    options = MADE
    if verbose:
        options[KEY] = STORED
    return options


def main():
    options = build_options(True)
    sizes = fan_out(thumb, [1, 2], **options)
    print("RESULT=%s" % sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
"""

# (how the dict is made, the key stored, what is stored) -> is an open file passed to the task
STORES = {('{"max_side": 3}', '"log"', 'open("thumbs.log", "a")'): True,
          ('dict(max_side=3)', '"log"', 'open("thumbs.log", "a")'): True,
          ('{"max_side": 3}', '"log"', '"thumbs.log"'): False,
          ('{"max_side": 3}', '"max_side"', '4'): False}


def _options(made, key, stored):
    return OPTIONS.replace("MADE", made).replace("KEY", key).replace("STORED", stored)


@pytest.mark.parametrize("made, key, stored", sorted(STORES))
def test_an_item_stored_under_a_constant_key_is_passed_by_double_star(made, key, stored):
    assert ("MP203" in codes(_options(made, key, stored))) is STORES[(made, key, stored)]


def test_an_item_stored_under_an_unknown_key_is_not_judged():
    # `options[name] = ...`: which keyword `**options` then passes is unknown (precision first)
    src = _options('{"max_side": 3}', 'name', 'open("thumbs.log", "a")').replace("    if verbose:", "    name = verbose\n    if verbose:")
    assert "MP203" not in codes(src)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("made, key, stored", sorted(STORES))
def test_runtime_item_stored_under_a_key(tmp_path, made, key, stored, method):
    path = tmp_path / "thumbs.py"
    path.write_text(_options(made, key, stored))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert_outcome(out, STORES[(made, key, stored)], ("cannot pickle '_io.TextIOWrapper' object",
                                                      "cannot pickle 'TextIOWrapper' instances"), "RESULT=")  # (3.12+)


PRICING = """
import multiprocessing
import sys
import unittest


class PriceBook:
    vat = 0.0

    @classmethod
    def gross(cls, net):
        return round(net * (1 + cls.vat), 2)


def price_line(net):
    return PriceBook.gross(net)


def set_vat(vat):
    PriceBook.vat = vat


class PricingTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        PriceBook.vat = 0.2

    def test_single_price(self):
        self.assertEqual(price_line(10.0), 12.0)

    def test_batch_prices_in_workers(self):
        with multiprocessing.Pool(2POOL) as pool:
            prices = pool.map(price_line, [10.0, 20.0])
        self.assertEqual(prices, [12.0, 24.0])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=0).result
    print("RESULT=" + ("pass" if result.wasSuccessful() else "fail"))
    sys.exit(0 if result.wasSuccessful() else 3)
"""

# the pool's extra arguments -> is the vat set in setUpClass lost to spawned workers
POOLS = {"": True, ", initializer=set_vat, initargs=(0.2,)": False}


@pytest.mark.parametrize("pool", sorted(POOLS))
def test_a_class_attribute_set_up_for_a_task_the_parent_also_runs(pool):
    got = found(PRICING.replace("POOL", pool), "MP302")
    assert [f.start.row for f in got] == ([26] if POOLS[pool] else [])
    assert all(f.start_methods == {"spawn", "forkserver"} for f in got)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("pool", sorted(POOLS))
def test_runtime_class_attribute_set_up(tmp_path, pool, method):
    path = tmp_path / "test_pricing.py"
    path.write_text(PRICING.replace("POOL", pool))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    lost = POOLS[pool] and method != "fork"
    assert out.returncode == (3 if lost else 0), out.stderr + out.stdout


CONTEXT = """
import multiprocessing
import os
import sys

VAT = 0.0


def gross(net):
    return net * (1 + VAT)


def pick_context():
    method = METHOD
    return multiprocessing.get_context(method)


def main():
    global VAT
    VAT = 0.5
    with pick_context().Pool(2) as pool:
        prices = pool.map(gross, [10.0, 20.0])
    print("RESULT=%s" % prices)
    return 0 if prices == [15.0, 30.0] else 3


if __name__ == "__main__":
    sys.exit(main())
"""

# how the method is chosen -> the default start methods under which the change is lost (None: not said)
CONTEXTS = {'os.environ.get("PRICING_START_METHOD", "spawn")': {"fork", "spawn", "forkserver"},
            'os.environ.get("PRICING_START_METHOD", "fork")': set(),
            'os.environ.get("PRICING_START_METHOD")': None}


@pytest.mark.parametrize("method", sorted(CONTEXTS))
def test_a_context_of_a_constant_the_program_computes(method):
    got = found(CONTEXT.replace("METHOD", method), "MP302")
    if CONTEXTS[method] is None:
        assert got == []  # (an unknown method: nothing that depends on it is said)
    else:
        assert [f.start_methods for f in got] == ([CONTEXTS[method]] if CONTEXTS[method] else [])


@pytest.mark.parametrize("default", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("method", sorted(m for m in CONTEXTS if CONTEXTS[m] is not None))
def test_runtime_context_of_a_constant(tmp_path, method, default):
    path = tmp_path / "prices.py"
    path.write_text(CONTEXT.replace("METHOD", method))
    out = run_program(path, default, timeout=60, cwd=tmp_path, drop_env=("PRICING_START_METHOD",))
    assert out.returncode == (3 if default in CONTEXTS[method] else 0), out.stderr


SHARDS = """
import multiprocessing
import sys

CDEFS = []


def setup():
    CDEFS.append("REFNANNY")


def build():
    return list(CDEFS)


def shard(n):
    setup()
    return build()


def main(shards):
    setup()
    if shards == 1:
        return [build()]
    with multiprocessing.Pool(shards) as pool:
        return pool.map(shard, range(shards))


if __name__ == "__main__":
    print("RESULT=%s" % main(int(sys.argv[1]) if len(sys.argv) > 1 else 2))
"""


def test_a_reader_the_parents_program_also_runs_is_not_judged():
    # (Cython's runtests.py: the shard re-runs the program's own set-up path; a change the parent makes there is
    # most likely made by the child too)
    assert "MP302" not in codes(SHARDS)
