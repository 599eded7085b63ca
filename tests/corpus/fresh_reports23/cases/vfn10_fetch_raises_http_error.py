# family: results
# hazard: unpicklable-result
# line: 42
# files: fr23kit/imagefetch.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/yiling-chen/view-finding-network/issues/10 -- "multiprocessing.pool.MaybeEncodingError: Error sending result: '<multiprocessing.pool.ExceptionWithTraceback object at 0x...>'. Reason: 'TypeError("cannot serialize '_io.BufferedReader' object")'" from "pool.map(fetch_image, URLs)": a download that fails raises urllib's HTTPError, which keeps the open error body, and the pool cannot send that exception back
"""Download the Flickr images of the view-finding data set listed in a manifest, in parallel."""
import argparse
import hashlib
import multiprocessing
import os
import tempfile

from fr23kit import imagefetch

MANIFEST = [
    "https://img.example.org/flickr/1001.jpg",
    "https://img.example.org/flickr/1002.jpg",
    "https://img.example.org/flickr/1003.jpg",
    "https://img.example.org/flickr/1004.jpg",
]


def fetch_image(url):
    """Worker: download one image into the output folder and return its name and digest."""
    response = imagefetch.urlopen(url)
    data = response.read()
    response.close()
    target = os.path.join(OUT_DIR, imagefetch.image_name(url))
    with open(target, "wb") as fh:
        fh.write(data)
    return imagefetch.image_name(url), hashlib.sha1(data).hexdigest()[:8]


OUT_DIR = os.path.join(tempfile.gettempdir(), "vfn_images")


def download_all(urls, processes):
    os.makedirs(OUT_DIR, exist_ok=True)
    pool = multiprocessing.Pool(processes)
    try:
        results = pool.map(fetch_image, urls)
    finally:
        pool.close()
        pool.join()
    return dict(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    images = download_all(MANIFEST, args.processes)
    print(f"RESULT=downloaded={len(images)}")


if __name__ == "__main__":
    main()
