"""Fixes for a lambda or a nested function that an object keeps (fresh_reports20's tinypilot #1343 and lava #193,
fresh_libs11's pyungo #10): the callable is lifted to module level (fixes/lift.py), where pickle finds it by name,
and the object keeps the same callable.

* a nested function given to a Process subclass of another project module, which keeps it in `self`
  (rules/imported_process._kept_fix): SAFE without captured variables, UNSAFE with them (functools.partial);
* a lambda that is the default of a constructor parameter stored in a field (fixes/lambda_field.py), named after
  the parameter (`_transform`);
* lambdas given to another module's class that keeps them (the pickler now names the lambda as the problem's
  origin: semantic/pickled_imports._built_with).
Near misses: a module-level function kept by the object, or given as the default, is silent; a field that may
hold either of two lambdas gets both lifted, one per round. Proven under fork, spawn and forkserver."""
from __future__ import annotations

import textwrap

import pytest
from helpers import found, run_program
from mpguard.fixes.apply import fix_all, parses
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings
from mpguard.text.findings import Applicability

WORKER = '''import multiprocessing


class Worker(multiprocessing.Process):
    def __init__(self, job, out):
        super().__init__()
        self.job = job
        self.out = out

    def run(self):
        self.out.put(self.job())
'''

STEP = '''class Step:
    def __init__(self, fn, arg):
        self.fn = fn
        self.arg = arg


def run_step(step):
    return step.fn(step.arg)
'''

NESTED = '''import multiprocessing
import sys

from kit.worker import Worker


class Checks:
    def first(self, out):
        def job():
            return 40

        w = Worker(job, out)
        w.start()
        return w

    def second(self, out, extra):
        def job():
            return extra

        w = Worker(job, out)
        w.start()
        return w


def main():
    out = multiprocessing.Queue()
    procs = [Checks().first(out), Checks().second(out, 2)]
    total = sum(out.get(timeout=60) for _ in procs)
    for p in procs:
        p.join()
    print("RESULT=%d" % total)
    return 0 if total == 42 else 3


if __name__ == "__main__":
    sys.exit(main())
'''

STEPS = '''import sys
from multiprocessing import Pool

from kit.step import Step, run_step


def plan():
    return [Step(lambda x: x + 1, 1), Step(lambda x: x * 10, 4)]


if __name__ == "__main__":
    with Pool(2) as pool:
        total = sum(pool.map(run_step, plan()))
    print("RESULT=%d" % total)
    sys.exit(0 if total == 42 else 3)
'''

DEFAULT = textwrap.dedent('''
    import multiprocessing
    import sys


    class Scaled:
        def __init__(self, values, transform=lambda v: v * 2):
            self.values = values
            self.transform = transform

        def total(self):
            return sum(self.transform(v) for v in self.values)


    def work(data, out):
        out.put(data.total())


    def main():
        out = multiprocessing.Queue()
        p = multiprocessing.Process(target=work, args=(Scaled([1, 20]), out))
        p.start()
        total = out.get(timeout=60)
        p.join()
        print("RESULT=%d" % total)
        return 0 if total == 42 else 3


    if __name__ == "__main__":
        sys.exit(main())
''')


def project(tmp_path, main: str):
    (tmp_path / "kit").mkdir(exist_ok=True)
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "worker.py").write_text(WORKER)
    (tmp_path / "kit" / "step.py").write_text(STEP)
    path = tmp_path / "main.py"
    path.write_text(main)
    return path


def checker(path, code):
    def check(text):
        path.write_text(text)
        return [f for f in analyze_path(path, Settings(), project_root=path.parent).findings if f.code == code]
    return check


def fixed(path, text, code):
    out, _ = fix_all(text, checker(path, code), unsafe=True)
    path.write_text(out)
    return out


def test_a_nested_target_kept_by_another_modules_process_is_lifted(tmp_path):
    path = project(tmp_path, NESTED)
    findings = checker(path, "MP201")(NESTED)
    assert len(findings) == 2 and all(f.fix is not None for f in findings)
    assert {f.fix.applicability for f in findings} == {Applicability.SAFE, Applicability.UNSAFE}
    out = fixed(path, NESTED, "MP201")
    assert parses(out)
    assert "\ndef job():\n    return 40\n" in out and "def _job(extra):\n    return extra\n" in out
    assert "        job = functools.partial(_job, extra)\n" in out
    assert checker(path, "MP201")(out) == []


def test_a_module_level_job_is_silent(tmp_path):
    main = NESTED.replace("        def job():\n            return 40\n\n", "").replace(
        "class Checks:", "def job():\n    return 40\n\n\nclass Checks:")
    path = project(tmp_path, main)
    assert len(checker(path, "MP201")(main)) == 1  # the second method's closure only


def test_lambdas_given_to_another_modules_class_are_lifted(tmp_path):
    path = project(tmp_path, STEPS)
    findings = checker(path, "MP203")(STEPS)
    assert findings and all(f.fix is not None for f in findings)
    out = fixed(path, STEPS, "MP203")
    assert parses(out)
    assert "def _task(x):\n    return x + 1\n" in out and "Step(_task, 1)" in out and "Step(_task_2, 4)" in out
    assert checker(path, "MP203")(out) == []


def test_a_lambda_default_kept_in_a_field_is_named_after_its_parameter():
    [finding] = found(DEFAULT, "MP203")
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    out, _ = fix_all(DEFAULT, lambda text: found(text, "MP203"))
    assert "def _transform(v):\n    return v * 2\n" in out
    assert "def __init__(self, values, transform=_transform):" in out
    assert found(out, "MP203") == []


def test_a_field_holding_either_of_two_lambdas_gets_both_lifted():
    src = DEFAULT.replace("            self.transform = transform\n",
                          "            self.transform = transform\n            if not values:\n"
                          "                self.transform = lambda v: 0\n")
    out, _ = fix_all(src, lambda text: found(text, "MP203"))
    assert parses(out) and "lambda" not in out
    assert found(out, "MP203") == []


def test_a_module_level_default_is_silent():
    src = DEFAULT.replace("transform=lambda v: v * 2", "transform=abs")
    assert found(src, "MP203") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    nested = tmp_path / "nested"
    nested.mkdir()
    path = project(nested, NESTED)
    fixed(path, NESTED, "MP201")
    out = run_program(path, method, timeout=120, cwd=nested)
    assert out.returncode == 0 and "RESULT=42" in out.stdout, out.stderr
    steps = tmp_path / "steps"
    steps.mkdir()
    path = project(steps, STEPS)
    fixed(path, STEPS, "MP203")
    out = run_program(path, method, timeout=120, cwd=steps)
    assert out.returncode == 0 and "RESULT=42" in out.stdout, out.stderr
    path = tmp_path / "default.py"
    path.write_text(fix_all(DEFAULT, lambda text: found(text, "MP203"))[0])
    out = run_program(path, method, timeout=120, cwd=tmp_path)
    assert out.returncode == 0 and "RESULT=42" in out.stdout, out.stderr
