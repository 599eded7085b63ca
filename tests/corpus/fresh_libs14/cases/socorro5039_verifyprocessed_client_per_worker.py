# family: args
# hazard: none
# line: none
# files: l26kit/__init__.py l26kit/crashstore.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/mozilla-services/socorro/pull/5039 -- near miss: the shape the PR moved to, check_crashids(entropy_chunk, date): each worker creates its own boto3 S3 client for its chunk of entropy values, so a task carries only strings
"""Verify that every raw crash of a day has been processed (socorro's verifyprocessed shape)."""
import argparse
import datetime
from multiprocessing import Pool

from l26kit.crashstore import (PROCESSED_CRASH_TEMPLATE, RAW_CRASH_PREFIX_TEMPLATE, build_s3_client,
                               list_keys)

BUCKET = "crashstats-test"


def check_crashids(entropy_chunk, bucket_name, date):
    boto_conn = build_s3_client(bucket_name, entropy_chunk, date)
    missing = []
    for entropy in entropy_chunk:
        raw = list_keys(boto_conn, bucket_name, RAW_CRASH_PREFIX_TEMPLATE % (entropy, date))
        processed = set(list_keys(boto_conn, bucket_name, PROCESSED_CRASH_TEMPLATE % entropy))
        for key in raw:
            crash_id = key.rsplit("/", 1)[-1]
            if PROCESSED_CRASH_TEMPLATE % crash_id not in processed:
                missing.append(crash_id)
    return missing


class VerifyProcessed:
    def __init__(self, num_workers, chunk_size, date):
        self.num_workers = num_workers
        self.chunk_size = chunk_size
        self.date = date

    def entropy_chunks(self, entropies):
        return [entropies[i:i + self.chunk_size] for i in range(0, len(entropies), self.chunk_size)]

    def find_missing(self, entropies):
        chunks = self.entropy_chunks(entropies)
        jobs = [(chunk, BUCKET, self.date) for chunk in chunks]
        with Pool(self.num_workers) as pool:
            results = pool.starmap(check_crashids, jobs)
        return sorted(crash_id for missing in results for crash_id in missing)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--num-workers", type=int, default=2)
    parser.add_argument("--date", default=datetime.date(2019, 11, 20).strftime("%Y%m%d"))
    args = parser.parse_args()
    entropies = ["%03x" % n for n in range(0, 4096, 512)]
    missing = VerifyProcessed(args.num_workers, 3, args.date).find_missing(entropies)
    print(f"RESULT={len(missing)}")


if __name__ == "__main__":
    main()
