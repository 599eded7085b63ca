"""What another module's helper hands to a spawn-context child, followed into what it holds (nicegui #6045,
fresh_reports12 nicegui6045: native mode's queues, made from the default context, ride in a config dataclass
that uvicorn's ChangeReload starts the server with from a spawn context):
- a class without its own `__init__` is made by its base's, so the base's constructor sinks hold for it
  (unless the subclass overrides the method that hands the value over);
- MP205 weighs a default-context Queue or Lock held by the value (a dict item, a dataclass field), not only one
  given itself (Pickler.held_syncs);
- an attribute this module sets on an object of another module's class (`config.native = ...`) is pickled with
  it, unless the class decides its state (`__getstate__`, `__setattr__`, `__slots__`, a property).
Near misses stay silent; the programs are run under fork, spawn and forkserver."""
import sys

import pytest
from helpers import run_program
from test_semantic_crossmodule import findings, project

SUPERVISOR = """
    import multiprocessing
    from dataclasses import dataclass


    @dataclass
    class Channels:
        requests: object
        replies: object


    @dataclass
    class Settings:
        name: str
        channels: Channels = None


    class Supervisor:
        ctx = multiprocessing.get_context("spawn")

        def __init__(self, settings, target):
            self.settings = settings
            self.target = target
            self.child = None

        def launch(self):
            self.child = self.ctx.Process(target=self.target, args=(self.settings,))
            self.child.start()

        def wait(self):
            self.child.join(20)
            return self.child.exitcode


    class OneShot(Supervisor):
        def serve(self):
            self.launch()
            return self.wait()
"""

# the caller: the queues reach the child inside an object of the other module's dataclass, set as an attribute
CALLER = """
    import multiprocessing
    import sys

    from kit.supervisor import Channels, OneShot, Settings


    def serve(settings):
        settings.channels.replies.put("pong:" + settings.channels.requests.get(timeout=10))


    def main():
        settings = Settings("demo")
        settings.channels = Channels(multiprocessing.Queue(), multiprocessing.Queue())
        settings.channels.requests.put("ping")
        code = OneShot(settings, target=serve).serve()
        print("RESULT=%s:%s" % (code, settings.channels.replies.get(timeout=10)))


    if __name__ == "__main__":
        sys.exit(main())
"""
SPAWN_QUEUES = CALLER.replace("Channels(multiprocessing.Queue(), multiprocessing.Queue())",
                              "Channels(SPAWN.Queue(), SPAWN.Queue())").replace(
    "    def serve(settings):", "    SPAWN = multiprocessing.get_context(\"spawn\")\n\n\n    def serve(settings):")


def _project(tmp_path, caller=CALLER, supervisor=SUPERVISOR):
    return project(tmp_path, {"kit/__init__.py": "", "kit/supervisor.py": supervisor, "main.py": caller})


def test_queue_in_a_field_set_on_another_modules_object(tmp_path):
    (finding,) = findings(_project(tmp_path) / "main.py", "MP205")
    assert "kit.supervisor.OneShot()" in finding.message and "spawn-context" in finding.message
    assert finding.start_methods == ("fork",) or set(finding.start_methods) == {"fork"}


@pytest.mark.parametrize("caller", [
    # a Queue in a dict given to the constructor
    CALLER.replace("        code = OneShot(settings, target=serve)",
                   "        queue = multiprocessing.Queue()\n        code = OneShot({\"q\": queue}, target=serve)"),
    # the dataclass built with the channels
    CALLER.replace("        settings = Settings(\"demo\")\n        settings.channels = Channels(multiprocessing.Queue(), "
                   "multiprocessing.Queue())",
                   "        settings = Settings(\"demo\", Channels(multiprocessing.Queue(), multiprocessing.Queue()))"),
])
def test_other_holders(tmp_path, caller):
    assert caller != CALLER
    assert findings(_project(tmp_path, caller) / "main.py", "MP205")


def test_base_class_constructor_sinks(tmp_path):
    # a lock in what the subclass's inherited constructor keeps: refused when the spawned child gets it
    caller = CALLER.replace("Channels(multiprocessing.Queue(), multiprocessing.Queue())",
                            "Channels(threading.Lock(), None)").replace("import sys", "import sys\n    import threading")
    (finding,) = findings(_project(tmp_path, caller) / "main.py", "MP203")
    assert "OneShot()" in finding.message and "(set on it after it was made)" in finding.message


@pytest.mark.parametrize("supervisor, caller", [
    (SUPERVISOR, SPAWN_QUEUES),  # the queues come from the child's context
    # the subclass starts its child its own way (a thread): the base's crossing is not its own
    (SUPERVISOR.replace("        def serve(self):", "        def launch(self):\n            pass\n\n"
                        "        def serve(self):"), CALLER),
    # the class leaves its channels out of what is pickled
    (SUPERVISOR.replace("        name: str\n        channels: Channels = None\n",
                        "        name: str\n        channels: Channels = None\n\n"
                        "        def __getstate__(self):\n            return {\"name\": self.name}\n"), CALLER),
])
def test_near_misses(tmp_path, supervisor, caller):
    assert findings(_project(tmp_path, caller, supervisor) / "main.py", "MP205") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    out = run_program(_project(tmp_path / "a") / "main.py", method, timeout=60, cwd=tmp_path / "a")
    if method == "fork":
        # (3.10 does not check the SemLock's context: the spawned child cannot use it, and the reply never comes)
        assert out.returncode != 0 and "RESULT=0:pong:ping" not in out.stdout, out.stderr
        if sys.version_info >= (3, 11):
            assert "SemLock created in a fork context" in out.stderr, out.stderr
    else:
        assert "RESULT=0:pong:ping" in out.stdout, out.stderr
    fixed = _project(tmp_path / "b", SPAWN_QUEUES)
    out = run_program(fixed / "main.py", method, timeout=60, cwd=fixed)
    assert "RESULT=0:pong:ping" in out.stdout, out.stderr
