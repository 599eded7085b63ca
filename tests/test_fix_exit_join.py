"""MP206 at interpreter exit (thingy_grabber #33, fresh_reports13 thingygrabber33_downloaders_left_running): the
program ends right after it started children given a JoinableQueue, and exit unlinks the semaphores before it joins
them, so a spawned child still starting cannot open the queue (FileNotFoundError in the child; the parent exits 0).
The fix joins the children at the end of the function that started them (fixes/exit_join.py): a loop starting each
of a list gets a loop joining each, a single local process gets `p.join()`. UNSAFE: the work after the function now
waits for the children, as the exit did. Near misses: a start under an `if` (its name may be unbound on the other
path) and a function that returns after the start get no fix; a program that joins is silent. Proven under fork,
spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import found, run_program
from mpguard.fixes.apply import apply_edits, parses
from mpguard.text.findings import Applicability

SRC = 'import multiprocessing\nimport sys\n\n\ndef convert(tasks):\n    for name in iter(tasks.get, None):\n        print("CONVERTED", name, flush=True)\n        tasks.task_done()\n    tasks.task_done()\n\n\ndef main(names):\n    tasks = multiprocessing.JoinableQueue()\n    converters = [multiprocessing.Process(target=convert, args=(tasks,)) for _ in range(2)]\n    for converter in converters:\n        converter.start()\n    for name in names:\n        tasks.put(name)\n    for converter in converters:\n        tasks.put(None)\n\n\nif __name__ == "__main__":\n    main(["a.png", "b.png", "c.png"])\n'

SINGLE = SRC.replace(
    "    converters = [multiprocessing.Process(target=convert, args=(tasks,)) for _ in range(2)]\n"
    "    for converter in converters:\n        converter.start()\n",
    "    converter = multiprocessing.Process(target=convert, args=(tasks,))\n    converter.start()\n"
).replace("    for converter in converters:\n        tasks.put(None)\n", "    tasks.put(None)\n")


def fixed(src):
    [finding] = found(src, "MP206")
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    out = apply_edits(src, finding.fix.edits)
    assert parses(out)
    return out


def test_a_loop_joins_each_started_child():
    out = fixed(SRC)
    assert out.endswith("        tasks.put(None)\n    for converter in converters:\n        converter.join()\n\n\n"
                        'if __name__ == "__main__":\n    main(["a.png", "b.png", "c.png"])\n')
    assert found(out, "MP206") == []


def test_a_single_child_is_joined():
    out = fixed(SINGLE)
    assert "    tasks.put(None)\n    converter.join()\n" in out
    assert found(out, "MP206") == []


def test_no_fix_for_a_start_under_a_condition():
    src = SINGLE.replace("    converter.start()\n", "    if names:\n        converter.start()\n")
    assert all(f.fix is None for f in found(src, "MP206"))


def test_no_fix_when_the_function_returns_after_the_start():
    src = SINGLE.replace("    tasks.put(None)\n", "    tasks.put(None)\n    if not names:\n        return\n"
                         "    print('queued', flush=True)\n")
    assert all(f.fix is None for f in found(src, "MP206"))


def test_a_program_that_joins_is_silent():
    assert found(fixed(SRC), "MP206") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for name, src, children in (("loop.py", SRC, 2), ("single.py", SINGLE, 1)):
        path = tmp_path / name
        path.write_text(fixed(src))
        out = run_program(path, method, timeout=120, cwd=tmp_path)
        assert out.returncode == 0 and "FileNotFoundError" not in out.stderr, out.stderr
        assert sorted(line.split()[1] for line in out.stdout.splitlines() if line.startswith("CONVERTED")) == \
            ["a.png", "b.png", "c.png"]
