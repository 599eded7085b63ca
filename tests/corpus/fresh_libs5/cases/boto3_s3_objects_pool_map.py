# family: args
# hazard: unpicklable-argument
# line: 23
# files: l5kit/cloud.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/boto/boto3/issues/2311 -- reading S3 JSON files in parallel: `pool.map(readjson, data_objects)` over boto3 s3.Object resources fails with "_pickle.PicklingError: Can't pickle <class 'boto3.resources.factory.s3.Object'>" (resource classes are generated at run time).
import multiprocessing as mp

from l5kit.cloud import s3_resource

KEYS = ["logs/2020-02-01.json", "logs/2020-02-02.json", "logs/2020-02-03.json"]


def readjson(s3_object):
    return s3_object.key.rsplit("/", 1)[-1]


def load_all(bucket, keys):
    s3 = s3_resource()
    data_objects = [s3.Object(bucket, key) for key in keys]
    pool = mp.Pool(2)
    try:
        frames = pool.map(readjson, data_objects)
    finally:
        pool.close()
        pool.join()
    return frames


if __name__ == "__main__":
    print("RESULT=%d" % len(load_all("my-bucket", KEYS)))
