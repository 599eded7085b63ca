"""A method called on what another project module's function returns: `s3 = cloud.s3_resource();
[s3.Object(bucket, key) for key in keys]` handed to `pool.map` (boto3 #2311, fresh_libs5's blind miss). The helper's
summary says which catalog type it returns (`ModuleSummary.types`); the catalog says what that type's method gives.
Proven here with the standard library's own pair: a compiled pattern a helper returns, whose `match()` gives a re.Match
that pickle refuses, while its `findall()` gives a list of strings (the near miss). Run under fork, spawn and
forkserver."""
import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

PATTERNS = """
    import re


    def word_re():
        return re.compile(r"[a-z]+")


    def word_count():
        return 2
"""

MAIN = """
    import multiprocessing

    from kit import patterns


    def first(found):
        return found.group(0) if hasattr(found, "group") else found[0]


    if __name__ == "__main__":
        rx = patterns.word_re()
        items = [ITEM for text in ["abc def", "xyz"]]
        with multiprocessing.Pool(2) as pool:
            print("RESULT=%s" % ",".join(pool.map(first, items)))
"""

# each task item -> does pickle refuse it
ITEMS = {"rx.match(text)": True, "rx.findall(text)": False, "patterns.word_re().search(text)": True,
         "patterns.word_re().findall(text)": False}


def _program(tmp_path, item):
    return project(tmp_path, {"kit/__init__.py": "", "kit/patterns.py": PATTERNS,
                              "main.py": MAIN.replace("ITEM", item)})


@pytest.mark.parametrize("item", sorted(ITEMS))
def test_a_method_of_what_another_modules_helper_returns(tmp_path, item):
    got = findings(_program(tmp_path, item) / "main.py")
    assert [f.code for f in got] == (["MP203"] if ITEMS[item] else [])
    assert all("kit.patterns.word_re()." in f.message and "re.Match" in f.message for f in got)


def test_an_object_of_unknown_type_is_not_judged(tmp_path):
    # `word_count()` returns an int: nothing the catalog types, so its "method" is not guessed at
    root = project(tmp_path, {"kit/__init__.py": "", "kit/patterns.py": PATTERNS,
                              "main.py": MAIN.replace("patterns.word_re()", "patterns.word_count()")
                                             .replace("ITEM", "rx.match(text)")})
    assert findings(root / "main.py") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("item", ["rx.match(text)", "rx.findall(text)"])
def test_runtime_match_objects(tmp_path, item, method):
    root = _program(tmp_path, item)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, ITEMS[item], "cannot pickle 're.Match' object", "RESULT=abc,xyz")
