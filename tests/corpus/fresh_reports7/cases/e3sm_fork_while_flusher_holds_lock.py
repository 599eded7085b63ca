# family: fork_only
# hazard: fork-with-held-lock
# line: 48
# timeout: 8
# expect: fork=deadlock spawn=ok forkserver=ok
# note: https://github.com/E3SM-Project/e3sm_diags/issues/1040 -- two long diagnostics jobs hung under the fork context: fork copies only the calling thread but every mutex, so a lock a background thread held at that moment stays locked forever in the child
import multiprocessing
import sys
import threading
import time


class MetricsBuffer:
    def __init__(self):
        self._lock = threading.Lock()
        self._rows = []
        self.flushing = threading.Event()

    def record(self, name, value):
        with self._lock:
            self._rows.append((name, value))

    def _flush_forever(self):
        while True:
            with self._lock:
                self.flushing.set()
                time.sleep(2.0)  # writing the batch to slow storage
                self._rows.clear()
            time.sleep(0.5)

    def start_flusher(self):
        threading.Thread(target=self._flush_forever, daemon=True).start()


METRICS = MetricsBuffer()


def run_diagnostic(season):
    METRICS.record("season", season)


def main():
    METRICS.start_flusher()
    METRICS.flushing.wait()
    procs = []
    for season in ("DJF", "JJA"):
        proc = multiprocessing.Process(target=run_diagnostic, args=(season,))
        proc.start()
        procs.append(proc)
    for proc in procs:
        proc.join()
    print(f"RESULT={[p.exitcode for p in procs]}")
    sys.exit(0 if all(p.exitcode == 0 for p in procs) else 3)


if __name__ == "__main__":
    main()
