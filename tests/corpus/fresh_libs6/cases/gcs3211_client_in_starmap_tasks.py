# family: args
# hazard: unpicklable-argument
# line: 24
# files: l6kit/gcs.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/googleapis/google-cloud-python/issues/3211 -- a storage Client handed to Pool.starmap with every upload task; clients refuse pickling on purpose ("Pickling client objects is explicitly not supported")
import sys
from multiprocessing import Pool

from l6kit.gcs import make_client

FILES = ["2026/12/01.csv", "2026/12/02.csv", "2026/12/03.csv"]


def plan_upload(client, bucket_name, name):
    blob = client.bucket(bucket_name).blob(name)
    return blob.path


def main(bucket_name="exports"):
    client = make_client()
    tasks = [(client, bucket_name, name) for name in FILES]
    with Pool(2) as pool:
        paths = pool.starmap(plan_upload, tasks)
    print("RESULT=" + ",".join(paths))


if __name__ == "__main__":
    sys.exit(main())
