# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: fix shape of https://github.com/wasserth/TotalSegmentator/issues/335: functools.partial of a module-level function, which pickles by reference
from functools import partial

from tqdm.contrib.concurrent import process_map


def save_segmentation(idx, out_dir, tag):
    return f"{out_dir}/{tag}_{idx}"


def predict(ids, settings):
    writer = partial(save_segmentation, out_dir=settings["out"], tag=settings["tag"])
    return process_map(writer, ids, max_workers=2, disable=True)


def main():
    settings = {"out": "/tmp/seg", "tag": "ct"}
    paths = predict(range(4), settings)
    print("RESULT=" + str(len(paths)))


if __name__ == "__main__":
    main()
