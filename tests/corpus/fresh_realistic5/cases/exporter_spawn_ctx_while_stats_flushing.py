# family: fork_only
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/96971 -- the service asks for a spawn context because its stats thread is running, so no child inherits the recorder's held lock.
"""Exporter: a long-running service that exports tables in child processes."""
import multiprocessing as mp
import sys
import time

from rz5kit.stats import Stats

STATS = Stats()


def export_table(table, rows):
    STATS.add("exported_rows", rows)
    print(f"exported {rows} rows of {table}")


class ExportService:
    def __init__(self, tables):
        self.tables = tables
        self.ctx = mp.get_context("spawn")
        self.workers = []

    def start_background(self):
        STATS.start_flusher(hold=30.0)
        time.sleep(0.3)  # let the flusher take its first snapshot

    def export_all(self):
        for table, rows in self.tables.items():
            worker = self.ctx.Process(target=export_table, args=(table, rows))
            worker.start()
            self.workers.append(worker)
        for worker in self.workers:
            worker.join()
        return [w.exitcode for w in self.workers]


if __name__ == "__main__":
    service = ExportService({"orders": 120, "users": 40})
    service.start_background()
    codes = service.export_all()
    print("RESULT=" + str(codes))
    sys.exit(0 if codes == [0, 0] else 3)
