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
