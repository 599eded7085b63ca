# family: callable
# hazard: unpicklable-callable
# line: 48
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 20
# note: https://github.com/pleonard212/pix-plot/issues/8 -- PixPlot's thumbnail generation was a method of the main class, so mapping it over a process pool pickles the whole PixPlot instance (its progress lock included); the maintainer moved the thumbnail function outside the class
"""Build a PixPlot-style image atlas: thumbnails in parallel, then a JSON manifest."""
import argparse
import json
import os
import tempfile
import threading
from multiprocessing import Pool


def make_fake_images(folder, n):
    paths = []
    for i in range(n):
        path = os.path.join(folder, f"img_{i:03d}.ppm")
        with open(path, "w") as fh:
            fh.write(f"P3\n{8 + i} {6 + i}\n255\n" + "0 0 0\n" * ((8 + i) * (6 + i)))
        paths.append(path)
    return paths


class PixPlot:
    def __init__(self, image_files, output_dir, thumb_size=4, workers=2):
        self.image_files = image_files
        self.output_dir = output_dir
        self.thumb_size = thumb_size
        self.workers = workers
        self.progress_lock = threading.Lock()
        self.done = 0

    def resize_thumb(self, image_path):
        with open(image_path) as fh:
            fh.readline()
            width, height = map(int, fh.readline().split())
        scale = self.thumb_size / max(width, height)
        thumb = (max(1, round(width * scale)), max(1, round(height * scale)))
        out = os.path.join(self.output_dir, os.path.basename(image_path) + ".json")
        with open(out, "w") as fh:
            json.dump({"source": image_path, "size": thumb}, fh)
        return thumb

    def create_thumbnails(self):
        with Pool(self.workers) as pool:
            sizes = pool.map(self.resize_thumb, self.image_files)  # ANCHOR
        with self.progress_lock:
            self.done += len(sizes)
        return sizes

    def write_manifest(self, sizes):
        manifest = {os.path.basename(p): s for p, s in zip(self.image_files, sizes)}
        with open(os.path.join(self.output_dir, "manifest.json"), "w") as fh:
            json.dump(manifest, fh)
        return manifest


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=4)
    parser.add_argument("--thumb_size", type=int, default=4)
    opts = parser.parse_args([])
    work = tempfile.mkdtemp(prefix="pixplot_")
    plot = PixPlot(make_fake_images(work, opts.images), work, opts.thumb_size)
    manifest = plot.write_manifest(plot.create_thumbnails())
    print(f"RESULT={len(manifest)},{plot.done}")
    return 0 if plot.done == opts.images else 3


if __name__ == "__main__":
    raise SystemExit(main())
