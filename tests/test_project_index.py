"""The project index (mpguard.resolve.project.INDEX): module summaries built once per content and shared
by every resolver of the process, checked again in a new epoch (a new run, a new analysis in the
language server) and rebuilt only for modules that changed. Counted, never timed."""
from __future__ import annotations

import os
import time

import pytest

from mpguard.linter.summaries import SUMMARIZER
from mpguard.resolve.project import INDEX, ProjectResolver

SPAWNING = "import multiprocessing\n\ndef run(task):\n    multiprocessing.Process(target=task).start()\n"


@pytest.fixture(autouse=True)
def fresh_index():
    INDEX.clear()
    yield
    INDEX.clear()


def resolver(root):
    return ProjectResolver([root], None, SUMMARIZER)


def built(action) -> int:
    before = INDEX.summarised
    action()
    return INDEX.summarised - before


def rewrite(path, text: str) -> None:
    path.write_text(text)
    later = time.time_ns() + 5_000_000_000
    os.utime(path, ns=(later, later))


def test_every_resolver_of_a_run_shares_one_summary_per_module(tmp_path):
    (tmp_path / "helper.py").write_text(SPAWNING)
    assert built(lambda: resolver(tmp_path).module_summary("helper")) == 1
    assert built(lambda: [resolver(tmp_path).module_summary("helper") for _ in range(20)]) == 0
    assert set(resolver(tmp_path).module_summary("helper").spawning) == {"run"}


def test_a_new_epoch_rebuilds_only_what_changed(tmp_path):
    (tmp_path / "helper.py").write_text(SPAWNING)
    (tmp_path / "other.py").write_text("x = 1\n")
    both = lambda: [resolver(tmp_path).module_summary(m) for m in ("helper", "other")]
    assert built(both) == 2
    INDEX.new_epoch()
    assert built(both) == 0  # nothing changed
    os.utime(tmp_path / "other.py", ns=(time.time_ns() + 9_000_000_000,) * 2)
    INDEX.new_epoch()
    assert built(both) == 0  # touched, same text: the hash decides
    rewrite(tmp_path / "helper.py", "def run(task):\n    task()\n")
    INDEX.new_epoch()
    assert built(both) == 1
    assert not resolver(tmp_path).module_summary("helper").spawning


def test_a_summary_is_rebuilt_when_a_module_it_read_changed(tmp_path):
    (tmp_path / "helper.py").write_text("def run(task):\n    task()\n")
    (tmp_path / "middle.py").write_text("import helper\n\ndef launch(task):\n    helper.run(task)\n")
    assert not resolver(tmp_path).module_summary("middle").spawning
    rewrite(tmp_path / "helper.py", SPAWNING)
    INDEX.new_epoch()
    assert built(lambda: resolver(tmp_path).module_summary("middle")) == 2  # helper, and middle that reads it
    assert set(resolver(tmp_path).module_summary("middle").spawning) == {"launch"}


def test_what_a_resolver_read_is_recorded_transitively(tmp_path):
    (tmp_path / "helper.py").write_text(SPAWNING)
    (tmp_path / "middle.py").write_text("import helper\nimport missing\n\ndef launch(task):\n    helper.run(task)\n"
                                        "    missing.log(task)\n")
    first = resolver(tmp_path)
    first.module_summary("middle")
    second = resolver(tmp_path)  # from the index this time: what middle's summary read is replayed
    second.module_summary("middle")
    for consulted in (first.consulted, second.consulted):
        assert consulted["helper"][0] == str(tmp_path / "helper.py")
        assert consulted["middle"][0] == str(tmp_path / "middle.py")
        assert consulted["missing"] == (None, None)


def test_the_language_server_rebuilds_only_the_buffer_that_changed(tmp_path):
    from mpguard.lsp.analysis import OverlayResolver

    (tmp_path / "a.py").write_text(SPAWNING)
    (tmp_path / "b.py").write_text("x = 1\n")
    b = str((tmp_path / "b.py").resolve())

    def analysis(text: str):
        INDEX.new_epoch()  # as lsp.analysis does before each analysis
        overlay = OverlayResolver([tmp_path], {b: text})
        return [overlay.module_summary("a"), overlay.module_summary("b")]

    assert built(lambda: analysis("x = 1\n")) == 2
    assert built(lambda: analysis("x = 1\n")) == 0  # the same buffer: the same summary
    assert built(lambda: analysis("x = 2\n")) == 1  # an edit to b: only b again
    assert built(lambda: analysis("x = 2\n")) == 0


def test_a_pass_over_the_previous_text_of_a_buffer_does_not_evict_the_current_one(tmp_path):
    """The language server's jedi pass of an older version may run after the current analysis: each text of the
    buffer keeps its own summary (the last two), so neither pass builds the other's again."""
    from mpguard.lsp.analysis import OverlayResolver

    (tmp_path / "b.py").write_text("x = 0\n")
    b = str((tmp_path / "b.py").resolve())

    def analysis(text: str):
        INDEX.new_epoch()
        return OverlayResolver([tmp_path], {b: text}).module_summary("b")

    assert built(lambda: analysis("x = 1\n")) == 1
    assert built(lambda: analysis("x = 2\n")) == 1
    assert built(lambda: analysis("x = 1\n")) == 0  # the older text's pass, after the current one
    assert built(lambda: analysis("x = 2\n")) == 0
    assert built(lambda: analysis("x = 3\n")) == 1
    assert built(lambda: analysis("x = 1\n")) == 1  # two texts are kept per buffer, not every keystroke's


# --- a resolver that records nothing (`mpguard check --no-cache`) ------------------------------------------

def quiet(root):
    return ProjectResolver([root], None, SUMMARIZER, record=False)


def test_a_resolver_that_records_nothing_answers_the_same(tmp_path):
    (tmp_path / "helper.py").write_text("def run(task):\n    task()\n")
    (tmp_path / "middle.py").write_text("import helper\n\ndef launch(task):\n    helper.run(task)\n")
    (tmp_path / "top.py").write_text("import middle\n\ndef go(task):\n    middle.launch(task)\n")
    rewrite(tmp_path / "helper.py", SPAWNING)
    silent = quiet(tmp_path)
    assert set(silent.module_summary("top").spawning) == {"go"}
    assert silent.consulted == {}  # (nobody reads it: no read set was merged into it)
    recording = resolver(tmp_path)
    assert set(recording.module_summary("top").spawning) == {"go"}
    assert {"top", "middle", "helper"} <= set(recording.consulted)


def test_entries_built_without_recording_serve_only_that_epoch_and_such_resolvers(tmp_path):
    (tmp_path / "helper.py").write_text(SPAWNING)
    (tmp_path / "middle.py").write_text("import helper\n\ndef launch(task):\n    helper.run(task)\n")
    assert built(lambda: quiet(tmp_path).module_summary("middle")) == 2
    assert built(lambda: quiet(tmp_path).module_summary("middle")) == 0  # shared within the epoch
    # A recording resolver needs what the summary read: it does not take an entry that does not know it.
    assert built(lambda: resolver(tmp_path).module_summary("middle")) == 2
    assert built(lambda: quiet(tmp_path).module_summary("middle")) == 0  # recorded entries serve every resolver
    INDEX.new_epoch()
    assert built(lambda: quiet(tmp_path).module_summary("middle")) == 0  # (checked by what they read)
    (tmp_path / "other.py").write_text("import helper\n\ndef start(task):\n    helper.run(task)\n")
    assert built(lambda: quiet(tmp_path).module_summary("other")) == 1
    assert set(quiet(tmp_path).module_summary("other").spawning) == {"start"}
    # The next epoch drops an entry built without recording: a change to what it read is never missed.
    rewrite(tmp_path / "helper.py", "def run(task):\n    task()\n")
    INDEX.new_epoch()
    assert not quiet(tmp_path).module_summary("other").spawning
    assert not resolver(tmp_path).module_summary("middle").spawning



def test_findings_do_not_depend_on_the_working_directory(tmp_path, monkeypatch, capsys):
    """A project without mpguard settings but with a pyproject.toml: `import pkg` in its examples/ resolves from
    the folder holding the marker (linter/files.marked_root), so checking the tree from inside it and from
    elsewhere gives the same findings (before, only a run from the project's top resolved it: gammapy's tutorials
    gave 38 findings from the tree and none from /tmp)."""
    import json

    from mpguard.cli.main import main

    proj = tmp_path / "proj"
    (proj / "pkg").mkdir(parents=True)
    (proj / "examples").mkdir()
    (proj / "pyproject.toml").write_text("[project]\nname = 'pkg'\n")
    (proj / "pkg" / "__init__.py").write_text("")
    (proj / "pkg" / "par.py").write_text("import multiprocessing\n\n\ndef work(x):\n    return x * 2\n\n\n"
                                         "def run(inputs):\n    with multiprocessing.Pool(2) as pool:\n"
                                         "        return pool.map(work, inputs)\n")
    (proj / "examples" / "demo.py").write_text("from pkg.par import run\n\nprint(run([1, 2, 3]))\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    seen = []
    for cwd in (proj, elsewhere):
        monkeypatch.chdir(cwd)
        main(["check", "--no-cache", "--exit-zero", "--output-format", "json", str(proj)])
        seen.append(sorted((f["filename"], f["location"]["row"], f["code"]) for f in json.loads(capsys.readouterr().out)))
    assert seen[0] == seen[1]
    assert (str(proj / "examples" / "demo.py"), 3, "MP101") in seen[0]
