# family: args
# hazard: unpicklable-argument
# line: 22
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Reduced from https://github.com/mdavis-xyz/lambda_multiprocessing/issues/1 ("TypeError: cannot pickle '_io.BufferedReader' object": the maintainer shows the standard library fails the same way with `p.map(wr, [br])` where br is an open BufferedReader). Kept: the maintainer's repro shape (BytesIO wrapped in BufferedReader, Pool.map of a readline worker over a list holding the reader), placed in an S3-object-processing function as in the user's AWS Lambda handler; objects are in-memory bytes.
"""Read the header line of each uploaded object in parallel."""
import sys
from io import BufferedReader, BytesIO
from multiprocessing import Pool

OBJECTS = {"a.csv": b"id,name\n1,ann\n", "b.csv": b"id,price\n7,3.5\n"}


def wr(f):
    return f.readline()


def handler(event, context=None):
    readers = [BufferedReader(BytesIO(OBJECTS[key])) for key in event["keys"]]
    try:
        with Pool(2) as p:
            headers = p.map(wr, readers)
    finally:
        for br in readers:
            br.close()
    return {"headers": [h.decode().strip() for h in headers]}


if __name__ == "__main__":
    out = handler({"keys": sorted(OBJECTS)})
    print("RESULT=%s" % out["headers"])
    sys.exit(0)
