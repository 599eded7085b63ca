"""MP210's fix for a multiprocessing Queue (or Lock) put on another queue (botogram #3, fresh_realistic7
botogram_runner_queue_inside_queue: a reply Queue in each command): the primitive becomes a proxy of one Manager
made on first use by a cached module-level function, which lives until the program exits. A Manager made in the
sending function was seen to shut down before the receiver's `put()` was answered (EOFError under forkserver), so
the Manager is not local. Near misses: a primitive made at module level gets no fix, and a picklable item no
finding. Proven under fork, spawn and forkserver."""
from __future__ import annotations

import textwrap

import pytest
from helpers import run_program
from mpguard.fixes.apply import apply_edits, parses
from test_semantic_crossmodule import findings

PROGRAM = """
    import multiprocessing as mp
    import sys


    def serve(commands):
        while True:
            cmd = commands.get()
            if cmd is None:
                return
            value, reply = cmd
            reply.put(value * 2)


    def ask(commands, value):
        reply = mp.Queue()
        commands.put((value, reply))
        return reply.get(timeout=5)


    def main():
        commands = mp.Queue()
        p = mp.Process(target=serve, args=(commands,), daemon=True)
        p.start()
        answers = [ask(commands, v) for v in (1, 2, 3)]
        commands.put(None)
        p.join(10)
        print("RESULT=%s" % answers)
        return 0 if answers == [2, 4, 6] else 3


    if __name__ == "__main__":
        sys.exit(main())
"""


def write(tmp_path, text):
    path = tmp_path / "main.py"
    path.write_text(textwrap.dedent(text))
    return path


def fixed(path):
    found = findings(path, "MP210")
    assert found
    if found[0].fix is None:
        return None
    out = apply_edits(path.read_text(), found[0].fix.edits)
    assert parses(out)
    return out


def test_the_queue_comes_from_one_manager_made_on_first_use(tmp_path):
    path = write(tmp_path, PROGRAM)
    out = fixed(path)
    assert "import functools\n" in out
    assert "@functools.lru_cache(maxsize=None)\ndef _shared_manager():\n" in out
    assert "    return mp.Manager()\n" in out
    assert "    reply = _shared_manager().Queue()\n" in out
    path.write_text(out)
    assert findings(path, "MP210") == []


def test_a_lock_is_served_too(tmp_path):
    out = fixed(write(tmp_path, PROGRAM.replace("reply = mp.Queue()", "reply = mp.Queue()\n        guard = mp.Lock()")
                      .replace("commands.put((value, reply))", "commands.put((value, reply, guard))")
                      .replace("value, reply = cmd", "value, reply, _guard = cmd")))
    assert out is not None and "_shared_manager()" in out


def test_no_fix_for_a_queue_made_at_module_level(tmp_path):
    text = PROGRAM.replace("def ask(commands, value):\n        reply = mp.Queue()\n",
                           "REPLY = mp.Queue()\n\n\n    def ask(commands, value):\n        reply = REPLY\n")
    path = write(tmp_path, text)
    found = findings(path, "MP210")
    assert all(f.fix is None for f in found)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = write(tmp_path, PROGRAM)
    before = run_program(path, method, timeout=30)
    assert before.returncode != 0 and "inheritance" in before.stderr
    path.write_text(fixed(path))
    after = run_program(path, method, timeout=60)
    assert after.returncode == 0 and "RESULT=[2, 4, 6]" in after.stdout, after.stderr
