# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: fix of https://github.com/Graviti-AI/tensorbay-python-sdk/pull/545: the segment drops its lock in __getstate__ and makes a new one in __setstate__
import threading
from concurrent.futures import ProcessPoolExecutor


class Segment:
    def __init__(self, name, items):
        self.name = name
        self.items = list(items)
        self._lock = threading.Lock()

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def __len__(self):
        return len(self.items)


def count_items(segment):
    return segment.name, len(segment)


def main():
    segments = [Segment("train", range(5)), Segment("test", range(3))]
    with ProcessPoolExecutor(max_workers=2) as ex:
        futs = [ex.submit(count_items, seg) for seg in segments]
        out = dict(f.result() for f in futs)
    print("RESULT=" + str(out["train"] + out["test"]))


if __name__ == "__main__":
    main()
