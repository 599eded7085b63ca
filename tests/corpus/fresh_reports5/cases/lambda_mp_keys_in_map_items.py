# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the working variant from lambda_multiprocessing #1: map the keys (paths) and open each body inside the worker (https://github.com/mdavis-xyz/lambda_multiprocessing/issues/1)
import os
import tempfile
from dataclasses import dataclass
from multiprocessing import Pool


@dataclass
class S3Object:
    key: str
    path: str


def fetch_objects(keys):
    objects = []
    for key in keys:
        path = os.path.join(tempfile.gettempdir(), key)
        with open(path, "wb") as fh:
            fh.write(b"startingtext\n" + key.encode())
        objects.append(S3Object(key, path))
    return objects


def first_line(obj):
    with open(obj.path, "rb") as body:
        return body.readline()


class Handler:
    def __init__(self, keys):
        self.objects = fetch_objects(keys)

    def handle(self):
        with Pool(2) as pool:
            return pool.map(first_line, self.objects)


if __name__ == "__main__":
    handler = Handler(["a.bin", "b.bin"])
    print("RESULT=%s" % handler.handle())
