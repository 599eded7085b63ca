# family: controlflow
# hazard: pool-results-lost
# line: 25
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: Shape of the "with Pool() as p: p.apply_async(...)" reports collected in https://github.com/apache/rocketmq-client-python/issues/80 (apply_async per message, work silently missing) and the CPython docs warning that Pool.__exit__ calls terminate(): the thumbnailer fires apply_async for every image and leaves the with-block without close()/join() or get(), so the pool is terminated and no thumbnail is ever written.
"""Generate thumbnails for every image in a folder (fire and forget)."""
import multiprocessing
import os
import sys
import tempfile
import time


def make_thumbnail(src, outdir):
    time.sleep(0.5)  # decoding and resizing
    dest = os.path.join(outdir, os.path.basename(src) + ".thumb")
    with open(dest, "w") as fh:
        fh.write("thumb of %s" % src)
    return dest


def generate(images, outdir):
    with multiprocessing.Pool(2) as pool:
        for src in images:
            pool.apply_async(make_thumbnail, (src, outdir))
    return sorted(os.listdir(outdir))


def find_images(folder=None):
    names = ["cat.jpg", "dog.jpg", "owl.png", "notes.txt"]
    return [n for n in names if n.endswith((".jpg", ".png"))]


def main():
    images = find_images()
    with tempfile.TemporaryDirectory() as outdir:
        written = generate(images, outdir)
    print("RESULT=%s" % written)
    return 0 if len(written) == len(images) else 3


if __name__ == "__main__":
    sys.exit(main())
