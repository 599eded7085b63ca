# family: args
# hazard: unpicklable-argument
# line: 31
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: shape of https://github.com/Graviti-AI/tensorbay-python-sdk/pull/545 (TypeError: cannot pickle '_thread.lock' object when a Dataset with threading.Lock members goes into a multiprocess pool)
import threading
from concurrent.futures import ProcessPoolExecutor


class Segment:
    def __init__(self, name, items):
        self.name = name
        self.items = list(items)
        self._lock = threading.Lock()

    def __len__(self):
        return len(self.items)


def count_items(segment):
    return segment.name, len(segment)


def build_dataset():
    return [Segment("train", range(5)), Segment("test", range(3))]


def main():
    segments = build_dataset()
    with ProcessPoolExecutor(max_workers=2) as ex:
        futs = [ex.submit(count_items, seg) for seg in segments]
        out = dict(f.result() for f in futs)
    print("RESULT=" + str(out["train"] + out["test"]))


if __name__ == "__main__":
    main()
