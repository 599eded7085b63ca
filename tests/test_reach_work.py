"""The prefilter's own work (issue 16: `mpguard check` over a code base), counted, never timed.

- Its search asks each module it crosses for the modules that one asks about: once per epoch, not once
  per search (dask: two million questions for 365 files, most of them asked before).
- The resolver records what its answers read: a read set kept with an answer is merged into a level
  once, however often the answer is given again (dask: 77 million entries copied).
- The text test searches its patterns only in a text that has one of the words every match contains.
- The cache across runs lists a folder once per roots, not once per file that read it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from mpguard.linter import reach
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings
from mpguard.resolve.project import INDEX, ProjectResolver

ROOT = Path(__file__).resolve().parent.parent
SPAWNER = "import multiprocessing\n\n\ndef launch(task):\n    multiprocessing.Process(target=task).start()\n"


def dense_cycle(folder: Path, n: int) -> list[Path]:
    """n modules that each import all the others (none names a process); m{i}.f{i} calls the next one's,
    the last calls the spawner's `launch`."""
    (folder / "spawner.py").write_text(SPAWNER)
    for i in range(n):
        imports = "".join(f"import m{j}\n" for j in range(n) if j != i)
        call = f"m{i + 1}.f{i + 1}(task)" if i + 1 < n else "spawner.launch(task)"
        (folder / f"m{i}.py").write_text(imports + ("import spawner\n" if i + 1 == n else "")
                                         + f"\n\ndef f{i}(task):\n    {call}\n")
    return [folder / "spawner.py"] + [folder / f"m{i}.py" for i in range(n)]


def local_questions(monkeypatch) -> list:
    asked = []
    original = ProjectResolver.module_fact

    def counted(self, module, kind, build, building=None):
        if kind == reach.LOCAL:
            asked.append(module)
        return original(self, module, kind, build, building)

    monkeypatch.setattr(ProjectResolver, "module_fact", counted)
    return asked


def findings_of(paths, check_all: bool, monkeypatch) -> list:
    monkeypatch.setattr(reach, "CHECK_ALL", check_all)
    INDEX.clear()
    return [[(f.code, f.start.row, f.message) for f in analyze_path(p, Settings()).findings] for p in paths]


def test_each_module_is_asked_for_the_modules_it_asks_about_once_per_epoch(tmp_path, monkeypatch):
    """A dense import cycle of 30 modules: 870 edges. Every search used to ask each module it crossed for
    each of its edges again (9,000 questions at 20 modules, 20,000 at 40: cubic); now a question per edge
    and per module checked."""
    n = 30
    paths = dense_cycle(tmp_path, n)
    expected = findings_of(paths, True, monkeypatch)
    asked = local_questions(monkeypatch)
    assert findings_of(paths, False, monkeypatch) == expected  # (and the same findings as without the prefilter)
    assert len(asked) <= n * (n - 1) + 2 * len(paths), len(asked)


def test_a_kept_read_set_is_merged_into_the_resolvers_record_once(tmp_path):
    """The same answer given a hundred times copies what it read once."""
    (tmp_path / "helper.py").write_text(SPAWNER)
    for i in range(20):
        (tmp_path / f"dep{i}.py").write_text("X = 1\n")
    (tmp_path / "helper.py").write_text("".join(f"import dep{i}\n" for i in range(20)) + SPAWNER)
    copied = []

    class Counting(dict):
        def update(self, other=(), **more):
            copied.append(len(other))
            super().update(other, **more)

    INDEX.clear()
    resolver = ProjectResolver([tmp_path])
    resolver.consulted = resolver._reading[0] = Counting()
    first = resolver.module_summary("helper")
    for _ in range(100):
        assert resolver.module_summary("helper") is first
    assert len(copied) == 1 and "helper" in resolver.consulted


# Programs whose every match of a prefilter pattern is known: each must contain one of its words.
MATCHES = ["import multiprocessing", "from concurrent.futures import ProcessPoolExecutor as P",
           "InterpreterPoolExecutor()", "import billiard", "os.fork()", "pty.forkpty()", "import multiprocess",
           "from pathos.pools import ProcessPool", "import torch.multiprocessing as mp", "BaseManager.register",
           "class M(SyncManager): pass", "preload_app = True", "from distributed.deploy import contrib.concurrent"]


def corpus_texts() -> list[str]:
    texts = MATCHES[:]
    for folder in ("tests/corpus", "server/mpguard", "examples"):
        texts += [p.read_text(errors="replace") for p in sorted((ROOT / folder).rglob("*.py"))]
    return texts


@pytest.mark.parametrize("which", ["process", "library"])
def test_every_match_of_a_text_pattern_contains_one_of_its_words(which):
    """The words gate the patterns (`_in_code`): a text without any is not searched. So every match,
    in every program of the corpora and the package, must hold one."""
    pattern, words = (reach.PROCESS_WORDS, reach.PROCESS_LITERALS) if which == "process" else \
        (reach._library_words(), reach._library_literals())
    matched = 0
    for text in corpus_texts():
        for match in pattern.finditer(text):
            matched += 1
            assert any(word in match.group() for word in words), match.group()
    assert matched > 10


def test_the_text_test_answers_as_the_patterns_alone_do():
    ungated = []
    for text in corpus_texts():
        if text.isascii():
            ungated.append(reach._in_code(text, reach.PROCESS_WORDS) or reach._in_code(text, reach._library_words()))
        else:
            import unicodedata
            normal = unicodedata.normalize("NFKC", text)
            ungated.append(any(p.search(t) is not None for p in (reach.PROCESS_WORDS, reach._library_words())
                               for t in (text, normal)))
    assert [reach.mentions_processes(t) for t in corpus_texts()] == ungated
    assert any(ungated) and not all(ungated)


def test_the_library_words_follow_the_catalog():
    from mpguard.semantic.boundaries import library_tops

    words = reach._library_literals()
    assert set(library_tops()) - reach._library_exempt() <= set(words)
    assert not re.search(r"[\\^$*+?()\[\]|]", "".join(words).replace(".", ""))  # plain words, not patterns


def test_a_cached_run_lists_each_folder_once_per_roots(tmp_path, monkeypatch):
    """Ten files of one package that import its subpackage: the repeat run checks the subpackage's
    listing once, not once per file."""
    from mpguard.cli.main import main
    from mpguard.linter import cache as cache_module

    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "tools.py").write_text(SPAWNER)
    for i in range(10):
        (package / f"user{i}.py").write_text("import pkg.sub\n\n\ndef f():\n    pkg.sub.tools.launch(print)\n")
    monkeypatch.setenv("MPGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    args = ["check", "--exit-zero", "--jobs", "1", "-q", str(package)]
    assert main(args) == 0
    listed = []
    original = cache_module.folder_digest
    monkeypatch.setattr(cache_module, "folder_digest", lambda roots, module: listed.append(module) or original(roots, module))
    assert main(args) == 0
    assert listed and len(listed) == len(set(listed))


def test_a_text_is_parsed_once_per_owner_of_a_tree_not_per_question(tmp_path, monkeypatch, capsys):
    """`mpguard check`: the prefilter of main.py parses tools.py for its local facts (it keeps nothing of
    the tree); the walks of tools.py (its summary, its own analysis) each own a tree, spawner.py's crossing
    findings asked for its callers (linter/site_findings, an analysis without a resolver) one more, and the parse-only
    answers about it (its definitions, its names) share one (`linter.trees`): no parse for the prefilter.
    The findings are those of a run that parses every file for each question."""
    import json
    from collections import Counter

    from mpguard.cli.main import main
    from mpguard.linter import trees
    from mpguard.text import chunks

    (tmp_path / "main.py").write_text("import tools\n\n\ndef go():\n    tools.helper(lambda: 1)\n")
    (tmp_path / "tools.py").write_text("import spawner\n\n\ndef helper(task):\n    spawner.launch(task)\n")
    (tmp_path / "spawner.py").write_text(SPAWNER)
    parsed: list = []
    original = chunks.parse_text

    def counted(text, filename="<unknown>", first_row=1):
        parsed.append(Path(filename).name)
        return original(text, filename, first_row)

    def findings() -> list:
        INDEX.clear()
        parsed.clear()
        main(["check", "--no-cache", "--jobs", "1", "--output-format", "json", "--exit-zero", str(tmp_path)])
        return json.loads(capsys.readouterr().out)

    monkeypatch.setattr(chunks, "parse_text", counted)
    shared = findings()
    assert shared  # (the lambda crosses into the child spawner.launch starts)
    once = Counter(parsed)
    assert once["tools.py"] <= 3 and once["spawner.py"] <= 4 and once["main.py"] == 1
    monkeypatch.setattr(trees.Trees, "borrow", lambda self, text, path: chunks.parse_module(text, path))
    monkeypatch.setattr(trees.Trees, "own", lambda self, text, path, starts=None, **_:
                        chunks.parse_module(text, path, starts))
    assert findings() == shared
    assert parsed.count("tools.py") > once["tools.py"] and parsed.count("spawner.py") > once["spawner.py"]
    assert not trees.TREES.enabled  # (off after the run: the language server keeps no trees)


def source_chain(folder: Path, n: int, helpers: int = 3, calls: int = 4) -> list[Path]:
    """n modules that each name a process API (sources) and import all the later ones; s{i}.f{i} calls the
    next one's, the last starts a process. Building s0's summary builds s1's inside it, and so on: n deep.
    Each also calls the functions of helper modules (no process API) several times, and those call
    s0.f0: a question about a helper, while s0's summary is built, meets it."""
    for k in range(helpers):
        (folder / f"h{k}.py").write_text(f"import s0\n\n\ndef g{k}(task):\n    s0.f0(task)\n")
    for i in range(n):
        imports = "import multiprocessing\n" + "".join(f"import s{j}\n" for j in range(i + 1, n)) + \
            "".join(f"import h{k}\n" for k in range(helpers))
        call = f"s{i + 1}.f{i + 1}(task)" if i + 1 < n else "multiprocessing.Process(target=task).start()"
        uses = "".join(f"    h{k}.g{k}(task)\n" for k in range(helpers) for _ in range(calls))
        (folder / f"s{i}.py").write_text(imports + f"\n\ndef f{i}(task):\n    {call}\n\n\ndef other{i}(task):\n{uses}")
    (folder / "user.py").write_text("import s0\n\n\ndef go():\n    s0.f0(lambda: 1)\n")
    return [folder / "user.py"] + [folder / f"s{i}.py" for i in range(n)]


def test_a_search_that_met_summaries_being_built_is_kept_for_those_alone(tmp_path, monkeypatch):
    """While nested summaries are built, a search that meets one of them is an answer for that moment
    only. It used to be searched again for every question (dask: 198,000 searches for 5,600 answers);
    it is kept for exactly the summaries being built then. The findings are those of a run that keeps
    nothing of the kind."""
    n = 12
    paths = source_chain(tmp_path, n)
    searched = []
    original = reach._search
    monkeypatch.setattr(reach, "_search", lambda resolver, root, memo: searched.append(root) or original(resolver, root, memo))
    kept = findings_of(paths, False, monkeypatch)
    assert kept[0]  # (user.py: s0.f0 starts a process through the chain)
    once = len(searched)
    searched.clear()
    monkeypatch.setattr(reach, "_building", lambda resolver: ())
    assert findings_of(paths, False, monkeypatch) == kept
    assert 5 * once < len(searched)  # (86 and 902 when written)
    assert once <= 4 * n * n  # (each module's searches, once per set of summaries being built)
