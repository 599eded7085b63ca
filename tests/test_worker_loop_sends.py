"""A function handed to another module's worker loop that calls it in a child and sends what it raised on a queue
(linter/caught_sends, rules/worker_loop_sends; fresh_libs14 gwpy419: gwpy's `multiprocess_with_queues` before PR
#419). The helper's summary names the parameter the loop calls inside a `try` whose first handler puts the caught
exception on a queue; the caller's function is followed for what it may raise there: a raise of its own class that
pickle cannot rebuild, a cataloged library call (`xml.sax.parseString` -> SAXParseException), a raise in another
project module. MP208 at the call handing the function over. Near misses: a function raising nothing that fails to
cross, a loop whose first handler sends a plain string, a function that catches the error itself."""
import textwrap

import pytest
from helpers import run_program
from test_semantic_crossmodule import findings, project

METHODS = ["fork", "spawn", "forkserver"]

LOOP = '''
    import multiprocessing


    def _serve(job, inbox, outbox):
        for item in iter(inbox.get, None):
            try:
                outbox.put(("done", job(item)))
            except {caught} as error:
                outbox.put(("failed", {sent}))


    def run_jobs(job, items, workers=2):
        inbox, outbox = multiprocessing.Queue(), multiprocessing.Queue()
        procs = [multiprocessing.Process(target=_serve, args=(job, inbox, outbox)) for _ in range(workers)]
        for proc in procs:
            proc.start()
        for item in items:
            inbox.put(item)
        for _ in procs:
            inbox.put(None)
        out = []
        for _ in items:
            try:
                out.append(outbox.get(timeout=10))
            except Exception:
                out.append(("lost", None))
        for proc in procs:
            proc.join()
        return out
'''

SCRIPT = '''
    import xml.sax

    from jobs.loop import run_jobs


    class Rows(xml.sax.ContentHandler):
        def __init__(self):
            super().__init__()
            self.rows = 0

        def startElement(self, name, attrs):
            self.rows += name == "row"


    def count_rows(doc):
        rows = Rows()
        {body}
        return rows.rows


    if __name__ == "__main__":
        print("RESULT=%s" % [state for state, _ in run_jobs(count_rows, [b"<t><row/></t>", b"<t><row>"])])
'''

PARSE = "xml.sax.parseString(doc, rows)"
SAFE = '''try:
            xml.sax.parseString(doc, rows)
        except xml.sax.SAXException as exc:
            raise ValueError(str(exc)) from None'''


def _jobs(tmp_path, caught="Exception", sent="error", body=PARSE):
    return project(tmp_path, {"jobs/__init__.py": "", "jobs/loop.py": LOOP.format(caught=caught, sent=sent),
                              "main.py": SCRIPT.format(body=body)}) / "main.py"


def test_library_raise_sent_by_another_modules_loop(tmp_path):
    (finding,) = findings(_jobs(tmp_path), "MP208")
    assert finding.start.row == 23 and "SAXParseException" in finding.message and "count_rows" in finding.message
    assert set(finding.start_methods) == set(METHODS)


OWN_ERROR = '''
    from jobs.loop import run_jobs


    class RowError(Exception):
        def __init__(self, row, *, reason):
            super().__init__(f"row {row}: {reason}")
            self.row = row


    def check(row):
        if row < 0:
            raise RowError(row, reason="negative")
        return row


    def main():
        return run_jobs(check, [1, -1])
'''


def test_own_unrebuildable_exception_sent_by_the_loop(tmp_path):
    root = project(tmp_path, {"jobs/__init__.py": "", "jobs/loop.py": LOOP.format(caught="(ValueError, KeyError)",
                                                                                   sent="error"),
                              "main.py": OWN_ERROR})
    assert findings(root / "main.py", "MP208") == []  # (the handler does not take a RowError)
    root = project(tmp_path / "b", {"jobs/__init__.py": "", "jobs/loop.py": LOOP.format(caught="Exception", sent="error"),
                                    "main.py": OWN_ERROR})
    (finding,) = findings(root / "main.py", "MP208")
    assert "RowError" in finding.message and finding.start.row == 18


@pytest.mark.parametrize("near", [{"sent": "repr(error)"}, {"body": SAFE}, {"caught": "KeyError"}])
def test_near_misses(tmp_path, near):
    assert findings(_jobs(tmp_path, **near), "MP208") == []


@pytest.mark.parametrize("method", METHODS)
def test_runtime_the_sent_exception_never_arrives(tmp_path, method):
    out = run_program(_jobs(tmp_path), method, cwd=tmp_path, timeout=60)
    assert "'lost'" in out.stdout, (out.stdout, out.stderr)
    out = run_program(_jobs(tmp_path / "safe", body=SAFE), method, cwd=tmp_path / "safe", timeout=60)
    assert "RESULT=['done', 'failed']" in out.stdout or "RESULT=['failed', 'done']" in out.stdout, out.stderr
