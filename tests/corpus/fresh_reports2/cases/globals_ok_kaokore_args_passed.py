# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix of https://github.com/rois-codh/kaokore/pull/5 ("I simply pass all necessary variables as arguments instead"): the download function receives the output folder and the re-download flag with each row (a functools.partial of a module-level function), so spawned workers see the parent's options.
"""Download the images of a data set listed in a CSV file, several at a time."""
import argparse
import csv
import functools
import io
import multiprocessing
import os
import sys
import tempfile


def download_image(dataset_dir, force_redownload, row):
    path = os.path.join(dataset_dir, "images_256", row["image"])
    if os.path.exists(path) and not force_redownload:
        return "skipped"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        fh.write(row["url"])
    return path


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset_dir", default=tempfile.mkdtemp())
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    rows = list(csv.DictReader(io.StringIO("image,url\n00000.jpg,http://img.invalid/0\n00001.jpg,http://img.invalid/1\n")))
    with multiprocessing.Pool(args.threads) as pool:
        paths = pool.map(functools.partial(download_image, args.dataset_dir, args.force), rows)
    written = [p for p in paths if p != "skipped" and p.startswith(args.dataset_dir)]
    print("RESULT=%d" % len(written))
    return 0 if len(written) == len(rows) else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
