# family: poolctx
# hazard: pool-results-lost
# line: 33
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/python/cpython/issues/126743 (`with Pool() as p: result = p.apply_async(...)`, the with block ends before the work: Pool.__exit__ terminates); here a nightly export job schedules one apply_async per table, keeps the AsyncResults in a dict and only checks the exported files after the with block
import multiprocessing
import os
import sys
import tempfile
import time

TABLES = {"users": 120, "orders": 340, "invoices": 75}


def export_table(name, rows, out_dir):
    time.sleep(0.5)
    path = os.path.join(out_dir, name + ".csv")
    with open(path, "w") as fh:
        for i in range(rows):
            fh.write("%s,%d\n" % (name, i))
    return path


class NightlyExport:
    def __init__(self, out_dir, workers=2):
        self.out_dir = out_dir
        self.workers = workers
        self.pending = {}

    def run(self, tables):
        with multiprocessing.Pool(self.workers) as pool:
            for name, rows in tables.items():
                self.pending[name] = pool.apply_async(export_table, (name, rows, self.out_dir))
        return self.verify()

    def verify(self):
        return sorted(n for n in os.listdir(self.out_dir) if n.endswith(".csv"))


def main():
    out_dir = tempfile.mkdtemp()
    exported = NightlyExport(out_dir).run(TABLES)
    print("RESULT=%d" % len(exported))
    if len(exported) != len(TABLES):
        sys.exit(3)


if __name__ == "__main__":
    main()
