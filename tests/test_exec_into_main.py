"""A script that execs known code into its own `__main__` namespace at run time (thonny #2544: an IDE backend
runs the editor's program with `exec(code, sys.modules["__main__"].__dict__)`): the functions that code defines
exist in the parent's `__main__` only. A spawned or forkserver child re-imports the script as `__mp_main__`,
which never runs that exec, so the code's Process target is "Can't get attribute 'executeProc' on <module
'__mp_main__'>" (tests/corpus/fresh_reports9 thonny2544). An exec at import fails the same way: during the child's
re-import `sys.modules["__main__"]` is still its bootstrap module. Under fork the child has the parent's memory.

Near misses: the exec at import into `globals()` (the re-imported module's own namespace: it runs again in the
child), code whose target is a function of a real module, code that starts no process, a name `__main__` that
is the function's own import (not followed)."""
import sys

import pytest
from helpers import assert_outcome, found, run_program

USER = '''
from multiprocessing import Process
TARGET_IMPORT

def work(n):
    return n * 2

def main():
    procs = [Process(target=TARGET, args=(i,)) for i in range(2)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(20)
    return [proc.exitcode for proc in procs]
'''

GUARDED = '''
import sys
import textwrap

USER_PROGRAM = textwrap.dedent("""@@USER@@""")


class Backend:
    def __init__(self, source, filename="<editor>"):
        self.code = compile(source, filename, "exec")

    def run(self):
        namespace = NAMESPACE
        exec(self.code, namespace)
        return namespace["main"]()


if __name__ == "__main__":
    codes = Backend(USER_PROGRAM).run()
    print(f"RESULT={codes}")
    sys.exit(0 if codes == [0, 0] else 1)
'''

AT_IMPORT = '''
import sys
import textwrap

USER_PROGRAM = textwrap.dedent("""@@USER@@""")
exec(compile(USER_PROGRAM, "<editor>", "exec"), NAMESPACE)

if __name__ == "__main__":
    codes = main()
    print(f"RESULT={codes}")
    sys.exit(0 if codes == [0, 0] else 1)
'''

FUNCTION = '''
import sys

SOURCE = """@@USER@@"""


def run_user_program():
    import __main__
    exec(SOURCE, vars(__main__))
    return __main__.main()


if __name__ == "__main__":
    codes = run_user_program()
    print(f"RESULT={codes}")
    sys.exit(0 if codes == [0, 0] else 1)
'''


def program(template: str, namespace: str = 'sys.modules["__main__"].__dict__', target: str = "work",
            target_import: str = "") -> str:
    user = USER.replace("TARGET_IMPORT", target_import).replace("TARGET", target)
    return template.replace("@@USER@@", user).replace("NAMESPACE", namespace)


# name -> (program, refused under spawn and forkserver)
CASES = {
    "backend": (program(GUARDED), True),
    "backend_vars_of_main": (program(GUARDED, 'vars(sys.modules["__main__"])'), True),
    "function_import_main": (program(FUNCTION).replace("import __main__", "pass").replace(
        "import sys", "import sys\nimport __main__"), True),
    "real_module_target": (program(GUARDED, target="operator.neg", target_import="import operator"), False),
    "at_import": (program(AT_IMPORT), True),
    "at_import_globals": (program(AT_IMPORT, "globals()"), False),
}


# how the child says it cannot find the function (3.14 words it as a missing module attribute)
NOT_FOUND = "module '__mp_main__' has no attribute 'work'" if sys.version_info >= (3, 14) \
    else "Can't get attribute 'work' on <module '__mp_main__'"


def _row(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("name", sorted(CASES))
def test_exec_into_main(name):
    text, refused = CASES[name]
    findings = found(text, "MP209")
    assert [f.start.row for f in findings] == ([_row(text, "exec(")] if refused else [])
    if findings:
        assert set(findings[0].start_methods) == {"spawn", "forkserver"}
        assert NOT_FOUND in findings[0].message


def test_function_importing_main_locally_is_not_followed():
    """`import __main__` inside the function: the name is the function's own (not followed: say nothing)."""
    assert found(program(FUNCTION), "MP209") == []


def test_code_without_processes():
    text = GUARDED.replace("@@USER@@", "def main():\n    return [0, 0]\n").replace("NAMESPACE", 'sys.modules["__main__"].__dict__')
    assert found(text, "MP209") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", ["backend", "at_import", "at_import_globals", "real_module_target"])
def test_runtime(tmp_path, name, method):
    text, refused = CASES[name]
    path = tmp_path / "main.py"
    path.write_text(text)
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    if refused and method != "fork":  # the children die of it: their exit codes say so
        assert NOT_FOUND in out.stderr, out.stderr
        assert "RESULT=[1, 1]" in out.stdout
    else:
        assert_outcome(out, False, "", "RESULT=[0, 0]")
