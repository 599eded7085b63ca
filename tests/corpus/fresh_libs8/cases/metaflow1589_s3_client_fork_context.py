# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Netflix/metaflow/pull/1589 -- metaflow's own shape: the worker processes are forked (here an explicit multiprocessing.get_context("fork")), so the boto3 client built once in the parent reaches them by inheritance and nothing is pickled, whatever the platform default start method
"""Presign download URLs for a run's artifacts from several worker processes."""
import multiprocessing as mp
import os
import sys

import boto3

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

BUCKET = "metaflow-datastore-test"


def presign_worker(s3_client, keys, out_q):
    for key in keys:
        url = s3_client.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": key},
                                               ExpiresIn=300)
        out_q.put((key, url.startswith("https://")))


class S3Presigner:
    def __init__(self, num_workers=2):
        self.num_workers = num_workers
        self.s3_client = boto3.client("s3", region_name="us-east-1")

    def presign_all(self, keys):
        ctx = mp.get_context("fork")
        out_q = ctx.Queue()
        shards = [keys[i::self.num_workers] for i in range(self.num_workers)]
        procs = [ctx.Process(target=presign_worker, args=(self.s3_client, shard, out_q)) for shard in shards]
        for proc in procs:
            proc.start()
        results = {}
        for _ in keys:
            try:
                key, ok = out_q.get(timeout=10)
            except Exception:
                break
            results[key] = ok
        for proc in procs:
            proc.join(timeout=5)
        return results


def main():
    keys = ["HelloFlow/%d/start/0/data.pkl" % run for run in range(6)]
    results = S3Presigner(num_workers=2).presign_all(keys)
    print("RESULT=%d" % sum(results.values()))
    return 0 if sum(results.values()) == len(keys) else 3


if __name__ == "__main__":
    sys.exit(main())
