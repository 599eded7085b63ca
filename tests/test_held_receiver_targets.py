"""A method that starts `Process(target=x.<m>)` where `x` is what an accessor of the same object gives back and
holds the object itself (`queue = self.queue(name)`, the memoizing `if name not in self.queues: self.queues[name]
= JobQueue(env=self, name=name)`; `return self.queues[name]`): start() pickles the bound method, so `x`, so the
object with what its constructor kept (linter/bound_state, rules/bound_targets). sqs-workers #16 (fresh_libs16
sqsworkers16_env_queues_in_processes): SQSEnv.process_queues with the env keeping a boto3 session. Also a
dataclass's `__post_init__` runs on the object being made: `self.client = self.session.client("sqs")` is the
session that construction gave (semantic/calls). Near misses: a picklable value kept, an accessor whose objects do
not hold the object, a `run()` whose target is a module function. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

HUB = """
    import multiprocessing


    class Channel:
        def __init__(self, hub, name):
            self.hub = hub
            self.name = name

        def serve(self):
            print("served", self.name, self.hub.label)


    class Hub:
        def __init__(self, label, guard):
            self.label = label
            self.guard = guard
            self.channels = {}

        def channel(self, name):
            if name not in self.channels:
                self.channels[name] = Channel(HELD, name)
            return self.channels[name]

        def run_all(self, names):
            procs = []
            for name in names:
                chan = self.channel(name)
                proc = multiprocessing.Process(target=chan.serve)
                proc.start()
                procs.append(proc)
            for proc in procs:
                proc.join()
"""

MAIN = """
    import threading
    from relay.hub import Hub

    def main():
        hub = Hub("relay", GUARD)
        hub.run_all(["a", "b"])
        print("RESULT=done")

    if __name__ == "__main__":
        main()
"""


def _found(tmp_path, held="self", guard="threading.Lock()"):
    root = project(tmp_path, {"relay/__init__.py": "", "relay/hub.py": HUB.replace("HELD", held),
                              "main.py": MAIN.replace("GUARD", guard)})
    return [(f.code, f.start.row) for f in findings(root / "main.py") if f.code.startswith("MP2")]


def test_the_accessors_object_holds_the_hub_and_its_lock(tmp_path):
    assert _found(tmp_path) == [("MP203", 7)]


@pytest.mark.parametrize("held, guard", [
    ("self", "None"),  # nothing refused kept
    ("self", '"a-label"'),
    ("None", "threading.Lock()"),  # the accessor's objects do not hold the hub
])
def test_near_misses_say_nothing(tmp_path, held, guard):
    assert _found(tmp_path, held, guard) == []


DATACLASS_ENV = """
    import multiprocessing
    from dataclasses import dataclass, field

    import boto3


    @dataclass
    class Job:
        env: "Env"
        name: str

        def run(self):
            print(self.name)


    @dataclass
    class Env:
        session: object
        client: object = None
        jobs: dict = field(default_factory=dict)

        def __post_init__(self):
            self.client = self.session.client("s3")

        def job(self, name):
            if name not in self.jobs:
                self.jobs[name] = Job(env=self, name=name)
            return self.jobs[name]


    if __name__ == "__main__":
        env = Env(session=SESSION)
        job = env.job("a")
        p = multiprocessing.Process(target=job.run)
        p.start()
        p.join()
"""


def test_post_init_reads_the_fields_of_the_object_being_made():
    """One file: `self.client = self.session.client("s3")` is a boto3 client when the construction gave a session
    (the accessor's job holds the env: its bound method pickles the env, and the client with it)."""
    src = textwrap.dedent(DATACLASS_ENV)
    [finding] = found(src.replace("SESSION", 'boto3.session.Session(region_name="eu-west-1")'), "MP201")
    assert finding.start.row == 35 and ".client is a botocore.client" in finding.message
    assert found(src.replace("SESSION", "None"), "MP201") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    files = {"relay/__init__.py": "", "relay/hub.py": HUB.replace("HELD", "self")}
    root = project(tmp_path / "lock", {**files, "main.py": MAIN.replace("GUARD", "threading.Lock()")})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if method == "fork":
        assert out.returncode == 0 and "RESULT=done" in out.stdout, out.stderr
    else:
        assert out.returncode != 0 and "cannot pickle '_thread.lock' object" in out.stderr, out.stderr
    root = project(tmp_path / "label", {**files, "main.py": MAIN.replace("GUARD", '"a-label"')})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert out.returncode == 0 and "RESULT=done" in out.stdout, out.stderr
