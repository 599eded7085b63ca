# family: controlflow
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of the join-before-drain deadlock (https://github.com/OpenPipe/ART/pull/429 adds a timeout to a join "when lingering results aren't properly consumed"): a health-check runner joins each probe process with join(timeout=10) before reading the queue, but every probe puts one small (name, status, millis) tuple, which fits in the pipe buffer, so the children exit and the joins return.
"""Run each health probe in its own process and print a status table."""
import multiprocessing
import sys
import time

PROBES = {"db": 0.05, "cache": 0.01, "search": 0.02}


def probe(name, delay, results):
    started = time.monotonic()
    time.sleep(delay)
    results.put((name, "up", int((time.monotonic() - started) * 1000)))


def run_probes():
    results = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=probe, args=(n, d, results))
             for n, d in PROBES.items()]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=10)
        if proc.is_alive():
            proc.terminate()
    table = {}
    for _ in procs:
        name, status, _ms = results.get(timeout=5)
        table[name] = status
    return table


def main():
    table = run_probes()
    for name in sorted(table):
        print(f"{name:8} {table[name]}")
    print(f"RESULT={sorted(table.items())}")
    return 0 if len(table) == len(PROBES) else 3


if __name__ == "__main__":
    sys.exit(main())
