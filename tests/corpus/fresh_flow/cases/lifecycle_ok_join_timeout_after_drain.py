# family: lifecycle
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of https://github.com/NVIDIA/multi-storage-client/pull/178: the exporter's rows are drained in a helper before the parent waits with join(timeout=...), so nothing is left in the queue's pipe when the process is joined or when the interpreter exits.
"""Export rows in a worker, drain them, then wait with a deadline."""
import multiprocessing
import sys


def exporter(rows, out):
    for i in range(rows):
        out.put(("row", i, "x" * 20))
    out.put(("done", rows, ""))


def drain(out):
    rows = []
    while True:
        kind, i, payload = out.get(timeout=30)
        if kind == "done":
            return rows
        rows.append(i)


def run_export(rows):
    out = multiprocessing.Queue()
    proc = multiprocessing.Process(target=exporter, args=(rows, out))
    proc.start()
    exported = drain(out)
    proc.join(timeout=5.0)
    if proc.is_alive():
        proc.terminate()
    return exported


def main():
    exported = run_export(40000)
    print("RESULT=%d" % len(exported))
    return 0 if len(exported) == 40000 else 3


if __name__ == "__main__":
    sys.exit(main())
