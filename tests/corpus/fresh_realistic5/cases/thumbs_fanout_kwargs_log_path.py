# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://pythonz2h.com/chapter_09_concurrency_and_parallelism/series_02_multiprocessing_and_parallelism/python-pickling-errors-multiprocessing-serialization-guide -- options collected in a dict and forwarded with **kwargs to submit(); the fix: the option is the log path and each worker opens it.
"""Thumbnail batcher: computes target sizes for a folder of images in parallel."""
import argparse
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor

IMAGES = [("cat.jpg", 1200, 800), ("dog.jpg", 640, 480), ("bird.jpg", 3000, 2000)]


def thumb_size(image, max_side=256, log_path=None):
    name, width, height = image
    scale = max_side / max(width, height)
    size = (round(width * scale), round(height * scale))
    if log_path is not None:
        with open(log_path, "a") as log:
            log.write(f"{name} -> {size}\n")
    return name, size


def fan_out(fn, items, workers=2, **options):
    with ProcessPoolExecutor(max_workers=workers) as ex:
        futures = [ex.submit(fn, item, **options) for item in items]
        return [f.result() for f in futures]


def build_options(args):
    options = {"max_side": args.max_side}
    if args.log:
        options["log_path"] = args.log
    return options


def main():
    cli = argparse.ArgumentParser()
    cli.add_argument("--max-side", type=int, default=128)
    cli.add_argument("--log", default=os.path.join(tempfile.gettempdir(), "thumbs5.log"))
    args = cli.parse_args()
    options = build_options(args)
    sizes = fan_out(thumb_size, IMAGES, **options)
    print("RESULT=" + ";".join(f"{n}:{w}x{h}" for n, (w, h) in sizes))
    return 0 if len(sizes) == 3 else 3


if __name__ == "__main__":
    raise SystemExit(main())
