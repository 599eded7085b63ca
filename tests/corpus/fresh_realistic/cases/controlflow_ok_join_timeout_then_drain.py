# family: controlflow
# hazard: none
# line: none
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss in the shape of https://github.com/python/cpython/issues/91594 and the n8n fix https://github.com/n8n-io/n8n/pull/19084 ("we would need to drain the queue before joining"): the parent first joins with a timeout (a progress check that returns while the child is still blocked on the full pipe), then drains every row and only then joins for good. Looks like join-before-drain; it is not a deadlock.
"""Copy a table through a child process, printing a heartbeat while it runs."""
import multiprocessing
import sys


def export_rows(table, n_rows, out):
    for i in range(n_rows):
        out.put({"table": table, "id": i, "payload": "x" * 200})
    out.put(None)


def copy_table(table, n_rows=5000):
    out = multiprocessing.Queue()
    exporter = multiprocessing.Process(target=export_rows, args=(table, n_rows, out))
    exporter.start()
    exporter.join(timeout=0.5)
    if exporter.is_alive():
        print("exporter still running, draining", file=sys.stderr)
    copied = 0
    while True:
        row = out.get(timeout=10)
        if row is None:
            break
        copied += 1
    exporter.join()
    return copied


def main(argv):
    table = argv[1] if len(argv) > 1 else "orders"
    copied = copy_table(table)
    print("RESULT=%s" % copied)
    return 0 if copied == 5000 else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv))
