# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/swansonk14/p_tqdm/issues/33 -- the fix (return instead of mutating; the thread used a Manager dict): workers return their keys and the parent fills its own module-level dict.
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


def keyed(record):
    return key_of(record), record["name"]


class DedupeJob:
    def __init__(self, records, workers=2):
        self.records = records
        self.workers = workers

    def run(self):
        with mp.Pool(self.workers) as pool:
            for key, name in pool.map(keyed, self.records):
                SEEN.setdefault(key, name)
        return len(SEEN)


if __name__ == "__main__":
    distinct = DedupeJob(RECORDS).run()
    print("RESULT=" + str(distinct))
    sys.exit(0 if distinct == 3 else 3)
