"""MP203: a multiprocessing Process object handed to another process after it was started (keepmenu #181,
fresh_reports14 keepmenu181_run_passes_started_server: `run()` starts the Server process, then the DmenuRunner
process whose `__init__` keeps `self.server`). Measured on 3.10-3.13: while a child is spawned an unstarted Process
pickles, and so does a closed one; a started one (joined or not) keeps a finalizer's weakref in its Popen:
`TypeError: cannot pickle 'weakref.ReferenceType' object` under spawn and forkserver. Near misses: started after the
crossing, closed first, a fork context, start() in the other branch. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

WEAKREF = "cannot pickle 'weakref.ReferenceType' object"

ARGS = """
    import multiprocessing as mp


    def heartbeat(n):
        return n


    def report(peer):
        print("RESULT=%s" % peer.name)


    def main():
        beat = mp.Process(target=heartbeat, args=(1,), name="beat")
        beat.start()
        watcher = mp.Process(target=report, args=(beat,))
        watcher.start()
        watcher.join()
        beat.join()


    if __name__ == "__main__":
        main()
"""

SUBCLASS = """
    import multiprocessing as mp


    def heartbeat(n):
        return n


    class Supervisor(mp.Process):
        def __init__(self, worker, label="sup"):
            mp.Process.__init__(self)
            self.worker = worker
            self.label = label

        def run(self):
            print("RESULT=%s" % self.worker.name)


    def main():
        beat = mp.Process(target=heartbeat, args=(1,), name="beat")
        beat.start()
        sup = Supervisor(beat)
        sup.start()
        sup.join()
        beat.join()


    if __name__ == "__main__":
        main()
"""


def test_started_process_in_args():
    [finding] = found(ARGS, "MP203")
    assert finding.start.row == 16 and WEAKREF in finding.message
    assert finding.start_methods == frozenset({"spawn", "forkserver"})


def test_started_process_kept_by_a_subclass():
    [finding] = found(SUBCLASS, "MP203")
    assert finding.start.row == 23 and "keeps its argument `worker`" in finding.message and WEAKREF in finding.message


def later(text):
    """The peer started only after the process that receives it."""
    out = text.replace("        beat.start()\n", "").replace("        beat.join()\n", "        beat.start()\n        beat.join()\n")
    compile(textwrap.dedent(out), "later", "exec")
    return out


def closed(text):
    out = text.replace("        beat.start()\n", "        beat.start()\n        beat.join()\n        beat.close()\n") \
        .replace("        beat.join()\n\n", "\n")
    compile(textwrap.dedent(out), "closed", "exec")
    return out


NEAR = {"later": later, "closed": closed}


@pytest.mark.parametrize("program", [ARGS, SUBCLASS])
@pytest.mark.parametrize("change", sorted(NEAR))
def test_near_misses(program, change):
    text = NEAR[change](program)
    assert text != program
    assert found(text, "MP203") == []


def test_fork_context_and_other_branch():
    assert found(ARGS.replace('if __name__ == "__main__":', 'if __name__ == "__main__":\n'
                              '        mp.set_start_method("fork")'), "MP203") == []
    branch = ARGS.replace("    def main():\n", "    def main(flag=False):\n").replace(
        "        beat.start()\n        watcher", "        if flag:\n            beat.start()\n            return\n"
        "        watcher")
    assert found(branch, "MP203") == []


WATCHDOG = """
    import multiprocessing


    class Pulse(multiprocessing.Process):
        def __init__(self, interval=0.1):
            multiprocessing.Process.__init__(self)
            self.interval = interval
            self.stop = multiprocessing.Event()

        def run(self):
            self.stop.wait(self.interval)


    class Monitor(multiprocessing.Process):
        def __init__(self, pulse, names, results):
            multiprocessing.Process.__init__(self)
            self.pulse = pulse
            self.names = list(names)
            self.results = results

        def run(self):
            for name in self.names:
                self.results.put(name.upper())
            self.pulse.stop.set()
"""

LAUNCH = """
    import multiprocessing

    from svc.watchdog import Monitor, Pulse


    def launch(names):
        results = multiprocessing.Queue()
        pulse = Pulse()
        monitor = Monitor(pulse, names, results)
        FIRST
        SECOND
        got = sorted(results.get(timeout=10) for _ in names)
        monitor.join()
        pulse.join()
        return got


    if __name__ == "__main__":
        print("RESULT=%s" % launch(["a", "b"]))
"""


def launch(first="pulse.start()", second="monitor.start()"):
    return LAUNCH.replace("FIRST", first).replace("SECOND", second)


def test_imported_subclasses(tmp_path):
    root = project(tmp_path, {"svc/__init__.py": "", "svc/watchdog.py": WATCHDOG, "main.py": launch()})
    [finding] = findings(root / "main.py", "MP203")
    assert finding.start.row == 12 and "`Monitor` (from svc.watchdog)" in finding.message and WEAKREF in finding.message


def test_imported_subclasses_started_in_the_other_order(tmp_path):
    root = project(tmp_path, {"svc/__init__.py": "", "svc/watchdog.py": WATCHDOG,
                              "main.py": launch("monitor.start()", "pulse.start()")})
    assert findings(root / "main.py", "MP203") == []


def test_imported_subclass_with_its_own_reduce(tmp_path):
    reduced = WATCHDOG.replace("        def run(self):\n            self.stop.wait",
                               "        def __reduce__(self):\n            return (Pulse, (self.interval,))\n\n"
                               "        def run(self):\n            self.stop.wait")
    assert reduced != WATCHDOG
    root = project(tmp_path, {"svc/__init__.py": "", "svc/watchdog.py": reduced, "main.py": launch()})
    assert findings(root / "main.py", "MP203") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    cases = {"args.py": (ARGS, True), "subclass.py": (SUBCLASS, True), "main.py": (launch(), True),
             "args_later.py": (later(ARGS), False), "args_closed.py": (closed(ARGS), False),
             "subclass_later.py": (later(SUBCLASS), False), "subclass_closed.py": (closed(SUBCLASS), False),
             "other_order.py": (launch("monitor.start()", "pulse.start()"), False)}
    files = {"svc/__init__.py": "", "svc/watchdog.py": WATCHDOG}
    files.update({name: text for name, (text, _fails) in cases.items()})
    root = project(tmp_path, files)
    for name, (_text, fails) in cases.items():
        out = run_program(root / name, method, timeout=60, cwd=root)
        if fails and method != "fork":
            assert out.returncode != 0 and WEAKREF in out.stderr, (name, out.stderr)
        else:
            assert out.returncode == 0 and "RESULT=" in out.stdout, (name, out.stderr)
