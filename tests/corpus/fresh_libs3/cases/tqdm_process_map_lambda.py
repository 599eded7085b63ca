# family: callable
# hazard: unpicklable-callable
# line: 17
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: shape of https://github.com/wasserth/TotalSegmentator/issues/335 (a parallel progress-bar map over a partial/lambda: "Can't pickle local object ... <lambda>"), with tqdm.contrib.concurrent.process_map
from functools import partial

from tqdm.contrib.concurrent import process_map


def save_segmentation(idx, out_dir, tag):
    return f"{out_dir}/{tag}_{idx}"


def predict(ids, settings):
    writer = lambda i: save_segmentation(i, settings["out"], settings["tag"])
    return process_map(writer, ids, max_workers=2, disable=True)


def main():
    settings = {"out": "/tmp/seg", "tag": "ct"}
    paths = predict(range(4), settings)
    print("RESULT=" + str(len(paths)))


if __name__ == "__main__":
    main()
