# family: args
# hazard: unpicklable-argument
# line: 38
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: lambda_multiprocessing #1: an object holding an open binary reader was mapped over a Pool; the maintainer showed the stdlib Pool fails the same way with "cannot pickle '_io.BufferedReader' object" (https://github.com/mdavis-xyz/lambda_multiprocessing/issues/1)
import os
import tempfile
from dataclasses import dataclass
from multiprocessing import Pool


@dataclass
class S3Object:
    key: str
    body: object


def fetch_objects(keys):
    objects = []
    for key in keys:
        path = os.path.join(tempfile.gettempdir(), key)
        with open(path, "wb") as fh:
            fh.write(b"startingtext\n" + key.encode())
        objects.append(S3Object(key, open(path, "rb")))
    return objects


def first_line(obj):
    return obj.body.readline()


class Handler:
    def __init__(self, keys):
        self.objects = fetch_objects(keys)

    def handle(self):
        with Pool(2) as pool:
            return pool.map(first_line, self.objects)


if __name__ == "__main__":
    handler = Handler(["a.bin", "b.bin"])
    print("RESULT=%s" % handler.handle())
