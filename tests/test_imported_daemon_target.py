"""MP413 for a daemonic Process whose target is a function imported from another project module that starts a
process through a third module (OpenWPM PR #263, fresh_reports14 openwpm263_browser_manager_daemon:
`Process(target=BrowserManager)` with `daemon = True`; BrowserManager calls `socket_server.start(...)`, which starts
the socket server process). The child raises `AssertionError: daemonic processes are not allowed to have children`
under every start method. Near misses: `daemon = False`, a target whose helpers start nothing. Proven under fork,
spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

DAEMON_ERROR = "daemonic processes are not allowed to have children"

SIDECAR = """
    import multiprocessing


    def _echo(conn):
        while True:
            msg = conn.recv()
            if msg is None:
                break
            conn.send(msg * 2)


    def launch_sidecar():
        here, there = multiprocessing.Pipe()
        helper = multiprocessing.Process(target=_echo, args=(there,))
        helper.start()
        return helper, here


    def describe_sidecar():
        return {"kind": "echo"}
"""

AGENT = """
    from . import sidecar


    def agent(jobs, answers, options):
        helper = conn = None
        try:
            if options.get("sidecar"):
                helper, conn = sidecar.launch_sidecar()
            for job in iter(jobs.get, None):
                if conn is not None:
                    conn.send(job)
                    job = conn.recv()
                answers.put(("ok", job))
        except AssertionError as exc:
            answers.put(("error", str(exc)))
        finally:
            if conn is not None:
                conn.send(None)
                helper.join(5)


    def plain_agent(jobs, answers, options):
        info = sidecar.describe_sidecar()
        for job in iter(jobs.get, None):
            answers.put(("ok", job, info["kind"]))
"""

MAIN = """
    import multiprocessing

    from crawler.agent import TARGET


    class Fleet:
        def __init__(self):
            self.jobs = multiprocessing.Queue()
            self.answers = multiprocessing.Queue()
            self.worker = None

        def launch(self):
            self.worker = multiprocessing.Process(target=TARGET, args=(self.jobs, self.answers, {"sidecar": True}))
            self.worker.daemon = DAEMON
            self.worker.start()

        def ask(self, job):
            self.jobs.put(job)
            return self.answers.get(timeout=20)

        def stop(self):
            self.jobs.put(None)
            self.worker.join(10)


    def main():
        fleet = Fleet()
        fleet.launch()
        first = fleet.ask(3)
        fleet.stop()
        if first[0] != "ok":
            raise SystemExit("agent failed: %s" % (first[1],))
        print("RESULT=%s" % (first[1],))


    if __name__ == "__main__":
        main()
"""


def program(target="agent", daemon="True"):
    return MAIN.replace("TARGET", target).replace("DAEMON", daemon)


def files(main):
    return {"crawler/__init__.py": "", "crawler/sidecar.py": SIDECAR, "crawler/agent.py": AGENT, "main.py": main}


def test_a_daemonic_process_whose_imported_target_starts_a_process(tmp_path):
    root = project(tmp_path, files(program()))
    [finding] = findings(root / "main.py", "MP413")
    assert finding.start.row == 14 and "crawler.agent.agent()" in finding.message
    assert finding.related_file is not None and finding.related_file.path.endswith("sidecar.py")


@pytest.mark.parametrize("target, daemon", [("agent", "False"), ("plain_agent", "True")])
def test_near_misses(tmp_path, target, daemon):
    root = project(tmp_path, files(program(target, daemon)))
    assert findings(root / "main.py", "MP413") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for name, (target, daemon), fails in (("a", ("agent", "True"), True), ("b", ("agent", "False"), False),
                                          ("c", ("plain_agent", "True"), False)):
        root = project(tmp_path / name, files(program(target, daemon)))
        out = run_program(root / "main.py", method, timeout=60, cwd=root)
        if fails:
            assert out.returncode != 0 and DAEMON_ERROR in out.stderr, out.stderr
        else:
            assert out.returncode == 0 and "RESULT=" in out.stdout, out.stderr
