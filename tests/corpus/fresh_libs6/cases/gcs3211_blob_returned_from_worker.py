# family: results
# hazard: unpicklable-return
# line: 17
# files: l6kit/gcs.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/googleapis/google-cloud-python/issues/3211 -- the worker builds its own client (fine) but returns the Blob it made; a blob keeps its bucket and client, so the result cannot be pickled back
import sys
from concurrent.futures import ProcessPoolExecutor

from l6kit.gcs import make_client


def locate(name):
    client = make_client()
    blob = client.bucket("exports").blob(name)
    blob.content_type = "text/csv"
    return blob


def main():
    names = ["a.csv", "b.csv"]
    with ProcessPoolExecutor(max_workers=2) as executor:
        blobs = list(executor.map(locate, names))
    print("RESULT=" + ",".join(b.name for b in blobs))


if __name__ == "__main__":
    sys.exit(main())
