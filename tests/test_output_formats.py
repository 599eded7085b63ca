"""Issue 15, "Output and CI": ruff's `full` and `concise` text, colour, the fixable hint, and the formats
other tools read (junit, gitlab, pylint, sarif). SARIF is validated against the SARIF 2.1.0 schema,
vendored in tests/schemas (OASIS's sarif-2.1.0-rtm.5, as npm's @microsoft/jest-sarif ships it)."""
import json
import re
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import pytest

from mpguard.cli import main
from mpguard.cli.full import use_colour
from test_notebooks import DEMO

SCHEMA = Path(__file__).with_name("schemas") / "sarif-2.1.0.json"
LAMBDA = textwrap.dedent("""\
    import multiprocessing
    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(lambda x: x * 2, range(4)))
""")
UNGUARDED = ("from multiprocessing import Pool\n\ndef f(x):\n    return x\n\n"
             "with Pool(2) as pool:\n    print(pool.map(f, [1]))\n")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    (tmp_path / "bad.py").write_text(LAMBDA)
    (tmp_path / "odd dir").mkdir()
    (tmp_path / "odd dir" / "g.py").write_text(UNGUARDED)
    (tmp_path / "demo.ipynb").write_text(DEMO)
    return tmp_path


# ---------------------------------------------------------------------------------------------------------
# full and concise


def test_full_is_the_default_and_points_at_the_finding(project, capsys):
    code, out, err = run(capsys, "check", "bad.py")
    assert code == 1 and err == ""
    # the summary follows the findings on stdout, as ruff's does, so a piped listing keeps it last
    assert out.endswith("\n\nFound 1 finding in 1 file.\n[*] 1 fixable with the `--fix` option.\n")
    full = out
    out = out[: -len("\nFound 1 finding in 1 file.\n[*] 1 fixable with the `--fix` option.\n")]
    assert out.splitlines() == [
        "bad.py:4:15: MP201 [*] " + out.split(" [*] ", 1)[1].splitlines()[0],
        "  |",
        "2 | if __name__ == \"__main__\":",
        "3 |     with multiprocessing.Pool(2) as pool:",
        "4 |         print(pool.map(lambda x: x * 2, range(4)))",
        "  |               " + "^" * len("pool.map(lambda x: x * 2, range(4))") + " MP201",
        "  |",
        "  = breaks on: windows, macos, linux<=3.13, linux>=3.14",
        "  = help: " + json.loads(run(capsys, "check", "--output-format", "json", "bad.py")[1])[0]["fix"]["message"],
    ]
    assert "\x1b[" not in out  # not a terminal
    # `text`, the old name, is the same
    assert run(capsys, "check", "--output-format", "text", "bad.py")[1] == full


def test_full_caret_under_tabs_wide_rows_and_notebook_cells(project, capsys):
    (project / "tab.py").write_text("import multiprocessing\nif 1:\n\tmultiprocessing.Pool(2)\n")
    out = run(capsys, "check", "tab.py")[1].splitlines()
    row = next(i for i, line in enumerate(out) if line.startswith("3 |"))
    assert out[row] == "3 |     multiprocessing.Pool(2)"  # the tab shown as 4 spaces ...
    assert out[row + 1] == "  |     " + "^" * len("multiprocessing.Pool(2)") + " MP101"  # ... and the caret under it
    out = run(capsys, "check", "demo.ipynb")[1].splitlines()
    # only the rows of the finding's cell, numbered within the cell
    assert out[1:6] == ["  |", "1 | with multiprocessing.Pool(2) as pool:", "2 |     print(pool.map(work, range(3)))",
                        "  |           " + "^" * len("pool.map(work, range(3))") + " MP209", "  |"]
    assert out[0].startswith("demo.ipynb:cell 4:2:11: MP209 ")


def test_findings_spanning_rows_underline_their_last_row(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.py").write_text("import multiprocessing\nmultiprocessing.Pool(\n    2,\n)\n")
    out = run(capsys, "check", "m.py")[1].splitlines()
    assert out[1:7] == ["  |", "1 | import multiprocessing", "2 | multiprocessing.Pool(", "3 |     2,", "4 | )",
                        "  | ^ MP101"]


def test_colour_on_a_terminal_unless_no_color(project, capsys, monkeypatch):
    class Terminal:
        def isatty(self):
            return True

    monkeypatch.delenv("TERM", raising=False)
    assert use_colour(Terminal()) and not use_colour(object())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Terminal())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not use_colour(Terminal())  # NO_COLOR wins
    monkeypatch.delenv("NO_COLOR")
    assert use_colour(object())
    coloured = run(capsys, "check", "bad.py")[1]
    assert "\x1b[31m" in coloured
    monkeypatch.delenv("FORCE_COLOR")
    assert ANSI.sub("", coloured) == run(capsys, "check", "bad.py")[1]  # the same text, without colour


def test_concise_is_one_line_a_finding(project, capsys):
    code, out, err = run(capsys, "check", "--output-format", "concise", ".")
    lines = out.splitlines()
    assert code == 1 and len(lines) == 5 and lines[3] == "Found 3 findings in 3 files."
    assert [line.split(" ")[0] for line in lines[:3]] == ["bad.py:4:15:", "demo.ipynb:cell", "odd"]


def test_unsafe_fixes_are_counted_in_the_hint(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.py").write_text("import multiprocessing\nX = 0\ndef f(v):\n    return X + v\n"
                                   "if __name__ == '__main__':\n    X = 2\n"
                                   "    with multiprocessing.Pool(2) as p:\n        p.map(f, [1])\n")
    code, out, err = run(capsys, "check", "g.py")
    assert "MP302" in out and "(1 hidden fix can be enabled with the `--unsafe-fixes` option.)" in out


# ---------------------------------------------------------------------------------------------------------
# junit, gitlab, pylint


def test_pylint(project, capsys):
    code, out, _ = run(capsys, "check", "--output-format", "pylint", ".")
    lines = out.splitlines()
    assert code == 1 and lines[0].startswith("bad.py:4: [MP201] `map` task is a lambda")
    assert lines[1].startswith("demo.ipynb:cell 4:2: [MP209] ") and lines[2].startswith("odd dir/g.py:6: [MP101] ")


def test_junit(project, capsys):
    code, out, _ = run(capsys, "check", "--output-format", "junit", ".")
    root = ElementTree.fromstring(out.split("\n", 1)[1])
    assert code == 1 and root.tag == "testsuites" and root.get("tests") == "3" and root.get("failures") == "3"
    suites = {suite.get("name"): suite for suite in root}
    assert set(suites) == {"bad.py", "demo.ipynb", "odd dir/g.py"}
    (case,) = suites["bad.py"]
    assert case.get("name") == "org.mpguard.MP201" and case.get("line") == "4" and case.get("column") == "15"
    assert case.find("failure").get("message").startswith("`map` task is a lambda")
    (tmp := project / "clean").mkdir()
    (tmp / "ok.py").write_text("x = 1\n")
    code, out, _ = run(capsys, "check", "--output-format", "junit", "clean")
    root = ElementTree.fromstring(out.split("\n", 1)[1])
    assert code == 0 and root.get("failures") == "0" and root.find("testsuite/testcase").get("name") == "No errors found"


def test_gitlab_code_quality(project, capsys):
    code, out, _ = run(capsys, "check", "--output-format", "gitlab", ".")
    report = json.loads(out)
    assert code == 1 and len(report) == 3
    for entry in report:  # what GitLab requires of each entry
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(entry)
        assert entry["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert entry["location"]["positions"]["begin"]["line"] >= 1
    assert [e["location"]["path"] for e in report] == ["bad.py", "demo.ipynb", "odd dir/g.py"]
    assert len({e["fingerprint"] for e in report}) == 3
    # the fingerprint follows the finding, not its row: code added above it does not make it new
    (project / "bad.py").write_text("# a comment\n\n" + LAMBDA)
    moved = json.loads(run(capsys, "check", "--output-format", "gitlab", ".")[1])
    assert moved[0]["location"]["positions"]["begin"]["line"] == 6
    assert [e["fingerprint"] for e in moved] == [e["fingerprint"] for e in report]
    # the same finding twice in a file: two fingerprints
    (project / "bad.py").write_text(LAMBDA + "        print(pool.map(lambda x: x * 2, range(4)))\n")
    twice = [e for e in json.loads(run(capsys, "check", "--output-format", "gitlab", "bad.py")[1])]
    assert len(twice) == 2 and twice[0]["description"] == twice[1]["description"]
    assert twice[0]["fingerprint"] != twice[1]["fingerprint"]
    assert twice[0]["fingerprint"] == report[0]["fingerprint"]


def test_gitlab_paths_are_relative_to_the_project(project, capsys, monkeypatch):
    monkeypatch.setenv("CI_PROJECT_DIR", str(project))
    report = json.loads(run(capsys, "check", "--output-format", "gitlab", str(project / "bad.py"))[1])
    assert report[0]["location"]["path"] == "bad.py"


# ---------------------------------------------------------------------------------------------------------
# sarif


def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_sarif_validates_and_carries_cells_and_fixes(project, capsys):
    code, out, _ = run(capsys, "check", "--output-format", "sarif", ".")
    log = json.loads(out)
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]]
    run_ = log["runs"][0]
    results = {r["ruleId"]: r for r in run_["results"]}
    assert set(results) == {"MP101", "MP201", "MP209"}
    for result in results.values():  # each result names its rule, whose docs are in the log
        rule = run_["tool"]["driver"]["rules"][result["ruleIndex"]]
        assert rule["id"] == result["ruleId"] and rule["fullDescription"]["text"]
        assert "## What it does" in rule["help"]["markdown"]
    cell = results["MP209"]["locations"][0]
    assert cell["logicalLocations"] == [{"name": "cell 4", "kind": "notebookCell"}]
    assert cell["physicalLocation"]["region"]["startLine"] == 2 and "fixes" not in results["MP209"]
    assert results["MP101"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "odd%20dir/g.py"
    assert run_["columnKind"] == "unicodeCodePoints"
    # the fix, applied as SARIF says, gives what `--fix` writes
    (fix,) = results["MP201"]["fixes"]
    (change,) = fix["artifactChanges"]
    fixed = apply_replacements(LAMBDA, change["replacements"])
    assert run(capsys, "check", "--fix", "bad.py")[0] == 0
    assert fixed == (project / "bad.py").read_text() and "lambda" not in fixed


def apply_replacements(text: str, replacements: list) -> str:
    lines = text.splitlines(True)

    def offset(row, column):
        return sum(len(line) for line in lines[:row - 1]) + column - 1

    for replacement in sorted(replacements, key=lambda r: (r["deletedRegion"]["startLine"],
                                                           r["deletedRegion"]["startColumn"]), reverse=True):
        region = replacement["deletedRegion"]
        start = offset(region["startLine"], region["startColumn"])
        end = offset(region["endLine"], region["endColumn"])
        text = text[:start] + replacement["insertedContent"]["text"] + text[end:]
        lines = text.splitlines(True)
    return text


def test_sarif_without_findings_validates(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.py").write_text("x = 1\n")
    code, out, _ = run(capsys, "check", "--output-format", "sarif", ".")
    log = json.loads(out)
    assert code == 0 and log["runs"][0]["results"] == []
    assert not list(sarif_validator().iter_errors(log))


def test_the_validator_catches_a_broken_log(project, capsys):
    """The schema is not a formality: it refuses a result without a message."""
    log = json.loads(run(capsys, "check", "--output-format", "sarif", "bad.py")[1])
    del log["runs"][0]["results"][0]["message"]
    assert list(sarif_validator().iter_errors(log))
