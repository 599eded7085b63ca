"""`HANDLERS[name]` where the callers give `name`: the item under the key they pass, not any item of the registry. A
registry holding a lambda under one key and a builtin under another, looked up with the builtin's key, was a false
alarm (any item was judged). A key no one knows (the command line's) picks an item by data: reported only when every
item it may be is refused (precision first). Proven under fork, spawn and forkserver."""
import pytest
from helpers import assert_outcome, found, run_program

PROGRAM = """
import multiprocessing

HANDLERS = {"double": abs, "square": lambda x: x * x}


def main(name):
    fn = HANDLERS[name]
    with multiprocessing.Pool(2) as pool:
        print("RESULT=%s" % pool.map(fn, [1, -2, 3]))


if __name__ == "__main__":
    main(KEY)
"""

CASES = {'"double"': False, '"square"': True}


@pytest.mark.parametrize("key", sorted(CASES))
def test_the_item_under_the_key_the_callers_give(key):
    assert [f.code for f in found(PROGRAM.replace("KEY", key), "MP201")] == (["MP201"] if CASES[key] else [])


def test_an_unknown_key_says_nothing_when_one_item_pickles():
    src = PROGRAM.replace("main(KEY)", "import sys\n    main(sys.argv[1])")
    assert [f.code for f in found(src, "MP201")] == []


def test_an_unknown_key_is_reported_when_every_item_is_refused():
    src = PROGRAM.replace("main(KEY)", "import sys\n    main(sys.argv[1])").replace('"double": abs', '"double": lambda x: 2 * x')
    assert [f.code for f in found(src, "MP201")] == ["MP201"]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("key", sorted(CASES))
def test_runtime(tmp_path, key, method):
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM.replace("KEY", key))
    out = run_program(path, method, timeout=60)
    assert_outcome(out, CASES[key], "<lambda>", "RESULT=[1, 2, 3]")
