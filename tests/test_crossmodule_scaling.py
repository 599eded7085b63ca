"""The cross-module work (issue 12) is bounded, counted rather than timed (issue 16).

Checking mypy once took 33 s instead of 5 s: each module summary worked out what its functions raise,
which read the summaries of every module they call, whose summaries did the same (188 summaries for
mypy instead of 10). What a module's functions raise is now a fact of its own, built only when a rule
asks (MP208 on a task of another module), once per module and depth left; another module's classes
are read from its syntax tree. These tests count the summaries and facts the resolver builds."""
from __future__ import annotations

import textwrap

from helpers import at_import_copy
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings
from mpguard.resolve.project import ProjectResolver
from mpguard.rules.raised_elsewhere import RAISE_DEPTH

FAILURE = """
class Failure(Exception):
    def __init__(self, a, b):
        super().__init__(a)
def f0(x):
    if x:
        raise Failure(x, 1)
"""


def write(root, files: dict):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def helpers(n: int, calls) -> dict:
    """app/m0.py raises Failure (its __init__ drops an argument: pickle cannot rebuild it); module m{i}
    calls f{j} of each module m{j} in `calls(i)`, and returns nothing (what it returns is not followed)."""
    files = {"app/__init__.py": "", "app/m0.py": FAILURE}
    for i in range(1, n):
        used = calls(i)
        files[f"app/m{i}.py"] = "".join(f"from app import m{j}\n" for j in used) + f"def f{i}(x):\n" + \
            "".join(f"    m{j}.f{j}(x)\n" for j in used) + "    return None\n"
    return files


def submitting(n: int) -> str:
    return f"""
        from concurrent.futures import ProcessPoolExecutor
        from app.m{n - 1} import f{n - 1}
        if __name__ == "__main__":
            with ProcessPoolExecutor() as pool:
                print(pool.submit(f{n - 1}, 1).result())
    """


def built(monkeypatch) -> dict:
    """kind -> the modules answered: "summary" for module summaries, else the fact's name."""
    counts: dict = {}
    original = ProjectResolver._build

    def counted(self, key, module, *args):
        kind = key[0] if isinstance(key[0], str) else "summary"
        counts.setdefault(kind.split("/")[0], []).append(module)
        return original(self, key, module, *args)

    monkeypatch.setattr(ProjectResolver, "_build", counted)
    return counts


def mp208(path, copies=False):
    """MP208 at the call (and with `copies`, the one at the import the raise is reached through)."""
    return [f for f in analyze_path(path, Settings(), project_root=path.parent).findings
            if f.code == "MP208" and (copies or not at_import_copy(f))]


def test_a_raise_within_reach_is_found_through_a_chain_of_modules(tmp_path):
    root = write(tmp_path, {**helpers(RAISE_DEPTH + 1, lambda i: [i - 1]), "main.py": submitting(RAISE_DEPTH + 1)})
    [finding] = mp208(root / "main.py")
    assert "Failure" in finding.message and "through m0.py" in finding.message
    assert len(mp208(root / "main.py", copies=True)) == 2  # and at the import it is reached through


def test_a_chain_of_modules_builds_no_summary_per_module_and_a_bounded_number_of_raise_facts(tmp_path, monkeypatch):
    counts = built(monkeypatch)
    for n in (10, 40, 160):  # (160 nested summaries once ran out of Python's stack)
        counts.clear()
        root = write(tmp_path / f"n{n}", {**helpers(n, lambda i: [i - 1]), "main.py": submitting(n)})
        assert mp208(root / "main.py") == []  # the raise is further than RAISE_DEPTH modules: not told
        assert len(counts.get("summary", [])) <= 1  # the task's module; never the modules it calls
        raised = counts.get("raises", [])
        assert len(raised) == len(set(raised)) == RAISE_DEPTH + 1  # one per module within reach


def test_raise_facts_grow_linearly_when_every_module_calls_every_module_before_it(tmp_path, monkeypatch):
    # n modules, n*(n-1)/2 calls between them: each module's raises are summarised once per depth left.
    counts = built(monkeypatch)
    for n in (8, 16, 32):
        counts.clear()
        root = write(tmp_path / f"n{n}", {**helpers(n, lambda i: range(i)), "main.py": submitting(n)})
        [finding] = mp208(root / "main.py")
        assert "Failure" in finding.message
        raised = counts.get("raises", [])
        assert len(raised) <= (RAISE_DEPTH + 1) * n
        assert len(counts.get("summary", [])) <= 1


def test_a_module_summary_reads_no_other_module_for_what_its_functions_raise(tmp_path, monkeypatch):
    # The cascade of issue 16: a module that starts processes calls helpers of many modules; checking a
    # script that imports it summarises that module alone (no raise facts: nothing asks what it raises).
    n = 30
    runner = "import multiprocessing\n" + "".join(f"from app import m{i}\n" for i in range(n)) + \
        "def run(x):\n" + "".join(f"    m{i}.f{i}(x)\n" for i in range(n)) + \
        "    multiprocessing.Process(target=print).start()\n"
    files = {**helpers(n, lambda i: [i - 1]), "app/runner.py": runner,
             "main.py": "from app.runner import run\nif __name__ == '__main__':\n    run(1)\n"}
    root = write(tmp_path, files)
    counts = built(monkeypatch)
    analyze_path(root / "main.py", Settings(), project_root=root)
    assert counts.get("summary", []) == ["app.runner"]
    assert "raises" not in counts


def test_what_functions_return_is_judged_only_for_a_module_whose_result_crosses(tmp_path, monkeypatch):
    """A module summary no longer judges every return of every function (a third of the time on dask):
    `results` is a fact of its own, built for app.store only, whose `open_store()` result is mapped."""
    root = write(tmp_path, {
        "app/__init__.py": "",
        "app/store.py": "import sqlite3\ndef open_store():\n    return sqlite3.connect(':memory:')\n",
        "app/other.py": "import multiprocessing\ndef run(f, xs):\n    with multiprocessing.Pool(2) as p:\n"
                        "        return p.map(f, xs)\ndef helper():\n    return lambda: 0\n",
        "main.py": """
            from concurrent.futures import ProcessPoolExecutor
            from app.store import open_store
            from app.other import run
            def size(x):
                return 1
            if __name__ == "__main__":
                print(run(size, [1]))
                with ProcessPoolExecutor() as pool:
                    print(pool.submit(size, open_store()).result())
        """,
    })
    counts = built(monkeypatch)
    findings = analyze_path(root / "main.py", Settings(), project_root=root).findings
    assert [f.code for f in findings] == ["MP203"] and "sqlite3" in findings[0].message
    assert counts.get("results") == ["app.store"]
