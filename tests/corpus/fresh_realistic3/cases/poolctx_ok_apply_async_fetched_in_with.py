# family: poolctx
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/126743 (near miss: every AsyncResult is fetched with .get() before the with block ends)
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
            paths = {name: res.get(timeout=30) for name, res in self.pending.items()}
        return self.verify(paths)

    def verify(self, paths):
        return sorted(os.path.basename(p) for p in paths.values() if os.path.exists(p))


def main():
    out_dir = tempfile.mkdtemp()
    exported = NightlyExport(out_dir).run(TABLES)
    print("RESULT=%d" % len(exported))
    if len(exported) != len(TABLES):
        sys.exit(3)


if __name__ == "__main__":
    main()
