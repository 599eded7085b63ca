# family: tqdm
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: tqdm's process_map with a functools.partial of a module-level function, under the main guard; the partial pickles by reference under every start method. The usual fix in threads such as https://github.com/wasserth/TotalSegmentator/issues/335 ("Can't pickle local object 'starargs.<locals>.<lambda>'" through p_map) and tqdm's docs for tqdm.contrib.concurrent (https://tqdm.github.io/docs/contrib.concurrent/).
"""Resize a list of fake images to several target widths with a progress bar."""
import functools

from tqdm.contrib.concurrent import process_map

IMAGES = [(f"img{i}.png", 800 + 37 * i, 600 + 11 * i) for i in range(12)]


def resize(image, width, keep_aspect=True):
    name, w, h = image
    height = round(h * width / w) if keep_aspect else h
    return name, width, height


def batch(width):
    job = functools.partial(resize, width=width)
    return process_map(job, IMAGES, max_workers=2, chunksize=3, disable=True)


def report(rows):
    tallest = max(rows, key=lambda r: r[2])
    return f"tallest: {tallest[0]} ({tallest[2]} px)"


def main():
    summary = {}
    for width in (128, 256):
        rows = batch(width)
        summary[width] = sum(h for _, _, h in rows)
        print(report(rows))
        print(f"width {width}: {len(rows)} images, total height {summary[width]}")
    return summary


if __name__ == "__main__":
    totals = main()
    print("RESULT=" + str(sorted(totals)))
