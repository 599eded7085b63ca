"""Small helpers for rule tests: analyse a dedented source string and look at the findings; run a program
under one start method."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from mpguard.linter.analyze import analyze


def check(src: str, **kwargs):
    return analyze(textwrap.dedent(src), **kwargs).findings


def codes(src: str, **kwargs) -> set[str]:
    return {f.code for f in check(src, **kwargs)}


def found(src: str, code: str, copies: bool = False, **kwargs) -> list:
    """The findings of `code`; without the copies at the pool call that runs a task (`sent_back_copy`) unless
    `copies`: tests count the findings where what the task sends back is made. Likewise without MP302's findings at
    the call that runs a child reading the parent's run-time state (`state_dispatch_copy`): tests count the writes;
    and without the copies at a later `start()` of a process (`start_copy`): tests count the `Process(...)` calls."""
    return [f for f in check(src, **kwargs)
            if f.code == code
            and (copies or not sent_back_copy(f) and not state_dispatch_copy(f) and not start_copy(f)
                 and not handed_copy(f))]


def methods(src: str, code: str, **kwargs) -> set[str]:
    out = set()
    for finding in found(src, code, **kwargs):
        out |= set(finding.start_methods)
    return out


def rows(src: str, code: str, **kwargs) -> list[int]:
    return sorted(f.start.row for f in found(src, code, **kwargs))


RUNNER_SITE = Path(__file__).parent / "corpus" / "runner_site"


def runtime_proofs_or_skip() -> None:
    """Skips the test where MPGUARD_RUNTIME_PROOFS=0: every test that runs programs under the start methods calls it
    (through `run_program`, or first thing in its own runner)."""
    if os.environ.get("MPGUARD_RUNTIME_PROOFS") == "0":
        import pytest
        pytest.skip("runtime proofs are off on this Python (scripts/test-pythons.sh runs them on 3.10, the main "
                    "suite's 3.11 and 3.14; MPGUARD_NO_RUNTIME_PYTHONS=\"\" runs them everywhere)")


def run_program(path, method: str, timeout: int = 60, drop_env=(), cwd=None, hang_expected: bool = False):
    """Run the program at `path` with `method` imposed as multiprocessing's default start method (the corpus
    runner's sitecustomize, as tests/corpus/run_oracle.py does: never through set_start_method).

    A run that outlives `timeout` is run once more before its TimeoutExpired is raised, unless the caller
    expects hangs: CPython's ProcessPoolExecutor can hang, rarely and only under load, after a work item
    fails to pickle (python/cpython#116685's race; seen once in CI on 3.13, test_chosen_factory_defs), and a
    loaded machine can slow a run past its minute.

    Skipped where MPGUARD_RUNTIME_PROOFS=0 (scripts/test-pythons.sh sets it for 3.12 and 3.13, whose behaviour
    lies between the oldest, the main and the newest Python that run every proof: CI's time)."""
    runtime_proofs_or_skip()
    env = {k: v for k, v in os.environ.items() if k not in drop_env}
    env.update(PYTHONPATH=str(RUNNER_SITE), MP_DEFAULT_METHOD=method)
    command = [sys.executable, str(path)]
    try:
        return run_in_session(command, timeout=timeout, env=env, cwd=cwd)
    except subprocess.TimeoutExpired:
        if hang_expected:
            raise
    return run_in_session(command, timeout=timeout, env=env, cwd=cwd)


def kill_session(process: subprocess.Popen) -> None:
    """Kill every process of the session `process` leads (started with start_new_session=True): itself and what it
    started, daemons and deadlocked children included, which would outlive the suite otherwise (one ran 2.5 h)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):  # (gone, every one of them)
        pass


LEFT_RUNNING = 5  # seconds the processes a program left running may go on writing once it ended


def run_in_session(command, timeout: float | None = None, input: str | bytes | None = None, text: bool = True,
                   **popen_args) -> subprocess.CompletedProcess:
    """`subprocess.run(command, capture_output=True, ...)` with the program in a session of its own, killed with
    every process it started once it ends, outlives `timeout` (TimeoutExpired is raised, as `subprocess.run`
    raises it) or the test is interrupted: nothing it started outlives the test. The output is what was written
    until then, and for `LEFT_RUNNING` seconds more from what it left running (`subprocess.run` would wait for
    every process that holds the pipes: a daemon left running kept it waiting to its timeout). POSIX; elsewhere a
    plain `subprocess.run`."""
    if not hasattr(os, "killpg"):
        return subprocess.run(command, capture_output=True, timeout=timeout, input=input, text=text, **popen_args)
    stdin = subprocess.PIPE if input is not None else popen_args.pop("stdin", None)
    read: dict = {}
    with subprocess.Popen(command, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=text,
                          start_new_session=True, **popen_args) as process:
        threads = [threading.Thread(target=lambda key, pipe: read.__setitem__(key, pipe.read()), args=pair, daemon=True)
                   for pair in (("out", process.stdout), ("err", process.stderr))]
        if input is not None:
            threads.append(threading.Thread(target=_feed, args=(process.stdin, input), daemon=True))
        for thread in threads:
            thread.start()
        timed_out = False
        try:
            process.wait(timeout=timeout)
            for thread in threads[:2]:  # (a helper that ends by itself, as the resource tracker does after its
                thread.join(LEFT_RUNNING)  # warnings, closes the pipes: its last words are read, as run reads them)
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            kill_session(process)  # (what is left when it ended, timed out, or was interrupted)
        for thread in threads:
            thread.join(60)  # (the pipes close once the session is gone; a process that left it may hold them)
    out, err = read.get("out"), read.get("err")
    if timed_out:
        raise subprocess.TimeoutExpired(command, timeout, out, err)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def _feed(pipe, data) -> None:
    try:
        pipe.write(data)
        pipe.close()
    except (BrokenPipeError, ValueError):  # (the program ended without reading it all)
        pass


def assert_outcome(out, fails: bool, error, printed: str) -> None:
    """A runtime test's verdict on `run_program`'s result: it failed with `error` in its stderr (or one of a tuple of
    wordings: Python versions word some errors differently), or ran to the end and printed `printed`."""
    if fails:
        wordings = error if isinstance(error, tuple) else (error,)
        assert out.returncode != 0 and any(w in out.stderr for w in wordings), out.stderr
    else:
        assert out.returncode == 0 and printed in out.stdout, out.stderr


def skip_without(module: str) -> None:
    """Skip when `module` is not installed, without importing it here: importing a library into the test process
    can change what later tests see (h5py or mpire importing ctypes.wintypes renames ctypes.POINTER(c_int)'s class,
    which tests/test_pickle_catalog.py compares; dask importing toolz puts its own finders on sys.meta_path, and
    resolve.jedi_reach then rightly takes every module as one jedi might find, failing tests/test_jedi_reach.py)."""
    import importlib.util

    import pytest

    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed", allow_module_level=True)


def at_import_copy(finding) -> bool:
    """A finding placed at this module's import of the module where its hazard happens, next to the one at
    the call (RuleContext.report_at_origin: the raise a task reaches there, the helper a value crosses into a
    child at); MP401 and MP413 sit only at the import (AT_IMPORT_CODES). Tests that count the findings at
    the call leave these out. Works on a Finding and on a JSON item."""
    code = finding["code"] if isinstance(finding, dict) else finding.code
    related = [r["message"] for r in finding.get("related") or ()] if isinstance(finding, dict) \
        else [text for _, text in finding.related]
    return code not in ("MP401", "MP413") and "reached from here" in related


def given_copy(finding) -> bool:
    """The copy of a finding at the call that hands a refused value to a helper's parameter (where the value
    is chosen, rules/pickle_reports.with_origin_copy), next to the one where the parameter crosses into the child."""
    related = [r["message"] for r in finding.get("related") or ()] if isinstance(finding, dict) \
        else [text for _, text in finding.related]
    return "it crosses into the child process here" in related


def sent_back_copy(finding) -> bool:
    """The copy of a finding about what a pool task returns or raises (MP207, MP208) at the pool call that runs
    the task (RuleContext.copy_at_dispatch), next to the one where the value is made (the task's return, the
    raise). Works on a Finding and on a JSON item."""
    related = [r["message"] for r in finding.get("related") or ()] if isinstance(finding, dict) \
        else [text for _, text in finding.related]
    return "the task sends it back from here" in related


def state_dispatch_copy(finding) -> bool:
    """MP302's finding at the call that runs a child reading globals the parent sets at run time
    (rules/state_dispatch), next to the ones at the writes. Works on a Finding and on a JSON item."""
    related = [r["message"] for r in finding.get("related") or ()] if isinstance(finding, dict) \
        else [text for _, text in finding.related]
    return "the parent sets it here, at run time" in related


def start_copy(finding) -> bool:
    """The copy of a finding about what a Process pickles at a later `start()` of that process, one not right after
    the statement that makes it (RuleContext.started_later). Works on a Finding and on a JSON item."""
    related = [r["message"] for r in finding.get("related") or ()] if isinstance(finding, dict) \
        else [text for _, text in finding.related]
    return "the process it starts is made here" in related


def handed_copy(finding) -> bool:
    """MP301's finding at the call that hands a child the argument it changes (rules/argument_copies), next to the
    one at the child's change. Works on a Finding and on a JSON item."""
    related = [r["message"] for r in finding.get("related") or ()] if isinstance(finding, dict) \
        else [text for _, text in finding.related]
    return "the child changes its copy here" in related


def at_crossing(findings) -> list:
    """The findings where values cross into children: without the copies at the import (`at_import_copy`), at
    the call that gives the value (`given_copy`), at the pool call whose task sends it back (`sent_back_copy`) and at
    a later `start()` (`start_copy`)."""
    return [f for f in findings if not at_import_copy(f) and not given_copy(f) and not sent_back_copy(f)
            and not start_copy(f)]
