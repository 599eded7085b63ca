# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: near miss of https://github.com/wasserth/TotalSegmentator/issues/335: the same lambda through tqdm's thread_map, which pickles nothing
from tqdm.contrib.concurrent import thread_map


def save_segmentation(idx, out_dir, tag):
    return f"{out_dir}/{tag}_{idx}"


def predict(ids, settings):
    writer = lambda i: save_segmentation(i, settings["out"], settings["tag"])
    return thread_map(writer, ids, max_workers=2, disable=True)


def main():
    settings = {"out": "/tmp/seg", "tag": "ct"}
    paths = predict(range(4), settings)
    print("RESULT=" + str(len(paths)))


if __name__ == "__main__":
    main()
