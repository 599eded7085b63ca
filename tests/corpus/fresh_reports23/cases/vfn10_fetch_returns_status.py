# family: results
# hazard: none
# line: none
# files: fr23kit/imagefetch.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/yiling-chen/view-finding-network/issues/10 -- the work-round in the thread ("i add try...catch and it's ok") and PR #12's fix ("close file handles and return only serializable results"): the worker catches HTTPError, closes its body and returns the status code, so every result the pool sends back is plain data
"""Download the Flickr images of the view-finding data set listed in a manifest, in parallel."""
import argparse
import hashlib
import multiprocessing
import os
import tempfile
import urllib.error

from fr23kit import imagefetch

MANIFEST = [
    "https://img.example.org/flickr/1001.jpg",
    "https://img.example.org/flickr/1002.jpg",
    "https://img.example.org/flickr/1003.jpg",
    "https://img.example.org/flickr/1004.jpg",
]

OUT_DIR = os.path.join(tempfile.gettempdir(), "vfn_images_ok")


def fetch_image(url):
    """Worker: download one image; return (name, digest or None, HTTP status)."""
    name = imagefetch.image_name(url)
    try:
        response = imagefetch.urlopen(url)
    except urllib.error.HTTPError as err:
        err.close()
        return name, None, err.code
    data = response.read()
    response.close()
    with open(os.path.join(OUT_DIR, name), "wb") as fh:
        fh.write(data)
    return name, hashlib.sha1(data).hexdigest()[:8], 200


def download_all(urls, processes):
    os.makedirs(OUT_DIR, exist_ok=True)
    pool = multiprocessing.Pool(processes)
    try:
        results = pool.map(fetch_image, urls)
    finally:
        pool.close()
        pool.join()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    results = download_all(MANIFEST, args.processes)
    ok = [name for name, digest, status in results if status == 200]
    missing = [name for name, digest, status in results if status != 200]
    print(f"RESULT=downloaded={len(ok)} missing={','.join(missing)}")


if __name__ == "__main__":
    main()
