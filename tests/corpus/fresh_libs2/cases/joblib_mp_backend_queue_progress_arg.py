# family: joblib
# hazard: unpicklable-argument
# line: 32
# expect: fork=inheritance_only_error spawn=inheritance_only_error forkserver=inheritance_only_error
# timeout: 30
# note: dongzhang0725/PhyloSuite#129 ("Queue objects should only be shared between processes through inheritance" from a pool task) in joblib form: a multiprocessing.Queue for progress messages is passed to every delayed task of the multiprocessing backend.
"""Parse GenBank-like records in parallel and report progress through a queue."""
import multiprocessing as mp
import sys

from joblib import Parallel, delayed


def parse_record(record, progress):
    name, _, seq = record.partition(":")
    gc = sum(1 for c in seq if c in "GC")
    progress.put(name)
    return name, round(gc / max(len(seq), 1), 2)


def drain(q):
    seen = []
    while not q.empty():
        seen.append(q.get())
    return seen


def main():
    records = ["g1:ATGCGC", "g2:ATATAT", "g3:GGGCCC", "g4:ATGC"]
    progress = mp.Queue()
    parallel = Parallel(n_jobs=2, backend="multiprocessing")
    results = parallel(delayed(parse_record)(r, progress) for r in records)
    done = drain(progress)
    print(f"parsed {len(done)} records")
    print(f"RESULT={dict(results)}")
    if len(results) != 4:
        sys.exit(3)


if __name__ == "__main__":
    main()
