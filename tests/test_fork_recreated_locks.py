"""MP423 says nothing of a thread that holds only locks a forked child re-creates (rules/thread_holds.py,
`holds_only_recreated`): a logging handler's lock (logging re-initialises it in the child, os.register_at_fork
since 3.8; fresh_reports7 runtimes94) and a module lock re-created by the module's own
`os.register_at_fork(after_in_child=...)` hook (fresh_realistic6's h5safe reader, reduced to one module). Any
other call in the thread keeps the finding."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers import assert_outcome, codes, run_program

CORPUS = Path(__file__).parent / "corpus"

LOGGING = """
    import logging
    import multiprocessing
    import os
    import tempfile
    import threading
    import time

    logger = logging.getLogger("runtime")


    def request_logger(handler, busy):
        while True:
            handler.acquire()
            try:
                busy.set()
                BODY
            finally:
                handler.release()
            time.sleep(0.5)


    def handle_function(event_id):
        logger.info("handled event %s", event_id)


    def main():
        handler = logging.FileHandler(os.path.join(tempfile.mkdtemp(), "runtime.log"))
        logger.addHandler(handler)
        busy = threading.Event()
        threading.Thread(target=request_logger, args=(handler, busy), daemon=True).start()
        busy.wait()
        proc = multiprocessing.get_context("fork").Process(target=handle_function, args=(CHILD_ARGS,))
        proc.start()
        proc.join()


    if __name__ == "__main__":
        main()
"""


def logging_program(body="time.sleep(2.0)", child_args='"evt-1"'):
    return textwrap.dedent(LOGGING).replace("BODY", body).replace("CHILD_ARGS", child_args)


def test_a_thread_holding_only_a_logging_handler_lock():
    assert "MP423" not in codes(logging_program())


@pytest.mark.parametrize("body", [
    'print("busy")',                       # stdout's buffer lock: not re-created
    "handler.emit(None)",                  # the handler's stream, its own lock: not read
    "open('/tmp/x').read()",
    "time.sleep(2.0); other = threading.Lock(); other.acquire()",
])
def test_a_thread_doing_anything_else_is_still_found(body):
    assert "MP423" in codes(logging_program(body))


def test_the_event_handed_to_the_child_is_still_found():
    """Near miss: Event.set holds the Event's lock for an instant, and this child is given that Event."""
    assert "MP423" in codes(logging_program(child_args="busy"))


def test_a_plain_lock_given_to_the_thread_is_still_found():
    src = logging_program().replace('handler = logging.FileHandler(os.path.join(tempfile.mkdtemp(), "runtime.log"))',
                                    "handler = threading.Lock()").replace("logger.addHandler(handler)", "pass")
    assert "MP423" in codes(src)


HOOKED = """
    import multiprocessing
    import os
    import threading

    _phil = threading.Lock()


    def _reset_phil():
        global _phil
        _phil = threading.Lock()


    HOOK


    def reader(busy, release):
        with _phil:
            busy.set()
            release.wait()


    def child():
        got = _phil.acquire(blocking=False)
        print("child acquired" if got else "child found it held")


    def main():
        busy, release = threading.Event(), threading.Event()
        thread = threading.Thread(target=reader, args=(busy, release), daemon=True)
        thread.start()
        busy.wait()
        proc = multiprocessing.Process(target=child)
        proc.start()
        proc.join()
        release.set()
        thread.join()


    if __name__ == "__main__":
        main()
"""

REGISTER = "os.register_at_fork(after_in_child=_reset_phil)"


def hooked_program(hook=REGISTER):
    return textwrap.dedent(HOOKED).replace("HOOK", hook)


def test_a_module_lock_recreated_by_an_at_fork_hook():
    """Neither the general finding nor the specific one (MP305: the child takes the lock the thread holds)."""
    assert not {"MP423", "MP305"} & codes(hooked_program())


@pytest.mark.parametrize("hook", [
    "pass",                                                          # no hook: the child keeps it held (MP305)
    "os.register_at_fork(before=_reset_phil)",                        # in the parent, before the fork
    "os.register_at_fork(after_in_parent=_reset_phil)",
])
def test_a_module_lock_without_a_child_hook_is_still_found(hook):
    """The child takes the lock the thread holds: the specific finding (MP305, which MP423 then leaves)."""
    assert "MP305" in codes(hooked_program(hook))


def test_a_hook_that_makes_another_name_is_still_found():
    src = hooked_program().replace("    global _phil\n    _phil = threading.Lock()",
                                   "    global _other\n    _other = threading.Lock()")
    assert "MP305" in codes(src)


def test_a_thread_waiting_on_something_else_under_the_lock_is_still_found():
    """`release.wait()` under the lock: an Event method the model does not read (wait blocks)."""
    src = hooked_program().replace("release.wait()", "release.wait(); print('done')")
    assert "MP423" in codes(src.replace("got = _phil.acquire(blocking=False)", "got = True"))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("hook", [REGISTER, "pass"])
def test_runtime_module_lock_in_the_child(tmp_path, method, hook):
    """The child tries the lock without blocking: held in a forked child without the hook, free with it (and
    free under spawn and forkserver, whose child imports the module anew)."""
    path = tmp_path / "hooked.py"
    path.write_text(hooked_program(hook))
    out = run_program(path, method)
    held = method == "fork" and hook == "pass"
    assert_outcome(out, False, "", "child found it held" if held else "child acquired")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_logging_handler_lock_in_the_child(tmp_path, method):
    """fresh_reports7's runtimes94: the forked child logs through the handler the thread holds, and ends."""
    path = tmp_path / "runtime.py"
    path.write_text(logging_program().replace('logger.info("handled event %s", event_id)',
                                              'logger.info("handled event %s", event_id)\n'
                                              '    got = logger.handlers[0].lock.acquire(blocking=False)\n'
                                              '    print("child acquired" if got else "held")'))
    out = run_program(path, method)
    assert_outcome(out, False, "", "child acquired" if method == "fork" else "")
