"""A parameter's default that makes a callable (a lambda, a function, a partial of them) is what a call that
leaves the argument out passes (walker._evaluated_default, flow.omitted_default). AMICI #1961 (`simplify=lambda
x: ...` mapped in a pool) and pafy #174 / PR #190 (fresh_reports16 pafy190: another module's `get_playlist(url,
callback=lambda x: None)` returns a `Playlist` keeping the callback, and the playlist is submitted). A lambda
default is evaluated where the def is: at module level its qualified name is `<lambda>` (pickle: "attribute
lookup <lambda> on ... failed"), under every start method. Near misses: the callers pass a function of the
module, the default is a module function, the default is None. Also MP302 names the call handing the reading
child its work (shimming-toolbox #390). Proven under fork, spawn and forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

LOCAL = """
    import multiprocessing


    def double(y):
        return 2 * y


    def run(xs, f=lambda y: y + 1):
        with multiprocessing.Pool(2) as pool:
            return pool.map(f, xs)


    if __name__ == "__main__":
        print("RESULT=%s" % sum(run([1, 2, 3])))
"""

KEPT = """
    import functools
    import multiprocessing


    def _apply(func, item):
        return func(item)


    class Converter:
        def __init__(self, tidy=None):
            self._tidy = tidy

        @property
        def tidy(self):
            return self._tidy


    def convert(items, tidy=lambda s: s.strip(), workers=2):
        converter = Converter(tidy=tidy)
        with multiprocessing.Pool(workers) as pool:
            return pool.map(functools.partial(_apply, converter.tidy), items)


    if __name__ == "__main__":
        print("RESULT=%s" % "|".join(convert([" a ", "b "])))
"""

FETCH = """
    class Feed:
        def __init__(self, name, entries, notify=None):
            self.name = name
            self.entries = entries
            self._notify = notify

        def size(self):
            return sum(self.entries)


    def load_feed(name, notify=lambda msg: None):
        notify("loading " + name)
        return Feed(name, [len(name), 3], notify=notify)


    def feed_size(feed):
        return feed.size()
"""

ARCHIVE = """
    from concurrent.futures import ProcessPoolExecutor

    from feeds.fetch import feed_size, load_feed


    def main():
        feeds = [load_feed(name) for name in ("news", "sport")]
        with ProcessPoolExecutor(2) as ex:
            return sum(ex.map(feed_size, feeds))


    if __name__ == "__main__":
        print("RESULT=%s" % main())
"""


def test_local_default_is_the_task():
    (finding,) = found(LOCAL, "MP201")
    assert finding.start_methods == frozenset({"fork", "spawn", "forkserver"})
    # pickle's own words, as the running Python says them (3.14: "it's not found as __main__.<lambda>")
    assert ("attribute lookup <lambda> on __main__ failed" in finding.message
            or "not found as __main__.<lambda>" in finding.message), finding.message


def test_default_kept_by_an_object_and_read_through_a_property():
    assert found(KEPT, "MP201") or found(KEPT, "MP203")


@pytest.mark.parametrize("src", [LOCAL, KEPT])
def test_near_misses(src):
    given = src.replace('"RESULT=%s" % sum(run([1, 2, 3]))', '"RESULT=%s" % sum(run([1, 2, 3], double))') \
        .replace('convert([" a ", "b "])', 'convert([" a ", "b "], tidy=str.strip)')
    assert found(given, "MP201") == [] and found(given, "MP203") == []
    module_default = src.replace("f=lambda y: y + 1", "f=double").replace("tidy=lambda s: s.strip()", "tidy=str.strip")
    assert found(module_default, "MP201") == [] and found(module_default, "MP203") == []


def test_another_module_returns_an_object_keeping_its_default(tmp_path):
    root = project(tmp_path, {"feeds/__init__.py": "", "feeds/fetch.py": FETCH, "main.py": ARCHIVE})
    (finding,) = findings(root / "main.py", "MP203")
    assert "an instance of Feed, whose ._notify is a lambda" in finding.message and finding.start.row == 10


@pytest.mark.parametrize("caller", ['load_feed(name, notify=print)', 'load_feed(name, print)'])
def test_another_module_callers_that_pass_it(tmp_path, caller):
    passed = ARCHIVE.replace("load_feed(name)", caller)
    root = project(tmp_path, {"feeds/__init__.py": "", "feeds/fetch.py": FETCH, "main.py": passed})
    assert findings(root / "main.py", "MP203") == []


def test_another_module_none_default_is_silent(tmp_path):
    fixed = FETCH.replace("notify=lambda msg: None):\n        notify(", "notify=None):\n        if notify:\n"
                          "            notify(")
    root = project(tmp_path, {"feeds/__init__.py": "", "feeds/fetch.py": fixed, "main.py": ARCHIVE})
    assert findings(root / "main.py", "MP203") == []


GLOBAL_SET = """
    import multiprocessing as mp

    scale = None


    def _work(x):
        return scale * x


    def run(k, xs):
        global scale
        scale = k
        with mp.Pool(2) as pool:
            return pool.map(_work, xs)


    if __name__ == "__main__":
        print("RESULT=%s" % sum(run(3, [1, 2])))
"""


def test_global_write_names_the_crossing():
    (finding,) = found(GLOBAL_SET, "MP302")
    assert finding.start.row == 13
    assert [(position.row, text) for position, text in finding.related] == \
        [(15, "a child that reads it gets its work here")]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    fixed_fetch = FETCH.replace("notify=lambda msg: None):\n        notify(", "notify=None):\n        if notify:\n"
                                "            notify(")
    root = project(tmp_path / "x", {"local.py": LOCAL, "kept.py": KEPT, "feeds/__init__.py": "",
                                    "feeds/fetch.py": FETCH, "main.py": ARCHIVE})
    fixed = project(tmp_path / "y", {"local.py": LOCAL.replace("f=lambda y: y + 1", "f=double"),
                                     "kept.py": KEPT.replace("tidy=lambda s: s.strip()", "tidy=str.strip"),
                                     "feeds/__init__.py": "", "feeds/fetch.py": fixed_fetch, "main.py": ARCHIVE})
    for name in ("local.py", "kept.py", "main.py"):
        out = run_program(root / name, method, cwd=root)
        assert out.returncode != 0 and ("attribute lookup <lambda>" in out.stderr
                                        or "Can't pickle <function <lambda>" in out.stderr
                                        or "Can't get local object" in out.stderr
                                        or "BrokenProcessPool" in out.stderr), (name, out.stderr)
        out = run_program(fixed / name, method, cwd=fixed)
        assert out.returncode == 0 and "RESULT=" in out.stdout, (name, out.stderr)
