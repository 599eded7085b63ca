"""DGGS indexing helpers (a vector2dggs-like tool, reduced): a progress monitor thread and
geometry reads that share one library lock, as GDAL/tqdm locks are shared in the real tool."""
import multiprocessing
import threading
import time

_GDAL_LOCK = threading.Lock()


class ProgressMonitor(threading.Thread):
    """Refreshes a progress display; holds the library lock while it redraws."""

    def __init__(self, interval: float = 0.3):
        super().__init__(daemon=True)
        self.interval = interval
        self.stopped = threading.Event()
        self.redraws = 0

    def run(self):
        while not self.stopped.is_set():
            with _GDAL_LOCK:
                time.sleep(self.interval)
                self.redraws += 1
            time.sleep(0.0005)

    def stop(self):
        self.stopped.set()
        self.join()


def read_geometry(feature):
    with _GDAL_LOCK:
        return [(x * 0.5, y * 0.5) for x, y in feature["coords"]]


def index_feature(feature, resolution: int):
    cells = {f"{resolution}:{int(x)}:{int(y)}" for x, y in read_geometry(feature)}
    return feature["id"], sorted(cells)


def pool_context():
    """forkserver where it exists, spawn otherwise (scoped to the pool, not process-wide)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def sample_features(n: int):
    return [{"id": i, "coords": [(i, i + 1), (i + 2, i), (i + 4, i + 3)]} for i in range(n)]
