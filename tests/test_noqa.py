"""Suppression comments (issue 15): MP003 reports the ones that silence nothing, as ruff's RUF100, with a
safe fix; `mpguard check --add-noqa` silences every finding, merging into the comments already there."""
import json
import textwrap

import pytest

from mpguard.cli import main
from mpguard.linter.analyze import analyze
from mpguard.linter.incremental import reanalyze
from mpguard.linter.noqa import add_noqa
from mpguard.linter.settings import Settings

ON = Settings(select=("MP", "MP003"))
HEAD = textwrap.dedent("""\
    import multiprocessing


    def work(n):
        return n * n


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
""")


def unused(body: str, settings=ON) -> list:
    result = analyze(HEAD + textwrap.indent(textwrap.dedent(body), " " * 8), "m.py", settings)
    return [(f.start.row - 9, f.start.column, f.message) for f in result.findings if f.code == "MP003"]


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_unused_codes_and_unknown_codes_are_reported():
    assert unused("""\
        pool.map(work, [1])  # noqa: MP201
        pool.map(lambda x: x, [1])  # noqa: MP201, MP299
        pool.map(work, [1])  # mpguard: ignore[MP201]
        pool.map(work, [1])  # mpguard: ignore
    """) == [(1, 29, "unused suppression (unused: MP201)"),
             (2, 36, "unused suppression (unknown: MP299)"),
             (3, 29, "unused suppression (unused: MP201)"),
             (4, 29, "unused `mpguard: ignore` directive: nothing to silence here")]


def test_what_is_not_ours_or_may_serve_elsewhere_is_left_alone():
    assert unused("""\
        pool.map(work, [1])  # noqa
        pool.map(work, [1])  # noqa: E501
        pool.map(lambda x: x, [1])  # noqa: MP201, E501
        pool.map(lambda x: x, [1])  # mpguard: ignore
        pool.map(work, [1])  # noqa: MP403
        pool.map(work, [1])  # noqa: MP201, MP003
        s = "# noqa: MP201"
    """) == []  # a bare noqa, other linters' codes, used ones, a rule outside the set, MP003 itself, a string


def test_off_by_default_and_selectable_by_its_code():
    body = "pool.map(work, [1])  # noqa: MP201\n"
    assert unused(body, Settings()) == [] and unused(body, Settings(select=("MP",))) == []
    assert unused(body, Settings(select=("MP0", "MP2"))) and unused(body, ON)  # a narrow prefix turns it on
    assert unused(body, Settings(select=("MP", "MP003"), ignore=("MP201",))) == []  # MP201 is not enabled


def test_the_codes_off_by_default_are_the_rules_that_say_so():
    """`registry.OFF_BY_DEFAULT` is read without importing the rules (issue 16: a one-file check of a file that
    reaches no process imports none of them); every code in it is a rule outside the default set."""
    import subprocess
    import sys

    from mpguard.rules.registry import OFF_BY_DEFAULT, all_rules

    assert OFF_BY_DEFAULT == {rule.code for rule in all_rules() if not rule.default_enabled}
    probe = ("import sys; from mpguard.linter.analyze import analyze; from mpguard.linter.settings import Settings; "
             "assert [f.code for f in analyze('x = 1  # noqa: MP201\\n', 'm.py', Settings(select=('MP',))).findings] "
             "== []; print(sorted(m for m in sys.modules if m.startswith('mpguard.rules.') and m != 'mpguard.rules.registry'))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_file_without_multiprocessing_still_has_its_comments_judged():
    result = analyze("x = 1  # noqa: MP201\n", "m.py", ON)
    assert [f.code for f in result.findings] == ["MP003"]


def test_the_fix_removes_what_silences_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    body = textwrap.indent(textwrap.dedent("""\
        pool.map(work, [1])  # noqa: MP201
        pool.map(work, [1])  # noqa: E501, MP201
        pool.map(lambda x: x, [1])  # noqa: MP201, MP299
        pool.map(work, [1])  # mpguard: ignore  # and why
        pool.map(work, [1])  # mpguard: ignore[MP201]
    """), " " * 8)
    (tmp_path / "m.py").write_text(HEAD + body)
    code, out, err = run(capsys, "check", "--extend-select", "MP003", "--fix", "--output-format", "json", "m.py")
    assert code == 0 and json.loads(out) == [], err
    assert (tmp_path / "m.py").read_text() == HEAD + textwrap.indent(textwrap.dedent("""\
        pool.map(work, [1])
        pool.map(work, [1])  # noqa: E501
        pool.map(lambda x: x, [1])  # noqa: MP201
        pool.map(work, [1])  # and why
        pool.map(work, [1])
    """), " " * 8)


def test_editing_a_comment_updates_the_report_incrementally():
    text = HEAD + "        pool.map(work, [1])\n"
    before = analyze(text, "m.py", ON, keep_state=True)
    assert not before.findings
    edited = text.replace("[1])\n", "[1])  # noqa: MP201\n")
    after = reanalyze(before.state, edited, ON, "m.py")
    assert after is not None
    assert [(f.code, f.start) for f in after.findings] == [(f.code, f.start) for f in
                                                            analyze(edited, "m.py", ON).findings]
    assert [f.code for f in after.findings] == ["MP003"]


# ---------------------------------------------------------------------------------------------------------
# --add-noqa


PROGRAM = textwrap.dedent('''\
    import multiprocessing
    from multiprocessing import Pool

    LIMIT = 0


    def work(x):
        return x < LIMIT


    def main():
        with Pool(2) as pool:
            pool.map(lambda x: x, [1])  # noqa: E501
            pool.map(lambda x: x, [2])  # mpguard: ignore[MP999]
            pool.map(lambda y: y, [3]); pool.map(lambda z: z, [4])
            pool.starmap(lambda a, b: a, [("""x
    y""", 1)])
            pool.map(work, \\
                     [lambda: 1])


    if __name__ == "__main__":
        LIMIT = 2
        main()
''')


def test_add_noqa_silences_every_finding_and_merges_comments(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "p.py"
    path.write_bytes(PROGRAM.replace("\n", "\r\n").encode())
    before = json.loads(run(capsys, "check", "--output-format", "json", "p.py")[1])
    assert len(before) >= 6
    code, out, err = run(capsys, "check", "--add-noqa", "p.py")
    assert code == 0 and out == ""
    text = path.read_bytes().decode()
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")  # the line endings are kept
    lines = text.split("\r\n")
    assert lines[12].endswith("pool.map(lambda x: x, [1])  # noqa: E501, MP201")
    assert lines[13].endswith("# mpguard: ignore[MP999, MP201]")
    assert lines[14].endswith("pool.map(lambda z: z, [4])  # noqa: MP201")  # two findings, one code
    assert lines[15].endswith('[("""x') and lines[16].endswith('1)])  # noqa: MP201')  # not inside the string
    # not before a continuation; MP302 too: `work` reads LIMIT, which the main block sets (rules/state_dispatch)
    assert lines[17].endswith("\\") and lines[18].endswith("  # noqa: MP201, MP302")
    assert err == f"Added {sum(line.count('MP') for line in lines) - 1} noqa directives.\n"
    # nothing is left, no comment is unused, and a second run adds nothing
    assert run(capsys, "check", "--output-format", "json", "p.py")[1].strip() == "[]"
    left = json.loads(run(capsys, "check", "--extend-select", "MP003", "--output-format", "json", "p.py")[1])
    assert [(i["code"], i["location"]["row"]) for i in left] == [("MP003", 14)]  # only the unknown code
    assert "unknown: MP999" in left[0]["message"]
    assert run(capsys, "check", "--add-noqa", "p.py")[2] == "Added 0 noqa directives.\n"
    assert path.read_bytes().decode() == text


def test_add_noqa_is_a_usage_error_with_fix_or_stdin(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.py").write_text(PROGRAM)
    for extra in (["--fix", "p.py"], ["--diff", "p.py"], ["-"]):
        code, _, err = run(capsys, "check", "--add-noqa", *extra)
        assert code == 2 and "--add-noqa" in err


@pytest.mark.parametrize("line, codes, expected", [
    ("x = f()", ["MP201"], "x = f()  # noqa: MP201"),
    ("x = f()  # noqa", ["MP201"], "x = f()  # noqa"),
    ("x = f()  # noqa:MP201", ["MP201", "MP301"], "x = f()  # noqa:MP201, MP301"),
    ("x = f()  # why  # noqa: E501 trailing words", ["MP201"], "x = f()  # why  # noqa: E501, MP201 trailing words"),
])
def test_add_noqa_on_one_line(line, codes, expected):
    class F:
        def __init__(self, code):
            from mpguard.text.findings import Position

            self.code, self.start, self.end = code, Position(1, 0), Position(1, 3)

    assert add_noqa(line + "\n", [F(c) for c in codes])[0] == expected + "\n"
