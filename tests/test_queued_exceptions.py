"""MP208 for an exception a child catches and sends on a Queue (inspect_scout #616, fresh_reports17 scout616:
`except Exception as ex: ctx.upstream_queue.put(ex)`, the queue a field of a dataclass of another module given to
`Process(args=...)`). The put succeeds; the reader's get() rebuilds the exception as `cls(*args)` and raises
TypeError when its __init__ needs arguments `args` does not hold. Also: a Queue reached through a field of the
object a Process is given (`chan.out.put(...)`), and a dataclass of another module that makes its Queue with
`field(default_factory=multiprocessing.Queue)`. Near misses that stay silent: a rebuildable exception, a
description of it (the fix of inspect_scout PR #632), a handler that takes no such raise. Proven under fork, spawn
and forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

WORKER = """
    import multiprocessing


    class QuotaError(Exception):
        def __init__(self, message, *, status):
            super().__init__(message)
            self.status = status


    def call_model(text):
        if not text:
            raise QuotaError("overloaded", status=529)
        return len(text)


    def worker(items, out):
        try:
            for item in items:
                out.put(call_model(item))
        except {caught} as ex:
            out.put({sent})
            return
        out.put(None)


    def main():
        out = multiprocessing.Queue()
        p = multiprocessing.Process(target=worker, args=(["ab", ""], out))
        p.start()
        got = []
        while True:
            item = out.get(timeout=20)
            got.append(item if isinstance(item, int) or item is None else type(item).__name__)
            if not isinstance(item, int):
                break
        p.join()
        print("RESULT=%s" % got)


    if __name__ == "__main__":
        main()
"""


def worker(caught="Exception", sent="ex", init=None):
    text = WORKER.replace("{caught}", caught).replace("{sent}", sent)
    return text if init is None else text.replace("def __init__(self, message, *, status):", init)


HAZARDS = {"caught as Exception": worker(), "caught by its class": worker("QuotaError")}
SILENT = {"rebuildable": worker(init="def __init__(self, message, *, status=None):"),
          "described": worker(sent="RuntimeError(repr(ex))"),
          "another class": worker("KeyError"),  # (QuotaError ends the child: nothing is sent)
          "returns it": worker(sent="None")}


@pytest.mark.parametrize("name", sorted(HAZARDS))
def test_a_caught_exception_put_on_a_queue(name):
    (finding,) = found(HAZARDS[name], "MP208")
    assert finding.start.row == 22 and finding.start_methods == {"fork", "spawn", "forkserver"}
    assert "missing 1 required keyword-only argument: 'status'" in finding.message


@pytest.mark.parametrize("name", sorted(SILENT))
def test_near_misses_are_silent(name):
    assert found(SILENT[name], "MP208") == []


CHANNEL = """
    import multiprocessing
    from dataclasses import dataclass, field
    from typing import Any


    @dataclass
    class Channel:
        name: str
        out: Any = field(default_factory=multiprocessing.Queue)


    def child(n, chan):
        chan.out.put(lambda: n)


    def main():
        chan = Channel("x")
        p = multiprocessing.Process(target=child, args=(1, chan))
        p.start()
        print(chan.out.get(timeout=5))
        p.join()


    if __name__ == "__main__":
        main()
"""


def test_a_queue_in_a_field_of_a_process_argument():
    (finding,) = found(CHANNEL, "MP210")
    assert finding.start.row == 14


ERRORS = """
    class ProviderError(Exception):
        def __init__(self, message, *, reply, payload):
            super().__init__(message)
            self.reply = reply
            self.payload = payload


    class Busy(ProviderError):
        pass


    class Backend:
        def score(self, key):
            if key == "hot":
                raise Busy("busy", reply=503, payload=None)
            return len(key)
"""

PLUMBING = """
    import multiprocessing
    from dataclasses import dataclass, field
    from typing import Any


    @dataclass
    class Wiring:
        label: str
        results: Any = field(default_factory=multiprocessing.Queue)


    @dataclass
    class Failure:
        kind: str
        text: str
"""

SCAN = """
    import multiprocessing

    from pkg.errors import Backend
    from pkg.plumbing import Failure, Wiring


    def scan(keys, wiring):
        backend = Backend()
        try:
            for key in keys:
                wiring.results.put(backend.score(key))
        except Exception as ex:
            wiring.results.put({sent})
            return
        wiring.results.put(None)


    def main():
        wiring = Wiring("scan")
        proc = multiprocessing.Process(target=scan, args=(["cold", "hot"], wiring))
        proc.start()
        seen = []
        while True:
            item = wiring.results.get(timeout=20)
            seen.append(item if isinstance(item, int) or item is None else type(item).__name__)
            if not isinstance(item, int):
                break
        proc.join()
        print("RESULT=%s" % seen)


    if __name__ == "__main__":
        main()
"""


def _scan(root, sent="ex"):
    return project(root, {"pkg/__init__.py": "", "pkg/errors.py": ERRORS, "pkg/plumbing.py": PLUMBING,
                          "main.py": SCAN.replace("{sent}", sent)})


def test_a_dataclass_of_another_module_carries_the_queue(tmp_path):
    (finding,) = findings(_scan(tmp_path) / "main.py", "MP208")
    assert finding.start.row == 14
    assert "missing 2 required keyword-only arguments: 'reply' and 'payload'" in finding.message
    assert findings(_scan(tmp_path / "fixed", "Failure(type(ex).__name__, str(ex))") / "main.py", "MP208") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    programs = {**{name: (text, False) for name, text in HAZARDS.items()},
                **{name: (text, True) for name, text in SILENT.items() if name != "another class"}}
    for at, (name, (text, ok)) in enumerate(sorted(programs.items())):
        root = project(tmp_path / str(at), {"main.py": text})
        out = run_program(root / "main.py", method, timeout=60, cwd=root)
        if ok:
            assert "RESULT=[2, " in out.stdout, (name, out.stderr)
        else:
            assert "missing 1 required keyword-only argument: 'status'" in out.stderr, (name, out.stderr)
    out = run_program(_scan(tmp_path / "scan") / "main.py", method, timeout=60, cwd=tmp_path / "scan")
    assert "missing 2 required keyword-only arguments: 'reply' and 'payload'" in out.stderr, out.stderr
    fixed = _scan(tmp_path / "fixed", "Failure(type(ex).__name__, str(ex))")
    out = run_program(fixed / "main.py", method, timeout=60, cwd=fixed)
    assert "RESULT=[4, 'Failure']" in out.stdout, out.stderr
