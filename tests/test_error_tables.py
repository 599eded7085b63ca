"""The per-version error tables (semantic/data/errors) against what Python really prints, and the
wording findings get for a target version (message, JSON `errors`, hover)."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from helpers import run_in_session

from mpguard.cli.main import main
from mpguard.semantic import errors
from mpguard.semantic.platforms import TargetSet

ROOT = Path(__file__).resolve().parents[1]
PROBE = ROOT / "scripts" / "probe_errors.py"
# Probe keys that exercise a table entry another way (a Process target, a binary file).
ENTRY = {"process_local_function": "local_function", "io_object_binary": "io_object"}
# Entries whose table text is the start of what Python prints (the bootstrap error goes on for lines).
PREFIX = {"bootstrap"}


def normalise(text: str) -> str:
    text = re.sub(r"0x(?:[0-9a-fA-F]+|\.\.\.)", "0x?", text)
    text = re.sub(r"from '[^']*'", "from '...'", text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def probed() -> dict:
    proc = run_in_session([sys.executable, str(PROBE)], text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def test_the_running_interpreters_table_says_what_it_prints(probed):
    """Every error the probe made this interpreter print (pickled for real under each start method, or
    read from a child's stderr) is the running version's table entry with the probe's names."""
    running = tuple(int(p) for p in probed["python"].split("."))
    table = errors.table(running)
    checked = 0
    for method, found in [*probed["methods"].items(), ("any", probed["any"])]:
        for key, record in found.items():
            entry = ENTRY.get(key, key)
            assert entry in table, f"{entry} missing from the {probed['python']} table"
            expected = normalise(table[entry].format(**record["params"]))
            printed = normalise(record["text"])
            if entry in PREFIX:
                assert printed.startswith(expected), (method, key, printed, expected)
            else:
                assert printed == expected, (method, key, printed, expected)
            checked += 1
    assert checked >= 30


def test_every_table_has_the_same_entries_with_the_same_names():
    base = errors.table(errors.BASE)
    for version in errors.versions():
        table = errors.table(version)
        late = {"max_tasks_fork"}  # ProcessPoolExecutor(max_tasks_per_child=) is 3.11+
        assert set(table) | late == set(base) | late, version
        for key, template in table.items():
            names = set(re.findall(r"\{(\w+)\}", template))
            assert names <= set(re.findall(r"\{(\w+)\}", base[key])) | {"module", "qualname"}, (version, key)


def test_a_version_is_its_newest_release_and_a_release_its_own_table():
    assert "get local object" in errors.table((3, 12))["local_function"]  # 3.12.5+
    assert "pickle local object" in errors.table((3, 12, 1))["local_function"]
    assert errors.table((3, 15)) is errors.table((3, 14))
    assert errors.table((3, 8)) is errors.table((3, 9))


@pytest.mark.parametrize(("version", "words"), [
    ((3, 11), "AttributeError: Can't pickle local object 'make.<locals>.work'"),
    ((3, 13), "AttributeError: Can't get local object 'make.<locals>.work'"),
    ((3, 14), "_pickle.PicklingError: Can't pickle local object <function make.<locals>.work at 0x...>"),
])
def test_render_keeps_the_programs_names(version, words):
    error = errors.text("local_function", qualname="make.<locals>.work")
    assert errors.render(error, version) == words
    # A plain string (a rule's generic text, an older summary) is recognised by its words, in any version's.
    assert errors.render(f"x: {words} (and more)", (3, 11)) == \
        "x: AttributeError: Can't pickle local object 'make.<locals>.work' (and more)"


def test_a_local_class_reads_as_a_class_on_314():
    error = errors.text("local_class", module="__main__", qualname="main.<locals>.Job")
    assert errors.render(error, (3, 14)) == \
        "_pickle.PicklingError: Can't pickle local object <class '__main__.main.<locals>.Job'>"


def test_the_quoted_version_is_the_running_one_moved_into_the_range():
    assert errors.quote_version((3, 9), (3, 14), running=(3, 11)) == (3, 11)
    assert errors.quote_version((3, 14), (3, 14), running=(3, 11)) == (3, 14)
    assert errors.quote_version((3, 9), (3, 10), running=(3, 13)) == (3, 10)


LAMBDA_TARGET = """\
import multiprocessing

if __name__ == "__main__":
    p = multiprocessing.Process(target=lambda: None)
    p.start()
    p.join()
"""


def _check_json(tmp_path, capsys, *flags) -> dict:
    path = tmp_path / "script.py"
    path.write_text(LAMBDA_TARGET)
    main(["check", "--output-format", "json", *flags, str(path)])
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 1
    return items[0]


def test_python_version_314_quotes_314s_words(tmp_path, capsys):
    item = _check_json(tmp_path, capsys, "--python-version", "3.14")
    assert "it's not found as __main__.<lambda>" in item["message"]
    assert {(r["platform"], r["python"], r["start_method"]) for r in item["errors"]} == {
        ("windows", "3.14", "spawn"), ("macos", "3.14", "spawn"), ("linux", "3.14", "forkserver")}
    assert all("it's not found as __main__.<lambda>" in r["error"] for r in item["errors"])


def test_python_version_311_quotes_311s_words(tmp_path, capsys):
    item = _check_json(tmp_path, capsys, "--python-version", "3.11")
    assert "attribute lookup <lambda> on __main__ failed" in item["message"]
    # Linux 3.11 forks: a Process target is not pickled there, so no row.
    assert {r["platform"] for r in item["errors"]} == {"windows", "macos"}


def test_json_errors_cover_the_target_set_in_each_versions_words(tmp_path, capsys):
    item = _check_json(tmp_path, capsys, "--python-version", "3.12-3.14", "--target", "windows,linux")
    rows = {(r["platform"], r["python"]): r["error"] for r in item["errors"]}
    assert set(rows) == {("windows", "3.12"), ("windows", "3.13"), ("windows", "3.14"), ("linux", "3.14")}
    assert "attribute lookup" in rows[("windows", "3.13")] and "not found as" in rows[("windows", "3.14")]


def test_hover_rows_follow_the_versions_and_mark_this_machine():
    from mpguard.rules.docs import hover_markdown, outcome_rows
    from mpguard.rules.registry import get
    from mpguard.text.findings import Finding, Position

    rule = get("MP201")
    finding = Finding("MP201", "m", Position(1, 0), Position(1, 1), frozenset({"spawn", "forkserver"}),
                      error=errors.text("local_function", qualname="main.<locals>.work"))
    rows = outcome_rows(rule, finding, TargetSet(), here="windows", running=(3, 13))
    windows = [r for r in rows if r["key"] == "windows"]
    # 3.12 means its newest release (3.12.5+ words like 3.13); this machine's row comes first
    assert [r["python"] for r in windows] == ["3.12–3.13", "3.9–3.11", "3.14"]
    assert [r["here"] for r in windows] == [True, False, False] and rows[0] is windows[0]
    assert "Can't get local object" in rows[0]["error"]
    hover = hover_markdown(rule, finding, TargetSet(), here="windows")
    assert "| Python |" in hover and "(this machine)" in hover


EXCEPTIONS = [
    ("class JobError(Exception):\n    def __init__(self, job, reason):\n        super().__init__(f'{job}: {reason}')\n",
     "JobError(1, 'x')"),
    ("class JobError(Exception):\n    def __init__(self, a, b, c):\n        Exception.__init__(self, a)\n",
     "JobError(1, 2, 3)"),
    ("class JobError(Exception):\n    def __init__(self, a, b, c, d=0):\n        super().__init__()\n",
     "JobError(1, 2, 3)"),
    ("class JobError(Exception):\n    def __init__(self, a, b):\n        self.a, self.b = a, b\n",
     "JobError(a=1, b=2)"),
]


@pytest.mark.parametrize(("source", "made"), EXCEPTIONS)
def test_the_rebuild_error_is_what_unpickling_raises(source, made):
    """MP207/MP208 quote the TypeError unpickling such an exception raises, counted from __init__."""
    import ast
    import pickle

    from mpguard.rules.unrebuildable_exceptions import missing_arguments

    namespace: dict = {}
    exec(source, namespace)  # noqa: S102  (the test's own class definitions)
    exc = eval(made, namespace)  # noqa: S307
    namespace["JobError"].__module__ = __name__
    globals()["JobError"] = namespace["JobError"]
    try:
        with pytest.raises(TypeError) as raised:
            pickle.loads(pickle.dumps(exc))
    finally:
        del globals()["JobError"]
    cls = ast.parse(source).body[0]
    assert missing_arguments(cls, ast.parse(made, mode="eval").body) == f"TypeError: {raised.value}"


def test_the_rule_docs_quote_314s_words_for_linux_314():
    """A rule doc's "Linux 3.14+" section quotes 3.14's text of every error the tables know."""
    import re as _re

    docs = Path(__file__).resolve().parents[1] / "server" / "mpguard" / "rules" / "docs"
    checked = 0
    for path in sorted(docs.glob("MP*.md")):
        section = _re.search(r"^### Linux 3\.14\+\n(.*?)(?=^##|\Z)", path.read_text(), _re.S | _re.M)
        for quoted in _re.findall(r"`([^`]+)`", section.group(1) if section else ""):
            if errors.identify(quoted) is not None:
                assert errors.render(quoted, (3, 14)) == quoted, f"{path.name}: {quoted}"
                checked += 1
    assert checked >= 5


COMPREHENSION_LAMBDAS = """\
import multiprocessing
import pickle
import sys

TABLE = {name: (lambda x: x) for name in ("a",)}


def main():
    local = [lambda x: x for _ in range(1)][0]
    for target in (TABLE["a"], local):
        try:
            pickle.dumps(target)
        except Exception as exc:
            print(f"{type(exc).__module__}.{type(exc).__qualname__}: {exc}".replace("builtins.", ""))
    if len(sys.argv) > 1:  # never when the test runs it; mpguard cannot know
        multiprocessing.Process(target=TABLE["a"]).start()
        multiprocessing.Process(target=local).start()


if __name__ == "__main__":
    main()
"""


def test_lambdas_made_in_comprehensions_are_named_as_this_version_names_them(tmp_path):
    """3.11 names them `<dictcomp>.<lambda>`; 3.12 inlined comprehensions (PEP 709): `<lambda>`.
    The messages quote what this interpreter prints."""
    from mpguard.linter.analyze import analyze

    script = tmp_path / "script.py"
    script.write_text(COMPREHENSION_LAMBDAS)
    proc = run_in_session([sys.executable, str(script)], text=True, timeout=60)
    lines = [normalise(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 0 and len(lines) == 2, proc.stderr
    messages = [normalise(f.message) for f in analyze(COMPREHENSION_LAMBDAS, str(script)).findings
                if f.code == "MP201"]
    assert len(messages) == 2
    for line in lines:
        assert any(line in message for message in messages), (line, messages)


def test_error_rows_tell_apart_texts_that_are_equal_as_strings():
    # Found by CI on 3.12+: the rows were remembered by the error's str, and an ErrorText equals its
    # 3.11 wording while its names give other words on other versions; the second finding then got
    # the first one's rows (and `--jobs 1` and `--jobs 2` disagreed).
    from types import SimpleNamespace

    from mpguard.rules import registry
    from mpguard.rules.docs import error_rows
    from mpguard.semantic.errors import ErrorText

    rule = registry.get("MP201")
    same_words = "AttributeError: Can't pickle local object 'main.<locals>.<lambda>'"
    plain = ErrorText(same_words, "local_function", {"qualname": "main.<locals>.<lambda>"})
    in_comprehension = ErrorText(same_words, "local_function", {"qualname": "main.<locals>.<dictcomp>.<lambda>"})

    def finding(error):
        return SimpleNamespace(error=error, start_methods=frozenset({"spawn", "forkserver"}),
                               extra_platforms=frozenset())

    first = {r["python"]: r["error"] for r in error_rows(rule, finding(plain)) if r["platform"] == "windows"}
    second = {r["python"]: r["error"] for r in error_rows(rule, finding(in_comprehension))
              if r["platform"] == "windows"}
    assert "<dictcomp>" not in first["3.11"]
    assert "<dictcomp>" in second["3.11"]  # before 3.12 a comprehension is a function of its own
