"""MP201's lambda fix when several lambdas share one row (`{"square": lambda v: v * v, "neg": lambda v: -v}`):
symtable names both `lambda` on that row, so the fix used to give up. When their tables agree on every
symbol, either one answers the fix's questions exactly; each lambda becomes a module-level def named after
its key. Two lambdas on one row that capture different names stay ambiguous: no fix. The fixed program is
run under fork, spawn and forkserver (fresh_libs3 joblib_mp_backend_lambda_from_config, bayesmark #8)."""
import ast
import sys

import pytest

from helpers import run_in_session

from mpguard.fixes.apply import fix_all
from mpguard.linter.analyze import analyze
from mpguard.text.findings import Applicability

SOURCE = '''import multiprocessing

CONFIG = {"procs": 2, "transforms": {"square": lambda v: v * v, "neg": lambda v: -v}}


def run(cfg, name, values):
    fn = cfg["transforms"][name]
    with multiprocessing.Pool(cfg["procs"]) as pool:
        return pool.map(fn, values)


if __name__ == "__main__":
    multiprocessing.set_start_method(METHOD)
    print("RESULT=" + ",".join(map(str, run(CONFIG, "square", [1, 2, 3]))))
'''

FIXED = '''import multiprocessing


def _square(v):
    return v * v


def _neg(v):
    return -v


CONFIG = {"procs": 2, "transforms": {"square": _square, "neg": _neg}}
'''


def findings(text):
    return analyze(text, "case.py").findings


def test_lambdas_on_one_row_become_defs_named_after_their_keys():
    source = SOURCE.replace("METHOD", '"spawn"')
    [finding] = findings(source)
    assert finding.code == "MP201" and finding.fix is not None
    assert finding.fix.applicability is Applicability.SAFE
    text = fix_all(source, findings, unsafe=False)[0]
    ast.parse(text)
    assert text.startswith(FIXED)
    assert findings(text) == []


def test_lambdas_on_one_row_that_capture_different_names_get_no_fix():
    source = '''import multiprocessing


def run(k, values):
    fns = {"scale": lambda v: v * k, "neg": lambda v: -v}
    with multiprocessing.Pool(2) as pool:
        return pool.map(fns["scale"], values)


if __name__ == "__main__":
    print(run(3, [1, 2]))
'''
    found = [f for f in findings(source) if f.code == "MP201"]
    assert found and all(f.fix is None for f in found)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_the_fixed_program_runs(tmp_path, method):
    source = SOURCE.replace("METHOD", repr(method))
    broken = tmp_path / "broken.py"
    broken.write_text(source)
    before = run_in_session([sys.executable, str(broken)], text=True, timeout=120)
    assert before.returncode != 0 and "RESULT=" not in before.stdout
    script = tmp_path / "case.py"
    script.write_text(fix_all(source, findings, unsafe=False)[0])
    after = run_in_session([sys.executable, str(script)], text=True, timeout=120)
    assert after.returncode == 0, after.stderr
    assert after.stdout.strip() == "RESULT=1,4,9"
