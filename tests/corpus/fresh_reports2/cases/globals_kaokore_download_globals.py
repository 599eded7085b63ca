# family: globals
# hazard: parent-state-not-inherited
# line: 40 41 44
# expect: fork=ok spawn=error:TypeError forkserver=error:TypeError
# note: Shape of https://github.com/rois-codh/kaokore/pull/5 ("Fix download.py to work without global variables": "Since Python 3.8 on the macOS version the multiprocessing module does not use spawn anymore so global variables become unavailable in Pools ... I simply pass all necessary variables as arguments instead"): the downloader stores the output folder and the re-download flag in globals set by main(), and the pool's download function reads them.
"""Download the images of a data set listed in a CSV file, several at a time."""
import argparse
import csv
import io
import multiprocessing
import os
import sys
import tempfile

dataset_dir = None
force_redownload = False
redownloading_warning = False


def download_image(row):
    global redownloading_warning
    path = os.path.join(dataset_dir, "images_256", row["image"])
    if os.path.exists(path) and not force_redownload:
        return "skipped"
    if os.path.exists(path):
        redownloading_warning = True
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        fh.write(row["url"])
    return path


def main(argv):
    global dataset_dir, force_redownload
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset_dir", default=tempfile.mkdtemp())
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    dataset_dir = args.dataset_dir
    force_redownload = args.force
    rows = list(csv.DictReader(io.StringIO("image,url\n00000.jpg,http://img.invalid/0\n00001.jpg,http://img.invalid/1\n")))
    with multiprocessing.Pool(args.threads) as pool:
        paths = pool.map(download_image, rows)
    written = [p for p in paths if p != "skipped" and p.startswith(dataset_dir)]
    print("RESULT=%d" % len(written))
    return 0 if len(written) == len(rows) else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
