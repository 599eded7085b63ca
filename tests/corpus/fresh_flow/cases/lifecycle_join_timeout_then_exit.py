# family: lifecycle
# hazard: queue-join-deadlock
# line: 26
# timeout: 10
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: Modelled on https://github.com/NVIDIA/multi-storage-client/pull/178 ("do not hang at interpreter exit after a fast-fail multi-process sync": work left in a multiprocessing.Queue keeps a process from exiting) in the shape of a watchdog: the parent waits for the exporter with join(timeout=...), gives up and returns, but the exporter still has 40k rows buffered for the queue's pipe, and the interpreter's exit joins it forever.
"""Export rows in a worker; give up waiting after a deadline."""
import multiprocessing
import sys
import time

DEADLINE = 1.0


def exporter(rows, out):
    for i in range(rows):
        out.put(("row", i, "x" * 20))
    out.put(("done", rows, ""))


def run_export(rows):
    out = multiprocessing.Queue()
    proc = multiprocessing.Process(target=exporter, args=(rows, out))
    proc.start()
    started = time.time()
    proc.join(timeout=DEADLINE)
    if proc.is_alive():
        print("exporter still running after %.1fs, leaving it" % (time.time() - started))
        return None
    return out


def main():
    out = run_export(40000)
    print("RESULT=%s" % ("timeout" if out is None else "finished"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
