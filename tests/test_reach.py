"""The process prefilter (mpguard.linter.reach): a module that cannot reach a process boundary is only
parsed. It must never hide a finding: every case here, and every program of the corpora, gives the same
findings with and without it (the standard library: benchmarks/codebase.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

import mpguard.semantic.walker as walker_module
from mpguard.linter import reach
from mpguard.linter.files import analyze_path, discover
from mpguard.linter.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SPAWNING = "import multiprocessing\n\ndef run(task):\n    p = multiprocessing.Process(target=task)\n    p.start()\n    p.join()\n"
AT_IMPORT = "import multiprocessing\n\npool = multiprocessing.Pool(2)\n"
SETS_METHOD = "import multiprocessing\n\nmultiprocessing.set_start_method('spawn')\n"


def findings(path: Path, check_all: bool, monkeypatch) -> list[tuple]:
    monkeypatch.setattr(reach, "CHECK_ALL", check_all)
    return [(f.code, f.start.row, f.start.column, f.message) for f in analyze_path(path, Settings()).findings]


def same_with_and_without(path: Path, monkeypatch) -> list[tuple]:
    with_filter = findings(path, False, monkeypatch)
    assert with_filter == findings(path, True, monkeypatch), path
    return with_filter


@pytest.mark.parametrize("helper, main, code", [
    # function-level imports (the filter before this one looked at module-level imports only)
    (SPAWNING, "def main():\n    import helper\n    helper.run(lambda: 0)\n", "MP201"),
    (SPAWNING, "def main():\n    from helper import run\n    run(lambda: 0)\n", "MP201"),
    # aliases
    (SPAWNING, "import helper as h\n\nh.run(lambda: 0)\n", "MP101"),
    (SPAWNING, "from helper import run as go\n\ngo(print)\n", "MP101"),
    # importing a module that starts processes or sets the start method at import
    (AT_IMPORT, "import helper\n", "MP101"),
    (AT_IMPORT, "from helper import *\n", "MP101"),
    (SETS_METHOD, "import helper\n", "MP402"),
    # a spawning method of a class of another module
    ("import multiprocessing\n\nclass Pipeline:\n    def run(self):\n        multiprocessing.Pool(2).map(abs, [1])\n",
     "from helper import Pipeline\n\nPipeline().run()\n", "MP101"),
])
def test_a_project_module_that_reaches_processes_keeps_its_importers_checked(tmp_path, monkeypatch, helper, main, code):
    (tmp_path / "helper.py").write_text(helper)
    (tmp_path / "main.py").write_text(main)
    assert code in [f[0] for f in same_with_and_without(tmp_path / "main.py", monkeypatch)]


def test_relative_and_attribute_named_submodules(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "tools.py").write_text(SPAWNING)
    (package / "a.py").write_text("from .sub import tools\n\ntools.run(lambda: 0)\n")
    (package / "b.py").write_text("from . import sub\n\n\ndef f():\n    sub.tools.run(lambda: 0)\n")
    (package / "c.py").write_text("import pkg.sub\n\n\ndef f():\n    pkg.sub . tools.run(lambda: 0)\n")
    for name in ("a.py", "b.py", "c.py"):
        assert "MP201" in [f[0] for f in same_with_and_without(package / name, monkeypatch)], name


def test_a_module_that_cannot_reach_a_process_is_parsed_and_not_walked(tmp_path, monkeypatch):
    (tmp_path / "helper.py").write_text("def run(task):\n    task()\n")
    (tmp_path / "main.py").write_text("import os\nimport helper\n\nhelper.run(print)\n")
    (tmp_path / "broken.py").write_text("def f(:\n")
    walks = []
    original = walker_module.Walker.run
    monkeypatch.setattr(walker_module.Walker, "run", lambda self: walks.append(self) or original(self))
    assert findings(tmp_path / "main.py", False, monkeypatch) == []
    assert walks == []  # neither main nor helper: helper is parsed (its text and imports name no process)
    assert [f[0] for f in findings(tmp_path / "broken.py", False, monkeypatch)] == ["MP001"]  # still parsed


def test_a_helper_that_names_processes_is_summarised_once_for_all_its_importers(tmp_path, monkeypatch):
    (tmp_path / "helper.py").write_text("import multiprocessing\n\ndef cores():\n    return multiprocessing.cpu_count()\n")
    for i in range(5):
        (tmp_path / f"m{i}.py").write_text("import helper\n\nprint(helper.cores())\n")
    walks = []
    original = walker_module.Walker.run
    monkeypatch.setattr(walker_module.Walker, "run", lambda self: walks.append(self) or original(self))
    from mpguard.resolve.project import INDEX

    INDEX.clear()
    for i in range(5):
        assert findings(tmp_path / f"m{i}.py", False, monkeypatch) == []
    assert len(walks) == 1  # helper's summary (does it start processes? no), built once, shared


def test_process_words_are_read_after_nfkc_normalisation():
    assert reach.mentions_processes("import multiprocessing")
    assert reach.mentions_processes("import \uff4dultiprocessing as mp")  # fullwidth m: Python reads "multiprocessing"
    assert not reach.mentions_processes("import threading")


def test_the_attribute_names_read_from_the_text_are_a_superset_of_the_trees():
    import ast

    text = "a.b\n(c.  # comment\n  d)\ne.\\\n f\nx . y\nz = 1.5\n"
    names = {n.attr for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Attribute)}
    assert names <= set(reach.ATTRIBUTE.findall(text))


def test_a_banner_of_hashes_after_a_period_is_read_in_one_pass():
    # Before: the comment branch could split a row of `#` in 2**n ways; 40 of them never finished.
    text = "x = 1.\n" + "#" * 40 + "\n(a.  # one\n   # two\n  b)\n"
    assert reach.ATTRIBUTE.findall(text) == ["b"]


CORPORA = ["tests/corpus/oracle/cases", "tests/fixtures", "tests/corpus/realistic", "tests/corpus/reports",
           "tests/corpus/fresh_flow", "tests/corpus/fresh_values", "tests/corpus/fresh_reports",
           "tests/corpus/fresh_reports2", "tests/corpus/fresh_realistic"]


def test_the_corpora_have_the_same_findings_with_and_without_the_prefilter(monkeypatch):
    files = discover([ROOT / c for c in CORPORA])
    assert len(files) > 300
    total = sum(len(same_with_and_without(path, monkeypatch)) for path in files)
    assert total > 150


# --- the text test (issue 16, point 3): sound with aliases, star imports, the catalog, project helpers ---
PROCESS_PROGRAMS = [
    # aliases of the process modules
    "import multiprocessing as m\n\nm.Process(target=lambda: 0).start()\n",
    "from concurrent import futures\n\nfutures.ProcessPoolExecutor().submit(lambda: 0)\n",
    "from multiprocessing import Process as P\n\nP(target=lambda: 0).start()\n",
    # star imports
    "from multiprocessing import *\n\nProcess(target=lambda: 0).start()\n",
    "from concurrent.futures import *\n\nProcessPoolExecutor().submit(lambda: 0)\n",
    # __import__ and importlib name the module in a string (counted: strings are code, only comments are not)
    "m = __import__('multiprocessing')\n\nm.Process(target=lambda: 0).start()\n",
    "import importlib\n\nm = importlib.import_module('multiprocessing')\nm.Process(target=lambda: 0).start()\n",
    # a process word after a `#` that is inside a string is not a comment
    "import multiprocessing as mp  \nx = '#'; mp.Process(target=lambda: 0).start()\n",
    "x = '# not a comment'; import multiprocessing\nmultiprocessing.Process(target=lambda: 0).start()\n",
]


@pytest.mark.parametrize("program", PROCESS_PROGRAMS)
def test_the_text_test_keeps_every_program_that_names_a_process_api(tmp_path, monkeypatch, program):
    assert reach.mentions_processes(program)
    (tmp_path / "main.py").write_text(program)
    same_with_and_without(tmp_path / "main.py", monkeypatch)


@pytest.mark.parametrize("line", [
    "import os, joblib\njoblib.Parallel(n_jobs=2)\n",  # not at the start of the line: the pattern does not see it
    "import os; from joblib import Parallel\n",
    "if True:\n    import joblib as jl\n    jl.Parallel()\n",
    "try:\n    import pathos.pools as pp\nexcept ImportError:\n    pass\n",  # (a drop-in copy: any use counts)
])
def test_an_import_of_a_cataloged_library_written_any_way_keeps_the_module_checked(tmp_path, monkeypatch, line):
    import ast

    assert reach.imports_library(reach._bound(ast.parse(line), None))
    (tmp_path / "main.py").write_text(line)
    walks = []
    original = walker_module.Walker.run
    monkeypatch.setattr(walker_module.Walker, "run", lambda self: walks.append(self) or original(self))
    findings(tmp_path / "main.py", False, monkeypatch)
    assert len(walks) == 1  # walked, not only parsed


def test_a_library_the_catalog_names_is_a_library_tops_entry():
    from mpguard.semantic.boundaries import library_tops, module_pattern

    assert {"joblib", "pathos", "dask"} <= library_tops()
    assert module_pattern().search("from joblib import Parallel")


def test_a_project_helper_that_takes_a_callable_and_starts_a_process_keeps_its_importers_checked(tmp_path, monkeypatch):
    (tmp_path / "helper.py").write_text(
        "import multiprocessing\n\n\ndef launch(func):\n    p = multiprocessing.Process(target=func)\n    p.start()\n"
        "    return p\n")
    # relay names processes only in a comment, and starts them through helper
    (tmp_path / "relay.py").write_text("# multiprocessing, through helper\nimport helper\n\n\ndef start(func):\n"
                                       "    return helper.launch(func)\n")
    (tmp_path / "main.py").write_text("from relay import start\n\nstart(lambda: 0)\n")
    assert not reach.mentions_processes((tmp_path / "main.py").read_text())
    assert "MP101" in [f[0] for f in same_with_and_without(tmp_path / "main.py", monkeypatch)]


def test_a_process_word_only_in_comments_is_not_a_process_api(monkeypatch):
    monkeypatch.setattr(reach, "TOKENIZED", 0)
    assert not reach.mentions_processes("import os  # see multiprocessing\n# concurrent reads are fine\nx = 1\n")
    assert reach.TOKENIZED == 1  # the process words follow a `#` on their lines: tokenized once (no library words)
    assert reach.mentions_processes("s = '''\n# multiprocessing\n'''\n")  # in a string: kept (strings count)
    assert reach.mentions_processes("x = 1 # multiprocessing\ry = 2\n")  # a lone CR: not told apart, kept
    assert reach.mentions_processes("import ｍultiprocessing  # fullwidth m\n")
    monkeypatch.setattr(reach, "TOKENIZED", 0)
    assert reach.mentions_processes("import multiprocessing  # multiprocessing\n")
    assert reach.TOKENIZED == 0  # the first match has no `#` before it on its line: no tokenizing


def test_modules_that_mention_processes_only_in_comments_are_parsed_not_walked(tmp_path, monkeypatch):
    """Counting work, not time: of 20 modules that say "concurrent" only in comments, none is walked."""
    for i in range(20):
        (tmp_path / f"m{i}.py").write_text(f"# fast concurrent reads; multiprocessing is not used here\nx = {i}\n")
    walks, parses = [], []
    original = walker_module.Walker.run
    monkeypatch.setattr(walker_module.Walker, "run", lambda self: walks.append(self) or original(self))
    import mpguard.linter.trees as analysis  # (where the analysis parses: `linter.trees`)

    parse = analysis.parse_module
    monkeypatch.setattr(analysis, "parse_module", lambda *a, **k: parses.append(a) or parse(*a, **k))
    for i in range(20):
        assert findings(tmp_path / f"m{i}.py", False, monkeypatch) == []
    assert walks == []
    assert len(parses) == 20  # each parsed once (syntax errors are still reported)


def test_attribute_names_are_read_in_linear_time_after_a_run_of_hashes():
    """nltk's files (a period, then banner comments of `#`) made the old pattern backtrack exponentially:
    ~270 s for the package. At 400 `#` the old pattern would not finish in this universe's lifetime; this
    one reads it at once (no timing asserted: finishing is the test)."""
    text = "x = a.\n" + "#" * 400 + "\n(1)\n" + "y = b.  # note\n  c\nz = d.\r#k\r e\n"
    assert reach.ATTRIBUTE.findall(text) == ["c", "e"]


# --- issue 16, point 3: what a module can reach, by name (counted, never timed) ---
def walked(monkeypatch) -> list:
    walks = []
    original = walker_module.Walker.run
    monkeypatch.setattr(walker_module.Walker, "run", lambda self: walks.append(self) or original(self))
    return walks


@pytest.mark.parametrize("program, walks", [
    ("import joblib\n\nx = 1\n", 0),                                    # imported, no boundary named
    ("import joblib\n\ndef f(xs):\n    return joblib.Parallel(n_jobs=2)(xs)\n", 1),
    ("from joblib import Parallel as P\n\nP(n_jobs=2)\n", 1),             # an alias still names it
    ("from joblib import *\n\nParallel(n_jobs=2)\n", 1),                   # a star import: the name is written
    ("import dask\n\ndef f(x):\n    return x.compute()\n", 0),          # the default (threaded) scheduler
    ("import dask\n\ndef f(x):\n    return x.compute(scheduler='processes')\n", 1),
    ("import dask.bag as db\n\ndb.from_sequence([1]).map(abs).compute()\n", 1),  # a bag: processes by default
    ("import dask\nimport dask.multiprocessing\n\ndask.compute(1, scheduler=dask.multiprocessing.get)\n", 1),
])
def test_a_cataloged_library_counts_where_the_text_names_one_of_its_boundaries(tmp_path, monkeypatch, program, walks):
    (tmp_path / "main.py").write_text(program)
    same_with_and_without(tmp_path / "main.py", monkeypatch)
    counted = walked(monkeypatch)
    findings(tmp_path / "main.py", False, monkeypatch)
    assert len(counted) == walks


def test_every_cataloged_library_has_triggers_and_the_drop_in_copies_always_count():
    from mpguard.semantic.boundaries import library_tops, triggers

    assert library_tops() - reach._always_tops() <= set(triggers())
    assert reach.imports_library({"multiprocess"}, "x = 1\n") and reach.imports_library({"pathos.pools"}, "")
    assert not reach.imports_library({"joblib"}, "import joblib\n")


def test_a_relative_import_counts_its_package_as_part_of_a_boundarys_name():
    import ast

    text = "from .core import from_sequence\n\nfrom_sequence([1]).compute()\n"  # in dask/bag: dask.bag.core...
    bound = reach._bound(ast.parse(text), "dask.bag")
    assert reach.imports_library(bound, text)


SPAWNS = "import multiprocessing\n\n\ndef run(task):\n    multiprocessing.Process(target=task).start()\n"


def test_a_chain_of_modules_that_name_no_process_reaches_the_one_that_starts_them(tmp_path, monkeypatch):
    """helper starts processes; middle (no process word) calls it; main calls middle through an alias."""
    (tmp_path / "helper.py").write_text(SPAWNS)
    (tmp_path / "middle.py").write_text("import helper as h\n\n\ndef launch(task):\n    h.run(task)\n\n\ndef other():\n    pass\n")
    (tmp_path / "main.py").write_text("from middle import launch as go\n\ngo(lambda: 0)\n")
    (tmp_path / "calm.py").write_text("from middle import other\n\nother()\n")  # names only what spawns nothing
    assert "MP101" in [f[0] for f in same_with_and_without(tmp_path / "main.py", monkeypatch)]
    assert same_with_and_without(tmp_path / "calm.py", monkeypatch) == []
    counted = walked(monkeypatch)
    findings(tmp_path / "calm.py", False, monkeypatch)
    assert counted == []  # calm names only `other`, which starts nothing: neither it nor middle is walked


def test_import_cycles_give_the_same_findings_with_and_without_the_prefilter_whatever_is_asked_first(
        tmp_path, monkeypatch):
    """a and b import each other; b's function reaches helper's spawner: a.go reaches it through b. (What
    a summary built inside a cycle sees depends on which module was asked first, with or without the
    prefilter: the search itself is exact, so both agree in every order.)"""
    from mpguard.resolve.project import INDEX

    (tmp_path / "helper.py").write_text(SPAWNS)
    (tmp_path / "a.py").write_text("import b\n\n\ndef go(task):\n    b.start(task)\n")
    (tmp_path / "b.py").write_text("import a\nimport helper\n\n\ndef start(task):\n    helper.run(task)\n\n\ndef back():\n    a.go(print)\n")
    (tmp_path / "main.py").write_text("import a\n\na.go(lambda: 0)\n")
    seen = []
    for first in ("b.py", "a.py", "main.py"):
        for check_all in (False, True):
            INDEX.clear()
            findings(tmp_path / first, check_all, monkeypatch)
            seen.append((first, check_all, findings(tmp_path / "main.py", check_all, monkeypatch)))
        assert seen[-1][2] == seen[-2][2], first
    assert any("MP101" in [f[0] for f in found] for _, _, found in seen)


def test_a_star_import_of_a_project_module_that_starts_processes_keeps_the_importer_walked(tmp_path, monkeypatch):
    (tmp_path / "helper.py").write_text(SPAWNS)
    (tmp_path / "main.py").write_text("from helper import *\n\nrun(lambda: 0)\n")
    same_with_and_without(tmp_path / "main.py", monkeypatch)
    counted = walked(monkeypatch)
    findings(tmp_path / "main.py", False, monkeypatch)
    assert len(counted) == 1  # main (helper's summary was built by the first check above)


def test_a_re_export_is_followed_by_both_the_analysis_and_the_prefilter(tmp_path, monkeypatch):
    """`from pkg import launch` with launch re-exported by pkg's __init__ from pkg.impl: the analysis asks
    pkg.impl, where it is defined (resolve/project.defined_name), and the prefilter's search goes on through the
    package's re-exports; with and without the prefilter, the same findings."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "impl.py").write_text(SPAWNS.replace("run", "launch"))
    (package / "__init__.py").write_text("from .impl import launch\n")
    (tmp_path / "main.py").write_text("from pkg import launch\n\nlaunch(lambda: 0)\n")
    (tmp_path / "direct.py").write_text("from pkg.impl import launch\n\nlaunch(lambda: 0)\n")
    assert "MP101" in [f[0] for f in same_with_and_without(tmp_path / "main.py", monkeypatch)]
    assert "MP101" in [f[0] for f in same_with_and_without(tmp_path / "direct.py", monkeypatch)]


def test_a_re_exporting_package_gives_only_the_names_whose_module_gives_them(tmp_path, monkeypatch):
    """A package __init__ re-exporting a spawning `launch` and a plain `parse`: an importer naming only `parse` is
    parsed, never walked (dask's __init__ re-exports dozens of names); one naming `launch` gets its finding."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "impl.py").write_text(SPAWNS.replace("run", "launch"))
    (package / "text.py").write_text("def parse(s):\n    return s.split()\n")
    (package / "__init__.py").write_text("from .impl import launch\nfrom .text import parse\n")
    (tmp_path / "plain.py").write_text("from pkg import parse\n\nparse('a b')\n")
    (tmp_path / "main.py").write_text("from pkg import launch\n\nlaunch(lambda: 0)\n")
    assert same_with_and_without(tmp_path / "plain.py", monkeypatch) == []
    monkeypatch.setattr(reach, "CHECK_ALL", False)
    walks = walked(monkeypatch)
    analyze_path(tmp_path / "plain.py", Settings())
    assert walks == []
    assert "MP101" in [f[0] for f in same_with_and_without(tmp_path / "main.py", monkeypatch)]


def test_a_star_re_export_is_followed_by_neither(tmp_path, monkeypatch):
    """`from .impl import *` in the package: neither the analysis nor the prefilter follows it."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "impl.py").write_text(SPAWNS.replace("run", "launch"))
    (package / "__init__.py").write_text("from .impl import *\n")
    (tmp_path / "main.py").write_text("from pkg import launch\n\nlaunch(lambda: 0)\n")
    assert "MP101" not in [f[0] for f in same_with_and_without(tmp_path / "main.py", monkeypatch)]


def test_modules_that_reach_no_process_are_parsed_once_each_and_never_walked(tmp_path, monkeypatch):
    """Forty modules importing one another in a ring, none naming a process: checking all of them walks
    none and parses each at most twice (as the file checked, and once for what importing it gives)."""
    from mpguard.resolve.project import INDEX
    import mpguard.text.chunks as chunks

    n = 40
    for i in range(n):
        (tmp_path / f"m{i}.py").write_text(f"import m{(i + 1) % n}\n\n\ndef f{i}():\n    return m{(i + 1) % n}.f{(i + 1) % n}()\n")
    INDEX.clear()
    before = INDEX.summarised
    counted = walked(monkeypatch)
    parses = []
    original = chunks.parse_text
    monkeypatch.setattr(chunks, "parse_text", lambda text, filename="<unknown>", first_row=1:
                        parses.append(filename) or original(text, filename, first_row))
    for i in range(n):
        assert findings(tmp_path / f"m{i}.py", False, monkeypatch) == []
    assert counted == []
    assert INDEX.summarised == before  # no module summary built at all
    assert max(parses.count(str(tmp_path / f"m{i}.py")) for i in range(n)) <= 2


def test_the_words_of_an_ascii_text_are_those_the_unicode_pattern_finds():
    """`reach.identifiers` reads a text of ASCII alone with an ASCII pattern (faster): the same words,
    digits, underscores, control characters and all."""
    import random

    alphabet = [chr(c) for c in range(128)]
    rng = random.Random(16)
    for text in ["x1 = _a.b9 + 9c # d\x1c\x1fe", *("".join(rng.choice(alphabet) for _ in range(300)) for _ in range(200))]:
        assert set(reach.IDENTIFIER_ASCII.findall(text)) == set(reach.IDENTIFIER.findall(text))
        assert reach.identifiers(text) == frozenset(reach.IDENTIFIER.findall(text))
    digits_and_words = list("0123456789_aZ \n.#")  # (runs that start with digits, digits alone, `_9`)
    for text in ["9abc 12 a9b 0_x __ 7", *("".join(rng.choice(digits_and_words) for _ in range(200)) for _ in range(200))]:
        assert reach._ascii_words(text) == set(reach.IDENTIFIER.findall(text))
