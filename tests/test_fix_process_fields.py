"""The fix for an object sent with a bound-method target also leaves out the Processes it keeps (`self.procs.append(p)`):
each later start pickles the object with the earlier, started, processes, which fails under spawn and forkserver
(fresh_realistic3 callable_linkedin_indexer_bound_method_lock: the fixed program ran clean under the three methods
only with `procs` left out too)."""
from mpguard.fixes.apply import fix_all
from mpguard.linter.analyze import analyze

SOURCE = '''import multiprocessing
import threading


class Indexer:
    def __init__(self, shards=2):
        self.shards = shards
        self.procs = []
        self._lock = None

    def open(self):
        self._lock = threading.Lock()

    def index_shard(self, shard):
        return shard * self.shards

    def start_all(self):
        for shard in range(self.shards):
            proc = multiprocessing.Process(target=self.index_shard, args=(shard,))
            proc.start()
            self.procs.append(proc)


if __name__ == "__main__":
    indexer = Indexer()
    indexer.open()
    indexer.start_all()
    for p in indexer.procs:
        p.join()
'''


def test_the_kept_processes_are_left_out_with_the_lock():
    fixed, _ = fix_all(SOURCE, lambda text: analyze(text, "case.py").findings, unsafe=True)
    assert 'state.pop("_lock", None)' in fixed and 'state.pop("procs", None)' in fixed
    assert "def __setstate__" not in fixed  # not the lock-rebuilding recipe: the object keeps its processes
