"""pickle refuses an expat parser (`xml.parsers.expat.ParserCreate()`: "cannot pickle 'pyexpat.xmlparser'
object", measured by scripts/probe_pickle.py on 3.10-3.13), so a task that returns one, or an object holding one,
fails to send its result (thredds_crawler #25; fresh_reports22 thredds25_crawl_returns_leaf_with_parser, a blind
miss: the catalog had no such fact). The object is followed through a helper of another module returning a
(parser, attrs) tuple unpacked into an attribute, and through a Queue.put of a Process child (MP210). Near misses: the
helper's plain values kept, the parser dropped before returning. Proven under fork, spawn and forkserver (the put
never arrives: the parent's get times out)."""
import textwrap

import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

PARSING = """
    import xml.parsers.expat


    def parsed(text):
        names = []
        p = xml.parsers.expat.ParserCreate()
        p.StartElementHandler = lambda name, attrs: names.append(name)
        p.Parse(text, True)
        return p, names
"""

HOLDER = """
    import multiprocessing

    from kit.parsing import parsed


    class Page:
        def __init__(self, text):
            self.PARSER, self.names = parsed(text)


    def load(text):
        return Page(text)


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            pages = [r.get() for r in [pool.apply_async(load, (t,)) for t in ["<a><b/></a>", "<c/>"]]]
        print("RESULT=%s" % sum(len(p.names) for p in pages))
"""

QUEUED = """
    import multiprocessing
    import pyexpat


    def worker(q, text):
        p = pyexpat.ParserCreate()
        p.Parse(text, True)
        q.put(KEPT)


    if __name__ == "__main__":
        q = multiprocessing.Queue()
        child = multiprocessing.Process(target=worker, args=(q, "<a/>"))
        child.start()
        print("RESULT=%s" % q.get(timeout=20))
        child.join()
"""


def test_a_task_returning_an_object_that_keeps_the_parser(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/parsing.py": PARSING,
                              "main.py": HOLDER.replace("PARSER", "_parser")})
    hits = findings(root / "main.py", "MP207")
    assert hits and all("pyexpat.xmlparser" in f.message for f in hits)
    kept = project(tmp_path / "near", {"kit/__init__.py": "", "kit/parsing.py": PARSING,
                                       "main.py": HOLDER.replace("self.PARSER", "_parser")})
    assert findings(kept / "main.py", "MP207") == []


def test_a_process_child_putting_the_parser():
    hits = found(QUEUED.replace("KEPT", "p"), "MP210")
    assert len(hits) == 1 and "pyexpat.xmlparser" in hits[0].message
    assert found(QUEUED.replace("KEPT", "p.ErrorCode"), "MP210") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for keep, fails in (("self._parser", True), ("_parser", False)):
        root = project(tmp_path / keep, {"kit/__init__.py": "", "kit/parsing.py": PARSING,
                                         "main.py": HOLDER.replace("self.PARSER", keep)})
        out = run_program(root / "main.py", method, cwd=root)
        if fails:
            assert out.returncode != 0 and "cannot pickle 'pyexpat.xmlparser' object" in out.stderr, out.stderr
        else:
            assert out.returncode == 0 and "RESULT=3" in out.stdout, out.stderr
    for kept, fails in (("p", True), ("p.ErrorCode", False)):
        path = tmp_path / f"queued_{fails}.py"
        program = QUEUED.replace("KEPT", kept)
        if fails:  # (its item never arrives: the bound is only how long the parent waits)
            program = program.replace("q.get(timeout=20)", "q.get(timeout=4)")
        path.write_text(textwrap.dedent(program))
        out = run_program(path, method, hang_expected=fails, timeout=60)
        if fails:  # (the child's feeder thread fails to pickle it, the item never arrives: the parent's get times out)
            assert out.returncode != 0 and "Empty" in out.stderr and "RESULT=" not in out.stdout, out.stderr
        else:
            assert out.returncode == 0 and "RESULT=0" in out.stdout, out.stderr
