"""A daemonic process that builds an object of another module's class whose __init__ starts a process (xingtian's
explorers building the configured environment, a simulator in a child; fresh_reports6 xingtian_env_sim_in_daemon_
explorer): the finding names the inner start() in that module as its site (the oracle's anchor for daemon children),
so `mpguard check` over both files reports it there. Proven under fork, spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

ENVS = """
    import multiprocessing


    def _simulator(level):
        pass


    class SimEnv:
        def __init__(self, level=0):
            self.sim = multiprocessing.Process(target=_simulator, args=(level,))
            self.sim.start()
            self.sim.join()
"""

MAIN = """
    import multiprocessing

    from kit.envs import SimEnv

    REGISTRY = {"sim": SimEnv}


    def explore(name):
        env = REGISTRY[name](level=3)


    if __name__ == "__main__":
        proc = multiprocessing.Process(target=explore, args=("sim",), daemon=DAEMON)
        proc.start()
        proc.join()
        print("EXIT=%d" % proc.exitcode)
"""


@pytest.mark.parametrize("daemon", ["True", "False"])
def test_the_site_is_the_start_in_the_class_of_the_other_module(tmp_path, daemon):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/envs.py": ENVS, "main.py": MAIN.replace("DAEMON", daemon)})
    found = findings(root / "main.py", "MP413")
    if daemon == "False":
        assert found == []
        return
    (finding,) = found
    site = finding.related_file
    assert site is not None and site.site and site.path.endswith("envs.py") and site.line == 12


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/envs.py": ENVS, "main.py": MAIN.replace("DAEMON", "True")})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert "daemonic processes are not allowed to have children" in out.stderr and "EXIT=1" in out.stdout, out.stderr
