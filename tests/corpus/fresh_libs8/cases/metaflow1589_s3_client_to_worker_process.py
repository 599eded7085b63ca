# family: args
# hazard: unpicklable-argument
# line: 34 36
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/Netflix/metaflow/pull/1589 -- "boto client instantiation outside of call to worker processes": metaflow's S3 helpers hand an already built boto3 client to the worker processes, which works because metaflow forks; this program does the same with multiprocessing.Process under the default start method, where a spawned or forkserver child needs the client pickled ("Can't pickle <class 'botocore.client.S3'>")
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
        out_q = mp.Queue()
        shards = [keys[i::self.num_workers] for i in range(self.num_workers)]
        procs = [mp.Process(target=presign_worker, args=(self.s3_client, shard, out_q)) for shard in shards]
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
