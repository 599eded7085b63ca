"""A registry keeps each item it is given with its key (`FILTERS["invert"] = abs`, a storing helper's
`add("threshold", lambda p: p)`), and a lookup by a key the callers give (`FILTERS[name]`, `FILTERS.get(name)`, a
`get(name)` helper, `self.kind` of the caller's object) takes the item each caller's key names: a helper's call
stores its own value under its own key. A key no one knows (no caller, the command line) picks an item by data:
reported only when every item it may be is refused. Before, every stored item was judged under any key: a lambda
registered under "threshold" was reported for callers asking for "invert". Proven under fork, spawn and
forkserver."""
import pytest
from helpers import assert_outcome, found, run_program

DIRECT = """
import multiprocessing

FILTERS = {}
FILTERS["invert"] = abs
FILTERS["threshold"] = lambda p: 1 if p > 0 else 0


def _apply(fn, p):
    return fn(p)


def apply_filter(name, images):
    fn = FILTERS[name]
    with multiprocessing.Pool(2) as pool:
        return pool.starmap(_apply, [(fn, i) for i in images])


if __name__ == "__main__":
    print("RESULT=%s" % apply_filter(KEY, [1, -2]))
"""

HELPERS = """
import multiprocessing

FILTERS = {}


def add(name, fn):
    FILTERS[name] = fn


def get(name):
    return FILTERS[name]


def invert(p):
    return -p


add("invert", invert)
add("threshold", lambda p: 1 if p > 0 else 0)


def _apply(fn, p):
    return fn(p)


def apply_filter(name, images):
    fn = LOOKUP
    with multiprocessing.Pool(2) as pool:
        return pool.starmap(_apply, [(fn, i) for i in images])


if __name__ == "__main__":
    print("RESULT=%s" % apply_filter(KEY, [1, -2]))
"""

# another shape: keywords to the storing helper, a literal's own item, `.get` in a helper, the key a field of the
# caller's object, the item the task itself
CODECS = """
import multiprocessing

CODECS = {"raw": str}


def install(codec_name, encoder):
    CODECS[codec_name] = encoder


def pick(kind):
    return CODECS.get(kind)


install(codec_name="upper", encoder=str.upper)
install("shout", lambda s: s.upper() + "!")


class Job:
    def __init__(self, kind):
        self.kind = kind

    def run(self, words):
        encoder = pick(self.kind)
        with multiprocessing.Pool(2) as pool:
            return pool.map(encoder, words)


if __name__ == "__main__":
    print("RESULT=%s" % Job(KEY).run(["a", "b"]))
"""

CLI = HELPERS.replace("if __name__", """def main(argv=None):
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("--filter", default=KEY)
    args = parser.parse_args(argv)
    print("RESULT=%s" % apply_filter(args.filter, [1, -2]))


if __name__""").replace('print("RESULT=%s" % apply_filter(KEY, [1, -2]))', "main()")

LOOKUPS = {"subscript": "FILTERS[name]", "get": "FILTERS.get(name)", "helper": "get(name)"}

# (program, key) -> refused at run time (and reported)
CASES = {
    ("direct", '"invert"'): False, ("direct", '"threshold"'): True,
    ("subscript", '"invert"'): False, ("subscript", '"threshold"'): True,
    ("get", '"invert"'): False, ("get", '"threshold"'): True,
    ("helper", '"invert"'): False, ("helper", '"threshold"'): True,
    ("codecs", '"raw"'): False, ("codecs", '"upper"'): False, ("codecs", '"shout"'): True,
    ("cli", '"invert"'): False, ("cli", '"threshold"'): True,
}


def program(shape: str, key: str) -> str:
    if shape == "direct":
        return DIRECT.replace("KEY", key)
    if shape == "codecs":
        return CODECS.replace("KEY", key)
    if shape == "cli":
        return CLI.replace("LOOKUP", LOOKUPS["helper"]).replace("KEY", key)
    return HELPERS.replace("LOOKUP", LOOKUPS[shape]).replace("KEY", key)


@pytest.mark.parametrize("shape, key", sorted(CASES))
def test_the_item_stored_under_the_callers_key(shape, key):
    assert [f.code for f in found(program(shape, key), "MP201")] == (["MP201"] if CASES[(shape, key)] else [])


def test_a_constant_lookup_of_a_helper_filled_registry():
    src = HELPERS.replace("LOOKUP", 'FILTERS["invert"]').replace("KEY", '"invert"')
    assert found(src, "MP201") == []
    src = HELPERS.replace("LOOKUP", 'FILTERS["threshold"]').replace("KEY", '"invert"')
    assert [f.code for f in found(src, "MP201")] == ["MP201"]


@pytest.mark.parametrize("lookup", sorted(LOOKUPS))
def test_no_caller_says_nothing_when_one_item_pickles(lookup):
    src = HELPERS.replace("LOOKUP", LOOKUPS[lookup]).replace('print("RESULT=%s" % apply_filter(KEY, [1, -2]))', "pass")
    assert found(src, "MP201") == []


@pytest.mark.parametrize("lookup", sorted(LOOKUPS))
def test_an_unknown_key_is_reported_when_every_item_is_refused(lookup):
    src = HELPERS.replace("LOOKUP", LOOKUPS[lookup]).replace('add("invert", invert)', 'add("invert", lambda p: -p)') \
        .replace("KEY", "__import__('sys').argv[1]")
    assert [f.code for f in found(src, "MP201")] == ["MP201"]
    one_pickles = HELPERS.replace("LOOKUP", LOOKUPS[lookup]).replace("KEY", "__import__('sys').argv[1]")
    assert found(one_pickles, "MP201") == []


def test_a_caller_with_an_unknown_key_among_known_ones_says_nothing():
    src = HELPERS.replace("LOOKUP", LOOKUPS["helper"]).replace(
        'print("RESULT=%s" % apply_filter(KEY, [1, -2]))',
        'print(apply_filter("invert", [1]))\n    print(apply_filter(__import__("sys").argv[1], [1]))')
    assert found(src, "MP201") == []


def test_a_storing_helper_called_with_an_unknown_key_may_have_stored_under_any():
    src = HELPERS.replace("LOOKUP", LOOKUPS["helper"]).replace('add("threshold",', 'add(__import__("sys").argv[1],') \
        .replace("KEY", '"invert"')
    assert [f.code for f in found(src, "MP201")] == ["MP201"]


def test_get_or_create_under_the_same_parameter_is_known_at_once():
    # `if name not in POOLS: POOLS[name] = Pool(...)`, `return POOLS[name]`: the callers' pool is that one
    src = """
import multiprocessing

POOLS = {}


def pool_for(name):
    if name not in POOLS:
        POOLS[name] = multiprocessing.Pool(2)
    return POOLS[name]


def work(x):
    return x


def main():
    pool = pool_for("io")
    print(pool.map(lambda x: x, [1, 2]))


if __name__ == "__main__":
    main()
"""
    assert [f.code for f in found(src, "MP201")] == ["MP201"]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("shape, key", sorted(CASES))
def test_runtime(tmp_path, shape, key, method):
    path = tmp_path / "prog.py"
    path.write_text(program(shape, key))
    out = run_program(path, method, timeout=60)
    assert_outcome(out, CASES[(shape, key)], "<lambda>", "RESULT=")


def test_every_is_unsure_of_an_unknown_or_left_out_option():
    from mpguard.semantic import values as V
    from mpguard.semantic.flow import MAX_OPTIONS, every, union

    lam = [V.Callable(None, "lambda", "<lambda>") for _ in range(MAX_OPTIONS + 1)]
    assert every([lam[0], None]) is None  # the unknown one may be the harmless one
    assert every(lam) is None  # so may one left out
    picked = every(lam[:2])
    assert type(picked) is V.Union and picked.every
    assert union([picked, lam[2]]).options == [picked, lam[2]]  # kept whole inside another union
