"""Looking modules up in a run with many folders: counted, not timed (issue 16).

Every folder of a run has resolver roots of its own (the project's root, the file's folder, the cwd), so a
question about where a module is used to be asked again of every shared root for every folder, and the
cwd was listed again for every folder (from a busy /tmp, thousands of entries each time). Now the prefilter
lists each root once per epoch (as `_roots_finding` already did). (Where a module is, `isfile`/`isdir`, is
still asked per list of roots: a module that appears during an epoch must still be found by a later question,
`tests/test_project_index.py`.)"""
from __future__ import annotations

import ast
import json
import os
from pathlib import Path

from mpguard.cli.main import main
from mpguard.semantic import param_guards, returns

SPAWNING_HELPER = """import multiprocessing

def launch(target):
    p = multiprocessing.Process(target=target)
    p.start()
    return p
"""


def _project(root: Path, folders: int) -> Path:
    project = root / "proj"
    (project / "pkg").mkdir(parents=True)
    (project / "pkg" / "__init__.py").write_text("")
    (project / "pkg" / "helpers.py").write_text(SPAWNING_HELPER)
    for i in range(folders):
        sub = project / "pkg" / f"sub{i}"
        sub.mkdir()
        (sub / "__init__.py").write_text("")
        # An unguarded call of a spawning helper of another module: MP101 where it is called.
        (sub / "job.py").write_text("from pkg.helpers import launch\nfrom pkg import missing_mod\n\n"
                                    "def work():\n    pass\n\nlaunch(work)\n")
    return project


def _busy_cwd(root: Path, entries: int) -> Path:
    cwd = root / "cwd"
    cwd.mkdir()
    for i in range(entries):
        (cwd / f"entry{i}.txt").write_text("")
    return cwd


def _run(capsys, project: Path) -> list[dict]:
    code = main(["check", "--no-cache", "--jobs", "1", "--output-format", "json", "--exit-zero", str(project)])
    assert code == 0
    return json.loads(capsys.readouterr().out)


def test_each_root_is_listed_a_few_times_per_run_whatever_the_number_of_folders(tmp_path, monkeypatch, capsys):
    project = _project(tmp_path, folders=12)
    cwd = _busy_cwd(tmp_path, entries=50)
    monkeypatch.chdir(cwd)
    listed: list = []
    real_listdir = os.listdir

    def listdir(path="."):
        listed.append(str(path))
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", listdir)
    items = _run(capsys, project)
    # The helper is found from every folder: each job.py calls a spawning function at import.
    assert sorted(Path(i["filename"]).parent.name for i in items if i["code"] == "MP101") == \
        sorted(f"sub{i}" for i in range(12))
    # The cwd (a root of every folder) is listed a bounded number of times (once per kind of question),
    # not once per folder.
    assert 0 < listed.count(str(cwd)) <= 4


def test_a_module_in_the_cwd_is_still_found(tmp_path, monkeypatch, capsys):
    project = _project(tmp_path, folders=2)
    cwd = _busy_cwd(tmp_path, entries=5)
    (cwd / "cwdhelpers.py").write_text(SPAWNING_HELPER)
    (project / "pkg" / "sub0" / "job.py").write_text("from cwdhelpers import launch\n\ndef work():\n    pass\n\n"
                                                     "launch(work)\n")
    monkeypatch.chdir(cwd)
    items = _run(capsys, project)
    assert [Path(i["filename"]).parent.name for i in items if i["code"] == "MP101"].count("sub0") == 1


def test_a_functions_parameter_facts_take_one_list_of_its_nodes(monkeypatch):
    walked: list = []
    real = param_guards.nodes_in

    def counted(node):
        walked.append(node)
        return real(node)

    monkeypatch.setattr(param_guards, "nodes_in", counted)
    tree = ast.parse("def f(items, strict, n):\n"
                     "    items.append(1)\n"
                     "    strict = strict or False\n"
                     "    def inner():\n"
                     "        nonlocal n\n"
                     "        n = 2\n"
                     "    return len(items)\n"
                     "def g(urls, mode):\n"
                     "    return len(urls)\n")
    f, g = tree.body
    assert param_guards._unchanged_parameters(f) == frozenset({"items"})  # strict rebound; n by nonlocal
    assert param_guards._sized_parameters(f) == frozenset()  # items changed in place
    assert param_guards._unchanged_parameters(g) == frozenset({"urls", "mode"})
    assert param_guards._sized_parameters(g) == frozenset({"urls", "mode"})
    assert walked == [f, g]  # one walk of each function for both questions


def test_returns_read_statements_as_before():
    # Statements under `except` and `case` were never read (an except clause is not a statement): kept so.
    tree = ast.parse("def f(x):\n"
                     "    def local():\n"
                     "        return 1\n"
                     "    try:\n"
                     "        return g\n"
                     "    except ValueError:\n"
                     "        return local\n"
                     "    else:\n"
                     "        return h\n"
                     "    finally:\n"
                     "        pass\n"
                     "    match x:\n"
                     "        case 1:\n"
                     "            return local\n"
                     "    for i in x:\n"
                     "        if i:\n"
                     "            k = lambda: 0\n"
                     "    return k\n")
    f = tree.body[0]
    assert [r.value.id for r in returns._returns(f)] == ["k", "h", "g"]
    assert list(returns.local_definitions(f)) == ["local", "k"]
    assert returns.summarize_returns(f).kind == "closure"
