"""Issue 15, "Ship it": configuration per file, bad rule codes, file selection (exclude, .gitignore) and the
command line's output formats and exit codes."""
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mpguard import config
from mpguard.cli import main
from mpguard.cli.output import escape_property, file_uri, render
from mpguard.cli.selection import GitIgnore, Selection, parse_gitignore
from mpguard.config import Settings, glob_regex, merge, path_matches, resolve
from mpguard.lsp.settings import SettingsStore

LAMBDA = textwrap.dedent("""
    import multiprocessing
    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(lambda x: x * 2, range(4)))
""")
UNGUARDED = ("from multiprocessing import Pool\n\ndef f(x):\n    return x\n\n"
             "with Pool(2) as pool:\n    print(pool.map(f, [1]))\n")
CLEAN = "import multiprocessing\n\ndef f(x):\n    return x\n"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write(root: Path, files: dict) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if name.endswith(".toml") else text)
    return root


def checked(capsys, *args) -> list:
    code, out, err = run(capsys, "check", "--output-format", "json", *args)
    assert code in (0, 1), err
    return sorted((Path(i["filename"]).as_posix(), i["code"]) for i in json.loads(out))


# ---------------------------------------------------------------------------------------------------------
# 2. Unknown and empty codes, reversed ranges


@pytest.mark.parametrize("flags, bad", [
    (["--select", "MP999"], "MP999"),
    (["--ignore", "MP2,XYZ"], "XYZ"),
    (["--extend-select", "MP9"], "MP9"),
    (["--per-file-ignores", "tests/*:MP201,NOPE"], "NOPE"),
    (["--config", "select = ['MP77']"], "MP77"),
    (["--config", "ignore=MQ1"], "MQ1"),
])
def test_unknown_codes_on_the_command_line_are_usage_errors(tmp_path, monkeypatch, capsys, flags, bad):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.py").write_text(LAMBDA)
    code, out, err = run(capsys, "check", *flags, "bad.py")
    assert code == 2 and out == ""
    assert f"'{bad}'" in err and "unknown rule code" in err and "Traceback" not in err


@pytest.mark.parametrize("table, needle", [
    ('select = ["MP2", "MP99x"]', "'MP99X'"),
    ('ignore = [""]', "empty rule code"),
    ('extend-select = ["QQ"]', "'QQ'"),
    ('python-version = "3.14-3.9"', "reversed range"),
    ('[tool.mpguard.per-file-ignores]\n"x.py" = ["MP999"]', "'MP999'"),
])
def test_bad_codes_in_pyproject_are_usage_errors(tmp_path, monkeypatch, capsys, table, needle):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"bad.py": LAMBDA, "pyproject.toml": f"[tool.mpguard]\n{table}\n"})
    code, out, err = run(capsys, "check", "bad.py")
    assert code == 2 and needle in err and "pyproject.toml" in err


@pytest.mark.parametrize("flags", [["--config", 'ignore = [""]'], ["--ignore", ","],
                                   ["--python-version", "3.14-3.9"], ["--config", "python-version=3.13-3.10"]])
def test_empty_codes_and_reversed_ranges_on_the_command_line(tmp_path, monkeypatch, capsys, flags):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.py").write_text(LAMBDA)
    code, _, err = run(capsys, "check", *flags, "bad.py")
    assert code == 2 and ("empty rule code" in err or "reversed range" in err)


@pytest.mark.parametrize("codes", ["MP", "MP2", "MP20", "MP201", "ALL", "mp2", "ALL,MP4"])
def test_prefixes_and_all_are_valid(tmp_path, monkeypatch, capsys, codes):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.py").write_text(LAMBDA)
    assert run(capsys, "check", "--select", codes, "bad.py")[0] == (1 if codes.upper() != "MP4" else 0)
    assert run(capsys, "check", "--ignore", codes, "bad.py")[0] == 0


def test_editor_warns_about_unknown_codes_and_never_turns_every_rule_off():
    warnings = []
    store = SettingsStore(warnings.append)
    store.set_client({"select": ["XYZ"], "ignore": [""], "severity": {"MP999": "hint"}}, "init")
    settings = store.for_path(None)
    assert settings.enabled("MP201") and settings.enabled("MP101")  # not "select nothing", not "ignore all"
    assert any("'XYZ'" in w for w in warnings) and any("empty rule code" in w for w in warnings)
    assert any("'MP999'" in w for w in warnings)
    store.set_client({"select": ["MP2", "MP99"], "pythonVersion": "3.14-3.9"}, "init")
    settings = store.for_path(None)
    assert settings.select == ("MP2",) and settings.targets.min_version == (3, 9)
    assert any("reversed range" in w for w in warnings)


def test_merge_keeps_valid_codes_and_reports_bad_ones():
    settings, messages = merge(Settings(), {"ignore": ["MP201", "bogus", ""]}, "x")
    assert settings.ignore == ("MP201",)
    assert len(config.errors(messages)) == 2
    settings, messages = merge(Settings(), {"select": ["ALL"], "ignore": "MP2 MP3"})
    assert not messages and settings.select == ("MP",) and settings.ignore == ("MP2", "MP3")


# ---------------------------------------------------------------------------------------------------------
# 3. Settings per file, exclusions, .gitignore


def test_nearest_configuration_per_file_not_only_the_working_folders(tmp_path, monkeypatch, capsys):
    write(tmp_path, {
        "pyproject.toml": "[tool.mpguard]\nselect = ['MP2']\n",
        "top.py": LAMBDA,
        "inner/pyproject.toml": "[tool.mpguard]\nignore = ['MP201']\n",
        "inner/deep/a.py": LAMBDA,
        "plain/pyproject.toml": "[project]\nname = 'plain'\n",  # no [tool.mpguard]: passed over
        "plain/b.py": LAMBDA,
    })
    monkeypatch.chdir(tmp_path)
    assert checked(capsys, ".") == [("plain/b.py", "MP201"), ("top.py", "MP201")]
    monkeypatch.chdir(tmp_path / "inner")
    assert checked(capsys, str(tmp_path)) == [(f"{tmp_path.as_posix()}/plain/b.py", "MP201"),
                                             (f"{tmp_path.as_posix()}/top.py", "MP201")]


def test_mpguard_toml_takes_precedence_over_pyproject(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"pyproject.toml": "[tool.mpguard]\nignore = []\n", "mpguard.toml": "ignore = ['MP2']\n",
                     "bad.py": LAMBDA})
    monkeypatch.chdir(tmp_path)
    assert checked(capsys, ".") == []
    (tmp_path / ".mpguard.toml").write_text("ignore = ['MP4']\n")
    assert checked(capsys, ".") == [("bad.py", "MP201")]
    assert config.find_config(tmp_path / "bad.py") == tmp_path / ".mpguard.toml"


def test_mpguard_toml_reads_requires_python_of_the_pyproject_beside_it(tmp_path):
    write(tmp_path, {"pyproject.toml": "[project]\nrequires-python = '>=3.12'\n", "mpguard.toml": "targets = ['linux']\n",
                     "a.py": CLEAN})
    resolved = resolve(tmp_path / "a.py")
    assert resolved.config.path == tmp_path / "mpguard.toml"
    assert resolved.settings.targets.min_version == (3, 12) and resolved.settings.targets.platforms == {"linux"}


def test_exclude_extend_exclude_and_per_file_ignores(tmp_path, monkeypatch, capsys):
    write(tmp_path, {
        "pyproject.toml": """
            [tool.mpguard]
            extend-exclude = ["generated", "/only_top.py"]
            [tool.mpguard.per-file-ignores]
            "tests/**" = ["MP201"]
            "scripts/*.py" = ["MP2"]
        """,
        "a.py": LAMBDA, "only_top.py": LAMBDA, "pkg/only_top.py": LAMBDA, "generated/g.py": LAMBDA,
        "pkg/generated/g.py": LAMBDA, "tests/deep/t.py": LAMBDA, "scripts/s.py": LAMBDA,
        "scripts/sub/s.py": LAMBDA, "nb/.ipynb_checkpoints/x.py": LAMBDA, "build/b.py": LAMBDA,
    })
    monkeypatch.chdir(tmp_path)
    assert checked(capsys, ".") == [("a.py", "MP201"), ("pkg/only_top.py", "MP201"), ("scripts/sub/s.py", "MP201")]
    # named on the command line: checked anyway, unless --force-exclude
    assert checked(capsys, "generated/g.py") == [("generated/g.py", "MP201")]
    assert checked(capsys, "--force-exclude", "generated/g.py") == []
    # `exclude` replaces the default list (.ipynb_checkpoints is in it); `extend-exclude` still applies
    assert checked(capsys, "--exclude", "only_top.py,scripts", ".") == [("a.py", "MP201"),
                                                                          ("nb/.ipynb_checkpoints/x.py", "MP201")]
    assert checked(capsys, "--per-file-ignores", "a.py:MP201", "a.py") == []


def test_extend_select_and_config_overrides(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"pyproject.toml": "[tool.mpguard]\nselect = ['MP4']\n", "bad.py": LAMBDA,
                     "unguarded.py": UNGUARDED})
    monkeypatch.chdir(tmp_path)
    assert checked(capsys, ".") == []
    assert checked(capsys, "--extend-select", "MP2", ".") == [("bad.py", "MP201")]
    assert checked(capsys, "--config", "extend-select = ['MP1']", ".") == [("unguarded.py", "MP101")]
    assert checked(capsys, "--config", "select=MP1,MP2", ".") == [("bad.py", "MP201"), ("unguarded.py", "MP101")]
    assert checked(capsys, "--config", 'severity.MP201 = "hint"', "--config", "select=ALL", "bad.py") == [
        ("bad.py", "MP201")]
    code, _, err = run(capsys, "check", "--config", "nonsense = 1", "bad.py")
    assert code == 2 and "unknown setting 'nonsense'" in err
    # --config FILE: that file and no other
    (tmp_path / "other.toml").write_text("select = ['MP2']\n")
    assert checked(capsys, "--config", "other.toml", ".") == [("bad.py", "MP201")]
    code, _, err = run(capsys, "check", "--config", "missing.toml", ".")
    assert code == 2 and "no such config file" in err


def test_config_override_reads_versions_as_text(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(CLEAN)
    code, out, _ = run(capsys, "check", "--config", "python-version=3.10", "--show-settings", "a.py")
    assert code == 0 and 'python-version = "3.10-3.10"' in out
    assert config.parse_override("python-version = 3.10") == {"python-version": "3.10"}
    assert config.parse_override('severity.MP201 = "hint"') == {"severity": {"MP201": "hint"}}


def test_show_settings_and_show_files(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"pyproject.toml": "[project]\nrequires-python = '>=3.10'\n[tool.mpguard]\ntargets = ['linux']\n"
                                       "[tool.mpguard.per-file-ignores]\n'a.py' = ['MP201']\n",
                     "a.py": LAMBDA, "b.py": LAMBDA, ".venv/lib/x.py": LAMBDA, "sub/c.ipynb": "{}"})
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "--show-settings", "a.py")
    assert code == 0
    assert f"configuration file: {tmp_path / 'pyproject.toml'}" in out
    assert 'targets = ["linux"]' in out and 'python-version = "3.10-3.14"' in out and 'ignore = ["MP201"]' in out
    assert 'ignore = []' in run(capsys, "check", "--show-settings", "b.py")[1]
    code, out, _ = run(capsys, "check", "--show-files", ".")
    assert code == 0 and out.split() == ["a.py", "b.py", str(Path("sub/c.ipynb"))]


def test_gitignore_is_respected(tmp_path, monkeypatch, capsys):
    write(tmp_path, {
        ".gitignore": "# comment\n*.gen.py\n/anchored.py\nout/\n!keep.gen.py\nlogs\n",
        "a.py": LAMBDA, "x.gen.py": LAMBDA, "keep.gen.py": LAMBDA, "anchored.py": LAMBDA,
        "pkg/anchored.py": LAMBDA, "out/o.py": LAMBDA, "pkg/out/o.py": LAMBDA, "logs/l.py": LAMBDA,
        "pkg/.gitignore": "!x.gen.py\nsecret.py\n", "pkg/x.gen.py": LAMBDA, "pkg/secret.py": LAMBDA,
        "out.py": LAMBDA,
    })
    (tmp_path / "outfile").write_text("")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "--show-files", ".")
    assert sorted(Path(p).as_posix() for p in out.split()) == [
        "a.py", "keep.gen.py", "out.py", "pkg/anchored.py", "pkg/x.gen.py"]
    code, out, _ = run(capsys, "check", "--show-files", "--no-respect-gitignore", ".")
    assert len(out.split()) == 11
    (tmp_path / "pyproject.toml").write_text("[tool.mpguard]\nrespect-gitignore = false\n")
    assert len(run(capsys, "check", "--show-files", ".")[1].split()) == 11


def test_gitignore_in_a_repository_reaches_up_to_its_root(tmp_path):
    write(tmp_path, {".gitignore": "vendor/\n", "src/vendor/v.py": "", "src/ok.py": ""})
    (tmp_path / ".git").mkdir()
    ignore = GitIgnore()
    assert ignore.ignored(tmp_path / "src/vendor/v.py", tmp_path / "src")
    assert not ignore.ignored(tmp_path / "src/ok.py", tmp_path / "src")
    (tmp_path / ".git/info").mkdir()
    (tmp_path / ".git/info/exclude").write_text("ok.py\n")
    assert GitIgnore().ignored(tmp_path / "src/ok.py")


def test_gitignore_parsing_and_globs():
    rules = parse_gitignore("# c\n\n\\#hash\n\\!bang\n!neg\ntrail   \nesc\\ \n/\n")
    assert [(r.pattern, r.negate) for r in rules] == [("#hash", False), ("!bang", False), ("neg", True),
                                                        ("trail", False), ("esc\\ ", False)]
    def m(pattern, path):
        return bool(glob_regex(pattern)[0].match(path))
    assert m("*.py", "a/b/c.py") and not m("/*.py", "a/c.py") and m("/*.py", "c.py")
    assert m("a/**/z", "a/z") and m("a/**/z", "a/b/c/z") and m("**/z", "q/z") and m("a/**", "a/b/c")
    assert m("doc/*.txt", "doc/x.txt") and not m("doc/*.txt", "doc/sub/x.txt")
    assert m("[!a]b", "cb") and not m("[!a]b", "ab") and m("f?o", "fxo") and not m("f?o", "f/o")
    assert glob_regex("out/")[1] and not glob_regex("out")[1]
    base = Path("/p")
    assert path_matches("/p/tests/deep/t.py", base, "tests") and not path_matches("/p/x/t.py", base, "/t")
    assert path_matches("/elsewhere/t.py", base, "t.py")


def test_editor_and_command_line_resolve_the_same_settings(tmp_path):
    write(tmp_path, {"proj/pyproject.toml": "[tool.mpguard]\ntargets = ['windows']\n"
                                            "[tool.mpguard.per-file-ignores]\n'tests/*' = ['MP3']\n",
                     "proj/tests/t.py": CLEAN, "proj/a.py": CLEAN})
    store = SettingsStore(lambda message: None)
    for name in ("proj/tests/t.py", "proj/a.py"):
        path = tmp_path / name
        from_editor = store.for_path(str(path), str(tmp_path))
        from_cli = Selection(fallback=tmp_path).resolved(path).settings
        assert from_editor == from_cli
    assert store.for_path(str(tmp_path / "proj/tests/t.py")).ignore == ("MP3",)
    assert store.for_path(str(tmp_path / "proj/a.py")).targets.platforms == {"windows"}


# ---------------------------------------------------------------------------------------------------------
# 4. Output


def test_fix_honours_the_output_format(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.py").write_text(UNGUARDED)
    (tmp_path / "left.py").write_text(LAMBDA.replace("lambda x: x * 2", "(lambda x: x)"))
    code, out, err = run(capsys, "check", "--fix", "--output-format", "json", "g.py")
    assert code == 0 and json.loads(out) == [] and "fixed 1 finding(s)" in err
    code, out, err = run(capsys, "check", "--fix", "--output-format", "json-lines", ".")
    lines = [json.loads(line) for line in out.splitlines()]
    assert all(item["filename"] == "left.py" for item in lines) and code == (1 if lines else 0)


def test_diff_exits_1_when_fixes_are_pending_and_prints_only_the_diff(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.py").write_text(UNGUARDED)
    (tmp_path / "clean.py").write_text(CLEAN)
    code, out, err = run(capsys, "check", "--diff", ".")
    assert code == 1
    assert out.startswith("--- a/g.py\n+++ b/g.py\n") and "MP101" not in out and "would fix 1" in err
    assert (tmp_path / "g.py").read_text() == UNGUARDED
    code, out, _ = run(capsys, "check", "--diff", "clean.py")
    assert code == 0 and out == ""
    assert run(capsys, "check", "--diff", "--exit-zero", "g.py")[0] == 0


def test_diff_on_stdin_exit_code(tmp_path):
    command = [sys.executable, "-m", "mpguard", "check", "--diff", "-", "--stdin-filename", "s.py"]
    proc = subprocess.run(command, input=UNGUARDED, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 1 and proc.stdout.startswith("--- a/s.py")
    proc = subprocess.run(command, input=CLEAN, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0 and proc.stdout == ""


def test_a_closed_pipe_ends_quietly(tmp_path):
    """More output than a pipe holds (long names make long lines), and the reader leaves after one line."""
    folder = tmp_path / ("d" * 200) / ("e" * 200)
    folder.mkdir(parents=True)
    body = "".join(f"        pool.map(lambda x: x + {i}, [1])\n" for i in range(200))
    (folder / "many.py").write_text("import multiprocessing\nif __name__ == '__main__':\n"
                                    "    with multiprocessing.Pool(2) as pool:\n" + body)
    proc = subprocess.Popen([sys.executable, "-m", "mpguard", "check", "."], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert first.startswith(b"ddd") and b"many.py:" in first
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err
    proc = subprocess.run(f"'{sys.executable}' -m mpguard check . | head -1", shell=True, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.stdout.startswith("ddd") and "Traceback" not in proc.stderr and "Exception" not in proc.stderr


@pytest.mark.parametrize("jobs", ["0", "-1", "x"])
def test_jobs_must_be_positive(tmp_path, monkeypatch, capsys, jobs):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        main(["check", "--jobs", jobs, "."])
    assert exc.value.code == 2
    assert "jobs" in capsys.readouterr().err


def test_sarif_uris_are_valid_uri_references(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"my dir/a b#1%.py": LAMBDA})
    code, out, _ = run(capsys, "check", "--output-format", "sarif", ".")
    run_ = json.loads(out)["runs"][0]
    location = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "my%20dir/a%20b%231%25.py", "uriBaseId": "%SRCROOT%"}
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    assert file_uri("c:x.py") == "c%3Ax.py"  # not a scheme
    assert file_uri(str(tmp_path / "a b.py")) == (tmp_path / "a b.py").as_uri()
    code, out, _ = run(capsys, "check", "--output-format", "sarif", str(tmp_path))
    uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and "%20" in uri


@pytest.mark.skipif(sys.platform == "win32", reason="a line break in a file name")
def test_github_output_cannot_be_injected(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    name = "x\n::error file=evil.py,line=1::pwned,%0A.py"
    (tmp_path / name).write_text(LAMBDA)
    code, out, _ = run(capsys, "check", "--output-format", "github", ".")
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error title=mpguard (MP201),file=x%0A%3A%3Aerror file=evil.py%2C")
    assert "%250A" in lines[0]
    assert escape_property("a:b,c%\r\n") == "a%3Ab%2Cc%25%0D%0A"
    assert render("github", []) == ""


def test_concise_json_lines_and_the_fixable_hint(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.py").write_text(LAMBDA)
    (tmp_path / "g.py").write_text(UNGUARDED)
    code, out, err = run(capsys, "check", "--output-format", "concise", ".")
    assert code == 1 and out.splitlines()[0] == ("bad.py:5:15: MP201 [*] " + out.splitlines()[0].split(" [*] ", 1)[1])
    assert "breaks on" not in out
    assert "Found 2 findings in 2 files." in out and "[*] 2 fixable with the `--fix` option." in out
    code, out, _ = run(capsys, "check", "--output-format", "json-lines", ".")
    assert [json.loads(line)["code"] for line in out.splitlines()] == ["MP201", "MP101"]
    code, out, err = run(capsys, "check", "-q", ".")
    assert err == ""


def test_the_git_root_of_every_folder_of_a_run_is_looked_up_once(tmp_path):
    """`cli.selection._git_root` with the answers of a run: the same as looking each folder up alone, and
    the folders between a file and its work tree's root are not asked again."""
    from mpguard.cli.selection import _git_root

    (tmp_path / "repo" / ".git").mkdir(parents=True)
    deep = tmp_path / "repo" / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "loose" / "c").mkdir(parents=True)
    known: dict = {}
    for folder in (deep, deep.parent, tmp_path / "repo", tmp_path / "loose" / "c", tmp_path / "loose"):
        assert _git_root(folder, known) == _git_root(folder)
    assert known[deep] == known[deep.parent] == tmp_path / "repo"
    assert known[tmp_path / "loose"] is None and tmp_path in known


def test_exclusions_are_matched_once_per_base_with_the_same_verdicts(tmp_path):
    from mpguard.config import Config

    config = Config(path=tmp_path / "pyproject.toml", extend_exclude=((tmp_path / "sub", "gen/"), (None, "*_pb2.py")))
    cases = {"a.py": False, ".git/x.py": True, "build/x.py": True, "pkg/m_pb2.py": True, "sub/gen/x.py": True,
             "gen/x.py": False, "sub/gen.py": False, "pkg/build.py": False}
    for relative, verdict in cases.items():
        assert config.excluded(tmp_path / relative) == verdict, relative
