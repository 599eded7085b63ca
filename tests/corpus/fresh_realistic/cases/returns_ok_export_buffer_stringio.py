# family: returns
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss to the open-file results reports (https://github.com/qrefine/qrefine/issues/61: "cannot serialize '_io.TextIOWrapper' object"): the CSV writer returns an io.StringIO buffer, which looks like a file object but pickles (it keeps its text and position), so ProcessPoolExecutor sends it back under every start method.
"""Render CSV exports in worker processes and stitch them together."""
import csv
import io
from concurrent.futures import ProcessPoolExecutor

TABLES = {
    "customers": [("id", "name"), (1, "ACME"), (2, "Initech")],
    "orders": [("id", "customer", "total"), (10, 1, 20.0), (11, 2, 5.5), (12, 1, 7.25)],
}


def render_csv(name, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f"# {name}"])
    writer.writerows(rows)
    return name, buffer


def export(tables):
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(render_csv, name, rows) for name, rows in sorted(tables.items())]
        parts = [f.result(timeout=10) for f in futures]
    return "".join(buffer.getvalue() for _, buffer in parts)


def main():
    text = export(TABLES)
    lines = text.splitlines()
    print(text)
    print("RESULT=%d" % len(lines))
    return 0 if len(lines) == 9 else 3


if __name__ == "__main__":
    raise SystemExit(main())
