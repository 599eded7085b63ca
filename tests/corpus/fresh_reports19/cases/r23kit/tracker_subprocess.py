"""The resource tracker after the Windows fix: workers are separate interpreters running a module, not Processes."""
import os
import shutil
import subprocess
import sys
import tempfile

_KIT_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class ResourceTracker:
    def __init__(self, interval=0.05):
        self.interval = interval
        self.workdir = tempfile.mkdtemp(prefix="tracker-")
        self.procs = []

    def _path(self, name):
        return os.path.join(self.workdir, name)

    def start(self):
        env = dict(os.environ)
        env["PYTHONPATH"] = _KIT_PARENT + os.pathsep + env.get("PYTHONPATH", "")
        for kind in ("process", "system"):
            cmd = [sys.executable, "-m", "r23kit.tracker_worker", kind,
                   "--interval", str(self.interval),
                   "--output-file", self._path(kind + ".txt"),
                   "--stop-file", self._path("stop")]
            self.procs.append(subprocess.Popen(cmd, env=env))
        return self

    def stop(self):
        open(self._path("stop"), "w").close()
        samples = 0
        for proc in self.procs:
            proc.wait(timeout=10)
        for kind in ("process", "system"):
            try:
                with open(self._path(kind + ".txt")) as fh:
                    samples += int(fh.read() or 0)
            except FileNotFoundError:
                pass
        shutil.rmtree(self.workdir, ignore_errors=True)
        return {"pid": os.getpid(), "samples": samples}
