"""`helpers.run_in_session`, which every runtime proof runs its programs with: what a program started goes with it,
when it ends and when it outlives its timeout, so no daemon or deadlocked child outlives the suite."""
import os
import subprocess
import sys
import textwrap
import time

import pytest

from helpers import run_in_session

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="sessions and process groups are POSIX")

# A program that leaves a child behind (a daemon of its own making: a forked process that sleeps on) and prints
# the child's pid; with HANG it waits for that child (forever, as a deadlocked program would).
PROGRAM = textwrap.dedent("""
    import os, sys, time
    pid = os.fork()
    if pid == 0:
        time.sleep(600)
        os._exit(0)
    print(pid, flush=True)
    if "HANG" in sys.argv:
        os.waitpid(pid, 0)
""")


def _gone(pid: int) -> bool:
    """Has the process ended (no such process, or a zombie nobody has reaped yet)? Asked a bounded number of
    times: the kill is sent before run_in_session returns, the process ends an instant later."""
    for _ in range(200):  # a bound on tries, not a timing assertion
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rpartition(")")[2].split()[0] in ("Z", "X"):
                    return True
        except FileNotFoundError:
            return True
        except OSError:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
        time.sleep(0.05)
    return False


def test_what_a_finished_program_left_running_is_killed():
    done = run_in_session([sys.executable, "-c", PROGRAM], timeout=120)
    assert done.returncode == 0, done.stderr
    assert _gone(int(done.stdout.split()[0]))


def test_a_program_that_outlives_its_timeout_is_killed_with_its_children(tmp_path):
    with pytest.raises(subprocess.TimeoutExpired) as timed_out:
        run_in_session([sys.executable, "-c", PROGRAM, "HANG"], timeout=5)
    printed = timed_out.value.stdout
    assert printed and _gone(int(printed.split()[0]))


def test_it_returns_what_subprocess_run_returns():
    done = run_in_session([sys.executable, "-c", "import sys; print(sys.stdin.read().upper()); sys.exit(3)"],
                          input="abc", timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (3, "ABC\n", "")
    raw = run_in_session([sys.executable, "-c", "print('x')"], text=False, timeout=120)
    assert raw.stdout.strip() == b"x"
