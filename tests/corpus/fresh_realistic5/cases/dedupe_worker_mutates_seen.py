# family: globals
# hazard: child-mutates-global
# line: 27
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/swansonk14/p_tqdm/issues/33 -- workers record what they processed in a module-level dict that the parent then reads.
"""Dedupe job: hashes records in parallel and reports how many distinct ones were seen."""
import hashlib
import multiprocessing as mp
import sys

SEEN = {}

RECORDS = [
    {"email": "ada@example.test", "name": "Ada"},
    {"email": "grace@example.test", "name": "Grace"},
    {"email": "ada@example.test", "name": "Ada L."},
    {"email": "linus@example.test", "name": "Linus"},
]


def key_of(record):
    return hashlib.sha1(record["email"].encode()).hexdigest()[:12]


def remember(record):
    key = key_of(record)
    SEEN.setdefault(key, record["name"])
    return key


class DedupeJob:
    def __init__(self, records, workers=2):
        self.records = records
        self.workers = workers

    def run(self):
        with mp.Pool(self.workers) as pool:
            pool.map(remember, self.records)
        return len(SEEN)


if __name__ == "__main__":
    distinct = DedupeJob(RECORDS).run()
    print("RESULT=" + str(distinct))
    sys.exit(0 if distinct == 3 else 3)
