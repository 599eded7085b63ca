# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 40
# note: joblib/joblib#1467 and metomi/rose#1281 (the fix for "Queue objects should only be shared ... through inheritance": a multiprocessing.Manager().Queue() proxy), passed as a task argument to loky's default backend.
"""Same record parser as before, progress now goes through a Manager queue proxy."""
import multiprocessing as mp
import queue
import sys

from joblib import Parallel, delayed


def parse_record(record, progress):
    name, _, seq = record.partition(":")
    gc = sum(1 for c in seq if c in "GC")
    progress.put(name)
    return name, round(gc / max(len(seq), 1), 2)


def drain(q):
    seen = []
    while True:
        try:
            seen.append(q.get(timeout=0.5))
        except queue.Empty:
            return seen


def main():
    records = ["g1:ATGCGC", "g2:ATATAT", "g3:GGGCCC", "g4:ATGC"]
    with mp.Manager() as manager:
        progress = manager.Queue()
        results = Parallel(n_jobs=2)(delayed(parse_record)(r, progress) for r in records)
        done = drain(progress)
    print(f"parsed {len(done)} records")
    print(f"RESULT={sorted(done)}")
    if sorted(done) != ["g1", "g2", "g3", "g4"] or len(results) != 4:
        sys.exit(3)


if __name__ == "__main__":
    main()
