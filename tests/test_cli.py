"""The command line: formats, exit codes, configuration, suppression and bad files."""
import json
import subprocess
import sys
import textwrap

import pytest

from mpguard.cli import main

from helpers import run_in_session

LAMBDA = textwrap.dedent("""
    import multiprocessing
    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(lambda x: x * 2, range(4)))
""")
CLEAN = "import multiprocessing\n\ndef f(x):\n    return x\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.py").write_text(LAMBDA)
    (tmp_path / "good.py").write_text(CLEAN)
    return tmp_path


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_codes(project, capsys):
    assert run(capsys, "check", "good.py")[0] == 0
    assert run(capsys, "check", "bad.py")[0] == 1
    assert run(capsys, "check", "--exit-zero", "bad.py")[0] == 0
    assert run(capsys, "check", "missing.py")[0] == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", "--output-format", "xml"])
    assert exc.value.code == 2


def test_text_format(project, capsys):
    code, out, _ = run(capsys, "check", "bad.py")
    assert out.startswith("bad.py:5:15: MP201 ")


def test_json_contract(project, capsys):
    code, out, _ = run(capsys, "check", "--output-format", "json", ".")
    items = json.loads(out)
    assert [i["code"] for i in items] == ["MP201"]
    item = items[0]
    assert set(item) >= {"filename", "code", "name", "message", "severity", "location", "end_location",
                         "start_methods", "platforms", "fix", "url"}
    assert item["filename"] == "bad.py"
    assert item["location"] == {"row": 5, "column": 15}
    assert item["start_methods"] == ["fork", "forkserver", "spawn"]
    assert item["platforms"] == ["windows", "macos", "linux<=3.13", "linux>=3.14"]
    assert item["fix"]["applicability"] in ("safe", "unsafe", "display-only")
    assert all({"content", "location", "end_location"} <= set(e) for e in item["fix"]["edits"])


def test_json_columns_count_characters(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "u.py").write_text(LAMBDA.replace("print(pool.map", "print('é😀', pool.map"))
    _, out, _ = run(capsys, "check", "--output-format", "json", "u.py")
    (item,) = json.loads(out)
    line = (tmp_path / "u.py").read_text().splitlines()[item["location"]["row"] - 1]
    assert line[item["location"]["column"] - 1:].startswith("pool.map")


def test_github_and_sarif(project, capsys):
    _, out, _ = run(capsys, "check", "--output-format", "github", "bad.py")
    assert out.startswith("::error title=mpguard (MP201),file=bad.py,line=5,col=15")
    _, out, _ = run(capsys, "check", "--output-format", "sarif", "bad.py")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["results"][0]["ruleId"] == "MP201"


def test_select_ignore_target_version(project, capsys):
    assert run(capsys, "check", "--ignore", "MP2", "bad.py")[0] == 0
    assert run(capsys, "check", "--select", "MP4", "bad.py")[0] == 0
    closure = textwrap.dedent("""
        import multiprocessing
        def make():
            def inner():
                pass
            return inner
        if __name__ == "__main__":
            multiprocessing.Process(target=make()).start()
    """)
    (project / "closure.py").write_text(closure)
    assert run(capsys, "check", "closure.py")[0] == 1
    assert run(capsys, "check", "--target", "linux", "--python-version", "3.12", "closure.py")[0] == 0
    assert run(capsys, "check", "--target", "linux", "--python-version", "3.14", "closure.py")[0] == 1
    assert run(capsys, "check", "--target", "beos", "closure.py")[0] == 2


def test_pyproject_configuration(project, capsys):
    (project / "pyproject.toml").write_text(textwrap.dedent("""
        [project]
        requires-python = ">=3.9"
        [tool.mpguard]
        ignore = ["MP201"]
        severity = { MP101 = "information" }
        nonsense = 1
    """))
    code, _, err = run(capsys, "check", "bad.py")
    assert code == 0
    assert "unknown setting 'nonsense'" in err


def test_severity_from_config(project, capsys):
    (project / "pyproject.toml").write_text('[tool.mpguard]\nseverity = { MP201 = "hint" }\n')
    _, out, _ = run(capsys, "check", "--output-format", "json", "bad.py")
    assert json.loads(out)[0]["severity"] == "hint"


@pytest.mark.parametrize("comment", ["# noqa: MP201", "# noqa", "# mpguard: ignore[MP201]", "# NOQA:MP201,MP101"])
def test_noqa(tmp_path, monkeypatch, capsys, comment):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "n.py").write_text(LAMBDA.replace("range(4)))", f"range(4)))  {comment}"))
    assert run(capsys, "check", "n.py")[0] == 0


def test_noqa_for_another_code_does_not_hide(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "n.py").write_text(LAMBDA.replace("range(4)))", "range(4)))  # noqa: MP101"))
    assert run(capsys, "check", "n.py")[0] == 1


def test_bad_files_are_reported_and_others_still_checked(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a_syntax.py").write_text("def broken(:\n    pass\n")
    (tmp_path / "b_null.py").write_bytes(b"x = 1\n\x00\n")
    (tmp_path / "c_latin.py").write_bytes(b"x = '\xe9\xff'\n")
    (tmp_path / "d_deep.py").write_text("x = " + "(" * 1000 + "1" + ")" * 1000 + "\n")
    (tmp_path / "e_bad.py").write_text(LAMBDA)
    code, out, _ = run(capsys, "check", "--output-format", "json", ".")
    by_file = {}
    for item in json.loads(out):
        by_file.setdefault(item["filename"], []).append(item)
    assert by_file["a_syntax.py"][0]["code"] == "MP001"
    assert "SyntaxError" in by_file["a_syntax.py"][0]["message"]
    assert by_file["b_null.py"][0]["code"] == "MP002" and "null bytes" in by_file["b_null.py"][0]["message"]
    assert by_file["c_latin.py"][0]["code"] == "MP002" and "decode" in by_file["c_latin.py"][0]["message"]
    assert by_file["d_deep.py"][0]["code"] in ("MP001", "MP002")
    assert by_file["e_bad.py"][0]["code"] == "MP201"
    assert code == 1


def test_rule_command(capsys):
    code, out, _ = run(capsys, "rule", "MP201")
    assert code == 0 and out.startswith("# MP201 unpicklable-callable")
    code, out, _ = run(capsys, "rule", "--all")
    assert "MP101" in out and "MP413" in out
    assert run(capsys, "rule", "MP999")[0] == 2


def test_fix_and_diff(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.py").write_text("from multiprocessing import Pool\n\ndef f(x):\n    return x\n\n"
                                   "with Pool(2) as pool:\n    print(pool.map(f, [1]))\n")
    code, out, err = run(capsys, "check", "--diff", "g.py")
    assert "+if __name__ == \"__main__\":" in out
    assert "g.py: would fix 1 finding(s)" in err
    assert "__main__" not in (tmp_path / "g.py").read_text()
    code, _, err = run(capsys, "check", "--fix", "g.py")
    assert code == 0 and "g.py: fixed 1 finding(s)" in err
    assert 'if __name__ == "__main__":' in (tmp_path / "g.py").read_text()


def test_fix_keeps_a_byte_order_mark(tmp_path, monkeypatch, capsys):
    """A file that starts with a BOM is fixed (the BOM is not code: it used to make every fixed text
    fail to parse, so nothing was fixed) and keeps its BOM."""
    monkeypatch.chdir(tmp_path)
    source = ("import multiprocessing\nsquare = lambda x: x * x\n\nif __name__ == '__main__':\n"
              "    with multiprocessing.Pool(2) as pool:\n        print(pool.map(square, [1, 2]))\n")
    (tmp_path / "b.py").write_bytes(b"\xef\xbb\xbf" + source.encode())
    code, _, err = run(capsys, "check", "--fix", "b.py")
    data = (tmp_path / "b.py").read_bytes()
    assert code == 0 and "fixed 1 finding(s)" in err
    assert data.startswith(b"\xef\xbb\xbfimport multiprocessing\ndef square(x):")


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_fix_keeps_the_files_line_breaks(tmp_path, monkeypatch, capsys, newline):
    """The file is read as it is: reading it with universal newlines turned every CRLF into LF."""
    monkeypatch.chdir(tmp_path)
    source = ("import multiprocessing\nsquare = lambda x: x * x\n\nif __name__ == '__main__':\n"
              "    with multiprocessing.Pool(2) as pool:\n        print(pool.map(square, [1, 2]))\n")
    (tmp_path / "n.py").write_bytes(source.replace("\n", newline).encode())
    code, _, _ = run(capsys, "check", "--fix", "n.py")
    data = (tmp_path / "n.py").read_bytes().decode()
    assert code == 0 and "def square(x):" in data
    others = data.replace(newline, "")
    assert "\n" not in others and "\r" not in others  # every line break is still the file's own


def test_python_dash_m_and_parallel_jobs(tmp_path):
    for i in range(40):
        (tmp_path / f"m{i}.py").write_text(LAMBDA if i == 7 else CLEAN)
    proc = run_in_session([sys.executable, "-m", "mpguard", "check", "--jobs", "2", "--output-format", "json", "."],
                          cwd=tmp_path, timeout=120)  # (its forked workers go with it)
    assert proc.returncode == 1
    assert [i["filename"] for i in json.loads(proc.stdout)] == ["m7.py"]


def test_stdin_statistics_and_quiet(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "mpguard", "check", "-", "--stdin-filename", "pipe.py",
                           "--output-format", "json"], input=LAMBDA, capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
    assert proc.returncode == 1
    assert [(i["filename"], i["code"]) for i in json.loads(proc.stdout)] == [("pipe.py", "MP201")]
    (tmp_path / "bad.py").write_text(LAMBDA)
    stats = subprocess.run([sys.executable, "-m", "mpguard", "check", "--statistics", "."], cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
    assert stats.stdout.split() == ["1", "MP201", "unpicklable-callable"]
    quiet = subprocess.run([sys.executable, "-m", "mpguard", "check", "-q", "."], cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
    assert quiet.stderr == "" and quiet.stdout.startswith("bad.py:5:15: MP201")


def test_stdin_fix_prints_the_fixed_source_like_ruff(tmp_path):
    """`mpguard check --fix -`: the fixed code on stdout with the input's own line breaks, the findings
    left on stderr; `--diff -` prints the diff; bytes that are not UTF-8 pass through unchanged."""
    source = ("import multiprocessing\r\nsquare = lambda x: x * x\r\nif __name__ == '__main__':\r\n"
              "    with multiprocessing.Pool(2) as pool:\r\n        print(pool.map(square, [1, 2]))\r\n")
    command = [sys.executable, "-m", "mpguard", "check", "-", "--stdin-filename", "pipe.py"]
    fixed = subprocess.run(command + ["--fix"], input=source.encode(), capture_output=True, timeout=120, cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout.decode() == source.replace("square = lambda x: x * x", "def square(x):\r\n    return x * x")
    assert b"pipe.py: fixed 1 finding(s)" in fixed.stderr
    diff = subprocess.run(command + ["--diff"], input=source.encode(), capture_output=True, timeout=120, cwd=tmp_path)
    assert b"+def square(x):" in diff.stdout and b"would fix 1 finding(s)" in diff.stderr
    raw = b"x = 1\n\xff\n"
    passed = subprocess.run(command + ["--fix"], input=raw, capture_output=True, timeout=120, cwd=tmp_path)
    assert passed.stdout == raw and b"cannot read" in passed.stderr


def test_fix_reports_a_file_it_cannot_write(tmp_path, monkeypatch, capsys):
    import tempfile

    monkeypatch.chdir(tmp_path)
    (tmp_path / "w.py").write_text(LAMBDA)

    def refusing_mkstemp(*args, **kwargs):  # as in a folder one may read but not write
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(tempfile, "mkstemp", refusing_mkstemp)
    code, _, err = run(capsys, "check", "--fix", "w.py")
    assert code == 1 and "cannot write the fixes" in err and "Permission denied" in err
    assert (tmp_path / "w.py").read_text() == LAMBDA
