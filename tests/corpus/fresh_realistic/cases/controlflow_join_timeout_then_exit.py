# family: controlflow
# hazard: queue-join-deadlock
# line: 29
# timeout: 10
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: Shape of https://github.com/python/cpython/issues/91594 (a child q.put()s 10000 items, the parent takes one, calls `p.join(1)` and the program "is getting stuck after the last iteration"; Tim Peters: "If you put something on it, some process needs to take it off"). The parent here only wants a preview, joins with a timeout and returns; at interpreter exit multiprocessing joins the non-daemonic exporter, which can never flush its queue, so the program never ends.
"""Preview the first rows of a table export without waiting for the whole export."""
import multiprocessing
import sys


def export_rows(table, n_rows, out):
    for i in range(n_rows):
        out.put({"table": table, "id": i, "payload": "x" * 200})
    out.put(None)


def preview(table, n_rows=20000, limit=3):
    out = multiprocessing.Queue()
    exporter = multiprocessing.Process(target=export_rows, args=(table, n_rows, out))
    exporter.start()
    rows = []
    while len(rows) < limit:
        row = out.get(timeout=10)
        if row is None:
            break
        rows.append(row["id"])
    # we have what we need; give the exporter a moment and move on
    exporter.join(timeout=1)
    return rows


def main(argv):
    table = argv[1] if len(argv) > 1 else "orders"
    print("RESULT=%s" % preview(table))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
