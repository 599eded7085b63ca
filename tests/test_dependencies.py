"""Issue 15, "Dependencies only where they are used": `mpguard check` of a single-file script, in every
output format, with `--fix`, `--add-noqa`, and `mpguard rule`, never imports the language server's libraries
(pygls, lsprotocol, and what they bring: attrs, cattrs) nor jedi (and parso); they are imported by `mpguard
server` and, for jedi, only when a value that reaches a child cannot be placed from the project's source.
Each case runs in a fresh interpreter, once watching sys.modules and once with those libraries made
unimportable."""
import json
import subprocess
import sys
import textwrap

import pytest

from test_notebooks import DEMO

HEAVY = ("pygls", "lsprotocol", "jedi", "parso", "cattrs", "attrs")
SCRIPT = textwrap.dedent("""\
    import json
    import multiprocessing
    from os.path import basename


    def work(x):
        return x


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(lambda x: x * 2, range(4)))
            print(pool.map(json.dumps, [1]))
            print(pool.map(basename, ["a/b"]))
            print(pool.map(work, [1]))
""")

PROBE = textwrap.dedent("""\
    import json, sys
    HEAVY = {heavy!r}
    if {block!r}:
        class Blocker:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in HEAVY:
                    raise ImportError(f"{{name}} is not installed (blocked by the test)")
        sys.meta_path.insert(0, Blocker())
    from mpguard.cli import main
    try:
        code = main({argv!r})
    except SystemExit as exc:
        code = exc.code
    print(json.dumps({{"code": code, "imported": sorted({{m.split(".")[0] for m in sys.modules}} & set(HEAVY))}}),
          file=sys.stderr)
""")

CASES = {
    "full": ["check", "script.py"],
    "concise": ["check", "--output-format", "concise", "script.py"],
    "sarif": ["check", "--output-format", "sarif", "script.py"],
    "gitlab": ["check", "--output-format", "gitlab", "script.py"],
    "junit": ["check", "--output-format", "junit", "script.py"],
    "json": ["check", "--output-format", "json", "script.py", "demo.ipynb"],
    "diff": ["check", "--diff", "script.py"],
    "statistics": ["check", "--statistics", "."],
    "rule": ["rule", "MP201"],
    "rules": ["rule", "--all"],
}


def probe(tmp_path, argv, block: bool) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY, block=block, argv=argv)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    return json.loads(proc.stderr.strip().splitlines()[-1])


@pytest.fixture
def project(tmp_path):
    (tmp_path / "script.py").write_text(SCRIPT)
    (tmp_path / "demo.ipynb").write_text(DEMO)
    return tmp_path


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_never_imports_the_server_or_jedi(project, case):
    watched = probe(project, CASES[case], block=False)
    assert watched["imported"] == [], f"{case} imported {watched['imported']}"
    assert watched["code"] in (0, 1)
    blocked = probe(project, CASES[case], block=True)
    assert blocked == watched  # the same outcome without them installed


def test_fix_and_add_noqa_without_them(project):
    assert probe(project, ["check", "--fix", "-q", "script.py"], block=True) == {"code": 0, "imported": []}
    assert "lambda" not in (project / "script.py").read_text()
    (project / "script.py").write_text(SCRIPT)
    assert probe(project, ["check", "--add-noqa", "script.py"], block=True) == {"code": 0, "imported": []}
    assert "# noqa: MP201" in (project / "script.py").read_text()


def test_the_probe_sees_them_when_they_are_imported(project):
    """Not a vacuous test: the same probe reports the server's libraries once the server module loads."""
    proc = subprocess.run([sys.executable, "-c", "import sys, mpguard.lsp.server, mpguard.resolve.jedi_resolver as j; "
                           "j._safe_jedi(); print(sorted({m.split('.')[0] for m in sys.modules} & set(%r)))" % (HEAVY,)],
                          cwd=project, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert {"pygls", "lsprotocol", "jedi", "parso"} <= set(eval(proc.stdout))
