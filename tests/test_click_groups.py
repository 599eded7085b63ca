"""Calling a click group runs the subcommand its arguments name (data/boundaries.json `command_groups`,
semantic/command_groups.py): a module-level `cli(["scan"])` whose `scan` subcommand starts a process runs it at
import time, so a spawned or forkserver child re-imports the script, runs the CLI again and fails to bootstrap
(MP101; pnpnpn/timeout-decorator #76, fresh_libs6 exynex76_click_cli_called_unguarded). Subcommands registered
with `@cli.command()`, through a subgroup (`@cli.group()`), or with `cli.add_command(f)` count.

Near misses: the guarded call; a group whose subcommands start nothing; a function registered on another group;
a decorator of something that is not click. Static answers on source strings; the same programs run under fork,
spawn and forkserver (skipped when click is not installed; the test process never imports it)."""
import textwrap

import pytest
from helpers import assert_outcome, found, methods, run_program

HEAD = """
import sys
from multiprocessing import Process

import click


def probe():
    print("probed")


def start_probe():
    p = Process(target=probe)
    p.start()
    p.join()
    print("RESULT=%s" % p.exitcode)
    if p.exitcode:
        sys.exit(3)

"""

DECORATED = HEAD + """
@click.group()
def cli():
    pass


@cli.command()
def scan():
    start_probe()


@cli.command()
def version():
    print("RESULT=1.0")

"""

SUBGROUP = HEAD + """
@click.group()
def cli():
    pass


@cli.group()
def db():
    pass


@db.command()
def scan():
    start_probe()

"""

ADDED = HEAD + """
@click.group()
def cli():
    pass


@click.command()
def scan():
    start_probe()


cli.add_command(scan)
"""

OTHER_GROUP = HEAD + """
@click.group()
def cli():
    pass


@click.group()
def admin():
    pass


@admin.command()
def scan():
    start_probe()


@cli.command()
def version():
    print("RESULT=1.0")

"""

NOT_CLICK = HEAD.replace("import click", "") + """
class Registry:
    def group(self):
        return lambda f: f

    def command(self):
        return lambda f: f


app = Registry()


@app.group()
def cli():
    print("RESULT=cli")


@app.command()
def scan():
    start_probe()

"""

# name -> (program, the module-level call, hazard?)
CASES = {
    "decorated_subcommand": (DECORATED, 'cli(["scan"], standalone_mode=False)', True),
    "argv_subcommand": (DECORATED, 'sys.argv[1:] = ["scan"]\ncli(standalone_mode=False)', True),
    "subgroup_subcommand": (SUBGROUP, 'cli(["db", "scan"], standalone_mode=False)', True),
    "add_command": (ADDED, 'cli(["scan"], standalone_mode=False)', True),
    # near misses
    "guarded": (DECORATED, 'if __name__ == "__main__":\n    cli(["scan"], standalone_mode=False)', False),
    "other_group": (OTHER_GROUP, 'cli(["version"], standalone_mode=False)', False),
    "not_click": (NOT_CLICK, "cli()", False),
}


def program(name: str) -> str:
    source, call, _hazard = CASES[name]
    return textwrap.dedent(source) + "\n" + call + "\n"


@pytest.mark.parametrize("name", sorted(CASES))
def test_static(name):
    hazard = CASES[name][2]
    assert len(found(program(name), "MP101")) == (1 if hazard else 0), program(name)
    if hazard:
        assert methods(program(name), "MP101") >= {"spawn", "forkserver"}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    from helpers import skip_without
    skip_without("click")
    path = tmp_path / "prog.py"
    path.write_text(program(name))
    out = run_program(path, method, timeout=120)
    fails = CASES[name][2] and method != "fork"
    assert_outcome(out, fails, "finished its bootstrapping phase", "RESULT=")


# click's `command`/`group` decorators (and a group's `command`/`group` methods) replace the function with a click
# Command that keeps it as its callback: pickling either fails, "it's not the same object as __main__.fetch"
# (pyspider #995: `Process(target=ctx.invoke, args=(command,))` under spawn;
# fresh_libs6 pyspider995_ctx_invoke_as_target)
COMMANDS = """
import multiprocessing
import sys

import click


@click.group()
def cli():
    pass


@DECORATOR
def fetch():
    return 1


def run(component):
    return 1


if __name__ == "__main__":
    HANDOVER
"""

PROCESS_ARGS = ("p = multiprocessing.Process(target=run, args=(fetch,))\n    p.start()\n    p.join()\n"
                "    if p.exitcode:\n        sys.exit(3)\n    print(\"RESULT=1\")")
POOL_TASK = "with multiprocessing.Pool(1) as pool:\n        print(\"RESULT=%s\" % pool.apply(run, (fetch,)))"
NOT_SAME = "it's not the same object as __main__.fetch"

# name -> (decorator, hand-over, code, the start methods it fails under)
REPLACED = {
    "group_command_process_args": ("cli.command()", PROCESS_ARGS, "MP203", {"spawn", "forkserver"}),
    "click_command_process_args": ("click.command()", PROCESS_ARGS, "MP203", {"spawn", "forkserver"}),
    "group_command_pool_task": ("cli.command()", POOL_TASK, "MP203", {"fork", "spawn", "forkserver"}),
    "subgroup_pool_task": ("cli.group()", POOL_TASK, "MP203", {"fork", "spawn", "forkserver"}),
    # near misses: pass_context keeps the function findable by its name (functools.update_wrapper)
    "pass_context_process_args": ("click.pass_context", PROCESS_ARGS, None, set()),
    "plain_function_pool_task": ("staticmethod", POOL_TASK, None, set()),
}


def replaced_program(name: str) -> str:
    decorator, handover, _code, _fails = REPLACED[name]
    source = textwrap.dedent(COMMANDS).replace("HANDOVER", handover)
    if decorator == "staticmethod":  # no decorator at all
        return source.replace("@DECORATOR\n", "")
    return source.replace("DECORATOR", decorator)


@pytest.mark.parametrize("name", sorted(REPLACED))
def test_replaced_static(name):
    _decorator, _handover, code, fails = REPLACED[name]
    findings = [f for c in ("MP201", "MP203") for f in found(replaced_program(name), c)]
    assert [f.code for f in findings] == ([code] if code else []), replaced_program(name)
    if code:
        assert "'fetch', replaced by a click Command" in findings[0].message and NOT_SAME in findings[0].message
        assert set(findings[0].start_methods) >= fails


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(REPLACED))
def test_replaced_runtime(tmp_path, name, method):
    from helpers import skip_without
    skip_without("click")
    path = tmp_path / "prog.py"
    path.write_text(replaced_program(name))
    out = run_program(path, method, timeout=120)
    assert_outcome(out, method in REPLACED[name][3], NOT_SAME, "RESULT=1")
