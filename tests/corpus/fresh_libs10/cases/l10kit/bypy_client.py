"""bypy-like Baidu PCS client: downloads a remote directory, one file per job."""
import hashlib
import threading


class ByPy:
    def __init__(self, processes=2, verbose=False):
        self.processes = processes
        self.verbose = verbose
        self._print_lock = threading.Lock()
        self._remote = {f"/apps/bypy/docs/f{i}.txt": f"content {i}" * (i + 1) for i in range(5)}

    def pr(self, msg):
        with self._print_lock:
            if self.verbose:
                print(msg)

    def list_remote(self, rpath):
        return sorted(p for p in self._remote if p.startswith(rpath))

    def downfile(self, rfile):
        data = self._remote[rfile].encode()
        self.pr(f"downloaded {rfile}")
        return rfile, hashlib.md5(data).hexdigest()[:8]
