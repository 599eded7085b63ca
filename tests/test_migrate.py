"""`mpguard migrate --from 3.13 --to 3.14`: what changes when Linux's default goes from fork to forkserver."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import SERVER, start
from mpguard.cli.main import main
from mpguard.linter.migrate import FIXES
from mpguard.linter.migrate_sites import forkserver_sites

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "corpus"))
from migrate_score import score  # noqa: E402

CLOSURE = """\
import multiprocessing


def main():
    def work():
        print("hi")
    p = multiprocessing.Process(target=work)
    p.start()
    p.join()


if __name__ == "__main__":
    main()
"""
GLOBAL = """\
import multiprocessing

MODE = "slow"


def work():
    print(MODE)


if __name__ == "__main__":
    MODE = "fast"
    p = multiprocessing.Process(target=work)
    p.start()
    p.join()
"""
SAME = """\
import multiprocessing


def work(x):
    return x * 2


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(work, range(3)))
"""


def run(tmp_path, capsys, *argv) -> tuple[int, str]:
    code = main(["migrate", *argv])
    return code, capsys.readouterr().out


def write(tmp_path, **files) -> Path:
    for name, text in files.items():
        (tmp_path / f"{name}.py").write_text(text)
    return tmp_path


def test_json_items_say_before_and_after_and_exit_1(tmp_path, capsys):
    write(tmp_path, closure=CLOSURE, globals_=GLOBAL, same=SAME)
    code, out = run(tmp_path, capsys, str(tmp_path), "--from", "3.13", "--to", "3.14", "--output-format", "json")
    assert code == 1
    items = json.loads(out)
    assert {Path(i["filename"]).name for i in items} == {"closure.py", "globals_.py"}
    for item in items:
        assert set(item) >= {"filename", "code", "message", "location", "end_location", "before", "after"}
    closure = next(i for i in items if i["code"] == "MP201")
    assert closure["before"] == "Python 3.13, fork: works"
    assert closure["after"].startswith("Python 3.14, forkserver: _pickle.PicklingError: Can't pickle local object")
    assert closure["location"] == {"row": 7, "column": 9}
    # grouped by fix, best first: the closure (module level) before the global (pass the state); MP302 is shown at
    # the write and at the call that runs the reading function (rules/state_dispatch), both in the state group
    assert [i["fix"] for i in items] == ["module-level", "state", "state"]
    assert sorted(i["code"] for i in items if i["fix"] == "state") == ["MP302", "MP302"]


def test_text_and_markdown_group_by_fix_with_fork_as_the_last_resort(tmp_path, capsys):
    write(tmp_path, closure=CLOSURE, globals_=GLOBAL)
    _, text = run(tmp_path, capsys, str(tmp_path))
    assert text.index("1. Move the callable to module level") < text.index("2. Pass the state explicitly")
    assert "before: Python 3.13, fork: works" in text
    assert 'get_context("fork")' in text and "multi-threaded, use of fork() may lead to deadlocks" in text
    _, markdown = run(tmp_path, capsys, str(tmp_path), "--output-format", "markdown")
    assert markdown.startswith("## Moving from Python 3.13 to 3.14 on linux")
    assert "| Where | Rule | Before | After |" in markdown and "### Last resort" in markdown


def test_nothing_changes_exit_0(tmp_path, capsys):
    write(tmp_path, same=SAME)
    code, out = run(tmp_path, capsys, str(tmp_path), "--output-format", "json")
    assert code == 0 and json.loads(out) == []
    # macOS has defaulted to spawn since 3.8: 3.13 -> 3.14 changes nothing there
    write(tmp_path, closure=CLOSURE)
    code, out = run(tmp_path, capsys, str(tmp_path), "--platform", "macos")
    assert code == 0 and "nothing changes" in out


def test_bad_version_is_a_usage_error(tmp_path, capsys):
    assert main(["migrate", str(tmp_path), "--to", "4.0"]) == 2
    assert "not a Python version" in capsys.readouterr().err


def test_fixes_are_ranked_as_the_issue_says():
    keys = [fix.key for fix in FIXES]
    assert keys.index("module-level") < keys.index("state") < keys.index("thread") < keys.index("fork")


MOCKED = """\
import multiprocessing
from unittest import mock

import settings


def read():
    print(settings.VALUE)


def test_value():
    with mock.patch("settings.VALUE", 2):
        p = multiprocessing.Process(target=read)
        p.start()
        p.join()
"""
SIGNALS = """\
import os
import signal
import multiprocessing


def work():
    pass


def reap(signum, frame):
    os.waitpid(-1, os.WNOHANG)


if __name__ == "__main__":
    signal.signal(signal.SIGCHLD, reap)
    p = multiprocessing.Process(target=work)
    p.start()
    os.wait()
"""
EPOLL = """\
import multiprocessing
import select


class Server:
    def __init__(self):
        self.poller = select.epoll()

    def serve(self):
        pass

    def start(self):
        p = multiprocessing.Process(target=self.serve)
        p.start()
        return p
"""
PIPE_FD = """\
import multiprocessing
import os


def child(fd):
    os.write(fd, b"x")


if __name__ == "__main__":
    r, w = os.pipe()
    p = multiprocessing.Process(target=child, args=(w,))
    p.start()
"""


MOCKED_IN_SCRIPT = """\
import multiprocessing
import os
from unittest import mock


def child():
    print(os.getcwd())


if __name__ == "__main__":
    with mock.patch("os.getcwd", return_value="/fake"):
        p = multiprocessing.Process(target=child)
        p.start()
        p.join()
"""
MOCK_ENDED_BEFORE_START = """\
import multiprocessing
import os
from unittest import mock


def child():
    print(os.getcwd())


if __name__ == "__main__":
    with mock.patch("os.getcwd", return_value="/fake"):
        print(os.getcwd())
    p = multiprocessing.Process(target=child)
    p.start()
    p.join()
"""


def test_a_mock_around_a_start_in_the_script_is_listed_once():
    sites = forkserver_sites(MOCKED_IN_SCRIPT)
    assert [s.code for s in sites] == ["MPM01"]
    assert "the module's code" in sites[0].message
    assert sites[0].start.row == 12  # the Process inside the `with`
    assert forkserver_sites(MOCK_ENDED_BEFORE_START) == []


def test_non_pickling_changes_are_listed():
    assert [s.code for s in forkserver_sites(MOCKED)] == ["MPM01"]
    assert sorted(s.code for s in forkserver_sites(SIGNALS)) == ["MPM03", "MPM04", "MPM04"]
    assert [s.code for s in forkserver_sites(EPOLL)] == ["MPM02"]
    assert [s.code for s in forkserver_sites(PIPE_FD)] == ["MPM02"]


def test_an_explicit_start_method_keeps_its_behaviour():
    pinned = SIGNALS.replace("if __name__ == \"__main__\":\n",
                             "if __name__ == \"__main__\":\n    multiprocessing.set_start_method(\"fork\")\n")
    assert forkserver_sites(pinned) == []
    assert forkserver_sites("import os\nos.wait()\n") == []  # starts no process
    assert forkserver_sites("def broken(:\n") == []


def test_sites_reach_the_cli_once(tmp_path, capsys):
    write(tmp_path, server=PIPE_FD, signals=SIGNALS, poller=EPOLL)
    code, out = run(tmp_path, capsys, str(tmp_path), "--output-format", "json")
    codes = {(Path(i["filename"]).name, i["code"]) for i in json.loads(out)}
    assert code == 1 and ("server.py", "MPM02") in codes and ("signals.py", "MPM03") in codes
    # the rules already see the epoll a Process target's instance holds: listed once, by MP201
    assert [c for f, c in codes if f == "poller.py"] == ["MP201"]


def test_oracle_precision_and_recall():
    """The programs migrate lists vs those whose observed outcome differs between 3.13's fork runs and
    3.14's forkserver runs (public oracle; the issue's target is 0.95 for both)."""
    cmd = f"{sys.executable} -m mpguard migrate --from 3.13 --to 3.14 --output-format json"
    result = score(cmd)
    assert result["changed"] >= 45 and result["programs"] >= 170
    assert result["precision"] >= 0.95 and result["recall"] >= 0.95, result
    works_or_fails = score(cmd, "works-or-fails")
    assert works_or_fails["precision"] >= 0.95 and works_or_fails["recall"] >= 0.95, works_or_fails


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def test_the_editor_command_reports_the_workspace(client: LanguageClient, tmp_path):
    write(tmp_path, closure=CLOSURE, same=SAME)
    await start(client, root=tmp_path)
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="mpguard.migrate", arguments=[{"from": "3.13", "to": "3.14"}]))
    assert [Path(i["filename"]).name for i in result["changes"]] == ["closure.py"]
    assert result["markdown"].startswith("## Moving from Python 3.13 to 3.14 on linux")
