"""A module's global that decides whether its helper starts processes, set by the importing module at its top
(semantic/global_settings; ConvertAPI #19's work-round `convertapi.max_parallel_uploads = 1`, fresh_reports24
convertapi19_conversion_task_serial_uploads): the statement runs in every process that runs the importing module's
code (the main process, a forked child that inherits it, a spawned child that re-imports the module), so the helper
starts nothing there. Set only under the main guard, in a function, twice, or after a call at the top, the setting
is not known: the findings stay. Proven under fork, spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

RENDER = """
    import concurrent.futures

    PROCESSES = 4
    SERIAL = False


    def _square(n):
        return n * n


    def render_all(items):
        if PROCESSES <= 1:
            return [_square(i) for i in items]
        with concurrent.futures.ProcessPoolExecutor(PROCESSES) as ex:
            return list(ex.map(_square, items))


    def render_each(items):
        if not SERIAL:
            with concurrent.futures.ProcessPoolExecutor(2) as ex:
                return list(ex.map(_square, items))
        return [_square(i) for i in items]
"""

DAEMON = """
    import multiprocessing
    IMPORT
    TOP


    def job():
        print("SUM=%d" % sum(render.HELPER([1, 2, 3])))


    def configure():
        INSIDE


    if __name__ == "__main__":
        GUARDED
        configure()
        proc = multiprocessing.Process(target=job, daemon=True)
        proc.start()
        proc.join()
        print("EXIT=%d" % proc.exitcode)
"""


def _main(top="", guarded="pass", inside="pass", helper="render_all", imported="from kit import render"):
    return DAEMON.replace("IMPORT", imported).replace("TOP", top).replace("GUARDED", guarded) \
        .replace("INSIDE", inside).replace("HELPER", helper)


def _found(tmp_path, main, code="MP413"):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/render.py": RENDER, "main.py": main})
    return findings(root / "main.py", code)


@pytest.mark.parametrize("top, helper, imported", [
    ("render.PROCESSES = 1", "render_all", "from kit import render"),
    ("render.PROCESSES = 0", "render_all", "import kit.render as render"),
    ("render.SERIAL = True", "render_each", "from kit import render"),
])
def test_a_setting_made_at_the_top_of_the_importing_module_turns_the_start_off(tmp_path, top, helper, imported):
    assert _found(tmp_path, _main(top=top, helper=helper, imported=imported)) == []


@pytest.mark.parametrize("top, guarded, inside, helper", [
    ("", "pass", "pass", "render_all"),  # nothing set: the helper's own 4 workers
    ("render.PROCESSES = 2", "pass", "pass", "render_all"),  # set, to a value that starts them
    ("render.SERIAL = False", "pass", "pass", "render_each"),
    ("", "render.PROCESSES = 1", "pass", "render_all"),  # under the main guard: a spawned child never runs it
    ("render.PROCESSES = 1", "pass", "render.PROCESSES = 8", "render_all"),  # changed again at run time
])
def test_a_setting_not_surely_made_keeps_the_finding(tmp_path, top, guarded, inside, helper):
    assert len(_found(tmp_path, _main(top=top, guarded=guarded, inside=inside, helper=helper))) == 1


def test_a_setting_the_owner_changes_through_a_setter_is_not_believed(tmp_path):
    render = RENDER + """

    def set_processes(n):
        global PROCESSES
        PROCESSES = n
"""
    root = project(tmp_path, {"kit/__init__.py": "", "kit/render.py": render,
                              "main.py": _main(top="render.PROCESSES = 1")})
    assert len(findings(root / "main.py", "MP413")) == 1


SCRIPT = """
    from kit import render
    BEFORE
    print("SUM=%d" % sum(render.render_all([1, 2, 3])))
    AFTER
"""


def test_a_call_at_the_top_sees_only_the_settings_above_it(tmp_path):
    before = SCRIPT.replace("BEFORE", "render.PROCESSES = 1").replace("AFTER", "")
    after = SCRIPT.replace("BEFORE", "").replace("AFTER", "render.PROCESSES = 1")
    assert _found(tmp_path, before, "MP101") == []
    assert len(_found(tmp_path, after, "MP101")) == 1


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    """Set at the top, the daemonic child renders in-process under every method; set under the main guard, a
    forked child inherits it and a spawned or forkserver one does not (it starts the executor and fails)."""
    files = {"kit/__init__.py": "", "kit/render.py": RENDER}
    root = project(tmp_path / "top", {**files, "main.py": _main(top="render.PROCESSES = 1")})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert "SUM=14" in out.stdout and "EXIT=0" in out.stdout, out.stderr
    root = project(tmp_path / "guarded", {**files, "main.py": _main(guarded="render.PROCESSES = 1")})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if method == "fork":
        assert "SUM=14" in out.stdout and "EXIT=0" in out.stdout, out.stderr
    else:
        assert "daemonic processes are not allowed to have children" in out.stderr and "EXIT=1" in out.stdout, \
            out.stderr


def test_a_condition_on_a_global_next_to_one_on_an_argument_is_decided_whatever_their_order():
    """(An alternative is a frozenset: the condition on a global may come after one on an argument.)"""
    import ast
    import textwrap

    from mpguard.semantic.param_guards import GLOBAL, through_call

    for name in ("a", "items", "paths", "n", "batch", "workers_given", "xs", "q", "zz", "data"):
        module = ast.parse(textwrap.dedent(f"""
            def helper({name}):
                pass

            def caller({name}):
                helper({name})
        """))
        parents = {child: parent for parent in ast.walk(module) for child in ast.iter_child_nodes(parent)}
        helper, caller = module.body
        call = caller.body[0].value
        setting = ("cmp", GLOBAL + "kit.render.PROCESSES", ">", 1)
        alternative = frozenset({(name, True), (setting, True)})
        known = {GLOBAL + "kit.render.PROCESSES": ast.Constant(1)}.get
        assert through_call((alternative,), helper, call, caller, parents, known=known) == ()
        assert through_call((alternative,), helper, call, caller, parents) == (frozenset({(name, True), (setting, True)}),)
