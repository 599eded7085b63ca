"""MP302's restoring fix for a class attribute the parent sets (`Endpoint.base = args.api_base`) that the children
read through a classmethod (`cls.base` in `Endpoint.url_for`): the pool's initializer assigns it in each worker
(fresh_realistic5 uploader_class_attr_set_in_main). Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program, state_dispatch_copy
from mpguard.fixes.apply import fix_all, parses
from mpguard.linter.analyze import analyze

SOURCE = '''import multiprocessing as mp
import sys


class Endpoint:
    base = "https://default.invalid"

    @classmethod
    def url_for(cls, name):
        return f"{cls.base}/upload/{name}"


def upload(name):
    return Endpoint.url_for(name)


def main(base):
    Endpoint.base = base
    with mp.Pool(2) as pool:
        sent = pool.map(upload, ["a", "b"])
    print("RESULT=" + ",".join(sent))
    return 0 if all(url.startswith(base) for url in sent) else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "https://api.test"))
'''


def fixed(text):
    return fix_all(text, lambda t: analyze(t, "case.py").findings, unsafe=True)[0]


def test_the_initializer_restores_the_class_attribute():
    [finding] = [f for f in analyze(SOURCE, "case.py").findings if f.code == "MP302" and not state_dispatch_copy(f)]
    assert finding.fix is not None
    out = fixed(SOURCE)
    assert parses(out)
    assert "def _restore_Endpoint_base(value):\n    Endpoint.base = value\n" in out
    assert "    with mp.Pool(2, initializer=_restore_Endpoint_base, initargs=(Endpoint.base,)) as pool:\n" in out
    assert [f.code for f in analyze(out, "case.py").findings] == []


def test_a_classmethod_of_another_class_is_not_a_reader():
    from mpguard.fixes.state import _reads
    import ast

    tree = ast.parse(SOURCE)
    url_for = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "url_for")

    class Ctx:
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    Ctx.tree = tree
    assert _reads(Ctx, url_for, "Endpoint", "base")
    assert not _reads(Ctx, url_for, "Other", "base")
    assert not _reads(Ctx, url_for, "Endpoint", "timeout")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = tmp_path / "prog.py"
    path.write_text(SOURCE)
    before = run_program(path, method, timeout=120)
    assert before.returncode == (0 if method == "fork" else 3), before.stderr
    path.write_text(fixed(SOURCE))
    after = run_program(path, method, timeout=120)
    assert after.returncode == 0 and "RESULT=https://api.test/upload/a,https://api.test/upload/b" in after.stdout, \
        after.stderr
