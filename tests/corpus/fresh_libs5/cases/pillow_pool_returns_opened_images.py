# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python-pillow/Pillow/issues/2995 -- "Multiprocessing and loading images": `p.map(f, impath)` where f returns `Image.open(path)`; PIL images pickle (mode, size and pixel data), so the opened images come back (the thread's failure was specific to the JPEG 2000 plugin of the time). Here through mpire's WorkerPool.
import os
import tempfile

from mpire import WorkerPool
from PIL import Image


def make_images(folder, count):
    paths = []
    for number in range(count):
        path = os.path.join(folder, "img%d.png" % number)
        Image.new("RGB", (8 + number, 8), (number * 40, 0, 0)).save(path)
        paths.append(path)
    return paths


def load(path):
    return Image.open(path)


if __name__ == "__main__":
    paths = make_images(tempfile.mkdtemp(prefix="pil"), 3)
    with WorkerPool(n_jobs=2) as pool:
        images = pool.map(load, paths)
    print("RESULT=%s" % ",".join(str(image.getpixel((0, 0))[0]) for image in images))
