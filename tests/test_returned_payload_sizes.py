"""MP410 (join before drain) sizes what a child puts through the values it comes from: the return of a helper
of another project module (`out = render(spec)`), a name bound in a `try` body whose `except` clause binds a
fallback (the value sent whenever nothing raised), a chain of names each bound once (`text = "\\n".join(lines)`),
and a `range(spec.rows)` whose count is a field of the dataclass instance the process is given, built with an
argparse default (the program run as written). fresh_reports23 hermes1746's value path, in other shapes."""
from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import RUNNER_SITE, codes, runtime_proofs_or_skip, run_in_session
from test_semantic_crossmodule import findings, project

REPORTS = """
    from dataclasses import dataclass


    @dataclass
    class Spec:
        name: str
        rows: int = 10


    def render(spec):
        body = [f"row {i} of the report -- " for i in range(spec.rows)]
        text = "\\n".join(body)
        return {"name": spec.name, "text": text}
"""

MAIN = """
    import argparse
    import multiprocessing

    from reports import Spec, render


    def work(spec, out):
        try:
            report = render(spec)
        except ValueError as exc:
            report = {"name": spec.name, "error": str(exc)}
        out.put(report)


    def main():
        parser = argparse.ArgumentParser()
        parser.add_argument("--rows", type=int, default=ROWS)
        args = parser.parse_args()
        spec = Spec("weekly", rows=args.rows)
        out = multiprocessing.Queue()
        child = multiprocessing.Process(target=work, args=(spec, out))
        child.start()
        JOIN_THEN_GET
        print("RESULT=%d" % len(report["text"]))


    if __name__ == "__main__":
        main()
"""

JOIN_THEN_GET = "child.join()\n        report = out.get(timeout=20)"
GET_THEN_JOIN = "report = out.get(timeout=20)\n        child.join()"


def main_program(rows=20000, order=JOIN_THEN_GET, **replaced):
    text = MAIN.replace("ROWS", str(rows)).replace("JOIN_THEN_GET", order)
    for old, new in replaced.items():
        text = text.replace(old, new)
    return text


def test_a_large_report_of_another_modules_helper_is_found(tmp_path):
    root = project(tmp_path, {"reports.py": REPORTS, "main.py": main_program()})
    assert [f.start.row for f in findings(root / "main.py", "MP410")] == [24]


@pytest.mark.parametrize("reports, main", [
    (REPORTS, main_program(rows=50)),  # 50 rows: the report fits in the pipe
    (REPORTS, main_program(order=GET_THEN_JOIN)),  # drained before the join
    # the field is changed after the constructor (not frozen): its count is no longer known
    (REPORTS, main_program(**{"spec = Spec(\"weekly\", rows=args.rows)":
                              "spec = Spec(\"weekly\", rows=args.rows)\n        spec.rows = len(args.__dict__)"})),
    # a class whose __init__ may make anything of what it is given
    (REPORTS.replace("@dataclass\n", "").replace("    name: str\n    rows: int = 10\n",
                                                 "    def __init__(self, name, rows=10):\n"
                                                 "        self.name, self.rows = name, min(rows, 5)\n"),
     main_program()),
    # the try body binds it twice: which value is sent is not known
    (REPORTS, main_program(**{"report = render(spec)\n": "report = render(spec)\n            report = {}\n"})),
])
def test_near_misses_stay_silent(tmp_path, reports, main):
    root = project(tmp_path, {"reports.py": reports, "main.py": main})
    assert findings(root / "main.py", "MP410") == []


def test_a_chain_of_names_in_one_module_is_sized():
    src = """
        import multiprocessing


        def produce(q, n):
            cells = ["%05d;" % i for i in range(n)]
            line = ",".join(cells)
            q.put(line)


        if __name__ == "__main__":
            q = multiprocessing.Queue()
            p = multiprocessing.Process(target=produce, args=(q, COUNT))
            p.start()
            p.join()
            print(len(q.get()))
    """
    assert "MP410" in codes(src.replace("COUNT", "20000"))
    assert "MP410" not in codes(src.replace("COUNT", "200"))


def test_a_fallback_bound_outside_the_except_clause_is_not_the_sent_value():
    src = """
        import multiprocessing


        def produce(q):
            try:
                text = "x" * 200000
            finally:
                text = "done"
            q.put(text)


        if __name__ == "__main__":
            q = multiprocessing.Queue()
            p = multiprocessing.Process(target=produce, args=(q,))
            p.start()
            p.join()
            print(len(q.get()))
    """
    assert "MP410" not in codes(src)


def _run(path, method, timeout):
    """(hung, stdout) of a program run in its own session under `method`; a hung one is killed with its children."""
    env = dict(os.environ, PYTHONPATH=str(RUNNER_SITE), MP_DEFAULT_METHOD=method)
    try:
        proc = run_in_session([sys.executable, str(path)], timeout=timeout, env=env, cwd=path.parent)
        out, _err = proc.stdout, proc.stderr
        return False, out
    except subprocess.TimeoutExpired:
        return True, ""


def test_runtime(tmp_path):
    """The found program deadlocks under every start method; drained before the join it ends."""
    runtime_proofs_or_skip()
    root = project(tmp_path, {"reports.py": REPORTS, "main.py": main_program(),
                              "drained.py": main_program(order=GET_THEN_JOIN)})
    methods = ("fork", "spawn", "forkserver")
    with ThreadPoolExecutor(3) as pool:  # the three deadlocks side by side, each only waited out
        hung = dict(zip(methods, pool.map(lambda m: _run(root / "main.py", m, 10)[0], methods)))
    assert all(hung.values()), hung
    for method in methods:
        hung, out = _run(root / "drained.py", method, 60)
        assert not hung and "RESULT=" in out, method
